use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};

use super::{field_errors, on_success, write_failure, ConfirmNameField};
use crate::{
    api::use_app_api,
    state::notices::use_notices,
    ui::{ButtonVariant, FormShell},
};

/// Deletes the app, then returns to the list.
#[component]
pub fn DeleteForm(
    /// Why the user may not delete the app (not its owner), if so.
    #[prop(default = None)]
    locked: Option<String>,
) -> impl IntoView {
    let api = use_app_api();
    let app = api.name().to_owned();
    let notices = use_notices();
    let fleet = crate::state::fleet::use_fleet();
    let navigate = use_navigate();
    let confirm = RwSignal::new(String::new());

    let delete = Action::new_local(move |typed: &String| {
        let (api, typed) = (api.clone(), typed.clone());
        async move { api.delete_app(&typed).await }
    });
    let deleted = app.clone();
    on_success(delete, move |()| {
        fleet.refetch();
        notices.success(format!("{deleted} was deleted."));
        navigate("/apps", NavigateOptions::default());
    });
    let failure = write_failure(delete, &["current_name"]);
    let confirm_errors = field_errors(failure, "current_name");
    let is_locked = locked.is_some();
    let ready = {
        let expected = app.clone();
        Signal::derive(move || !is_locked && confirm.get() == expected)
    };

    view! {
        <FormShell
            class="danger-zone__item"
            labelled_by="delete-title"
            on_submit=Callback::new(move |_| {
                delete.dispatch(confirm.get_untracked());
            })
            action="Delete app"
            sending_label="Deleting…"
            pending=delete.pending()
            error=failure
            ready
            variant=ButtonVariant::Danger
        >
            <h3 id="delete-title">"Delete the app"</h3>
            <p class="muted">
                "Containers stop, and the app, its settings and its logs are deleted. This cannot be undone."
            </p>
            <ConfirmNameField id="delete-confirm" app=app.clone() value=confirm errors=confirm_errors disabled=is_locked />
        </FormShell>
    }
}
