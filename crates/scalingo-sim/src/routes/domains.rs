//! Custom domains of an app (see `domain::domains` for the rules and the
//! events, `lifecycle::domain` for Let's Encrypt on the clock).
//!
//! - `GET /apps/:app/domains` → 200 `{"domains": […]}`, in creation order;
//!   `GET …/:id` → 200 `{"domain"}`; 404 `domain`.
//! - `POST {"domain": {"name", "canonical"?, "tlscert"?, "tlskey"?,
//!   "letsencrypt_enabled"?}}` → 201 `{"domain"}`; 422 `{"errors":
//!   {"name": […]}}` (blank, the shared name rule, taken in the region,
//!   20 per app), `tlscert`/`tlskey` (the shared PEM rules; one without
//!   the other is `can't be blank`), `canonical` (a wildcard).
//! - `PATCH /:id {"domain": {"canonical"?, "tlscert"?, "tlskey"?,
//!   "letsencrypt_enabled"?}}` → 200 `{"domain"}`; `tlscert: ""` with
//!   `tlskey: ""` removes the custom certificate (Let's Encrypt starts
//!   again); `canonical: false` unsets it. A `name` is ignored.
//! - `DELETE /:id` → 204.
//!
//! The app's `url` is its canonical domain's when it has one (see
//! `render::app`). Bodies are also read without their root object.
//! Limited collaborators may list and show domains; their changes are a
//! 403 (`{"error", "code": "forbidden"}`): the reference's roles do not
//! name domains, and routing is as much the app's configuration as its
//! addons.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::{DomainResponse, DomainUpdate, DomainsResponse, NewDomain};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::caller::CurrentUser;
use crate::{
    domain::{
        domains::render,
        error::{ApiError, ApiResult},
        time,
    },
    http::{
        extract::{ApiRegion, JsonBody},
        response::{created, no_content, ok},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/domains", get(list).post(create))
        .route(
            "/v1/apps/{app}/domains/{id}",
            get(show).patch(update).delete(delete),
        )
}

fn read<T: DeserializeOwned + Default>(body: &Value, key: &str) -> T {
    match body.get(key).unwrap_or(body) {
        object @ Value::Object(_) => serde_json::from_value(object.clone()).unwrap_or_default(),
        _ => T::default(),
    }
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let now = time::now();
    let domains = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        Ok::<_, ApiError>(
            p.domains_of(&p.apps[index].id)
                .map(|d| render::domain(d, now))
                .collect(),
        )
    })?;
    Ok(ok(&DomainsResponse { domains }))
}

async fn show(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let now = time::now();
    let domain = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        p.domain(index, &id).map(|d| render::domain(d, now))
    })?;
    Ok(ok(&DomainResponse { domain }))
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let new: NewDomain = read(&body, "domain");
    let timing = state.settings.timing;
    let now = time::now();
    let domain = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the domains of this app")?;
            let record = p.add_domain(index, &user, &new, now, timing)?;
            Ok(render::domain(&record, now))
        })
        .await?;
    Ok(created(&DomainResponse { domain }))
}

async fn update(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let change: DomainUpdate = read(&body, "domain");
    let timing = state.settings.timing;
    let now = time::now();
    let domain = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the domains of this app")?;
            let record = p.update_domain(index, &user, &id, &change, now, timing)?;
            Ok(render::domain(&record, now))
        })
        .await?;
    Ok(ok(&DomainResponse { domain }))
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
            role.refuse_limited("manage", "the domains of this app")?;
            p.delete_domain(index, &user, &id, now)
        })
        .await?;
    Ok(no_content())
}
