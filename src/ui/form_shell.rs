use leptos::prelude::*;

use super::{Button, ButtonVariant};

/// What a form shows when a submission fails: a message for the form, and
/// messages per field (the API's 422), in words for people.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormError {
    /// What does not belong to one field, if anything.
    pub message: Option<String>,
    /// (field, messages).
    pub fields: Vec<(String, Vec<String>)>,
}

impl FormError {
    /// The messages of `field`.
    pub fn field(&self, field: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(name, _)| name == field)
            .flat_map(|(_, messages)| messages.iter().cloned())
            .collect()
    }
}

/// What the submit button of a form shows.
#[derive(Clone)]
struct Submit {
    action: Signal<String>,
    sending_label: Signal<String>,
    pending: Signal<bool>,
    ready: Signal<bool>,
    variant: ButtonVariant,
}

/// The shell of every form that sends a change: its fields (children), the
/// form's error (`role="alert"`), and its submit button, which says the
/// form is being sent and stays disabled meanwhile (or while `ready` is
/// false). What was typed is the children's: a failure never clears it.
///
/// A form whose button sits beside a field (`inline`) places
/// [`SubmitButton`] among its children instead.
#[component]
pub fn FormShell(
    /// Called with the submit event already prevented.
    on_submit: Callback<()>,
    /// The label of the submit button, e.g. "Rename app".
    #[prop(into)]
    action: Signal<String>,
    /// Its label while the change is sent, e.g. "Renaming…".
    #[prop(into)]
    sending_label: Signal<String>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into, optional)] error: Signal<Option<FormError>>,
    /// Whether the form may be sent (typed confirmation, valid fields…).
    #[prop(into, default = Signal::stored(true))]
    ready: Signal<bool>,
    #[prop(optional)] variant: ButtonVariant,
    /// Classes of the `<form>` element.
    #[prop(into, optional)]
    class: String,
    /// The id of the form's heading (its accessible name).
    #[prop(optional)]
    labelled_by: Option<&'static str>,
    /// Extra buttons beside the submit one (Cancel…).
    #[prop(optional)]
    actions: Option<ChildrenFn>,
    /// What follows the row of actions (a hint beside the form's purpose).
    #[prop(optional)]
    footer: Option<Children>,
    /// The children hold the [`SubmitButton`]; no row of actions below.
    #[prop(optional)]
    inline: bool,
    children: Children,
) -> impl IntoView {
    provide_context(Submit {
        action,
        sending_label,
        pending,
        ready,
        variant,
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || !ready.get_untracked() {
            return;
        }
        on_submit.run(());
    };
    let message = move || {
        error
            .get()
            .and_then(|e| e.message)
            .filter(|m| !m.is_empty())
            .map(|m| view! { <p class="form__error" role="alert">{m}</p> })
    };
    view! {
        <form class=format!("form {class}") aria-labelledby=labelled_by on:submit=submit novalidate>
            {children()}
            {message}
            {(!inline).then(|| view! {
                <div class="form__actions">
                    {actions.map(|a| a())}
                    <SubmitButton />
                </div>
            })}
            {footer.map(|f| f())}
        </form>
    }
}

/// The submit button of the [`FormShell`] around it.
#[component]
pub fn SubmitButton() -> impl IntoView {
    let Submit {
        action,
        sending_label,
        pending,
        ready,
        variant,
    } = expect_context::<Submit>();
    view! {
        <Button variant submit=true disabled=Signal::derive(move || pending.get() || !ready.get())>
            {move || if pending.get() { sending_label.get() } else { action.get() }}
        </Button>
    }
}
