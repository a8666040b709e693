//! An application's page: a header, tabs, and the data the tabs share.

mod activity;
mod addons;
mod autoscalers;
mod child_apps;
mod containers;
mod deploy;
mod environment;
mod logs;
mod metrics;
mod overview;
mod settings;

pub use activity::ActivityTab;
pub use addons::AddonsTab;
pub use autoscalers::AutoscalerSection;
pub use child_apps::ChildAppsTab;
pub use containers::ContainersTab;
pub use deploy::{DeployTab, DeploymentPage};
pub use environment::EnvironmentTab;
pub use logs::LogsTab;
pub use metrics::MetricsTab;
pub use overview::OverviewTab;
pub use settings::{AlertsSection, CollaboratorsSection, DomainsSection, SettingsTab};

use std::time::Duration;

use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::{
    components::{Outlet, A},
    hooks::{use_location, use_params_map},
};
use scalingo_api::{App, AppStatus, Collaborator, Container, ContainerSize, ContainerType, Stack};

use crate::ui::Button;
use crate::{
    api::{use_api, ApiError, AppApi},
    chunks::{prefetch, Part},
    components::{ExternalLink, QueryView, StatusBadge},
    logic::routes::{app_href, Tab},
    state::{
        operations::{use_operations, Operations},
        query::{use_query, Query, QueryOptions},
    },
};

pub type FormationData = (Vec<ContainerType>, Vec<ContainerSize>);

/// How often the app and its containers are read again while its page is
/// open (other people and the platform change them too).
const APP_REFRESH: Duration = Duration::from_secs(30);

/// What the tabs of an app page share: its name, region and data. The data
/// is read again whenever the tracker marks the app as changed.
#[derive(Clone, Copy)]
pub struct AppData {
    name: StoredValue<String>,
    region: StoredValue<String>,
    pub app: Query<(), App>,
    pub formation: Query<(), FormationData>,
    pub containers: Query<(), Vec<Container>>,
    pub stacks: Query<(), Vec<Stack>>,
    /// The environment's `.env` text being edited, kept while the user
    /// visits other tabs: a pending change is never dropped by a click.
    pub env_draft: RwSignal<Option<String>>,
    /// Whether the environment changed since the containers started, as
    /// far as this page knows (to offer a restart).
    pub env_changed: RwSignal<bool>,
    /// The collaborators, read once a tab asks for them (`collaborators()`):
    /// who may be offered the app, and the connected user's role.
    collaborators_wanted: RwSignal<bool>,
    collaborators: Query<(), Vec<Collaborator>>,
}

impl AppData {
    /// The app's name. Empty once the page is gone: a request or a timer
    /// that outlives the page must not take the whole app down with it.
    pub fn name(&self) -> String {
        self.name.try_get_value().unwrap_or_default()
    }

    /// The region the app lives in (empty once the page is gone).
    pub fn region(&self) -> String {
        self.region.try_get_value().unwrap_or_default()
    }

    /// The app's collaborators (the owner is not one of them), read again
    /// for each page that shows them: an invitation may have been accepted
    /// since.
    pub fn collaborators(&self) -> Query<(), Vec<Collaborator>> {
        if self.collaborators_wanted.get_untracked() {
            self.collaborators.refetch();
        } else {
            self.collaborators_wanted.set(true);
        }
        self.collaborators
    }

    /// Whether the connected user is a limited collaborator of the app:
    /// the API refuses them addons, domains, autoscalers and people, so
    /// those pages show them as they are, without controls that would only
    /// be refused. `false` until the collaborators are known.
    pub fn limited(&self) -> Signal<bool> {
        if !self.collaborators_wanted.get_untracked() {
            self.collaborators_wanted.set(true);
        }
        let collaborators = self.collaborators;
        let app = self.app;
        let session = crate::api::use_api().session();
        Signal::derive(move || {
            let Some(user) = session.user() else {
                return false;
            };
            let me = |id: &str, email: &str| {
                (!id.is_empty() && id == user.id)
                    || (!email.is_empty() && email.eq_ignore_ascii_case(&user.email))
            };
            let owner = app
                .fresh()
                .and_then(|app| app.owner)
                .is_some_and(|owner| me(&owner.id, &owner.email));
            !owner
                && collaborators.fresh().is_some_and(|list| {
                    list.iter().any(|c| {
                        c.is_limited && me(c.user_id.as_deref().unwrap_or_default(), &c.email)
                    })
                })
        })
    }

    pub fn refresh(&self) {
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
                crate::logic::format::isolate(&op.label)
            ));
        }
        let status = self.app.fresh().and_then(|app| app.status);
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

/// `/apps/:name`, whose tabs are its child routes (`/apps/:name/logs`…),
/// drawn in its `Outlet`.
#[component]
pub fn AppPage() -> impl IntoView {
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name").unwrap_or_default()));
    // Keyed on the name only: switching tabs keeps the loaded data, and
    // another app gets a page of its own (its data, its requests).
    move || {
        let name = name.get();
        view! { <AppSections name /> }
    }
}

fn load_data(api: AppApi) -> AppData {
    let (name, region) = (api.name().to_owned(), api.region().to_owned());
    let operations = use_operations();
    let changed = {
        let name = name.clone();
        // Reading the app's data version makes the data reload after an
        // operation or a change on this app.
        move || {
            operations.data_version(&name);
        }
    };
    let target = api;
    let app = {
        let t = target.clone();
        use_query(
            || Some(()),
            move |()| {
                let t = t.clone();
                async move { t.app().await }
            },
            QueryOptions::polled(APP_REFRESH),
        )
        .refetch_when(changed.clone())
    };
    let formation = {
        let t = target.clone();
        use_query(
            || Some(()),
            move |()| {
                let t = t.clone();
                async move {
                    let (formation, sizes) = futures::future::join(
                        t.formation(),
                        t.client().container_sizes(t.region()),
                    )
                    .await;
                    // Sizes only add memory and prices: the formation stands without them.
                    Ok::<_, ApiError>((formation?, sizes.unwrap_or_default()))
                }
            },
            QueryOptions::default(),
        )
        .refetch_when(changed.clone())
    };
    let containers = {
        let t = target.clone();
        use_query(
            || Some(()),
            move |()| {
                let t = t.clone();
                async move { t.containers().await }
            },
            QueryOptions::polled(APP_REFRESH),
        )
        .refetch_when(changed)
    };
    let collaborators_wanted = RwSignal::new(false);
    let collaborators = {
        let t = target.clone();
        use_query(
            move || collaborators_wanted.get().then_some(()),
            move |()| {
                let t = t.clone();
                async move { t.collaborators().await }
            },
            QueryOptions::default(),
        )
    };
    let stacks = {
        let t = target;
        use_query(
            || Some(()),
            move |()| {
                let t = t.clone();
                async move { t.client().stacks(t.region()).await }
            },
            QueryOptions::default(),
        )
    };
    AppData {
        name: StoredValue::new(name),
        region: StoredValue::new(region),
        app,
        formation,
        containers,
        stacks,
        env_draft: RwSignal::new(None),
        env_changed: RwSignal::new(false),
        collaborators_wanted,
        collaborators,
    }
}

/// Finds the app's region, then shows the app; an app that does not exist
/// (deleted, renamed, mistyped) gets a page that says so.
#[component]
fn AppSections(name: String) -> impl IntoView {
    let client = use_api();
    let fleet = crate::state::fleet::use_fleet();
    let lookup = name.clone();
    let region = use_query(
        || Some(()),
        move |()| {
            let (client, name) = (client.clone(), lookup.clone());
            async move { crate::state::fleet::resolve_region(&client, fleet, &name).await }
        },
        QueryOptions::default(),
    );
    let missing = move || {
        region
            .failure()
            .is_some_and(|f| f.error.status() == Some(404))
    };
    let shown_name = name.clone();
    view! {
        <Show
            when=move || !missing()
            fallback=move || view! { <MissingApp name=shown_name.clone() /> }
        >
            <QueryView
                query=region
                what="the app"
                lines=10
                render={
                    let name = name.clone();
                    move |region| view! { <AppInRegion name=name.clone() region /> }
                }
            />
        </Show>
    }
}

/// The page of an app the API does not know.
#[component]
fn MissingApp(name: String) -> impl IntoView {
    view! {
        <div class="page page--narrow">
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                <A href=link("/apps")>"Apps"</A>
            </nav>
            <h1>"App not found"</h1>
            <p>
                "There is no app named “" <bdi class="break">{name}</bdi>
                "” in any region you can see. It may have been deleted or renamed, or you may not be one of its collaborators."
            </p>
            <p>
                <A href=link("/apps")>"Go to the app list"</A>
            </p>
        </div>
    }
}

#[component]
fn AppInRegion(name: String, region: String) -> impl IntoView {
    let api = AppApi::new(use_api(), region, name.clone());
    provide_context(api.clone());
    let data = load_data(api);
    provide_context(data);
    // Metric reads outlive a visit to the metrics tab: coming back within
    // a minute costs no request.
    provide_context(metrics::MetricsStore::new());

    let location = use_location();
    let tab = Memo::new(move |_| location.pathname.with(|path| Tab::of_path(path)));
    let tabs = Tab::ALL
        .into_iter()
        .map(|each| {
            let href = app_href(&name, each);
            let current = move || (tab.get() == Some(each)).then_some("page");
            // Exact for the overview, whose address is the start of every
            // other tab's; not for the others, so that the Deploy tab is
            // current on a deployment's page (`deploy/<id>`).
            let exact = each == Tab::Overview;
            view! {
                // Pointing at a tab fetches its code.
                <A
                    href=link(&href)
                    exact=exact
                    attr:class="tabs__tab"
                    attr:aria-current=current
                    on:mouseenter=move |_| prefetch(Part::Tab(each))
                    on:focus=move |_| prefetch(Part::Tab(each))
                >
                    {each.label()}
                </A>
            }
        })
        .collect_view();

    view! {
        <div class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                <A href=link("/apps")>"Apps"</A>
                <span aria-hidden="true">" / "</span>
                <bdi aria-current="page">{name.clone()}</bdi>
            </nav>
            <div class="page__header">
                <div class="page__title">
                    <h1 class="break"><bdi>{name.clone()}</bdi></h1>
                    {move || {
                        data.app
                            .fresh()
                            .map(|app| {
                                view! {
                                    <StatusBadge status=app.status.clone() />
                                    <ExternalLink url=app.url.clone() />
                                }
                            })
                    }}
                </div>
                <div class="page__actions">
                    <Button on:click=move |_| data.refresh()>
                        "Refresh"
                    </Button>
                </div>
            </div>
            <nav class="tabs" aria-label="App sections">{tabs}</nav>
            <Outlet />
        </div>
    }
}

/// The data of the app page this component is in.
pub fn use_app_data() -> AppData {
    expect_context::<AppData>()
}
