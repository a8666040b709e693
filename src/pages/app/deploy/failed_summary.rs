use leptos::prelude::*;
use leptos_router::components::A;
use scalingo_api::Deployment;

use super::super::use_app_data;
use crate::{
    api::use_app_api,
    components::{BuildOutputLines, DeploymentBadge},
    logic::{
        build_output::last_lines,
        routes::{deployment_href, link},
    },
    state::query::{use_query, QueryOptions},
};

/// Lines of a failed build shown on the tab.
const LAST_LINES: usize = 12;

/// The last deployment failed: in which phase, and the last lines of its
/// output, without opening it.
#[component]
pub fn FailedSummary(deployment: Deployment) -> impl IntoView {
    let api = use_app_api();
    let data = use_app_data();
    let id = deployment.id.clone();
    let output = use_query(
        {
            let id = id.clone();
            move || Some(id.clone())
        },
        move |id: String| {
            let api = api.clone();
            async move { api.deployment_output(&id).await }
        },
        QueryOptions::default(),
    );
    let href = link(&deployment_href(&data.name(), &id));
    let status = deployment.status.clone();
    let lines = Signal::derive(move || {
        output
            .fresh()
            .map(|text| last_lines(&text, LAST_LINES))
            .unwrap_or_default()
    });
    view! {
        <section class="card failed-deployment" aria-labelledby="failed-title">
            <h3 id="failed-title" class="card__title">
                "The last deployment failed: " {status.phase_label().to_owned()}
            </h3>
            <p>
                <DeploymentBadge status=status.clone() />
                " "
                <A href=href>"Open its full output"</A>
            </p>
            <BuildOutputLines lines />
        </section>
    }
}
