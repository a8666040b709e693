use leptos::prelude::*;

use super::use_app_data;
use crate::{
    api::use_api,
    components::{AsyncView, DeleteForm, RenameForm, SettingsForm, TransferForm},
};

/// Routing switches, stack and project, and the danger zone.
#[component]
pub fn SettingsTab() -> impl IntoView {
    let data = use_app_data();
    let client = use_api();
    let projects = LocalResource::new({
        let client = client.clone();
        move || {
            let (client, region) = (client.clone(), data.region());
            async move { client.projects(&region).await }
        }
    });
    let collaborators = LocalResource::new(move || {
        let (client, app, region) = (client.clone(), data.name(), data.region());
        async move { client.collaborators(&region, &app).await }
    });
    view! {
        <AsyncView
            resource=data.app
            what="the settings"
            lines=6
            render=move |app| {
                if crate::state::preferences::use_preferences().read_only() {
                    return view! {
                        <p class="notice notice--info" role="status">
                            "Read-only mode: settings, rename, transfer and delete are turned off. The app's settings are on the Overview tab."
                        </p>
                    }
                        .into_any();
                }
                let region = data.region();
                let settings = {
                    let (app, region) = (app.clone(), region.clone());
                    move || {
                        let stacks = data.stacks.get().and_then(Result::ok).unwrap_or_default();
                        let projects = projects.get().and_then(Result::ok).unwrap_or_default();
                        view! { <SettingsForm app=app.clone() region=region.clone() stacks projects /> }
                    }
                };
                let transfer = {
                    let (name, region) = (app.name.clone(), region.clone());
                    move || {
                        let collaborators = collaborators.get().and_then(Result::ok).unwrap_or_default();
                        view! { <TransferForm app=name.clone() region=region.clone() collaborators /> }
                    }
                };
                view! {
                    <div class="cards cards--settings">{settings}</div>
                    <section class="section danger-zone" aria-labelledby="danger-title">
                        <h2 id="danger-title" class="section__title">"Danger zone"</h2>
                        <div class="danger-zone__items">
                            <RenameForm app=app.name.clone() region=region.clone() />
                            {transfer}
                            <DeleteForm app=app.name.clone() region />
                        </div>
                    </section>
                }
                    .into_any()
            }
        />
    }
}
