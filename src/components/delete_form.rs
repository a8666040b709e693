use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};

use super::ConfirmNameField;
use crate::{
    api::{use_api, ApiError},
    logic::form_errors::{field_messages, other_messages},
    state::notices::use_notices,
};

/// Deletes the app, then returns to the list.
#[component]
pub fn DeleteForm(
    app: String,
    region: String,
    /// Why the user may not delete the app (not its owner), if so.
    #[prop(default = None)]
    locked: Option<String>,
) -> impl IntoView {
    let is_locked = locked.is_some();
    let expected = app.clone();
    let client = use_api();
    let notices = use_notices();
    let fleet = crate::state::fleet::use_fleet();
    let navigate = use_navigate();
    let confirm = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);
    let sending = RwSignal::new(false);

    let confirm_errors = Signal::derive(move || match failure.get() {
        Some(ApiError::Http {
            status: 422, body, ..
        }) => field_messages(&body, "current_name"),
        _ => Vec::new(),
    });
    let general = move || match failure.get() {
        Some(ApiError::Http {
            status: 422, body, ..
        }) => other_messages(&body, &["current_name"]),
        Some(other) => Some(other.to_string()),
        None => None,
    };

    let submit = {
        let app = app.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (client, app, region, navigate) = (
                client.clone(),
                app.clone(),
                region.clone(),
                navigate.clone(),
            );
            let typed = confirm.get_untracked();
            sending.set(true);
            failure.set(None);
            leptos::task::spawn_local(async move {
                match client.delete_app(&region, &app, &typed).await {
                    Ok(()) => {
                        fleet.refetch();
                        notices.success(format!("{app} was deleted."));
                        navigate("/apps", NavigateOptions::default());
                    }
                    Err(error) => {
                        failure.set(Some(error));
                        sending.set(false);
                    }
                }
            });
        }
    };

    view! {
        <form class="danger-zone__item form" on:submit=submit aria-labelledby="delete-title">
            <h3 id="delete-title">"Delete the app"</h3>
            <p class="muted">
                "Containers stop, and the app, its settings and its logs are deleted. This cannot be undone."
            </p>
            <ConfirmNameField id="delete-confirm" app=app.clone() value=confirm errors=confirm_errors disabled=is_locked />
            {move || general().map(|message| view! { <p class="form__error" role="alert">{message}</p> })}
            <div class="form__actions">
                <button
                    type="submit"
                    class="button button--danger"
                    disabled=move || is_locked || sending.get() || confirm.get() != expected
                >
                    {move || if sending.get() { "Deleting…" } else { "Delete app" }}
                </button>
            </div>
        </form>
    }
}
