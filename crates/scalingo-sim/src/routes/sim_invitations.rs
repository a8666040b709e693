//! The simulator's control for invitations: the person invited accepts,
//! as if they had opened the link of the e-mail on their side, so a test
//! needs no second browser (see `domain::collaboration`).
//!
//! - `POST /_sim/collaborators/:id/accept` → 200 `{"collaborator"}` as the
//!   app's list now shows it; 404 `collaborator`; 400 `{"type":
//!   "already-collaborator", "error"}` when it is not pending.
//! - `POST /_sim/invitations/accept` with `{"email"?, "app"?}` (optional
//!   filters: the invited address, in any case, and the app's name or id)
//!   → 200 `{"collaborators": […]}`: every pending invitation that
//!   matches, accepted (an empty list when none does).
//!
//! The person is the user of the invited address; one is created when
//! there is none (its username from the address, with a payment method),
//! so that the app can then be transferred to them.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::post,
    Router,
};
use scalingo_api::{CollaboratorResponse, CollaboratorStatus, CollaboratorsResponse};
use serde_json::Value;

use crate::{
    domain::{
        error::{ApiError, ApiResult},
        model::{CollaboratorRecord, Platform},
        origin::Origin,
        render, time,
    },
    http::{extract::JsonBody, response::ok},
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/_sim/collaborators/{id}/accept", post(accept_one))
        .route("/_sim/invitations/accept", post(accept_matching))
}

/// The collaborator as its app's list shows it.
fn rendered(
    p: &Platform,
    record: &CollaboratorRecord,
    origin: &Origin,
) -> ApiResult<scalingo_api::Collaborator> {
    let app = p
        .apps
        .iter()
        .find(|a| a.id == record.app_id)
        .ok_or_else(|| ApiError::not_found("app"))?;
    Ok(render::collaborator(p, app, record, origin))
}

async fn accept_one(
    State(state): State<SharedState>,
    origin: Origin,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let now = time::now();
    let collaborator = state
        .mutate(|p| {
            let record = p.accept_invitation_as_invited(&id, now)?;
            rendered(p, &record, &origin)
        })
        .await?;
    Ok(ok(&CollaboratorResponse { collaborator }))
}

async fn accept_matching(
    State(state): State<SharedState>,
    origin: Origin,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let text = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let (email, app) = (text("email"), text("app"));
    let now = time::now();
    let collaborators = state
        .mutate(|p| {
            let wanted: Vec<String> = p
                .collaborators
                .iter()
                .filter(|c| c.status == CollaboratorStatus::Pending)
                .filter(|c| {
                    email
                        .as_deref()
                        .is_none_or(|e| c.email.eq_ignore_ascii_case(e))
                })
                .filter(|c| {
                    app.as_deref().is_none_or(|wanted| {
                        p.apps
                            .iter()
                            .any(|a| a.id == c.app_id && (a.id == wanted || a.name == wanted))
                    })
                })
                .map(|c| c.id.clone())
                .collect();
            let mut accepted = Vec::new();
            for id in wanted {
                let record = p.accept_invitation_as_invited(&id, now)?;
                accepted.push(rendered(p, &record, &origin)?);
            }
            Ok(accepted)
        })
        .await?;
    Ok(ok(&CollaboratorsResponse { collaborators }))
}
