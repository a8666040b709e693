//! An application's page: a header, tabs, and the data the tabs share.

mod activity;
mod child_apps;
mod containers;
mod logs;
mod metrics;
mod overview;
mod settings;

use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::{components::A, hooks::use_params_map};
use scalingo_api::{App, AppStatus, Container, ContainerSize, ContainerType, Stack};

use super::NotFound;
use crate::{
    api::{use_api, ApiError, RecentReads},
    components::{AsyncView, ExternalLink, StatusBadge},
    logic::routes::{app_href, app_tab, APP_TABS},
    state::operations::{use_operations, Operations},
};

pub type FormationData = (Vec<ContainerType>, Vec<ContainerSize>);

/// What the tabs of an app page share: its name, region and resources.
/// The resources reload whenever the tracker marks the app as changed.
#[derive(Clone, Copy)]
pub struct AppData {
    pub name: StoredValue<String>,
    pub region: StoredValue<String>,
    pub app: LocalResource<Result<App, ApiError>>,
    pub formation: LocalResource<Result<FormationData, ApiError>>,
    pub containers: LocalResource<Result<Vec<Container>, ApiError>>,
    pub stacks: LocalResource<Result<Vec<Stack>, ApiError>>,
    /// Forgotten on refresh: a refresh asks the API, not a recent answer.
    pub reads: RecentReads,
}

impl AppData {
    pub fn name(&self) -> String {
        self.name.get_value()
    }

    pub fn region(&self) -> String {
        self.region.get_value()
    }

    pub fn refresh(&self) {
        self.reads.forget();
        self.app.refetch();
        self.formation.refetch();
        self.containers.refetch();
    }

    /// Why an action that starts an operation cannot be taken now, if so.
    pub fn blocked(&self, operations: Operations) -> Option<String> {
        let name = self.name();
        if let Some(op) = operations.running_on(&name) {
            return Some(format!(
                "“{}” is still running: other operations on this app wait until it ends.",
                op.label
            ));
        }
        let status = self
            .app
            .get()
            .and_then(Result::ok)
            .and_then(|app| app.status);
        match status {
            Some(status @ (AppStatus::Scaling | AppStatus::Restarting | AppStatus::Booting)) => {
                Some(format!(
                    "The app is {status}: other operations wait until it is running again."
                ))
            }
            _ => None,
        }
    }
}

/// `/apps/:name` and `/apps/:name/:tab`.
#[component]
pub fn AppPage() -> impl IntoView {
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name").unwrap_or_default()));
    let tab = Memo::new(move |_| params.with(|p| app_tab(p.get("tab").as_deref())));
    // Keyed on the name only: switching tabs keeps the loaded data.
    move || {
        let name = name.get();
        view! { <AppSections name tab /> }
    }
}

fn load_data(name: String, region: String) -> AppData {
    let client = use_api();
    let operations = use_operations();
    let resource_name = name.clone();
    let resource_region = region.clone();
    // Reading the app's data version makes every resource reload after an
    // operation or a change on this app.
    let args = move || {
        operations.data_version(&resource_name);
        (
            client.clone(),
            resource_region.clone(),
            resource_name.clone(),
        )
    };
    let app = LocalResource::new({
        let args = args.clone();
        move || {
            let (client, region, name) = args();
            async move { client.app(&region, &name).await }
        }
    });
    let formation = LocalResource::new({
        let args = args.clone();
        move || {
            let (client, region, name) = args();
            async move {
                let (formation, sizes) = futures::future::join(
                    client.formation(&region, &name),
                    client.container_sizes(&region),
                )
                .await;
                // Sizes only add memory and prices: the formation stands without them.
                Ok::<_, ApiError>((formation?, sizes.unwrap_or_default()))
            }
        }
    });
    let containers = LocalResource::new({
        let args = args.clone();
        move || {
            let (client, region, name) = args();
            async move { client.containers(&region, &name).await }
        }
    });
    let client = use_api();
    let stacks_region = region.clone();
    let stacks = LocalResource::new(move || {
        let (client, region) = (client.clone(), stacks_region.clone());
        async move { client.stacks(&region).await }
    });
    AppData {
        name: StoredValue::new(name),
        region: StoredValue::new(region),
        app,
        formation,
        containers,
        stacks,
        reads: use_api().recent_reads(),
    }
}

/// Finds the app's region, then shows the app.
#[component]
fn AppSections(name: String, tab: Memo<Option<&'static str>>) -> impl IntoView {
    let client = use_api();
    let fleet = crate::state::fleet::use_fleet();
    let lookup = name.clone();
    let region = LocalResource::new(move || {
        let (client, name) = (client.clone(), lookup.clone());
        async move { crate::state::fleet::resolve_region(&client, fleet, &name).await }
    });
    view! {
        <AsyncView
            resource=region
            what="the app"
            lines=10
            render=move |region| view! { <AppInRegion name=name.clone() region tab /> }
        />
    }
}

#[component]
fn AppInRegion(name: String, region: String, tab: Memo<Option<&'static str>>) -> impl IntoView {
    let data = load_data(name.clone(), region);
    provide_context(data);

    let tabs = APP_TABS
        .iter()
        .map(|(segment, label)| {
            let href = app_href(&name, Some(segment));
            let current = move || (tab.get() == Some(*segment)).then_some("page");
            view! {
                <A href=link(&href) attr:class="tabs__tab" attr:aria-current=current>
                    {*label}
                </A>
            }
        })
        .collect_view();

    let content = move || match tab.get() {
        Some("containers") => view! { <containers::ContainersTab /> }.into_any(),
        Some("child-apps") => view! { <child_apps::ChildAppsTab /> }.into_any(),
        Some("logs") => view! { <logs::LogsTab /> }.into_any(),
        Some("metrics") => view! { <metrics::MetricsTab /> }.into_any(),
        Some("activity") => view! { <activity::ActivityTab /> }.into_any(),
        Some("settings") => view! { <settings::SettingsTab /> }.into_any(),
        Some(_) => view! { <overview::OverviewTab /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    };

    view! {
        <div class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                <A href=link("/apps")>"Apps"</A>
                <span aria-hidden="true">" / "</span>
                <span aria-current="page">{name.clone()}</span>
            </nav>
            <div class="page__header">
                <div class="page__title">
                    <h1 class="break">{name.clone()}</h1>
                    {move || {
                        data.app
                            .get()
                            .and_then(Result::ok)
                            .map(|app| {
                                view! {
                                    <StatusBadge status=app.status.clone() />
                                    <ExternalLink url=app.url.clone() />
                                }
                            })
                    }}
                </div>
                <div class="page__actions">
                    <button type="button" class="button" on:click=move |_| data.refresh()>
                        "Refresh"
                    </button>
                </div>
            </div>
            <nav class="tabs" aria-label="App sections">{tabs}</nav>
            {content}
        </div>
    }
}

/// The data of the app page this component is in.
pub fn use_app_data() -> AppData {
    expect_context::<AppData>()
}
