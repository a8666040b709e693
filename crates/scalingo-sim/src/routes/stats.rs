//! Metrics: time series, real-time stats and recommended values (404 `app`
//! first, for all of them).
//!
//! `GET /v1/apps/:app/stats/:metric[/:container_type[/:index]]?since=H`
//! → 200, a bare array `[{"time": "2024-03-02T10:01:00Z", "value": n|null}]`
//! (see `domain::telemetry::window` for `since` and the spacing of points; `last=true`
//! keeps only the newest point). `value` is `null` where nothing ran.
//! - `cpu` (percent of a core), `memory`, `swap` (bytes): the mean over the
//!   type's containers, or container `index`; without a type, 400 `'container'
//!   should be defined`;
//! - `router`: requests per minute, `status_code` = `1XX`…`5XX` or `all`
//!   (the default; any case); the container path is ignored;
//! - `requests`: response time in ms, `statistics_type` = `median`, `p95`
//!   (the default) or `p99`; the container path is ignored;
//! - 400 `{"error"}`: unknown metric, `since` not a positive number,
//!   unknown `status_code` or `statistics_type`;
//! - 404 `{"error":"no metrics found"}`: an app never deployed, a type it
//!   never had (one-offs have no series), an index it never had in the
//!   window or that is not a number, `router`/`requests` of an app without
//!   web containers.
//!
//! `GET /v1/apps/:app/stats` → 200 `{"stats": [ContainerStats]}` (see
//! `domain::telemetry::realtime`).
//!
//! Recommended values are in `recommended`; their route is registered here
//! so that `…/:metric/recommended_value` is declared beside the
//! `…/:metric/:container_type` it must win over.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::{MetricPoint, StatsResponse};

use super::caller::CurrentUser;
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        model::Platform,
        telemetry::{
            metrics::{AppMetrics, Usage},
            realtime,
            requests::CLASSES,
            window::{format_point, parse_since, Window},
        },
        time,
    },
    http::{
        extract::{query_param, ApiRegion, QueryMap},
        response::ok,
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/stats", get(realtime_stats))
        .route("/v1/apps/{app}/stats/{metric}", get(series_of_app))
        .route(
            "/v1/apps/{app}/stats/{metric}/recommended_value",
            get(super::recommended::recommended_value),
        )
        .route(
            "/v1/apps/{app}/stats/{metric}/{container_type}",
            get(series_of_type),
        )
        .route(
            "/v1/apps/{app}/stats/{metric}/{container_type}/{index}",
            get(series_of_container),
        )
}

const METRICS: &str = "cpu, memory, swap, router, requests";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metric {
    Usage(Usage),
    Router,
    Requests,
}

impl Metric {
    fn parse(name: &str) -> Option<Metric> {
        Some(match name {
            "cpu" => Metric::Usage(Usage::Cpu),
            "memory" => Metric::Usage(Usage::Memory),
            "swap" => Metric::Usage(Usage::Swap),
            "router" => Metric::Router,
            "requests" => Metric::Requests,
            _ => return None,
        })
    }
}

async fn series_of_app(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, metric)): Path<(String, String)>,
    query: QueryMap,
) -> ApiResult<Response> {
    let app = AppRef::new(&region, &user.id, &ident);
    series(&state, app, &metric, None, None, &query)
}

async fn series_of_type(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, metric, kind)): Path<(String, String, String)>,
    query: QueryMap,
) -> ApiResult<Response> {
    let app = AppRef::new(&region, &user.id, &ident);
    series(&state, app, &metric, Some(&kind), None, &query)
}

async fn series_of_container(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, metric, kind, index)): Path<(String, String, String, String)>,
    query: QueryMap,
) -> ApiResult<Response> {
    let app = AppRef::new(&region, &user.id, &ident);
    series(&state, app, &metric, Some(&kind), Some(&index), &query)
}

/// An app as a request names it: in a region, for a user.
#[derive(Clone, Copy)]
struct AppRef<'a> {
    region: &'a str,
    user_id: &'a str,
    ident: &'a str,
}

impl<'a> AppRef<'a> {
    fn new(region: &'a ApiRegion, user_id: &'a str, ident: &'a str) -> Self {
        AppRef {
            region: region.as_str(),
            user_id,
            ident,
        }
    }
}

fn series(
    state: &SharedState,
    app: AppRef<'_>,
    metric_name: &str,
    kind: Option<&str>,
    index: Option<&str>,
    query: &QueryMap,
) -> ApiResult<Response> {
    state.read(|p| {
        let (app_index, _) = p.accessible_app(app.region, app.ident, app.user_id)?;
        let metric = Metric::parse(metric_name).ok_or_else(|| {
            ApiError::bad_request(format!(
                "unknown metric '{metric_name}', expected one of {METRICS}"
            ))
        })?;
        let since = parse_since(query_param(query, "since").as_deref())
            .map_err(|_| ApiError::bad_request("since should be a positive number of hours"))?;
        let window = Window::new(since, time::now());
        let metrics = AppMetrics::new(p, &p.apps[app_index]);
        let mut points = match metric {
            Metric::Usage(usage) => {
                let kind =
                    kind.ok_or_else(|| ApiError::bad_request("'container' should be defined"))?;
                usage_points(&metrics, &window, usage, kind, index)?
            }
            Metric::Router => router_points(&metrics, &window, query)?,
            Metric::Requests => request_points(&metrics, &window, query)?,
        };
        if query_param(query, "last").is_some_and(|l| l.trim() == "true") {
            points.drain(..points.len().saturating_sub(1));
        }
        Ok(ok(&points))
    })
}

fn point(start: time::Timestamp, value: Option<f64>) -> MetricPoint {
    MetricPoint {
        time: format_point(&start),
        value,
    }
}

fn usage_points(
    metrics: &AppMetrics<'_>,
    window: &Window,
    usage: Usage,
    kind: &str,
    index: Option<&str>,
) -> ApiResult<Vec<MetricPoint>> {
    if metrics.timeline.type_since(kind).is_none() {
        return Err(ApiError::no_metrics());
    }
    let index = match index {
        Some(text) => Some(
            text.trim()
                .parse::<u64>()
                .ok()
                .filter(|i| *i >= 1)
                .ok_or_else(ApiError::no_metrics)?,
        ),
        None => None,
    };
    if let Some(index) = index {
        let ever = window.points().any(|(_, at)| {
            metrics
                .timeline
                .at(kind, at)
                .is_some_and(|f| u64::from(f.amount) >= index)
        });
        if !ever {
            return Err(ApiError::no_metrics());
        }
    }
    Ok(window
        .points()
        .map(|(start, at)| point(start, metrics.usage(usage, kind, index, at)))
        .collect())
}

fn router_points(
    metrics: &AppMetrics<'_>,
    window: &Window,
    query: &QueryMap,
) -> ApiResult<Vec<MetricPoint>> {
    let status = query_param(query, "status_code")
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "all".to_owned());
    let known = status.eq_ignore_ascii_case("all")
        || CLASSES.iter().any(|c| c.eq_ignore_ascii_case(&status));
    if !known {
        return Err(ApiError::bad_request(
            "status_code should be one of 1XX, 2XX, 3XX, 4XX, 5XX, all",
        ));
    }
    if !metrics.has_router() {
        return Err(ApiError::no_metrics());
    }
    Ok(window
        .points()
        .map(|(start, at)| {
            let value = metrics
                .requests(at)
                .and_then(|r| r.get(&status))
                .map(|v| v as f64);
            point(start, value)
        })
        .collect())
}

fn request_points(
    metrics: &AppMetrics<'_>,
    window: &Window,
    query: &QueryMap,
) -> ApiResult<Vec<MetricPoint>> {
    let statistic = query_param(query, "statistics_type")
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "p95".to_owned());
    if !matches!(statistic.as_str(), "median" | "p95" | "p99") {
        return Err(ApiError::bad_request(
            "statistics_type should be one of median, p95, p99",
        ));
    }
    if !metrics.has_router() {
        return Err(ApiError::no_metrics());
    }
    Ok(window
        .points()
        .map(|(start, at)| point(start, metrics.response_time(at, &statistic)))
        .collect())
}

async fn realtime_stats(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    state.read(|p: &Platform| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let metrics = AppMetrics::new(p, &p.apps[index]);
        Ok(ok(&StatsResponse {
            stats: realtime::stats(&metrics, time::now()),
        }))
    })
}
