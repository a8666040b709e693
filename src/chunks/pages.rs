//! Pages and app tabs in chunks of their own.

use leptos::prelude::*;

use super::{chunk, chunk_view::ChunkView, prefetch, Part};
use crate::pages::{
    app::{
        ActivityTab, AddonsTab, AlertsSection, AutoscalerSection, ChildAppsTab,
        CollaboratorsSection, ContainersTab, DeployTab, DeploymentPage, DomainsSection,
        EnvironmentTab, LogsTab, MetricsTab, OverviewTab, SettingsTab,
    },
    ActivityPage, AppPage,
};
use crate::state::query::Query;
use scalingo_api::Autoscaler;

chunk!(
    /// An app's page: its header and tabs, each tab a chunk of its own.
    ChunkView LazyAppPage() => AppPage,
    load app_page, prefetch prefetch_app_page, "the app"
);
chunk!(
    /// The activity of every app.
    ChunkView LazyActivityPage() => ActivityPage,
    load activity_page, prefetch prefetch_activity_page, "the activity"
);
chunk!(
    ChunkView LazyOverview() => OverviewTab,
    load overview_tab, prefetch prefetch_overview, "the overview"
);
chunk!(
    ChunkView LazyDeploy() => DeployTab,
    load deploy_tab, prefetch prefetch_deploy, "the deploy tab"
);
chunk!(
    /// A deployment and its build output.
    ChunkView LazyDeployment() => DeploymentPage,
    load deployment_page, prefetch prefetch_deployment, "the deployment"
);
chunk!(
    ChunkView LazyContainers() => ContainersTab,
    load containers_tab, prefetch prefetch_containers, "the containers tab"
);
chunk!(
    ChunkView LazyLogs() => LogsTab,
    load logs_tab, prefetch prefetch_logs, "the logs tab"
);
chunk!(
    ChunkView LazyMetrics() => MetricsTab,
    load metrics_tab, prefetch prefetch_metrics, "the metrics tab"
);
chunk!(
    ChunkView LazyActivity() => ActivityTab,
    load activity_tab, prefetch prefetch_activity, "the activity tab"
);
chunk!(
    ChunkView LazyEnvironment() => EnvironmentTab,
    load environment_tab, prefetch prefetch_environment, "the environment"
);
chunk!(
    ChunkView LazyChildApps() => ChildAppsTab,
    load child_apps_tab, prefetch prefetch_child_apps, "the child apps tab"
);
chunk!(
    ChunkView LazySettings() => SettingsTab,
    load settings_tab, prefetch prefetch_settings, "the settings"
);

chunk!(
    /// The app's addons: databases and other services.
    ChunkView LazyAddons() => AddonsTab,
    load addons_tab, prefetch prefetch_addons, "the addons"
);
chunk!(
    /// The autoscalers, below the scale panel of the Containers tab.
    ChunkView LazyAutoscalers(autoscalers: Query<(), Vec<Autoscaler>>) => AutoscalerSection,
    load autoscalers_section, prefetch prefetch_autoscalers, "the autoscalers"
);
chunk!(
    /// Settings › Domains: custom domains and their certificates.
    ChunkView LazyDomains() => DomainsSection,
    load domains_section, prefetch prefetch_domains, "the domains"
);
chunk!(
    /// Settings › Collaborators.
    ChunkView LazyCollaborators() => CollaboratorsSection,
    load collaborators_section, prefetch prefetch_collaborators, "the collaborators"
);
chunk!(
    /// Settings › Alerts and notifiers.
    ChunkView LazyAlerts() => AlertsSection,
    load alerts_section, prefetch prefetch_alerts, "the alerts"
);

/// The route of an app's page. The chunk of the tab the address names is
/// fetched with the page's: a link straight into a tab does not wait for
/// one chunk, then the other.
#[component]
pub fn AppPageRoute() -> impl IntoView {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    prefetch(Part::of_path(&path));
    view! { <LazyAppPage /> }
}
