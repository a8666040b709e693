//! Changing an app: settings, stack, project and owner (`PATCH`/`PUT`), and
//! its name (`rename`).

use axum::{
    extract::{Path, State},
    response::Response,
    routing::{patch, post},
    Router,
};
use scalingo_api::{app_name_errors, AppNameKind, AppResponse, AppUpdate, RenameRequest};
use serde_json::{json, Map, Value};

use super::{apps::root_object, caller::CurrentUser};
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        ids,
        model::{CollaboratorRecord, Platform, UserRecord},
        origin::Origin,
        platform::{event_user, Role},
        render,
        time::{self, Timestamp},
    },
    http::{
        extract::{current_name, ApiRegion, JsonBody, QueryMap},
        response::ok,
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}", patch(update).put(update))
        .route("/v1/apps/{app}/rename", post(rename))
}

/// The update inside `{"app": {…}}`, or the body itself: the Go client sends
/// it unwrapped.
fn update_params(body: &Value) -> ApiResult<AppUpdate> {
    let object = match body.get("app").and_then(Value::as_object) {
        Some(app) => app,
        None => body
            .as_object()
            .ok_or_else(|| ApiError::field("app", "missing field"))?,
    };
    serde_json::from_value(Value::Object(object.clone()))
        .map_err(|_| ApiError::field("app", "is invalid"))
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

async fn update(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    query: QueryMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let params = update_params(&body)?;
    let confirmation = current_name(&query, &body);
    let now = time::now();
    let app = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            if !role.may_edit() {
                return Err(ApiError::forbidden(
                    "A limited collaborator cannot change the settings of this app",
                ));
            }
            apply_settings(p, index, &user, &params, now)?;
            if let Some(new_owner) = non_empty(&params.owner) {
                transfer(
                    p,
                    index,
                    &user,
                    role,
                    new_owner,
                    confirmation.as_deref(),
                    now,
                )?;
            }
            Ok(render::app(p, &p.apps[index], &origin))
        })
        .await?;
    Ok(ok(&AppResponse { app }))
}

/// Settings, stack and project, each recorded as its own event.
fn apply_settings(
    p: &mut Platform,
    index: usize,
    user: &UserRecord,
    params: &AppUpdate,
    now: Timestamp,
) -> ApiResult<()> {
    let stack = match non_empty(&params.stack_id) {
        Some(id) => Some(
            p.stack(id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("stack"))?,
        ),
        None => None,
    };
    let project = match non_empty(&params.project_id) {
        Some(id) => Some(
            p.project(id)
                .filter(|project| {
                    project.owner_id == p.apps[index].owner_id
                        && project.region == p.apps[index].region
                })
                .cloned()
                .ok_or_else(|| ApiError::not_found("project"))?,
        ),
        None => None,
    };

    let app = &mut p.apps[index];
    let mut changed = Map::new();
    for (key, wanted, current) in [
        ("force_https", params.force_https, &mut app.force_https),
        (
            "sticky_session",
            params.sticky_session,
            &mut app.sticky_session,
        ),
        ("router_logs", params.router_logs, &mut app.router_logs),
    ] {
        if let Some(wanted) = wanted.filter(|w| w != current) {
            *current = wanted;
            changed.insert(key.to_owned(), json!(wanted));
        }
    }
    let previous_stack = app.stack_id.clone();
    let previous_project = app.project_id.clone();
    if let Some(stack) = &stack {
        app.stack_id = stack.id.clone();
    }
    if let Some(project) = &project {
        app.project_id = project.id.clone();
    }
    let any_change =
        !changed.is_empty() || previous_stack != app.stack_id || previous_project != app.project_id;
    if any_change {
        app.updated_at = now;
    }

    if !changed.is_empty() {
        p.push_event("edit_app", index, user, Value::Object(changed), now);
    }
    if let Some(stack) = stack.filter(|s| s.id != previous_stack) {
        let previous_name = p.stack(&previous_stack).map(|s| s.name.clone());
        let type_data = json!({
            "previous_stack_id": previous_stack,
            "previous_stack_name": previous_name,
            "current_stack_id": stack.id,
            "current_stack_name": stack.name,
        });
        p.push_event("stack_changed", index, user, type_data, now);
    }
    if let Some(project) = project.filter(|pr| pr.id != previous_project) {
        let previous_name = p.project(&previous_project).map(|pr| pr.name.clone());
        let type_data = json!({
            "old_project_id": previous_project,
            "old_project_name": previous_name,
            "new_project_id": project.id,
            "new_project_name": project.name,
        });
        p.push_event("update_app_project", index, user, type_data, now);
    }
    Ok(())
}

/// Gives the app to one of its collaborators; the former owner stays on as
/// a collaborator, and the app moves to the new owner's default project.
fn transfer(
    p: &mut Platform,
    index: usize,
    user: &UserRecord,
    role: Role,
    new_owner: &str,
    confirmation: Option<&str>,
    now: Timestamp,
) -> ApiResult<()> {
    if !role.is_owner() {
        return Err(ApiError::forbidden(
            "Only the owner of the app can transfer it",
        ));
    }
    if confirmation != Some(p.apps[index].name.as_str()) {
        return Err(ApiError::current_name_mismatch());
    }
    let app_id = p.apps[index].id.clone();
    let old_owner_id = p.apps[index].owner_id.clone();
    let target = p
        .user_by_id_or_email(new_owner)
        .cloned()
        .ok_or_else(|| ApiError::field("owner", "must be a collaborator of the app"))?;
    if target.id == old_owner_id {
        return Err(ApiError::field("owner", "is already the owner of the app"));
    }
    if p.accepted_collaborator(&app_id, &target.id).is_none() {
        return Err(ApiError::field(
            "owner",
            "must be a collaborator of the app",
        ));
    }
    let old_owner = p.user(&old_owner_id).cloned();

    p.collaborators
        .retain(|c| !(c.app_id == app_id && c.user_id.as_deref() == Some(target.id.as_str())));
    if let Some(old) = &old_owner {
        p.collaborators.push(CollaboratorRecord {
            id: ids::object_id(&mut rand::rng()),
            app_id: app_id.clone(),
            email: old.email.clone(),
            user_id: Some(old.id.clone()),
            status: scalingo_api::CollaboratorStatus::Accepted,
            is_limited: false,
            invitation_token: ids::token_chars(&mut rand::rng(), 40),
            created_at: now,
        });
    }
    let region = p.apps[index].region.clone();
    let target_project = p.ensure_default_project(&region, &target.id, now);
    let app = &mut p.apps[index];
    app.owner_id = target.id.clone();
    app.project_id = target_project;
    app.updated_at = now;
    let type_data = json!({
        "old_owner": old_owner.as_ref().map(event_user),
        "new_owner": event_user(&target),
    });
    p.push_event("transfer_app", index, user, type_data, now);
    Ok(())
}

async fn rename(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    // The request is not wrapped; `{"app": {…}}` is accepted as well.
    let params = match root_object(&body, "app") {
        Ok(app) => Value::Object(app.clone()),
        Err(_) => body.clone(),
    };
    let request: RenameRequest = serde_json::from_value(params).unwrap_or_default();
    let now = time::now();
    let app = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            if !role.is_owner() {
                return Err(ApiError::forbidden(
                    "Only the owner of the app can rename it",
                ));
            }
            let old_name = p.apps[index].name.clone();
            if request.current_name != old_name {
                return Err(ApiError::current_name_mismatch());
            }
            let kind = if p.apps[index].is_child() {
                AppNameKind::Child
            } else {
                AppNameKind::App
            };
            let new_name = request.new_name.trim().to_owned();
            let errors = app_name_errors(&new_name, kind);
            if !errors.is_empty() {
                return Err(ApiError::field_messages("name", errors));
            }
            if p.name_taken(region.as_str(), &new_name) {
                return Err(ApiError::field("name", "has already been taken"));
            }
            let children = p
                .apps
                .iter_mut()
                .filter(|a| a.parent_app_name == old_name && a.region == region.as_str());
            for child in children {
                child.parent_app_name = new_name.clone();
            }
            let app = &mut p.apps[index];
            app.name = new_name.clone();
            app.updated_at = now;
            let type_data = json!({ "old_name": old_name, "new_name": new_name });
            p.push_event("rename_app", index, &user, type_data, now);
            Ok(render::app(p, &p.apps[index], &origin))
        })
        .await?;
    Ok(ok(&AppResponse { app }))
}
