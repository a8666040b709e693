//! Metrics: time series, recommended values and real-time stats.

use serde::{Deserialize, Serialize, Serializer};

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
    /// Percent; can exceed 100 with several cores. An integer on the wire.
    #[serde(
        default,
        deserialize_with = "lenient::f64",
        serialize_with = "whole_number"
    )]
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

/// Writes a whole value as an integer (`12`, not `12.0`): the platform sends
/// `cpu_usage` as one, and clients that decode it into an integer (the Go
/// client does) refuse a fraction.
fn whole_number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// `{"stats": […]}` of `GET /apps/:app/stats`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub stats: Vec<ContainerStats>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_usage_is_written_as_an_integer_when_whole() {
        let stats = ContainerStats {
            id: "web-1".to_owned(),
            cpu_usage: 12.0,
            ..ContainerStats::default()
        };
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["cpu_usage"], serde_json::json!(12));
        assert!(json["cpu_usage"].is_u64());
        let half = ContainerStats {
            cpu_usage: 12.5,
            ..stats
        };
        assert_eq!(serde_json::to_value(&half).unwrap()["cpu_usage"], 12.5);
        let back: ContainerStats = serde_json::from_value(json).unwrap();
        assert_eq!(back.cpu_usage, 12.0);
    }
}
