//! The Deploy tab (the history, a deployment from an archive, the build
//! cache) and a deployment's page with its build output.

mod deployment;
mod failed_summary;
mod follow;

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use scalingo_api::Deployment;

use super::use_app_data;
use crate::{
    api::use_app_api,
    chunks::{prefetch, Part},
    components::{DeployForm, DeploymentList, QueryView},
    logic::routes::{app_href, deployment_href, link, Tab},
    state::{
        notices::use_notices,
        preferences::use_preferences,
        query::{use_query, QueryOptions},
    },
    ui::{Button, ButtonVariant, ConfirmDialog},
};
pub use deployment::DeploymentPage;
use failed_summary::FailedSummary;

/// Deployments per page.
const PER_PAGE: u64 = 20;
/// How often the history is read again while the tab is open: a push
/// from a laptop or CI shows up without a reload.
const HISTORY_REFRESH: Duration = Duration::from_secs(20);

/// The deployment history (page in the URL), the last failure's phase and
/// last lines, deploying an archive and resetting the build cache.
#[component]
pub fn DeployTab() -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let notices = use_notices();
    let read_only = use_preferences().read_only();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.parse::<u64>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    });
    let history = {
        let api = api.clone();
        use_query(
            move || Some(page.get()),
            move |page| {
                let api = api.clone();
                async move { api.deployments(page, PER_PAGE).await }
            },
            QueryOptions::polled(HISTORY_REFRESH),
        )
    };
    let name = data.name();
    let base = app_href(&name, Tab::Deploy);
    let page_href = Callback::new(move |n: u64| {
        if n <= 1 {
            base.clone()
        } else {
            format!("{base}?page={n}")
        }
    });
    let navigate = use_navigate();
    let on_started = Callback::new(move |deployment: Deployment| {
        notices.success("Deployment started: its output follows.");
        navigate(
            &link(&deployment_href(&data.name(), &deployment.id)),
            NavigateOptions::default(),
        );
    });

    let confirm_reset = RwSignal::new(false);
    let reset = Action::new_local(move |()| {
        let api = api.clone();
        async move { api.reset_build_cache().await }
    });
    Effect::new(move |_| match reset.value().get() {
        Some(Ok(())) => {
            notices.success("Build cache reset: the next deployment builds from scratch.")
        }
        Some(Err(error)) => notices.error(format!("Could not reset the build cache: {error}")),
        None => {}
    });

    let git_source = move || data.app.fresh().and_then(|app| app.git_source);
    let app_name = name.clone();
    let render = move |page_data: crate::api::DeploymentsPage| {
        let latest = (page.get_untracked() == 1)
            .then(|| page_data.deployments.first().cloned())
            .flatten()
            .filter(|d| d.status.is_failure());
        view! {
            {latest.map(|deployment| view! { <FailedSummary deployment /> })}
            <div on:pointerenter=|_| prefetch(Part::Deployment) on:focusin=|_| prefetch(Part::Deployment)>
                <DeploymentList app=app_name.clone() git_source=git_source() page=page_data page_href />
            </div>
        }
    };
    view! {
        <section class="section" aria-labelledby="deployments-title">
            <h2 id="deployments-title" class="section__title">"Deployments"</h2>
            <QueryView query=history what="the deployments" lines=8 render />
        </section>
        {(!read_only).then(|| view! {
            <div class="cards cards--deploy">
                <DeployForm on_started />
                <section class="card" aria-labelledby="cache-title">
                    <h2 id="cache-title" class="card__title">"Build cache"</h2>
                    <p class="muted">"Dependencies downloaded by earlier builds are kept to make builds faster. Reset it when a build keeps failing on a stale dependency."</p>
                    <div class="form__actions">
                        <Button
                            variant=ButtonVariant::Danger
                            disabled=reset.pending()
                            on:click=move |_| confirm_reset.set(true)
                        >
                            {move || if reset.pending().get() { "Resetting…" } else { "Reset the build cache" }}
                        </Button>
                    </div>
                    <ConfirmDialog
                        open=confirm_reset
                        id="cache-reset"
                        title="Reset the build cache?"
                        message="The next deployment downloads and builds every dependency again, which takes longer. Running containers are not affected."
                        confirm_label="Reset the cache"
                        on_confirm=Callback::new(move |()| { reset.dispatch(()); })
                    />
                </section>
            </div>
        })}
    }
}
