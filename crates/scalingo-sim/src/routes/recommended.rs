//! `GET /v1/apps/:app/stats/:metric/recommended_value[?container_type=T]`
//! → 200 `{"time": "<today, 00:00:00Z>", "value": n}` (see
//! `domain::telemetry::recommended` for how it is computed): 404 `app`; 400 `{"error"}`
//! for an unknown metric, or a missing `container_type` for `cpu`, `memory`
//! and `swap` (the other metrics are about the router and ignore it); 404
//! `{"error":"no metrics found"}` for a type the app never had, an app never
//! deployed or without web containers (router metrics), or no data in the
//! last day.

use axum::{
    extract::{Path, State},
    response::Response,
};
use scalingo_api::RecommendedValue;

use super::caller::CurrentUser;
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        telemetry::{
            metrics::AppMetrics,
            recommended::{self, Recommendable},
            window::format_point,
        },
        time,
    },
    http::{
        extract::{query_param, ApiRegion, QueryMap},
        response::ok,
    },
    state::SharedState,
};

pub async fn recommended_value(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, metric_name)): Path<(String, String)>,
    query: QueryMap,
) -> ApiResult<Response> {
    state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let metric = Recommendable::parse(&metric_name).ok_or_else(|| {
            ApiError::bad_request(format!(
                "unknown metric '{metric_name}', expected one of {}",
                recommended::NAMES
            ))
        })?;
        let metrics = AppMetrics::new(p, &p.apps[index]);
        let kind = query_param(&query, "container_type")
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty());
        let kind = match (metric.per_type(), kind) {
            (true, None) => {
                return Err(ApiError::bad_request("'container_type' should be defined"))
            }
            (true, Some(kind)) => kind,
            (false, _) => "web".to_owned(),
        };
        if metrics.timeline.type_since(&kind).is_none() {
            return Err(ApiError::no_metrics());
        }
        let (at, value) = recommended::recommended(&metrics, metric, &kind, time::now())
            .ok_or_else(ApiError::no_metrics)?;
        Ok(ok(&RecommendedValue {
            time: format_point(&at),
            value: Some(value),
        }))
    })
}
