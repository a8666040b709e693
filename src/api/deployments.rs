//! An app's deployments: the history, one deployment and its build
//! output, a deployment from an archive URL, and the build cache.

use gloo_net::http::Method;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use scalingo_api::{
    CreateDeploymentRequest, Deployment, DeploymentResponse, DeploymentsResponse, NewDeployment,
    Pagination,
};

use super::{apps::app_path, client::Call, ApiClient, ApiError, Base};

/// A page of the deployment history, newest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeploymentsPage {
    pub deployments: Vec<Deployment>,
    pub pagination: Option<Pagination>,
}

fn deployment_path(app: &str, id: &str) -> String {
    format!(
        "{}/deployments/{}",
        app_path(app),
        utf8_percent_encode(id, NON_ALPHANUMERIC)
    )
}

impl ApiClient {
    /// `GET /apps/:app/deployments?page=&per_page=`.
    pub async fn deployments(
        &self,
        region: &str,
        app: &str,
        page: u64,
        per_page: u64,
    ) -> Result<DeploymentsPage, ApiError> {
        let path = format!(
            "{}/deployments?page={page}&per_page={per_page}",
            app_path(app)
        );
        let response: DeploymentsResponse = self.get_json(Base::Region(region), path).await?;
        Ok(DeploymentsPage {
            deployments: response.deployments,
            pagination: response.meta.and_then(|meta| meta.pagination),
        })
    }

    /// `GET /apps/:app/deployments/:id`.
    pub async fn deployment(
        &self,
        region: &str,
        app: &str,
        id: &str,
    ) -> Result<Deployment, ApiError> {
        let response: DeploymentResponse = self
            .get_json(Base::Region(region), deployment_path(app, id))
            .await?;
        Ok(response.deployment)
    }

    /// `GET /apps/:app/deployments/:id/output`: the build output, plain
    /// text with ANSI codes.
    pub async fn deployment_output(
        &self,
        region: &str,
        app: &str,
        id: &str,
    ) -> Result<String, ApiError> {
        let path = format!("{}/output", deployment_path(app, id));
        let call =
            Call::new(Method::GET, Base::Region(region), path).header("Accept", "text/plain");
        Ok(self.send(call).await?.text)
    }

    /// `POST /apps/:app/deployments`: deploys the archive at `source_url`
    /// (a gzipped tar with one top-level folder), labelled `git_ref`.
    pub async fn create_deployment(
        &self,
        region: &str,
        app: &str,
        deployment: NewDeployment,
    ) -> Result<Deployment, ApiError> {
        let call = Call::new(
            Method::POST,
            Base::Region(region),
            format!("{}/deployments", app_path(app)),
        )
        .json_body(&CreateDeploymentRequest { deployment });
        let created: DeploymentResponse = self.send(call).await?.json()?;
        Ok(created.deployment)
    }

    /// `DELETE /apps/:app/caches/deployment`: the next build starts from
    /// scratch.
    pub async fn reset_build_cache(&self, region: &str, app: &str) -> Result<(), ApiError> {
        let call = Call::new(
            Method::DELETE,
            Base::Region(region),
            format!("{}/caches/deployment", app_path(app)),
        );
        self.send(call).await?;
        Ok(())
    }
}
