//! `GET /apps/:app/stats/:metric/recommended_value`: the value the platform
//! suggests as an autoscaler target.
//!
//! Computed once a day: the value is stamped with today's midnight (UTC)
//! and drawn from the 24 hours before it, sampled every 10 minutes. It is
//! the median of the samples with 30% headroom:
//! - `cpu`, `memory`, `swap` (need a process type): a ratio of the
//!   container's capacity (CPU of one core, the size's memory, its swap),
//!   like autoscaler targets, between 0.1 (0.05 for swap) and 0.95, two
//!   decimals; the seed's example is 0.9;
//! - `5XX`, `all`: requests per minute of the app (whole numbers, at least 1);
//! - `rpm_per_container`: requests per minute per web container;
//! - `p95_response_time`: milliseconds.
//!
//! No sample with data in the 24 hours → `None` (the route's 404).

use chrono::{Duration, TimeZone, Utc};

use super::metrics::{AppMetrics, Usage};
use crate::domain::time::Timestamp;

const HEADROOM: f64 = 1.3;
const SAMPLE_MINUTES: i64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recommendable {
    Cpu,
    Memory,
    Swap,
    ServerErrors,
    All,
    RpmPerContainer,
    P95ResponseTime,
}

pub const NAMES: &str = "cpu, memory, swap, 5XX, all, rpm_per_container, p95_response_time";

impl Recommendable {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "cpu" => Self::Cpu,
            "memory" => Self::Memory,
            "swap" => Self::Swap,
            "5XX" | "5xx" => Self::ServerErrors,
            "all" => Self::All,
            "rpm_per_container" => Self::RpmPerContainer,
            "p95_response_time" => Self::P95ResponseTime,
            _ => return None,
        })
    }

    /// Whether it is about a process type (and needs `container_type`).
    pub fn per_type(self) -> bool {
        matches!(self, Self::Cpu | Self::Memory | Self::Swap)
    }
}

/// Today's midnight, UTC.
pub fn computed_at(now: Timestamp) -> Timestamp {
    let date = now.date_naive();
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 0 {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// One sample: the metric's value (as a ratio for per-type metrics).
fn sample(
    metrics: &AppMetrics<'_>,
    metric: Recommendable,
    kind: &str,
    at: Timestamp,
) -> Option<f64> {
    match metric {
        Recommendable::Cpu => metrics
            .usage(Usage::Cpu, kind, None, at)
            .map(|percent| percent / 100.0),
        Recommendable::Memory | Recommendable::Swap => {
            let formation = metrics.timeline.at(kind, at)?;
            let (memory, swap) = metrics.limits(&formation.size);
            let (usage, limit) = if metric == Recommendable::Memory {
                (Usage::Memory, memory)
            } else {
                (Usage::Swap, swap)
            };
            let value = metrics.usage(usage, kind, None, at)?;
            (limit > 0).then(|| value / limit as f64)
        }
        Recommendable::ServerErrors => metrics.requests(at).map(|r| r.by_class[4] as f64),
        Recommendable::All => metrics.requests(at).map(|r| r.total() as f64),
        Recommendable::RpmPerContainer => {
            let web = metrics.timeline.web_count(at);
            metrics
                .requests(at)
                .map(|r| r.total() as f64 / f64::from(web.max(1)))
        }
        Recommendable::P95ResponseTime => metrics.response_time(at, "p95"),
    }
}

/// `(time, value)`, or `None` without data. `kind` is the process type of
/// per-type metrics (ignored by the others).
pub fn recommended(
    metrics: &AppMetrics<'_>,
    metric: Recommendable,
    kind: &str,
    now: Timestamp,
) -> Option<(Timestamp, f64)> {
    let end = computed_at(now);
    let samples = (1..=24 * 60 / SAMPLE_MINUTES)
        .map(|k| end - Duration::minutes(k * SAMPLE_MINUTES))
        .filter_map(|at| sample(metrics, metric, kind, at))
        .collect();
    let value = median(samples)? * HEADROOM;
    let value = match metric {
        Recommendable::Cpu | Recommendable::Memory => {
            (value.clamp(0.1, 0.95) * 100.0).round() / 100.0
        }
        Recommendable::Swap => (value.clamp(0.05, 0.95) * 100.0).round() / 100.0,
        Recommendable::P95ResponseTime => value.round(),
        _ => value.round().max(1.0),
    };
    Some((end, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn computed_at_midnight() {
        let at = computed_at(crate::domain::time::now());
        assert_eq!(at.timestamp() % 86_400, 0);
    }
}
