//! The addons of an app (see `domain::addons` for the rules and the
//! events, `lifecycle::addon` for provisioning on the clock).
//!
//! - `GET /apps/:app/addons` → 200 `{"addons": […]}`; `GET …/:id` → 200
//!   `{"addon"}`; 404 `addon`.
//! - `POST {"addon": {"addon_provider_id", "plan_id", "options"?}}` → 201
//!   `{"addon": {…, "status": "provisioning"}, "message"}`; 400 `{"error":
//!   "plan_id is required"}` (and `addon_provider_id is required`); 404
//!   `addon_provider` or `plan`; 422 `plan_id` for a disabled plan, 422
//!   `addon_provider_id: ["has already been taken"]` for a second addon of
//!   a provider; 402 `addon-free-trial-exceeded` for a paid plan when the
//!   app's owner has no payment method. `options` are accepted and
//!   ignored.
//! - `PATCH /:id {"addon": {"plan_id"}}` → 200 `{"addon", "variables":
//!   [names], "message"}` (the recorded shape); the same 400, 404, 422
//!   and 402, and 400 for the plan the addon is on.
//! - `DELETE /:id` → 204, its variables gone from the app.
//! - `POST /:id/resume` → 200 `{"addon", "message"}`; 400 unless it is
//!   suspended.
//! - `POST /:id/token` → 200 `{"addon": {…, "token"}}`, a token of the
//!   database API valid an hour.
//! - `GET` or `POST /:id/sso` → 200 `{"addon": {…, "sso_url"}}`: a signed
//!   URL of the simulator (`/_sim/addon-dashboard/:id`, see `sim_addons`)
//!   valid an hour, never the same twice.
//!
//! `token` and `sso` answer 400 while the addon is provisioning or
//! suspended. Bodies are also read without their root object. Limited
//! collaborators may list and show addons; everything else is a 403
//! (`{"error", "code": "forbidden"}`), as for the environment.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::{get, post},
    Router,
};
use rand::RngCore;
use scalingo_api::{
    AddonResponse, AddonStatus, AddonUpdate, AddonUpdateResponse, AddonsResponse, NewAddon,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{caller::CurrentUser, sim_addons::dashboard_url};
use crate::{
    domain::{
        addons::{render, AddonOrder, AddonRecord},
        error::{ApiError, ApiResult},
        origin::Origin,
        time,
        tokens::unix_now,
    },
    http::{
        extract::{ApiRegion, JsonBody},
        response::{created, no_content, ok},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/addons", get(list).post(create))
        .route(
            "/v1/apps/{app}/addons/{id}",
            get(show).patch(update).delete(delete),
        )
        .route("/v1/apps/{app}/addons/{id}/resume", post(resume))
        .route("/v1/apps/{app}/addons/{id}/token", post(token))
        .route("/v1/apps/{app}/addons/{id}/sso", get(sso).post(sso))
}

/// The object under `key` (or the body itself), read leniently: what is
/// not an object reads as an empty one, so the rules say what is missing.
fn read<T: DeserializeOwned + Default>(body: &Value, key: &str) -> T {
    match body.get(key).unwrap_or(body) {
        object @ Value::Object(_) => serde_json::from_value(object.clone()).unwrap_or_default(),
        _ => T::default(),
    }
}

fn required(value: &str, name: &str) -> ApiResult<()> {
    if value.trim().is_empty() {
        return Err(ApiError::bad_request(format!("{name} is required")));
    }
    Ok(())
}

fn billing_url(origin: &Origin) -> String {
    format!("{}/billing", origin.root())
}

/// What a provider is called, for the messages.
fn provider_name(p: &crate::domain::model::Platform, addon: &AddonRecord) -> String {
    p.addon_provider(&addon.provider_id).map_or_else(
        || addon.provider_id.clone(),
        |provider| provider.name.clone(),
    )
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let addons = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        Ok::<_, ApiError>(
            p.addons_of(&p.apps[index].id)
                .map(|a| render::addon(p, a, &origin))
                .collect(),
        )
    })?;
    Ok(ok(&AddonsResponse { addons }))
}

async fn show(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let addon = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        p.addon(index, &id).map(|a| render::addon(p, a, &origin))
    })?;
    Ok(ok(&AddonResponse {
        addon,
        message: None,
    }))
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let new: NewAddon = read(&body, "addon");
    let timing = state.settings.timing;
    let now = time::now();
    let billing = billing_url(&origin);
    let response = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the addons of this app")?;
            required(&new.addon_provider_id, "addon_provider_id")?;
            required(&new.plan_id, "plan_id")?;
            let order = AddonOrder {
                provider_id: new.addon_provider_id.trim(),
                plan_id: new.plan_id.trim(),
                billing_url: &billing,
            };
            let record = p.provision_addon(index, &user, &order, now, timing)?;
            Ok(AddonResponse {
                message: Some(format!(
                    "Your {} addon is being provisioned: its environment variables \
                     will be added to the app when it is ready.",
                    provider_name(p, &record)
                )),
                addon: render::addon(p, &record, &origin),
            })
        })
        .await?;
    Ok(created(&response))
}

async fn update(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path((ident, id)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let change: AddonUpdate = read(&body, "addon");
    let now = time::now();
    let billing = billing_url(&origin);
    let response = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the addons of this app")?;
            p.addon(index, &id)?;
            required(&change.plan_id, "plan_id")?;
            let record =
                p.change_addon_plan(index, &user, &id, change.plan_id.trim(), &billing, now)?;
            let addon = render::addon(p, &record, &origin);
            let plan = addon
                .plan
                .as_ref()
                .map(|plan| plan.display_name.clone())
                .unwrap_or_default();
            Ok(AddonUpdateResponse {
                message: Some(format!(
                    "Your {} addon is now on the {plan} plan.",
                    provider_name(p, &record)
                )),
                variables: record.variables.iter().map(|v| v.name.clone()).collect(),
                vars: Vec::new(),
                addon: Some(addon),
            })
        })
        .await?;
    Ok(ok(&response))
}

async fn delete(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let now = time::now();
    state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the addons of this app")?;
            p.delete_addon(index, &user, &id, now)
        })
        .await?;
    Ok(no_content())
}

async fn resume(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let now = time::now();
    let response = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the addons of this app")?;
            let record = p.resume_addon(index, &user, &id, now)?;
            Ok(AddonResponse {
                message: Some(format!(
                    "Your {} addon has been resumed.",
                    provider_name(p, &record)
                )),
                addon: render::addon(p, &record, &origin),
            })
        })
        .await?;
    Ok(ok(&response))
}

/// The running addon `id` of the app, for a token or a dashboard: 403 for
/// limited collaborators, 404 `addon`, 400 unless it is running.
fn running_addon(
    state: &SharedState,
    region: &ApiRegion,
    ident: &str,
    id: &str,
    user_id: &str,
    origin: &Origin,
) -> ApiResult<scalingo_api::Addon> {
    state.read(|p| {
        let (index, role) = p.accessible_app(region.as_str(), ident, user_id)?;
        role.refuse_limited("manage", "the addons of this app")?;
        let record = p.addon(index, id)?;
        match record.status {
            AddonStatus::Running => Ok(render::addon(p, record, origin)),
            AddonStatus::Suspended => Err(ApiError::bad_request(
                "The addon is suspended: resume it first",
            )),
            _ => Err(ApiError::bad_request(
                "The addon is still being provisioned",
            )),
        }
    })
}

async fn token(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let mut addon = running_addon(&state, &region, &ident, &id, &user.id, &origin)?;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    addon.token = Some(format!("dbapi-{hex}"));
    Ok(ok(&AddonResponse {
        addon,
        message: None,
    }))
}

async fn sso(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let mut addon = running_addon(&state, &region, &ident, &id, &user.id, &origin)?;
    addon.sso_url = Some(dashboard_url(
        &state.url_signer,
        &origin,
        &addon.id,
        unix_now(),
    ));
    Ok(ok(&AddonResponse {
        addon,
        message: None,
    }))
}
