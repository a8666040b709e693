//! The parts of the dashboard whose code is loaded when first needed: each
//! app tab is a chunk of its own (the app list, the shell and the connect
//! screen are the first load). `crates/scalingo-wasm-build` cuts the module
//! at these functions; elsewhere (host tests) they are plain calls.
//!
//! A chunk that fails to load (the network is cut, a redeploy removed it)
//! is an error with a Retry, never a crash; a later visit tries again.

use std::{future::Future, pin::Pin};

use leptos::{prelude::*, wasm_split::SplitLoaderError};

use crate::{
    logic::routes::Tab,
    pages::app::{
        ActivityTab, ChildAppsTab, ContainersTab, LogsTab, MetricsTab, OverviewTab, SettingsTab,
    },
    ui::{ErrorPanel, Skeleton},
};

/// What a chunk gives: the function that draws its view (called in the
/// place of the view, so that it sees the page's context).
type Draw = fn() -> AnyView;
type Loading = Pin<Box<dyn Future<Output = Result<Draw, SplitLoaderError>>>>;

/// Declares a chunk: the function that loads it (and gives its view), the
/// one that only fetches it, and a component that shows it.
macro_rules! chunk {
    ($(#[$doc:meta])* $component:ident, $load:ident, $prefetch:ident, $view:ident, $what:literal) => {
        #[leptos::wasm_split::wasm_split(
            $load,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[doc(hidden)] $prefetch),
            fallible
        )]
        fn $load() -> Result<Draw, SplitLoaderError> {
            Ok(|| view! { <$view /> }.into_any())
        }

        $(#[$doc])*
        #[component]
        pub fn $component() -> impl IntoView {
            view! { <ChunkView load=|| Box::pin($load()) what=$what /> }
        }
    };
}

chunk!(
    LazyOverview,
    overview_tab,
    prefetch_overview,
    OverviewTab,
    "the overview"
);
chunk!(
    LazyContainers,
    containers_tab,
    prefetch_containers,
    ContainersTab,
    "the containers tab"
);
chunk!(LazyLogs, logs_tab, prefetch_logs, LogsTab, "the logs tab");
chunk!(
    LazyMetrics,
    metrics_tab,
    prefetch_metrics,
    MetricsTab,
    "the metrics tab"
);
chunk!(
    LazyActivity,
    activity_tab,
    prefetch_activity,
    ActivityTab,
    "the activity tab"
);
chunk!(
    LazyChildApps,
    child_apps_tab,
    prefetch_child_apps,
    ChildAppsTab,
    "the child apps tab"
);
chunk!(
    LazySettings,
    settings_tab,
    prefetch_settings,
    SettingsTab,
    "the settings"
);

/// Fetches the chunk of `tab` without drawing it.
async fn fetch_chunk(tab: Tab) -> Result<(), SplitLoaderError> {
    match tab {
        Tab::Overview => prefetch_overview().await,
        Tab::Containers => prefetch_containers().await,
        Tab::Logs => prefetch_logs().await,
        Tab::Metrics => prefetch_metrics().await,
        Tab::Activity => prefetch_activity().await,
        Tab::ChildApps => prefetch_child_apps().await,
        Tab::Settings => prefetch_settings().await,
    }
}

/// Fetches the chunk of `tab` (when a link to it is hovered or focused).
/// A failure is left for the visit to report.
pub fn prefetch(tab: Tab) {
    leptos::task::spawn_local(async move {
        let _ = fetch_chunk(tab).await;
    });
}

/// Fetches every chunk, one after the other, once the page has settled: a
/// tab then opens as fast as if it were in the first load.
pub fn prefetch_all_when_idle() {
    set_timeout(
        || {
            // Marked for the end-to-end tests: what the first load fetched
            // is what came before this.
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark(PREFETCH_MARK);
            }
            leptos::task::spawn_local(async {
                for tab in Tab::ALL {
                    let _ = fetch_chunk(tab).await;
                }
            })
        },
        IDLE_AFTER,
    );
}

/// The performance mark set when the prefetching of every chunk starts.
pub const PREFETCH_MARK: &str = "chunks-prefetch";

/// How long after start-up the page is taken to have settled.
const IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// A view from a chunk: a skeleton while it loads, an error and Retry if
/// it cannot be loaded.
#[component]
fn ChunkView(load: fn() -> Loading, what: &'static str) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        attempt.track();
        load()
    });
    move || {
        match loaded.get() {
        Some(Ok(draw)) => draw(),
        Some(Err(error)) => view! {
            <ErrorPanel
                title=format!("Could not load {what}")
                message=format!("Its code did not arrive ({error}): the connection may be down, or a new version of the dashboard was published.")
                on_retry=Callback::new(move |()| attempt.update(|n| *n += 1))
            />
        }
        .into_any(),
        None => view! { <Skeleton lines=6 label=format!("Loading {what}…") /> }.into_any(),
    }
    }
}
