//! The simulator's own addon and billing pieces (`/_sim/…`, at the root,
//! without authentication):
//!
//! - `GET /_sim/addon-logos/:id.svg`: the logo of a provider of the
//!   catalogue (its initials on a colour of its own), `image/svg+xml`; 404
//!   `addon_provider`. The catalogue's `logo_url`s point here.
//! - `GET /_sim/addon-dashboard/:addon_id?nonce=&timestamp=&signature=`:
//!   where an addon's `sso_url` leads: a plain-text page naming the addon,
//!   for an hour after the URL was issued (403 `expired` after, 401 for a
//!   URL that was not signed here, 404 `addon` once it is deleted).
//! - `POST /_sim/payment-method {"present": bool, "user"?}` gives or takes
//!   away a user's payment method (the demo user, Ada, by default; `user`
//!   is a username, an email or an id): 200 `{"payment_method": {"user",
//!   "present"}}`; 400 without a boolean `present`; 404 `user`. Without
//!   one, paid addon plans are refused (402), and the free-usage rule
//!   applies to apps and containers when `--free-usage-limits` is on.
//! - `POST /_sim/addons/:id/suspend` suspends a running addon as the
//!   platform would (an unpaid invoice): 200 `{"addon": {"id", "status"}}`,
//!   400 unless it is running, 404 `addon`; a `suspend_addon` event by the
//!   platform is recorded.

use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use rand::RngCore;
use serde_json::{json, Value};

use crate::{
    domain::{
        demo::DEMO_TOKEN,
        error::{ApiError, ApiResult},
        logs::signing::{check, UrlError, UrlSigner},
        origin::Origin,
        time,
        tokens::unix_now,
    },
    http::{
        extract::{query_param, JsonBody, QueryMap},
        response::ok,
    },
    state::SharedState,
};

/// How long an addon's dashboard URL is valid, in seconds.
const DASHBOARD_TTL: u64 = 3600;
const DASHBOARD_PURPOSE: &str = "addon-dashboard";

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/_sim/addon-logos/{file}", get(logo))
        .route("/_sim/addon-dashboard/{id}", get(dashboard))
        .route("/_sim/payment-method", post(payment_method))
        .route("/_sim/addons/{id}/suspend", post(suspend))
}

/// A signed URL of the dashboard of addon `id`, valid an hour from `now`;
/// a random nonce makes every one different.
pub fn dashboard_url(signer: &UrlSigner, origin: &Origin, id: &str, now: u64) -> String {
    let mut bytes = [0u8; 12];
    rand::rng().fill_bytes(&mut bytes);
    let nonce: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let timestamp = now.to_string();
    let signature = signer.sign(&[DASHBOARD_PURPOSE, id, &nonce, &timestamp]);
    format!(
        "{}/_sim/addon-dashboard/{id}?nonce={nonce}&timestamp={timestamp}&signature={signature}",
        origin.root()
    )
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A square with the provider's initials, on a hue drawn from its id.
fn logo_svg(id: &str, name: &str) -> String {
    let hue = id
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        % 360;
    let initials: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\
         <rect width=\"64\" height=\"64\" rx=\"12\" fill=\"hsl({hue},55%,42%)\"/>\
         <text x=\"32\" y=\"41\" font-family=\"sans-serif\" font-size=\"26\" font-weight=\"bold\" \
         text-anchor=\"middle\" fill=\"#fff\">{}</text></svg>",
        escape_xml(&initials)
    )
}

async fn logo(State(state): State<SharedState>, Path(file): Path<String>) -> ApiResult<Response> {
    let id = file.strip_suffix(".svg").unwrap_or(&file).to_owned();
    let name = state
        .read(|p| p.addon_provider(&id).map(|provider| provider.name.clone()))
        .ok_or_else(|| ApiError::not_found("addon_provider"))?;
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        logo_svg(&id, &name),
    )
        .into_response())
}

async fn dashboard(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    query: QueryMap,
) -> ApiResult<Response> {
    let nonce = query_param(&query, "nonce").unwrap_or_default();
    check(
        &state.url_signer,
        &[DASHBOARD_PURPOSE, &id, &nonce],
        query_param(&query, "signature").as_deref(),
        query_param(&query, "timestamp").as_deref(),
        DASHBOARD_TTL,
        unix_now(),
    )
    .map_err(|error| match error {
        UrlError::BadSignature => ApiError::unauthorized("invalid signature"),
        UrlError::Expired => {
            ApiError::expired("this dashboard link has expired: ask for a new one")
        }
    })?;
    let text = state.read(|p| {
        let addon = p
            .addons
            .iter()
            .find(|a| a.id == id)
            .ok_or_else(|| ApiError::not_found("addon"))?;
        let (provider, plan) = p.addon_catalogue_entry(addon);
        let app = p.apps.iter().find(|a| a.id == addon.app_id);
        Ok::<_, ApiError>(format!(
            "Dashboard of the {} addon {} ({} plan) of {}\n\n\
             This page stands in for the provider's dashboard: the simulator runs no database.\n",
            provider.map_or(addon.provider_id.as_str(), |p| p.name.as_str()),
            addon.resource_id,
            plan.map_or(addon.plan_id.as_str(), |p| p.display_name.as_str()),
            app.map_or("a deleted app", |a| a.name.as_str()),
        ))
    })?;
    Ok((
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        text,
    )
        .into_response())
}

async fn payment_method(
    State(state): State<SharedState>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let Some(present) = body.get("present").and_then(Value::as_bool) else {
        return Err(ApiError::bad_request("present must be true or false"));
    };
    let key = body.get("user").and_then(Value::as_str).map(str::to_owned);
    let username = state
        .mutate(|p| {
            let user_id = match &key {
                Some(key) => p
                    .user_by_id_or_email(key)
                    .map(|u| u.id.clone())
                    .or_else(|| {
                        p.users
                            .iter()
                            .find(|u| u.username == *key)
                            .map(|u| u.id.clone())
                    }),
                None => p.user_by_api_token(DEMO_TOKEN).map(|u| u.id.clone()),
            }
            .ok_or_else(|| ApiError::not_found("user"))?;
            let user = p
                .users
                .iter_mut()
                .find(|u| u.id == user_id)
                .ok_or_else(|| ApiError::not_found("user"))?;
            user.has_payment_method = present;
            Ok(user.username.clone())
        })
        .await?;
    Ok(ok(
        &json!({ "payment_method": { "user": username, "present": present } }),
    ))
}

async fn suspend(State(state): State<SharedState>, Path(id): Path<String>) -> ApiResult<Response> {
    let now = time::now();
    let record = state.mutate(|p| p.suspend_addon(&id, now)).await?;
    Ok(ok(
        &json!({ "addon": { "id": record.id, "status": record.status } }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logos_escape_what_they_draw() {
        let svg = logo_svg("x", "<b> & co");
        assert!(svg.contains(">&lt;&amp;</text>"));
        assert!(svg.starts_with("<svg"));
    }
}
