use leptos::prelude::*;
use scalingo_api::Collaborator;

use super::ConfirmNameField;
use crate::{
    api::{use_api, ApiError},
    logic::form_errors::{field_messages, other_messages},
    state::{notices::use_notices, operations::use_operations},
};

/// Transfers the app to one of its collaborators.
#[component]
pub fn TransferForm(
    app: String,
    region: String,
    collaborators: Vec<Collaborator>,
    /// Why the user may not transfer the app (not its owner), if so.
    #[prop(default = None)]
    locked: Option<String>,
) -> impl IntoView {
    let is_locked = locked.is_some();
    let expected = app.clone();
    let client = use_api();
    let notices = use_notices();
    let fleet = crate::state::fleet::use_fleet();
    let operations = use_operations();
    let eligible: Vec<Collaborator> = collaborators
        .into_iter()
        .filter(Collaborator::can_receive_ownership)
        .collect();
    let owner = RwSignal::new(
        eligible
            .first()
            .map(|c| c.email.clone())
            .unwrap_or_default(),
    );
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
            let (client, app, region) = (client.clone(), app.clone(), region.clone());
            let (to, typed) = (owner.get_untracked(), confirm.get_untracked());
            sending.set(true);
            failure.set(None);
            leptos::task::spawn_local(async move {
                match client.transfer_app(&region, &app, &typed, &to).await {
                    Ok(updated) => {
                        fleet.refetch();
                        let new_owner = updated.owner.map(|o| o.email).unwrap_or(to);
                        notices.success(format!("{app} now belongs to {new_owner}."));
                        confirm.set(String::new());
                        operations.touch(&app);
                    }
                    Err(error) => failure.set(Some(error)),
                }
                sending.set(false);
            });
        }
    };

    if eligible.is_empty() {
        return view! {
            <section class="danger-zone__item" aria-labelledby="transfer-title">
                <h3 id="transfer-title">"Transfer ownership"</h3>
                <p class="muted">
                    "Only a collaborator who accepted their invitation can become the owner, and this app has none yet."
                </p>
            </section>
        }
        .into_any();
    }
    let options = eligible
        .into_iter()
        .map(|c| {
            let label = if c.username.is_empty() || c.username == "n/a" {
                c.email.clone()
            } else {
                format!("{} <{}>", c.username, c.email)
            };
            view! { <option value=c.email.clone()>{label}</option> }
        })
        .collect_view();

    view! {
        <form class="danger-zone__item form" on:submit=submit aria-labelledby="transfer-title">
            <h3 id="transfer-title">"Transfer ownership"</h3>
            <p class="muted">"The new owner is billed for the app; you stay a collaborator."</p>
            <div class="field">
                <label for="transfer-owner" class="field__label">"New owner"</label>
                <select id="transfer-owner" class="input" disabled=is_locked on:change:target=move |ev| owner.set(ev.target().value())>
                    {options}
                </select>
            </div>
            <ConfirmNameField id="transfer-confirm" app=app.clone() value=confirm errors=confirm_errors disabled=is_locked />
            {move || general().map(|message| view! { <p class="form__error" role="alert">{message}</p> })}
            <div class="form__actions">
                <button
                    type="submit"
                    class="button button--danger"
                    disabled=move || {
                        is_locked || sending.get() || owner.get().is_empty() || confirm.get() != expected
                    }
                >
                    {move || if sending.get() { "Transferring…" } else { "Transfer app" }}
                </button>
            </div>
        </form>
    }
    .into_any()
}
