//! The name field of a new app or child app: the naming rules said while
//! typing (not "too short" before the user is done), the API's answer on
//! whether the name is free, and its own refusals beside the field.

use leptos::{html, prelude::*};
use scalingo_api::AppNameKind;

use super::NameAvailability;
use crate::logic::name_check::{feedback, NameFeedback, Progress};

/// A name being typed: what was typed, how far along the user is, and what
/// to say of it. `Copy`.
#[derive(Clone, Copy)]
pub struct NameInput {
    pub name: RwSignal<String>,
    pub progress: RwSignal<Progress>,
    /// What the field says (its errors block a submission).
    pub shown: Memo<NameFeedback>,
    kind: AppNameKind,
    check: Callback<String>,
}

impl NameInput {
    /// The field of `name`, of `kind`, asked about with `check` as it is
    /// typed.
    pub fn new(
        kind: AppNameKind,
        name: RwSignal<String>,
        availability: NameAvailability,
        check: Callback<String>,
    ) -> Self {
        let progress = RwSignal::new(Progress::Untouched);
        let shown = Memo::new(move |_| {
            availability.verdict.with(|(checked, verdict)| {
                feedback(&name.get(), kind, progress.get(), checked, verdict)
            })
        });
        NameInput {
            name,
            progress,
            shown,
            kind,
            check,
        }
    }

    /// The name as it would be sent.
    pub fn typed(&self) -> String {
        self.name.get_untracked().trim().to_owned()
    }

    /// Every rule applies from now on (the form is being sent).
    pub fn settle(&self) {
        self.progress.set(Progress::Settled);
    }

    /// Starts over after a creation.
    pub fn clear(&self) {
        self.name.set(String::new());
        self.progress.set(Progress::Untouched);
    }
}

#[component]
pub fn AppNameField(
    id: &'static str,
    input: NameInput,
    /// The `<input>`, for the form to focus it.
    #[prop(optional)]
    node_ref: Option<NodeRef<html::Input>>,
    #[prop(optional)] autofocus: bool,
    /// What stands beside the input (a submit button).
    #[prop(optional)]
    beside: Option<Children>,
) -> impl IntoView {
    let NameInput {
        name,
        progress,
        shown,
        kind,
        check,
    } = input;
    let help_id = format!("{id}-help");
    let feedback_id = format!("{id}-feedback");
    let help = format!(
        "{} to {} characters: lowercase letters, digits and single hyphens, not at either end.",
        kind.min_len(),
        kind.max_len()
    );
    let field = view! {
        <input
            id=id
            node_ref=node_ref.unwrap_or_default()
            class="input mono"
            type="text"
            name="name"
            autocomplete="off"
            spellcheck="false"
            autofocus=autofocus
            aria-describedby=format!("{help_id} {feedback_id}")
            aria-invalid=move || (!shown.with(|s| s.errors.is_empty())).to_string()
            prop:value=move || name.get()
            on:input:target=move |ev| {
                let value = ev.target().value();
                if progress.get_untracked() == Progress::Untouched {
                    progress.set(Progress::Typing);
                }
                name.set(value.clone());
                check.run(value.trim().to_owned());
            }
            // Also fired when the form goes away with the focus in the
            // field (a dialog closing on Enter): after that, nothing here
            // may be read.
            on:blur=move |_| {
                if progress.try_get_untracked() == Some(Progress::Typing) {
                    progress.try_set(Progress::Settled);
                }
            }
        />
    };
    view! {
        <div class="field">
            <label for=id class="field__label">"Name"</label>
            {match beside {
                Some(beside) => view! { <div class="inline-form">{field}{beside()}</div> }.into_any(),
                None => field.into_any(),
            }}
            <p id=help_id class="field__help">{help}</p>
            <div id=feedback_id aria-live="polite">
                <ul class="field__errors">
                    {move || shown.get().errors.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
                {move || shown.get().note.map(|note| view! { <p class="field__note">{note}</p> })}
            </div>
        </div>
    }
}
