use leptos::prelude::*;

use super::{use_app_data, FormationData};
use crate::components::{AppFacts, ContainerTable, FormationTable, QueryView};

/// Every attribute of the app, its formation and its containers.
#[component]
pub fn OverviewTab() -> impl IntoView {
    let data = use_app_data();
    view! {
        <QueryView
            query=data.app
            what="the app"
            lines=10
            render=move |app| {
                let stacks = move || data.stacks.fresh().unwrap_or_default();
                view! {
                    {move || view! { <AppFacts app=app.clone() stacks=stacks() /> }}
                    <section class="section" aria-labelledby="formation-title">
                        <h2 id="formation-title" class="section__title">"Formation"</h2>
                        <QueryView
                            query=data.formation
                            what="the formation"
                            render=move |(formation, sizes): FormationData| {
                                view! { <FormationTable formation sizes /> }
                            }
                        />
                    </section>
                    <section class="section" aria-labelledby="containers-title">
                        <h2 id="containers-title" class="section__title">"Containers"</h2>
                        <QueryView
                            query=data.containers
                            what="the containers"
                            render=move |containers| view! { <ContainerTable containers /> }
                        />
                    </section>
                }
            }
        />
    }
}
