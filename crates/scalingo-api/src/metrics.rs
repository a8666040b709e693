//! Metrics: time series, recommended values and real-time stats.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// One point of a metric time series; `value` is `null` for gaps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricPoint {
    #[serde(default, deserialize_with = "lenient::string")]
    pub time: String,
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub value: Option<f64>,
}

/// A metric series is a bare JSON array; items that do not parse are skipped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MetricSeries {
    #[serde(deserialize_with = "lenient::vec")]
    pub points: Vec<MetricPoint>,
}

/// `GET /apps/:app/stats/:metric/recommended_value`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecommendedValue {
    #[serde(default, deserialize_with = "lenient::string")]
    pub time: String,
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub value: Option<f64>,
}

/// Real-time usage of one container (`id` is its label, e.g. `web-1`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContainerStats {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    /// Percent; can exceed 100 with several cores.
    #[serde(default, deserialize_with = "lenient::f64")]
    pub cpu_usage: f64,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub memory_usage: u64,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub memory_limit: u64,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub highest_memory_usage: u64,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub swap_usage: u64,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub swap_limit: u64,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub highest_swap_usage: u64,
}

/// `{"stats": […]}` of `GET /apps/:app/stats`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub stats: Vec<ContainerStats>,
}
