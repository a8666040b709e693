//! Collaborators of an app (the owner is not listed) and invitations (see
//! `domain::collaboration` for the rules and the events).
//!
//! - `GET /apps/:app/collaborators` → 200 `{"collaborators": […]}`, for
//!   anyone who sees the app.
//! - `POST /apps/:app/collaborators` `{"collaborator": {"email",
//!   "is_limited"}}` → 201 `{"collaborator"}` (an object), pending, with
//!   its `invitation_link`; `is_limited` defaults to `true`. 422 on
//!   `email`: `["can't be blank", "is invalid"]` for a blank one, `is
//!   invalid`, or the owner's address, one already invited, one already
//!   collaborating.
//! - `PATCH /apps/:app/collaborators/:id` `{"collaborator": {"is_limited":
//!   bool}}` → 200 `{"collaborator"}`; 404 `collaborator`; 422 for any
//!   other field (`can't be changed`), a missing `is_limited` (`can't be
//!   blank`) or one that is not a boolean.
//! - `DELETE /apps/:app/collaborators/:id` → 204; 404 `collaborator`.
//! - `GET /apps/collaboration?token=` → 200 `{"app"}`: the current user
//!   accepts the invitation; 404 `collaborator` for a token that is no
//!   pending invitation of this region; 400 `{"type":
//!   "already-collaborator", "error"}` for the owner or a collaborator of
//!   the app.
//!
//! Limited collaborators may list but not change: 403 `{"error", "code":
//! "forbidden"}`, as for the other changes their role refuses. Bodies are
//! also read without their root object.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::{get, patch},
    Router,
};
use scalingo_api::{AppResponse, CollaboratorResponse, CollaboratorsResponse};

use super::{body_fields::Fields, caller::CurrentUser};
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        origin::Origin,
        render, time,
    },
    http::{
        extract::{query_param, ApiRegion, JsonBody, QueryMap},
        response::{created, no_content, ok},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/collaborators", get(list).post(invite))
        .route(
            "/v1/apps/{app}/collaborators/{id}",
            patch(update).delete(remove),
        )
        .route("/v1/apps/collaboration", get(accept))
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let collaborators = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app = &p.apps[index];
        Ok::<_, ApiError>(
            p.collaborators_of(&app.id)
                .map(|c| render::collaborator(p, app, c, &origin))
                .collect(),
        )
    })?;
    Ok(ok(&CollaboratorsResponse { collaborators }))
}

async fn invite(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let mut fields = Fields::of(&body, "collaborator");
    let email = fields.string("email").unwrap_or_default();
    let is_limited = fields.boolean("is_limited").unwrap_or(true);
    let now = time::now();
    let collaborator = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the collaborators of this app")?;
            fields.finish()?;
            let record = p.invite_collaborator(index, &user, &email, is_limited, now)?;
            Ok(render::collaborator(p, &p.apps[index], &record, &origin))
        })
        .await?;
    Ok(created(&CollaboratorResponse { collaborator }))
}

async fn update(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path((ident, id)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let mut fields = Fields::of(&body, "collaborator");
    let others: Vec<String> = fields
        .keys()
        .filter(|key| *key != "is_limited")
        .cloned()
        .collect();
    for key in &others {
        fields.refuse(key, "can't be changed");
    }
    if fields.raw("is_limited").is_none() {
        fields.refuse("is_limited", "can't be blank");
    }
    let is_limited = fields.boolean("is_limited");
    let now = time::now();
    let collaborator = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the collaborators of this app")?;
            p.collaborator_index(&p.apps[index].id, &id)?;
            fields.finish()?;
            let record =
                p.change_collaborator_role(index, &user, &id, is_limited.unwrap_or(true), now)?;
            Ok(render::collaborator(p, &p.apps[index], &record, &origin))
        })
        .await?;
    Ok(ok(&CollaboratorResponse { collaborator }))
}

async fn remove(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let now = time::now();
    state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the collaborators of this app")?;
            p.remove_collaborator(index, &user, &id, now)
        })
        .await?;
    Ok(no_content())
}

async fn accept(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    query: QueryMap,
) -> ApiResult<Response> {
    let token = query_param(&query, "token").unwrap_or_default();
    let now = time::now();
    let app = state
        .mutate(|p| {
            let index = p.accept_invitation(region.as_str(), &token, &user, now)?;
            Ok(render::app(p, &p.apps[index], &origin))
        })
        .await?;
    Ok(ok(&AppResponse { app }))
}
