//! `POST /apps/:app/scale`: validation, the free-usage rule, and the start
//! of a scale operation.
//!
//! Statuses, in the order they are checked: 404 `app`; 422 for a body
//! without containers or a line without a name; 404 `container_type` for a
//! process type the app does not have (the reference hesitates between 404
//! and 422 and calls the 404 likely: it is the resource the Go client has a
//! message for); 422 on `container-<type>-amount` (missing, not a number,
//! negative, over 10) and `container-<type>-size` (unknown size); 409 while
//! a scale or restart runs; 400 when nothing changes; 402 under the
//! free-usage rule. Then 202 with `Location`, or 200 without an operation
//! for an app that has a formation but was never deployed. A scale that
//! changes the amount of a type disables that type's autoscaler.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    routing::post,
    Router,
};
use scalingo_api::{AppStatus, FormationResponse};
use serde_json::{json, Map, Value};

use super::{
    caller::CurrentUser,
    scale_request::{lines, targets},
};
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        lifecycle::{scale::plan_scale, OperationPlan},
        model::{AppRecord, ContainerTypeRecord, Platform},
        origin::Origin,
        render, time,
    },
    http::{
        extract::{ApiRegion, JsonBody},
        response::{accepted, json_response},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new().route("/v1/apps/{app}/scale", post(scale))
}

fn scale_value(amount: u32, size: &str) -> Value {
    Value::String(format!("{amount}:{size}"))
}

/// More than one S or M `web` container, or any other type.
fn beyond_free_usage(formation: &[ContainerTypeRecord]) -> bool {
    formation.iter().any(|t| {
        t.amount > 0 && (t.name != "web" || t.amount > 1 || !matches!(t.size.as_str(), "S" | "M"))
    })
}

/// Without a payment method, an app may run one S or M `web` container
/// (reference §5.3, API wording). A scale that ends beyond that is refused
/// unless it only shrinks the app, so that a user over the limit (an app
/// from before the rule) can always scale down.
fn check_free_usage(
    p: &Platform,
    app: &AppRecord,
    before: &[ContainerTypeRecord],
    enabled: bool,
    origin: &Origin,
) -> ApiResult<()> {
    let exempt = !enabled || p.user(&app.owner_id).is_none_or(|u| u.has_payment_method);
    if exempt || !beyond_free_usage(&app.formation) {
        return Ok(());
    }
    let total = |f: &[ContainerTypeRecord]| f.iter().map(|t| t.amount).sum::<u32>();
    let bigger_size = app.formation.iter().any(|t| {
        t.amount > 0
            && !matches!(t.size.as_str(), "S" | "M")
            && before.iter().any(|b| b.name == t.name && b.size != t.size)
    });
    if total(&app.formation) > total(before) || bigger_size {
        return Err(ApiError::free_trial_exceeded(
            "containers",
            "You can only have 1 small or medium 'web' container without having defined \
             a payment method. Add a payment method to scale further.",
            &format!("{}/billing", origin.root()),
        ));
    }
    Ok(())
}

async fn scale(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let settings = &state.settings;
    let (formation, operation) = state
        .mutate(|p| {
            let now = time::now();
            let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            let targets = targets(p, &p.apps[index], lines(&body)?)?;
            p.ensure_idle(&p.apps[index].id)?;
            let before = p.apps[index].formation.clone();
            let unchanged = targets.iter().all(|t| {
                before
                    .iter()
                    .any(|b| b.name == t.name && b.amount == t.amount && b.size == t.size)
            });
            if unchanged {
                return Err(ApiError::bad_request("no change in containers formation"));
            }
            // Validated on the formation as it would be.
            let mut preview = p.apps[index].clone();
            for t in &targets {
                if let Some(process) = preview.formation.iter_mut().find(|b| b.name == t.name) {
                    process.amount = t.amount;
                    process.size = t.size.clone();
                }
            }
            check_free_usage(p, &preview, &before, settings.free_usage_limits, &origin)?;
            // A manual scale of an autoscaled type disables its autoscaler.
            p.disable_autoscalers_on_scale(index, &before, &targets, now);

            let never_deployed =
                p.apps[index].status == AppStatus::New && p.apps[index].last_deployed_at.is_none();
            let operation = if never_deployed {
                // Nothing runs yet: the formation is what the first
                // deployment will start.
                p.apps[index].formation = preview.formation;
                None
            } else {
                let error = p.take_failure();
                let app = &mut p.apps[index];
                let previous_status = app.status.clone();
                let finishes_at = plan_scale(app, &targets, now, settings.timing, error.is_some());
                let all_zero = app.formation.iter().all(|t| t.amount == 0);
                app.status = AppStatus::Scaling;
                let final_status = match (&error, all_zero) {
                    (Some(_), _) => previous_status,
                    (None, true) => AppStatus::Stopped,
                    (None, false) => AppStatus::Running,
                };
                let restore_formation = error.is_some().then(|| before.clone());
                Some(
                    p.push_operation(OperationPlan {
                        kind: "scale",
                        app_id: p.apps[index].id.clone(),
                        created_at: now,
                        running_at: now + settings.timing.pending(),
                        finishes_at,
                        error,
                        final_status: Some(final_status),
                        restore_formation,
                        container_id: None,
                        failing_type: targets
                            .iter()
                            .find(|t| t.amount > 0)
                            .map(|t| t.name.clone()),
                    }),
                )
            };
            p.apps[index].updated_at = now;

            let mut previous = Map::new();
            let mut next = Map::new();
            for t in &targets {
                if let Some(b) = before.iter().find(|b| b.name == t.name) {
                    previous.insert(t.name.clone(), scale_value(b.amount, &b.size));
                }
                next.insert(t.name.clone(), scale_value(t.amount, &t.size));
            }
            let type_data = json!({ "previous_containers": previous, "containers": next });
            p.push_event("scale", index, &user, type_data, now);

            let app = &p.apps[index];
            let formation: Vec<_> = app
                .formation
                .iter()
                .map(|t| render::container_type(app, t))
                .collect();
            Ok((formation, operation))
        })
        .await?;
    let body = FormationResponse {
        containers: formation,
    };
    Ok(match operation {
        Some(id) => accepted(&origin.operation_url(&ident, &id), Some(&body)),
        None => json_response(StatusCode::OK, &body),
    })
}
