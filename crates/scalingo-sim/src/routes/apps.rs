//! Apps: list, show, create (with dry run) and delete.

use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::{app_name_errors, AppNameKind, AppResponse, AppStatus, AppsResponse, NewApp};
use serde_json::{json, Map, Value};

use super::caller::CurrentUser;
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        ids,
        model::{AppRecord, Platform, UserRecord},
        origin::Origin,
        render,
        time::{self, Timestamp},
    },
    http::{
        extract::{current_name, is_dry_run, ApiRegion, JsonBody, QueryMap},
        response::{created, no_content, ok},
    },
    state::{Settings, SharedState},
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps", get(list).post(create))
        .route("/v1/apps/{app}", get(show).delete(delete))
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
) -> Response {
    let apps = state.read(|p| {
        p.visible_apps(region.as_str(), &user.id)
            .map(|app| render::app(p, app, &origin))
            .collect()
    });
    ok(&AppsResponse { apps })
}

async fn show(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let app = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        Ok::<_, ApiError>(render::app(p, &p.apps[index], &origin))
    })?;
    Ok(ok(&AppResponse { app }))
}

/// The object under `key`, or the platform's 422 for a missing root.
pub(crate) fn root_object<'a>(body: &'a Value, key: &str) -> ApiResult<&'a Map<String, Value>> {
    body.get(key)
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::field(key, "missing field"))
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let params = root_object(&body, "app")?;
    let new: NewApp = serde_json::from_value(Value::Object(params.clone()))
        .map_err(|_| ApiError::field("app", "is invalid"))?;
    let now = time::now();
    let settings = &state.settings;
    let app = if is_dry_run(&headers) {
        state.read(|p| {
            let record = prepare(p, region.as_str(), &user, &new, settings, now, &origin)?;
            Ok::<_, ApiError>(render::app(p, &record, &origin))
        })?
    } else {
        state
            .mutate(|p| {
                let record = prepare(p, region.as_str(), &user, &new, settings, now, &origin)?;
                let index = insert_app(p, &user, record, now);
                Ok(render::app(p, &p.apps[index], &origin))
            })
            .await?
    };
    Ok(created(&AppResponse { app }))
}

/// Adds a prepared app and records its `new_app` event. A child app's event
/// names its parent: the platform's `create_review_app` is about review
/// apps of an SCM integration (pull request data), which these are not.
pub(crate) fn insert_app(
    p: &mut Platform,
    user: &UserRecord,
    mut record: AppRecord,
    now: Timestamp,
) -> usize {
    if record.project_id.is_empty() {
        record.project_id = p.ensure_default_project(&record.region, &record.owner_id, now);
    }
    let mut type_data = json!({ "git_source": record.git_source });
    if record.is_child() {
        type_data["parent_app_name"] = json!(record.parent_app_name);
    }
    p.apps.push(record);
    let index = p.apps.len() - 1;
    p.push_event("new_app", index, user, type_data, now);
    p.add_default_notifier(index);
    index
}

/// Validates a creation request and builds the app it would create in
/// `region`. Shared by dry runs and real creations (and child app
/// creations), so all answer the same. An owner without a project in the
/// region gets an empty project id, which `insert_app` fills.
pub(crate) fn prepare(
    p: &Platform,
    region: &str,
    user: &UserRecord,
    new: &NewApp,
    settings: &Settings,
    now: Timestamp,
    origin: &Origin,
) -> ApiResult<AppRecord> {
    let parent = match new.parent_id.as_deref().filter(|id| !id.is_empty()) {
        Some(ident) => {
            let (index, _) = p.accessible_app(region, ident, &user.id)?;
            Some(&p.apps[index])
        }
        None => None,
    };
    let kind = if parent.is_some() {
        AppNameKind::Child
    } else {
        AppNameKind::App
    };
    let name = new.name.trim();
    let errors = app_name_errors(name, kind);
    if !errors.is_empty() {
        return Err(ApiError::field_messages("name", errors));
    }
    if p.name_taken(region, name) {
        return Err(ApiError::field("name", "has already been taken"));
    }
    // Review apps belong to the parent's owner, like the parent.
    let owner_id = parent.map_or(user.id.as_str(), |a| a.owner_id.as_str());
    let project_id = match new.project_id.as_deref().filter(|id| !id.is_empty()) {
        Some(id) => p
            .project(id)
            .filter(|project| project.owner_id == owner_id && project.region == region)
            .map(|project| project.id.clone())
            .ok_or_else(|| ApiError::not_found("project"))?,
        None => parent
            .map(|a| a.project_id.clone())
            .or_else(|| {
                p.default_project(region, owner_id)
                    .map(|project| project.id.clone())
            })
            .unwrap_or_default(),
    };
    let stack_id = match new.stack_id.as_deref().filter(|id| !id.is_empty()) {
        Some(id) => p
            .stack(id)
            .map(|stack| stack.id.clone())
            .ok_or_else(|| ApiError::not_found("stack"))?,
        None => parent
            .map(|a| a.stack_id.clone())
            .or_else(|| p.default_stack().map(|stack| stack.id.clone()))
            .unwrap_or_default(),
    };
    check_free_usage(p, owner_id, parent.is_some(), settings, origin)?;

    Ok(AppRecord {
        id: ids::object_id(&mut rand::rng()),
        name: name.to_owned(),
        region: region.to_owned(),
        owner_id: owner_id.to_owned(),
        project_id,
        stack_id,
        parent_app_name: parent.map(|a| a.name.clone()).unwrap_or_default(),
        status: AppStatus::New,
        created_at: now,
        updated_at: now,
        last_deployed_at: None,
        last_deployed_by: None,
        last_deployment_id: None,
        git_source: new.git_source.clone().filter(|s| !s.is_empty()),
        force_https: false,
        sticky_session: false,
        router_logs: false,
        hds_resource: new
            .hds_resource
            .unwrap_or_else(|| parent.is_some_and(|a| a.hds_resource)),
        flags: Map::new(),
        limits: Map::new(),
        private_networks_ids: Vec::new(),
        data_access_consent: None,
        formation: Vec::new(),
        containers: Vec::new(),
        upcoming_containers: Vec::new(),
        last_one_off_index: 0,
        past_containers: Vec::new(),
        build_cache_reset: false,
    })
}

/// Without a payment method, one app and no review apps (only when the rule
/// is enabled).
fn check_free_usage(
    p: &Platform,
    owner_id: &str,
    is_child: bool,
    settings: &Settings,
    origin: &Origin,
) -> ApiResult<()> {
    if !settings.free_usage_limits {
        return Ok(());
    }
    let Some(owner) = p.user(owner_id) else {
        return Ok(());
    };
    if owner.has_payment_method {
        return Ok(());
    }
    // The account's apps in every region: the rule is the account's.
    let owned = p.apps.iter().filter(|a| a.owner_id == owner_id).count();
    let billing_url = format!("{}/billing", origin.root());
    if is_child {
        return Err(ApiError::free_trial_exceeded(
            "app",
            "Review apps are not available without a payment method. \
             Add a payment method to create child apps.",
            &billing_url,
        ));
    }
    if owned >= 1 {
        return Err(ApiError::free_trial_exceeded(
            "app",
            "You can only have 1 application without a payment method. \
             Add a payment method to create more applications.",
            &billing_url,
        ));
    }
    Ok(())
}

async fn delete(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    query: QueryMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let confirmation = current_name(&query, &body);
    let now = time::now();
    state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            if !role.is_owner() {
                return Err(ApiError::forbidden(
                    "Only the owner of the app can delete it",
                ));
            }
            if confirmation.as_deref() != Some(p.apps[index].name.as_str()) {
                return Err(ApiError::current_name_mismatch());
            }
            p.push_event("delete_app", index, &user, json!({}), now);
            let removed = p.apps.remove(index);
            p.collaborators.retain(|c| c.app_id != removed.id);
            p.operations.retain(|op| op.app_id != removed.id);
            p.variables.retain(|v| v.app_id != removed.id);
            p.deployments.retain(|d| d.app_id != removed.id);
            p.addons.retain(|a| a.app_id != removed.id);
            p.domains.retain(|d| d.app_id != removed.id);
            p.forget_app_settings(&removed.id);
            Ok(())
        })
        .await?;
    Ok(no_content())
}
