//! Logs: the signed URL, and what it serves.
//!
//! `GET /v1/apps/:app/logs` → 200 `{"app": {…}, "logs_url": "<origin>/_logs/
//! apps/<app id>/logs?token=…&timestamp=<unix>"}` (404 `app`). The URL is
//! valid one hour (`SimConfig::logs_url_ttl`) and needs no bearer. Like
//! every URL a region returns, it starts with the region's API base
//! (`<origin>/regions/<name>` outside the default region).
//!
//! `GET <logs_url>[&n=N][&filter=F]`, the dump:
//! - 200 `text/plain; charset=utf-8`: the last `n` lines (100 by default,
//!   at most 10,000: larger values are capped), oldest first, one per line;
//! - 204 when there is no line (an app that never ran anything);
//! - 400 `{"error"}` for an `n` that is not a whole number, or a `filter`
//!   that is not a valid regular expression (see `domain::logs::filter`);
//! - 401 `{"error"}` for a missing or bad `token`/`timestamp`, 403
//!   `{"error"}` once the URL has expired, 404 `app` once the app is gone.
//!
//! `GET <logs_url>&stream=true[&filter=F]` with `Upgrade: websocket`: a
//! live stream (see `logs_stream`). Without the upgrade, 400: the platform
//! would fall back to server-sent events, whose framing is not documented.
//!
//! `POST /_sim/logs/drop-streams` closes every open stream now (clients
//! must reconnect): 200 `{"dropped": <streams that were open>}`.

use axum::{
    extract::{
        ws::{rejection::WebSocketUpgradeRejection, WebSocketUpgrade},
        Extension, Path, State,
    },
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use scalingo_api::LogsUrlResponse;
use serde_json::json;

use super::{
    caller::CurrentUser,
    logs_stream::{self, StreamParams},
};
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        logs::{
            self,
            collect::AppLogs,
            filter::Filter,
            signing::{check, UrlError},
            DUMP_DEFAULT, DUMP_MAX,
        },
        origin::Origin,
        render, time,
        tokens::unix_now,
    },
    http::{
        extract::{query_param, ApiRegion, QueryMap},
        response::{no_content, ok},
    },
    layers::chaos::StreamCut,
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/logs", get(logs_url))
        .route("/_logs/apps/{app_id}/logs", get(logs))
}

async fn logs_url(
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
    let logs_url = logs::logs_url(&state.url_signer, &origin, &app.id, unix_now());
    Ok(ok(&LogsUrlResponse {
        app: Some(app),
        logs_url,
    }))
}

/// The 401 or 403 of a signed URL.
pub fn url_error(error: UrlError, what: &str, renew: &str) -> ApiError {
    match error {
        UrlError::BadSignature => ApiError::unauthorized(format!("invalid {what} signature")),
        UrlError::Expired => ApiError::expired(format!("this {what} URL has expired: {renew}")),
    }
}

fn dump_size(query: &QueryMap) -> ApiResult<usize> {
    match query_param(query, "n").as_deref().map(str::trim) {
        None | Some("") => Ok(DUMP_DEFAULT),
        Some(text) => text
            .parse::<u64>()
            .map(|n| n.min(DUMP_MAX as u64) as usize)
            .map_err(|_| ApiError::bad_request("n must be a whole number of lines")),
    }
}

async fn logs(
    State(state): State<SharedState>,
    region: ApiRegion,
    Path(app_id): Path<String>,
    query: QueryMap,
    cut: Option<Extension<StreamCut>>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> ApiResult<Response> {
    let ttl = state.settings.logs.url_ttl.as_secs();
    check(
        &state.url_signer,
        &logs::logs_fields(&app_id),
        query_param(&query, "token").as_deref(),
        query_param(&query, "timestamp").as_deref(),
        ttl,
        unix_now(),
    )
    .map_err(|e| url_error(e, "logs", "request a new one with GET /v1/apps/:app/logs"))?;
    // Served by the app's region only, like the rest of its API.
    let exists = state.read(|p| {
        p.apps
            .iter()
            .any(|a| a.id == app_id && a.region == region.as_str())
    });
    if !exists {
        return Err(ApiError::not_found("app"));
    }
    let filter =
        Filter::parse(query_param(&query, "filter").as_deref()).map_err(ApiError::bad_request)?;
    let streaming = query_param(&query, "stream").is_some_and(|s| s.trim() == "true");
    if streaming {
        let upgrade = upgrade.map_err(|_| {
            ApiError::bad_request("stream=true needs a WebSocket upgrade (Upgrade: websocket)")
        })?;
        let params = StreamParams {
            app_id,
            filter,
            cut_after: cut.map(|Extension(StreamCut(after))| after),
        };
        return Ok(upgrade.on_upgrade(move |socket| logs_stream::run(socket, state, params)));
    }
    let n = dump_size(&query)?;
    let rate = state.settings.logs.rate;
    let text = state.read(|p| {
        let app = p.apps.iter().find(|a| a.id == app_id)?;
        let lines = AppLogs::new(p, app, rate, filter.as_ref()).last(n, time::now());
        let mut text = String::new();
        for line in lines {
            text.push_str(&line.render());
            text.push('\n');
        }
        Some(text)
    });
    let Some(text) = text.filter(|t| !t.is_empty()) else {
        return Ok(no_content());
    };
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

/// `POST /_sim/logs/drop-streams` (registered with the simulator's
/// controls: it is not regional).
pub async fn drop_streams(State(state): State<SharedState>) -> Response {
    ok(&json!({ "dropped": state.drop_log_streams() }))
}
