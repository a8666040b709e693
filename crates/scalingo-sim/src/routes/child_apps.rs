//! Child apps: `POST /apps/:parent/child_apps` creates one (the same rules
//! as `POST /apps` with a `parent_id`: 404 `app` for the parent, 422 on
//! `name` with the child rules, 32 characters at most, 402 under the
//! free-usage rule), `GET` lists them, paginated.
//!
//! Everyone who can see the parent sees the list of its children.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::{AppResponse, ChildAppsResponse, NewApp};

use super::{
    apps::{insert_app, prepare},
    caller::CurrentUser,
    pagination::{page_request, paginate},
};
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        origin::Origin,
        render, time,
    },
    http::{
        extract::{ApiRegion, JsonBody, QueryMap},
        response::{created, ok},
    },
    state::SharedState,
};

/// Children per page when the client does not say.
const DEFAULT_PER_PAGE: u64 = 20;

pub fn routes() -> Router<SharedState> {
    Router::new().route("/v1/apps/{app}/child_apps", get(list).post(create))
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    // `{"app": {"name"}}`; the bare `{"name"}` is accepted as well.
    let params = body
        .get("app")
        .filter(|app| app.is_object())
        .unwrap_or(&body);
    if !params.is_object() {
        return Err(ApiError::field("app", "missing field"));
    }
    let mut new: NewApp =
        serde_json::from_value(params.clone()).map_err(|_| ApiError::field("app", "is invalid"))?;
    // The parent is the one in the path, whatever the body says.
    new.parent_id = Some(ident);
    let now = time::now();
    let settings = &state.settings;
    let app = state
        .mutate(|p| {
            let record = prepare(p, region.as_str(), &user, &new, settings, now, &origin)?;
            let index = insert_app(p, &user, record, now);
            Ok(render::app(p, &p.apps[index], &origin))
        })
        .await?;
    Ok(created(&AppResponse { app }))
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
    let (child_apps, meta) = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let parent = &p.apps[index];
        // Children live in their parent's region (names are unique there).
        let mut children: Vec<_> = p
            .apps
            .iter()
            .filter(|a| a.parent_app_name == parent.name && a.region == parent.region)
            .collect();
        // Oldest first, as the documentation's example lists them.
        children.sort_by(|a, b| (a.created_at, &a.name).cmp(&(b.created_at, &b.name)));
        let (page, meta) = paginate(children, request);
        let apps = page
            .into_iter()
            .map(|a| render::app(p, a, &origin))
            .collect();
        Ok::<_, ApiError>((apps, meta))
    })?;
    Ok(ok(&ChildAppsResponse {
        child_apps,
        meta: Some(meta),
    }))
}
