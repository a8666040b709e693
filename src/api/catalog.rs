//! Catalogue resources: container sizes, stacks, projects.

use scalingo_api::{
    ContainerSize, ContainerSizesResponse, Project, ProjectsResponse, Stack, StacksResponse,
};

use super::{ApiClient, ApiError, Base};

impl ApiClient {
    /// `GET /v1/features/container_sizes`, smallest first.
    pub async fn container_sizes(&self, region: &str) -> Result<Vec<ContainerSize>, ApiError> {
        let sizes: ContainerSizesResponse = self
            .get_json(Base::Region(region), "/v1/features/container_sizes")
            .await?;
        let mut sizes = sizes.container_sizes;
        sizes.sort_by_key(|size| size.ordinal);
        Ok(sizes)
    }

    /// `GET /v1/features/stacks`.
    pub async fn stacks(&self, region: &str) -> Result<Vec<Stack>, ApiError> {
        let stacks: StacksResponse = self
            .get_json(Base::Region(region), "/v1/features/stacks")
            .await?;
        Ok(stacks.stacks)
    }

    /// `GET /v1/projects`, default project first.
    pub async fn projects(&self, region: &str) -> Result<Vec<Project>, ApiError> {
        let projects: ProjectsResponse =
            self.get_json(Base::Region(region), "/v1/projects").await?;
        let mut projects = projects.projects;
        projects.sort_by(|a, b| b.default.cmp(&a.default).then_with(|| a.name.cmp(&b.name)));
        Ok(projects)
    }
}
