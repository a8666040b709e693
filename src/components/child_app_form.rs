use leptos::prelude::*;
use scalingo_api::{app_name_errors, App, AppNameKind, NewApp};

use super::{form_error, use_name_availability, AppNameField, NameInput};
use crate::{
    api::use_app_api,
    ui::{ButtonVariant, FormShell, SubmitButton},
};

/// Creates a child app of the page's app (names of 6 to 32 characters),
/// saying while typing whether the name breaks a rule or is taken.
#[component]
pub fn ChildAppForm(on_created: Callback<App>) -> impl IntoView {
    let api = use_app_api();
    // Child app names are unique in the region like any app's: the same
    // dry run as the create dialog tells whether one is taken.
    let check_region = api.region().to_owned();
    let (availability, check_name) = use_name_availability(AppNameKind::Child, move |name| {
        (
            check_region.clone(),
            NewApp {
                name,
                ..Default::default()
            },
        )
    });
    let input = NameInput::new(
        AppNameKind::Child,
        RwSignal::new(String::new()),
        availability,
        check_name,
    );
    let create = Action::new_local(move |typed: &String| {
        let (api, typed) = (api.clone(), typed.clone());
        async move { (typed.clone(), api.create_child_app(&typed).await) }
    });
    Effect::new(move |_| match create.value().get() {
        Some((_, Ok(created))) => {
            input.clear();
            on_created.run(created);
        }
        Some((typed, Err(error))) => {
            let messages = error.field_messages("name");
            if !messages.is_empty() {
                availability.rejected(typed, messages);
            }
        }
        None => {}
    });
    // The name's own messages show beside it (from the availability
    // check); the form says the rest.
    let failure = Memo::new(move |_| {
        if create.pending().get() {
            return None;
        }
        create.value().with(|value| match value {
            Some((_, Err(error))) => Some(form_error(error, &["name"])),
            _ => None,
        })
    });
    let submit = Callback::new(move |()| {
        input.settle();
        let typed = input.typed();
        if !app_name_errors(&typed, AppNameKind::Child).is_empty() {
            return;
        }
        availability.cancel();
        create.dispatch(typed);
    });

    view! {
        <FormShell
            class="card"
            labelled_by="child-create-title"
            on_submit=submit
            action="Create child app"
            sending_label="Creating…"
            pending=create.pending()
            error=failure
            variant=ButtonVariant::Primary
            inline=true
        >
            <h2 id="child-create-title" class="card__title">"Create a child app"</h2>
            <p class="muted">"A child app inherits the owner, stack and project; it is not deployed until you push to it."</p>
            <AppNameField id="child-app-name" input beside=Box::new(|| view! { <SubmitButton /> }.into_any()) />
        </FormShell>
    }
}
