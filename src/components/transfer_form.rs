use leptos::prelude::*;
use leptos_router::components::A;
use scalingo_api::Collaborator;

use super::{field_errors, on_success, write_failure, ConfirmNameField};
use crate::{
    api::use_app_api,
    logic::routes::{link, settings_href, SettingsSection},
    state::{notices::use_notices, operations::use_operations},
    ui::{ButtonVariant, FormShell},
};

/// Transfers the app to one of its collaborators.
#[component]
pub fn TransferForm(
    collaborators: Vec<Collaborator>,
    /// Why the user may not transfer the app (not its owner), if so.
    #[prop(default = None)]
    locked: Option<String>,
) -> impl IntoView {
    let api = use_app_api();
    let app = api.name().to_owned();
    let is_locked = locked.is_some();
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

    let transfer = Action::new_local(move |(typed, to): &(String, String)| {
        let (api, typed, to) = (api.clone(), typed.clone(), to.clone());
        async move {
            let updated = api.transfer_app(&typed, &to).await?;
            Ok(updated.owner.map(|o| o.email).unwrap_or(to))
        }
    });
    {
        let app = app.clone();
        on_success(transfer, move |new_owner: String| {
            fleet.refetch();
            notices.success(format!("{app} now belongs to {new_owner}."));
            confirm.set(String::new());
            operations.touch(&app);
        });
    }
    let failure = write_failure(transfer, &["current_name"]);
    let confirm_errors = field_errors(failure, "current_name");

    if eligible.is_empty() {
        return view! {
            <section class="danger-zone__item" aria-labelledby="transfer-title">
                <h3 id="transfer-title">"Transfer ownership"</h3>
                <p class="muted">
                    "Only a collaborator who accepted their invitation can become the owner, and this app has none yet: "
                    <A href=link(&settings_href(&app, SettingsSection::Collaborators))>"invite one"</A>
                    "."
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
    let ready = {
        let expected = app.clone();
        Signal::derive(move || !is_locked && !owner.get().is_empty() && confirm.get() == expected)
    };

    view! {
        <FormShell
            class="danger-zone__item"
            labelled_by="transfer-title"
            on_submit=Callback::new(move |_| {
                transfer.dispatch((confirm.get_untracked(), owner.get_untracked()));
            })
            action="Transfer app"
            sending_label="Transferring…"
            pending=transfer.pending()
            error=failure
            ready
            variant=ButtonVariant::Danger
        >
            <h3 id="transfer-title">"Transfer ownership"</h3>
            <p class="muted">"The new owner is billed for the app; you stay a collaborator."</p>
            <div class="field">
                <label for="transfer-owner" class="field__label">"New owner"</label>
                <select id="transfer-owner" class="input" disabled=is_locked on:change:target=move |ev| owner.set(ev.target().value())>
                    {options}
                </select>
            </div>
            <ConfirmNameField id="transfer-confirm" app=app.clone() value=confirm errors=confirm_errors disabled=is_locked />
        </FormShell>
    }
    .into_any()
}
