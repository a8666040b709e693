//! Deployments: list, show, output, deploy an archive, reset the build
//! cache (see `domain::lifecycle::deployment` for how a deployment runs,
//! `domain::builds` for what it prints).
//!
//! - `GET /apps/:app/deployments?page=&per_page=` → 200 `{"deployments":
//!   […], "meta": {"pagination"}}`, newest first, 20 per page by default
//!   (400 for a `page` or `per_page` that is not a positive integer).
//! - `GET /apps/:app/deployments/:id` → 200 `{"deployment"}`; 404
//!   `deployment`.
//! - `GET /apps/:app/deployments/:id/output` (the deployment's
//!   `links.output`) → 200 `text/plain` with ANSI codes: what it printed
//!   so far (empty while queued); 404 `deployment`. Limited collaborators
//!   read the output of deployments of the last 7 days only (the
//!   platform's roles say so): 403 beyond.
//! - `POST /apps/:app/deployments {"deployment": {"source_url",
//!   "git_ref"}}` → 201 `{"deployment"}`, `building` (or `queued` behind a
//!   deployment under way). 422 `{"errors": {"source_url": […]}}` for a
//!   missing URL or one that is not HTTPS, unless it is a download URL of
//!   this simulator's `POST /sources`: that archive is read (a missing,
//!   expired or unusable one fails the build, `build-error`, as on the
//!   platform). An armed `/_sim/fail-next-operation` makes the build fail
//!   (`build-error`), its message in the output. Any role may deploy.
//! - `DELETE /apps/:app/caches/deployment` → 204: the next build starts
//!   without a cache (it takes longer and says so).

use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::{delete, get},
    Router,
};
use chrono::Duration;
use scalingo_api::{source_url_errors, DeploymentResponse, DeploymentsResponse, NewDeployment};
use serde_json::Value;

use super::{
    caller::CurrentUser,
    pagination::{page_request, paginate},
};
use crate::{
    domain::{
        builds::{
            self, archive,
            sources::{own_source, OwnSource},
            BuildContext,
        },
        error::{ApiError, ApiResult},
        lifecycle::{DeploymentOrder, DEFAULT_FAILURE},
        model::{BuildFailure, DeploymentRecord},
        origin::Origin,
        platform::event_user,
        render, time,
        tokens::unix_now,
    },
    http::{
        extract::{ApiRegion, JsonBody, QueryMap},
        response::{created, no_content, ok},
    },
    state::SharedState,
    uploads::Fetched,
};

const DEFAULT_PER_PAGE: u64 = 20;
/// How old a deployment's output a limited collaborator may read.
const LIMITED_OUTPUT_DAYS: i64 = 7;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/deployments", get(list).post(create))
        .route("/v1/apps/{app}/deployments/{id}", get(show))
        .route("/v1/apps/{app}/deployments/{id}/output", get(output))
        .route("/v1/apps/{app}/caches/deployment", delete(reset_cache))
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    query: QueryMap,
) -> ApiResult<Response> {
    let request = page_request(&query, DEFAULT_PER_PAGE)?;
    let response = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app = &p.apps[index];
        let mut records: Vec<&DeploymentRecord> = p.deployments_of(&app.id).collect();
        // Stable: deployments of the same moment keep their order, reversed.
        records.reverse();
        records.sort_by_key(|d| std::cmp::Reverse(d.created_at));
        let (page, meta) = paginate(records, request);
        Ok::<_, ApiError>(DeploymentsResponse {
            deployments: page
                .into_iter()
                .map(|d| render::deployment(d, &app.name, &origin))
                .collect(),
            meta: Some(meta),
        })
    })?;
    Ok(ok(&response))
}

async fn show(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let deployment = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app = &p.apps[index];
        p.deployments_of(&app.id)
            .find(|d| d.id == id)
            .map(|d| render::deployment(d, &app.name, &origin))
            .ok_or_else(|| ApiError::not_found("deployment"))
    })?;
    Ok(ok(&DeploymentResponse { deployment }))
}

async fn output(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let now = time::now();
    let text = state.read(|p| {
        let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app = &p.apps[index];
        let deployment = p
            .deployments_of(&app.id)
            .find(|d| d.id == id)
            .ok_or_else(|| ApiError::not_found("deployment"))?;
        if role.is_limited() && deployment.created_at < now - Duration::days(LIMITED_OUTPUT_DAYS) {
            return Err(ApiError::forbidden(
                "A limited collaborator can only read the output of the deployments of the last 7 days",
            ));
        }
        Ok(builds::output_at(deployment, &BuildContext::new(p, app), now))
    })?;
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        text,
    )
        .into_response())
}

/// For one of this simulator's download URLs, why its archive cannot be
/// built (in the words of the build's output), or `Some(None)` when it
/// can; `None` for any other URL.
fn own_archive_problem(state: &SharedState, url: &str) -> Option<Option<String>> {
    let fetch_failed = |reason: &str| Some(format!("Fail to fetch the source code: {reason}"));
    match own_source(&state.url_signer, url, unix_now())? {
        OwnSource::Expired => Some(fetch_failed("403 Forbidden (the download URL has expired)")),
        OwnSource::Valid(id) => Some(match state.uploads.fetch(&id) {
            Fetched::Archive(bytes) => archive::check(&bytes)
                .err()
                .map(|reason| format!("Invalid archive: {reason}")),
            Fetched::Empty => fetch_failed("404 Not Found (nothing was uploaded to this source)"),
            Fetched::Missing => fetch_failed("404 Not Found (the source has expired)"),
        }),
    }
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let params = match body.get("deployment").unwrap_or(&body) {
        object @ Value::Object(_) => {
            serde_json::from_value::<NewDeployment>(object.clone()).unwrap_or_default()
        }
        _ => NewDeployment::default(),
    };
    let source_url = params.source_url.trim().to_owned();
    let source_problem = own_archive_problem(&state, &source_url);
    let timing = state.settings.timing;
    let now = time::now();
    let deployment = state
        .mutate(|p| {
            let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            if source_problem.is_none() {
                let errors = source_url_errors(&source_url);
                if !errors.is_empty() {
                    return Err(ApiError::field_messages("source_url", errors));
                }
            }
            let failure = match source_problem {
                Some(Some(text)) => Some(BuildFailure::Source { text }),
                _ => p.take_failure().map(|message| {
                    if message == DEFAULT_FAILURE {
                        BuildFailure::Dependencies
                    } else {
                        BuildFailure::Message { text: message }
                    }
                }),
            };
            let order = DeploymentOrder {
                git_ref: params.git_ref.clone().unwrap_or_default(),
                kind: "archive",
                source_url: Some(source_url.clone()),
                pusher: event_user(&user),
                failure,
            };
            let id = p.start_deployment(index, order, now, timing);
            let app = &p.apps[index];
            let record = p
                .deployments_of(&app.id)
                .find(|d| d.id == id)
                .ok_or_else(ApiError::internal)?;
            Ok(render::deployment(record, &app.name, &origin))
        })
        .await?;
    Ok(created(&DeploymentResponse { deployment }))
}

async fn reset_cache(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    state
        .mutate(|p| {
            let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            p.apps[index].build_cache_reset = true;
            Ok(())
        })
        .await?;
    Ok(no_content())
}
