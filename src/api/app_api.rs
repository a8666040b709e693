//! The API of one app: the client with the app's region and name, so that
//! views of an app page say what they want (`api.restart(scope)`) rather
//! than carry the three around.

use scalingo_api::{
    Addon, AddonUpdateResponse, Alert, AlertUpdate, App, AppUpdate, Autoscaler, AutoscalerUpdate,
    Collaborator, Container, ContainerStats, ContainerType, Deployment, Domain, DomainUpdate,
    Event, LogsArchivesPage, MetricPoint, NewAlert, NewAutoscaler, NewDeployment, NewDomain,
    NewNotifier, NewVariable, Notifier, Operation, RunRequest, RunResponse, ScaleRequest, Variable,
};

use super::{metrics::MetricQuery, ApiClient, ApiError, ChildAppsPage, DeploymentsPage, Started};

/// An app's API. Cheap to clone.
#[derive(Clone)]
pub struct AppApi {
    client: ApiClient,
    region: String,
    name: String,
}

/// Calls of the client that take the app's region and name first.
macro_rules! app_calls {
    ($($(#[$doc:meta])* $call:ident($($arg:ident: $type:ty),*) -> $answer:ty;)*) => {$(
        $(#[$doc])*
        pub async fn $call(&self, $($arg: $type),*) -> Result<$answer, ApiError> {
            self.client.$call(&self.region, &self.name, $($arg),*).await
        }
    )*};
}

impl AppApi {
    pub fn new(client: ApiClient, region: String, name: String) -> Self {
        AppApi {
            client,
            region,
            name,
        }
    }

    pub fn client(&self) -> &ApiClient {
        &self.client
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    app_calls! {
        app() -> App;
        formation() -> Vec<ContainerType>;
        containers() -> Vec<Container>;
        scale(request: &ScaleRequest) -> Started<Vec<ContainerType>>;
        operation(id: &str) -> Operation;
        restart(scope: Vec<String>) -> Started<()>;
        update_app(update: AppUpdate) -> App;
        rename_app(current_name: &str, new_name: &str) -> App;
        transfer_app(current_name: &str, new_owner: &str) -> App;
        delete_app(current_name: &str) -> ();
        collaborators() -> Vec<Collaborator>;
        invite_collaborator(email: String, is_limited: bool) -> Collaborator;
        update_collaborator(id: &str, is_limited: bool) -> Collaborator;
        delete_collaborator(id: &str) -> ();
        run(request: &RunRequest) -> RunResponse;
        stop_container(container_id: &str) -> ();
        send_signal(container_id: &str, signal: &str) -> ();
        child_apps(page: u64, per_page: u64) -> ChildAppsPage;
        create_child_app(name: &str) -> App;
        logs_url() -> String;
        logs_archives(cursor: Option<&str>) -> LogsArchivesPage;
        metric(query: &MetricQuery) -> Vec<MetricPoint>;
        realtime_stats() -> Vec<ContainerStats>;
        recommended_value(metric: &str, container_type: &str) -> Option<f64>;
        recent_events(hours: u32) -> Vec<Event>;
        variables(resolved: bool) -> Vec<Variable>;
        create_variable(variable: NewVariable) -> Variable;
        update_variable(id: &str, value: String) -> Variable;
        delete_variable(id: &str) -> ();
        put_variables(variables: Vec<NewVariable>) -> Vec<Variable>;
        delete_variables(variable_ids: Vec<String>) -> ();
        deployments(page: u64, per_page: u64) -> DeploymentsPage;
        deployment(id: &str) -> Deployment;
        deployment_output(id: &str) -> String;
        create_deployment(deployment: NewDeployment) -> Deployment;
        reset_build_cache() -> ();
        addons() -> Vec<Addon>;
        create_addon(addon_provider_id: String, plan_id: String) -> Addon;
        change_addon_plan(id: &str, plan_id: String) -> AddonUpdateResponse;
        delete_addon(id: &str) -> ();
        resume_addon(id: &str) -> Addon;
        addon_dashboard_url(id: &str) -> String;
        domains() -> Vec<Domain>;
        create_domain(domain: NewDomain) -> Domain;
        update_domain(id: &str, update: DomainUpdate) -> Domain;
        delete_domain(id: &str) -> ();
        alerts() -> Vec<Alert>;
        create_alert(alert: NewAlert) -> Alert;
        update_alert(id: &str, update: AlertUpdate) -> Alert;
        delete_alert(id: &str) -> ();
        notifiers() -> Vec<Notifier>;
        create_notifier(notifier: NewNotifier) -> Notifier;
        update_notifier(id: &str, notifier: NewNotifier) -> Notifier;
        delete_notifier(id: &str) -> ();
        test_notifier(id: &str) -> ();
        autoscalers() -> Vec<Autoscaler>;
        create_autoscaler(autoscaler: NewAutoscaler) -> Autoscaler;
        update_autoscaler(id: &str, update: AutoscalerUpdate) -> Autoscaler;
        delete_autoscaler(id: &str) -> ();
    }
}

/// The API of the app whose page this is (provided by the app page).
pub fn use_app_api() -> AppApi {
    leptos::prelude::expect_context::<AppApi>()
}
