//! The Settings tab: General (routing, stack, project, danger zone) here,
//! and its other sections, each a page and a chunk of its own.

mod alerts;
mod collaborators;
mod domains;
mod nav;

pub use alerts::AlertsSection;
pub use collaborators::CollaboratorsSection;
pub use domains::DomainsSection;
use nav::SettingsNav;

use leptos::prelude::*;
use scalingo_api::App;

use super::use_app_data;
use crate::logic::routes::SettingsSection;
use crate::{
    api::{session::Session, use_app_api},
    components::{DeleteForm, QueryView, RenameForm, SettingsForm, TransferForm},
    state::query::{use_query, QueryOptions},
};

/// Why the connected user may not rename, transfer or delete `app`, if so:
/// the API allows it to the owner only ("Only the owner…", 403).
fn owner_only_reason(app: &App, session: Session) -> Option<String> {
    let user = session.user()?;
    let owner = app.owner.as_ref()?;
    let same = (!owner.id.is_empty() && owner.id == user.id)
        || (!owner.email.is_empty() && owner.email.eq_ignore_ascii_case(&user.email));
    if same {
        return None;
    }
    let who = if owner.username.is_empty() {
        owner.email.clone()
    } else {
        owner.username.clone()
    };
    Some(format!(
        "Only the app's owner, {who}, can rename, transfer or delete it: you are a collaborator."
    ))
}

/// Routing switches, stack and project, and the danger zone. In read-only
/// mode the settings are shown as they are, without their controls.
#[component]
pub fn SettingsTab() -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let preferences = crate::state::preferences::use_preferences();
    let session = api.client().session();
    let projects = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.client().projects(api.region()).await }
            },
            QueryOptions::default(),
        )
    };
    let collaborators = data.collaborators();
    view! {
        <SettingsNav name=data.name() current=SettingsSection::General />
        <QueryView
            query=data.app
            what="the settings"
            lines=6
            render=move |app: App| {
                let read_only = preferences.read_only();
                let settings = {
                    let app = app.clone();
                    move || {
                        let stacks = data.stacks.fresh().unwrap_or_default();
                        let projects = projects.fresh().unwrap_or_default();
                        view! { <SettingsForm app=app.clone() stacks projects read_only /> }
                    }
                };
                let danger = if read_only {
                    view! {
                        <p class="notice notice--info" role="status">
                            "Read-only mode: the settings are shown as they are; changing them, renaming, transferring and deleting are turned off."
                        </p>
                    }
                        .into_any()
                } else {
                    let locked = owner_only_reason(&app, session);
                    let transfer = {
                        let locked = locked.clone();
                        move || {
                            let collaborators = collaborators.fresh().unwrap_or_default();
                            view! { <TransferForm collaborators locked=locked.clone() /> }
                        }
                    };
                    view! {
                        <section class="section danger-zone" aria-labelledby="danger-title">
                            <h2 id="danger-title" class="section__title">"Danger zone"</h2>
                            {locked
                                .clone()
                                .map(|reason| view! { <p class="notice notice--info owner-only" role="note">{reason}</p> })}
                            <div class="danger-zone__items">
                                <RenameForm locked=locked.clone() />
                                {transfer}
                                <DeleteForm locked />
                            </div>
                        </section>
                    }
                        .into_any()
                };
                view! {
                    <div class="cards cards--settings">{settings}</div>
                    {danger}
                }
            }
        />
    }
}
