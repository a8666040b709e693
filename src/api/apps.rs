//! Applications: list, show, create, formation and containers.

use gloo_net::http::Method;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use scalingo_api::{
    App, AppResponse, AppsResponse, Container, ContainerType, ContainersResponse, CreateAppRequest,
    FormationResponse, NewApp,
};

use super::{client::Call, ApiClient, ApiError, Base};

/// Everything but letters, digits, `-` and `_` is escaped; `.` too, so that
/// a name like `..` cannot become a path segment the browser resolves.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_');

/// `/v1/apps/<name>`, with the name escaped: names come from API data and
/// from the URL, neither of which is trusted.
pub(crate) fn app_path(name: &str) -> String {
    format!("/v1/apps/{}", utf8_percent_encode(name, PATH_SEGMENT))
}

impl ApiClient {
    /// `GET /v1/apps`: the apps of a region the user owns or collaborates on.
    pub async fn apps(&self, region: &str) -> Result<Vec<App>, ApiError> {
        let apps: AppsResponse = self.get_json(Base::Region(region), "/v1/apps").await?;
        Ok(apps.apps)
    }

    /// `GET /v1/apps/:app`.
    pub async fn app(&self, region: &str, name: &str) -> Result<App, ApiError> {
        let app: AppResponse = self.get_json(Base::Region(region), app_path(name)).await?;
        Ok(app.app)
    }

    /// `GET /v1/apps/:app/containers`: the formation (types, amounts, sizes).
    pub async fn formation(
        &self,
        region: &str,
        name: &str,
    ) -> Result<Vec<ContainerType>, ApiError> {
        let path = format!("{}/containers", app_path(name));
        let formation: FormationResponse = self.get_json(Base::Region(region), path).await?;
        Ok(formation.containers)
    }

    /// `GET /v1/apps/:app/ps`: the containers that exist right now.
    pub async fn containers(&self, region: &str, name: &str) -> Result<Vec<Container>, ApiError> {
        let path = format!("{}/ps", app_path(name));
        let ps: ContainersResponse = self.get_json(Base::Region(region), path).await?;
        Ok(ps.containers)
    }

    /// `POST /v1/apps`. With `dry_run`, the API validates without creating.
    pub async fn create_app(
        &self,
        region: &str,
        app: NewApp,
        dry_run: bool,
    ) -> Result<App, ApiError> {
        let mut call = Call::new(Method::POST, Base::Region(region), "/v1/apps")
            .json_body(&CreateAppRequest { app });
        if dry_run {
            call = call.header("X-Dry-Run", "true");
        }
        let created: AppResponse = self.send(call).await?.json()?;
        Ok(created.app)
    }
}

#[cfg(test)]
mod tests {
    use super::app_path;

    #[test]
    fn app_names_are_escaped_in_paths() {
        assert_eq!(app_path("shop-api_2"), "/v1/apps/shop-api_2");
        assert_eq!(app_path(".."), "/v1/apps/%2E%2E");
        assert_eq!(app_path("../users/self"), "/v1/apps/%2E%2E%2Fusers%2Fself");
    }
}
