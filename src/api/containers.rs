//! One-off containers and signals, and child apps.

use gloo_net::http::Method;
use percent_encoding::utf8_percent_encode;
use scalingo_api::{
    App, AppResponse, ChildAppsResponse, CreateAppRequest, NewApp, Pagination, RunRequest,
    RunResponse, SignalRequest,
};

use super::{apps::app_path, client::Call, ApiClient, ApiError, Base};

fn container_path(app: &str, container_id: &str, action: &str) -> String {
    format!(
        "{}/containers/{}/{action}",
        app_path(app),
        utf8_percent_encode(container_id, percent_encoding::NON_ALPHANUMERIC)
    )
}

/// A page of child apps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChildAppsPage {
    pub apps: Vec<App>,
    pub pagination: Option<Pagination>,
}

impl ApiClient {
    /// `POST /apps/:app/run`.
    pub async fn run(
        &self,
        region: &str,
        app: &str,
        request: &RunRequest,
    ) -> Result<RunResponse, ApiError> {
        let call = Call::new(
            Method::POST,
            Base::Region(region),
            format!("{}/run", app_path(app)),
        )
        .json_body(request);
        self.send(call).await?.json()
    }

    /// `POST /apps/:app/containers/:id/stop` (one-offs only).
    pub async fn stop_container(
        &self,
        region: &str,
        app: &str,
        container_id: &str,
    ) -> Result<(), ApiError> {
        let call = Call::new(
            Method::POST,
            Base::Region(region),
            container_path(app, container_id, "stop"),
        );
        self.send(call).await?;
        Ok(())
    }

    /// `POST /apps/:app/containers/:id/kill` with `SIGUSR1` or `SIGUSR2`.
    pub async fn send_signal(
        &self,
        region: &str,
        app: &str,
        container_id: &str,
        signal: &str,
    ) -> Result<(), ApiError> {
        let call = Call::new(
            Method::POST,
            Base::Region(region),
            container_path(app, container_id, "kill"),
        )
        .json_body(&SignalRequest {
            signal: signal.to_owned(),
        });
        self.send(call).await?;
        Ok(())
    }

    /// `GET /apps/:app/child_apps?page=&per_page=`.
    pub async fn child_apps(
        &self,
        region: &str,
        app: &str,
        page: u64,
        per_page: u64,
    ) -> Result<ChildAppsPage, ApiError> {
        let path = format!(
            "{}/child_apps?page={page}&per_page={per_page}",
            app_path(app)
        );
        let response: ChildAppsResponse = self.get_json(Base::Region(region), path).await?;
        Ok(ChildAppsPage {
            apps: response.child_apps,
            pagination: response.meta.and_then(|meta| meta.pagination),
        })
    }

    /// `POST /apps/:parent/child_apps`.
    pub async fn create_child_app(
        &self,
        region: &str,
        parent: &str,
        name: &str,
    ) -> Result<App, ApiError> {
        let call = Call::new(
            Method::POST,
            Base::Region(region),
            format!("{}/child_apps", app_path(parent)),
        )
        .json_body(&CreateAppRequest {
            app: NewApp {
                name: name.to_owned(),
                ..Default::default()
            },
        });
        let created: AppResponse = self.send(call).await?.json()?;
        Ok(created.app)
    }
}
