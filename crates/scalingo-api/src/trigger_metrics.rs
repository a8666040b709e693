//! The metrics autoscalers and alerts watch: their names on the wire, how
//! people see them (a label and a unit), and how a value typed in that
//! unit becomes the value the API stores.
//!
//! Units, as the platform's metric catalogue (`/features/metrics`) gives
//! them:
//! - `cpu`, `memory`, `swap`: a ratio of the container's capacity on the
//!   API (`0.8`), a percentage for people (`80 %`). The time series of
//!   memory and swap are in bytes; [`usage_ratio`] and [`usage_bytes`]
//!   convert between the two for a size's limit;
//! - `p95_response_time`: milliseconds;
//! - `rpm_per_container`, `all`: requests per minute (per web container for
//!   the first);
//! - `5XX`: server errors per minute.
//!
//! The router's metrics (all but the first three) exist for `web` only.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How a metric's values are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetricUnit {
    /// A ratio on the API, a percentage for people.
    Percent,
    Milliseconds,
    RequestsPerMinute,
    ErrorsPerMinute,
}

impl MetricUnit {
    /// What follows a value: `%`, `ms`, `rpm`, `errors/min`.
    pub fn suffix(self) -> &'static str {
        match self {
            MetricUnit::Percent => "%",
            MetricUnit::Milliseconds => "ms",
            MetricUnit::RequestsPerMinute => "rpm",
            MetricUnit::ErrorsPerMinute => "errors/min",
        }
    }

    /// A value in this unit (`80` %) as the API stores it (`0.8`).
    pub fn to_api(self, shown: f64) -> f64 {
        match self {
            MetricUnit::Percent => tidy(shown / 100.0),
            _ => shown,
        }
    }

    /// A value as the API stores it (`0.8`) in this unit (`80` %).
    pub fn from_api(self, stored: f64) -> f64 {
        match self {
            MetricUnit::Percent => tidy(stored * 100.0),
            _ => stored,
        }
    }

    /// A stored value for people: `80%`, `300 ms`, `150 rpm`.
    pub fn format(self, stored: f64) -> String {
        let number = format_number(self.from_api(stored));
        match self {
            MetricUnit::Percent => format!("{number}%"),
            _ => format!("{number} {}", self.suffix()),
        }
    }
}

/// Drops the noise of a float multiplication (`0.29 * 100` is
/// `28.999999999999996`): twelve significant decimals are kept.
fn tidy(value: f64) -> f64 {
    if !value.is_finite() || value.abs() >= 1e9 {
        return value;
    }
    (value * 1e12).round() / 1e12
}

/// A number with at most two decimals and no trailing zeros: `80`, `12.5`,
/// `0.33`.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    // An absurd value (a limit of 1e300) stays short enough to read and
    // to lay out: `1.2e15`.
    if value.abs() > 1e12 {
        let text = format!("{value:.1e}");
        return text.replace(".0e", "e");
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// A metric an autoscaler or an alert watches; values this version does
/// not know are kept as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum TriggerMetric {
    /// Requests per minute per web container (the recommended one).
    RpmPerContainer,
    /// The 95th percentile of the response time, in ms.
    P95ResponseTime,
    /// Server errors per minute (`5XX`).
    ServerErrors,
    Cpu,
    Memory,
    Swap,
    /// Requests per minute of the app (`all`), for alerts only.
    Rpm,
    Other(String),
}

impl TriggerMetric {
    /// What an autoscaler can watch, the recommended one first.
    pub const AUTOSCALER: [TriggerMetric; 6] = [
        TriggerMetric::RpmPerContainer,
        TriggerMetric::P95ResponseTime,
        TriggerMetric::ServerErrors,
        TriggerMetric::Cpu,
        TriggerMetric::Memory,
        TriggerMetric::Swap,
    ];

    /// What an alert can watch.
    pub const ALERT: [TriggerMetric; 7] = [
        TriggerMetric::Cpu,
        TriggerMetric::Memory,
        TriggerMetric::Swap,
        TriggerMetric::P95ResponseTime,
        TriggerMetric::ServerErrors,
        TriggerMetric::Rpm,
        TriggerMetric::RpmPerContainer,
    ];

    pub fn as_str(&self) -> &str {
        match self {
            TriggerMetric::RpmPerContainer => "rpm_per_container",
            TriggerMetric::P95ResponseTime => "p95_response_time",
            TriggerMetric::ServerErrors => "5XX",
            TriggerMetric::Cpu => "cpu",
            TriggerMetric::Memory => "memory",
            TriggerMetric::Swap => "swap",
            TriggerMetric::Rpm => "all",
            TriggerMetric::Other(other) => other,
        }
    }

    /// The metric named `name` on the wire, if it is one this version
    /// knows (`5xx` is read as `5XX`).
    pub fn known(name: &str) -> Option<TriggerMetric> {
        match TriggerMetric::from(name.trim().to_owned()) {
            TriggerMetric::Other(_) => None,
            known => Some(known),
        }
    }

    /// A few words for people.
    pub fn label(&self) -> &str {
        match self {
            TriggerMetric::RpmPerContainer => "Requests per minute per container",
            TriggerMetric::P95ResponseTime => "Response time (95th percentile)",
            TriggerMetric::ServerErrors => "5XX errors",
            TriggerMetric::Cpu => "CPU",
            TriggerMetric::Memory => "Memory",
            TriggerMetric::Swap => "Swap",
            TriggerMetric::Rpm => "Requests per minute",
            TriggerMetric::Other(other) => other,
        }
    }

    /// The unit values are shown in; `None` for a metric this version does
    /// not know (its values are shown as sent).
    pub fn unit(&self) -> Option<MetricUnit> {
        Some(match self {
            TriggerMetric::Cpu | TriggerMetric::Memory | TriggerMetric::Swap => MetricUnit::Percent,
            TriggerMetric::P95ResponseTime => MetricUnit::Milliseconds,
            TriggerMetric::RpmPerContainer | TriggerMetric::Rpm => MetricUnit::RequestsPerMinute,
            TriggerMetric::ServerErrors => MetricUnit::ErrorsPerMinute,
            TriggerMetric::Other(_) => return None,
        })
    }

    /// True for the router's metrics, which only `web` containers have.
    pub fn is_router(&self) -> bool {
        matches!(
            self,
            TriggerMetric::RpmPerContainer
                | TriggerMetric::P95ResponseTime
                | TriggerMetric::ServerErrors
                | TriggerMetric::Rpm
        )
    }

    /// The one the platform recommends for autoscalers.
    pub fn is_recommended(&self) -> bool {
        *self == TriggerMetric::RpmPerContainer
    }

    /// Whether `container_type` has this metric (router metrics: `web`
    /// only). Unknown metrics are nobody's.
    pub fn applies_to(&self, container_type: &str) -> bool {
        match self {
            TriggerMetric::Other(_) => false,
            metric if metric.is_router() => container_type == "web",
            _ => true,
        }
    }

    pub fn for_autoscalers(&self) -> bool {
        Self::AUTOSCALER.contains(self)
    }

    pub fn for_alerts(&self) -> bool {
        Self::ALERT.contains(self)
    }

    /// A value typed in the metric's unit (`80` for 80 %) as the API
    /// stores it (`0.8`).
    pub fn to_api(&self, shown: f64) -> f64 {
        self.unit().map_or(shown, |unit| unit.to_api(shown))
    }

    /// A stored value in the metric's unit.
    pub fn from_api(&self, stored: f64) -> f64 {
        self.unit().map_or(stored, |unit| unit.from_api(stored))
    }

    /// A stored value for people (`80%`, `300 ms`); the bare number for an
    /// unknown metric. The events' `target_text` and `limit_text`.
    pub fn format(&self, stored: f64) -> String {
        self.unit()
            .map_or_else(|| format_number(stored), |unit| unit.format(stored))
    }

    /// What someone typed, in the metric's unit, as the API stores it:
    /// `80`, `80 %`, `80,5` (a decimal comma) and `300ms` are read; `None`
    /// when it is not a number.
    pub fn parse_shown(&self, text: &str) -> Option<f64> {
        let mut text = text.trim();
        if let Some(suffix) = self.unit().map(MetricUnit::suffix) {
            text = text.strip_suffix(suffix).unwrap_or(text).trim_end();
        }
        let number: f64 = text.replace(',', ".").parse().ok()?;
        number.is_finite().then(|| self.to_api(number))
    }
}

/// The names of `metrics`, for messages: `cpu, memory, swap`.
pub fn metric_names(metrics: &[TriggerMetric]) -> String {
    metrics
        .iter()
        .map(TriggerMetric::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

impl From<String> for TriggerMetric {
    fn from(value: String) -> Self {
        match value.as_str() {
            "rpm_per_container" => TriggerMetric::RpmPerContainer,
            "p95_response_time" => TriggerMetric::P95ResponseTime,
            "5XX" | "5xx" => TriggerMetric::ServerErrors,
            "cpu" => TriggerMetric::Cpu,
            "memory" => TriggerMetric::Memory,
            "swap" => TriggerMetric::Swap,
            "all" => TriggerMetric::Rpm,
            _ => TriggerMetric::Other(value),
        }
    }
}

impl From<TriggerMetric> for String {
    fn from(value: TriggerMetric) -> Self {
        value.as_str().to_owned()
    }
}

impl Default for TriggerMetric {
    fn default() -> Self {
        TriggerMetric::Other(String::new())
    }
}

impl fmt::Display for TriggerMetric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Memory or swap in bytes as a ratio of the size's `limit` (bytes): what
/// an alert's `limit` or an autoscaler's `target` compares with. `None`
/// for a size without that resource.
pub fn usage_ratio(bytes: f64, limit: u64) -> Option<f64> {
    (limit > 0).then(|| bytes / limit as f64)
}

/// A ratio of the size's `limit` (bytes) in bytes: what `0.8` means for a
/// container of that size.
pub fn usage_bytes(ratio: f64, limit: u64) -> u64 {
    // `as` saturates: a negative or absurd ratio gives 0 or u64::MAX.
    (ratio * limit as f64).round() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_ones_are_kept() {
        for metric in TriggerMetric::ALERT {
            let json = serde_json::to_string(&metric).unwrap();
            let back: TriggerMetric = serde_json::from_str(&json).unwrap();
            assert_eq!(back, metric);
        }
        assert_eq!(
            serde_json::from_str::<TriggerMetric>(r#""5xx""#).unwrap(),
            TriggerMetric::ServerErrors
        );
        let odd: TriggerMetric = serde_json::from_str(r#""disk""#).unwrap();
        assert_eq!(odd.as_str(), "disk");
        assert_eq!(odd.unit(), None);
        assert!(!odd.applies_to("web"));
        assert_eq!(TriggerMetric::known("disk"), None);
        assert_eq!(TriggerMetric::known(" cpu "), Some(TriggerMetric::Cpu));
        assert!(TriggerMetric::AUTOSCALER[0].is_recommended());
        assert!(!TriggerMetric::Rpm.for_autoscalers());
        assert!(TriggerMetric::Rpm.for_alerts());
    }

    #[test]
    fn router_metrics_are_for_web_only() {
        for metric in TriggerMetric::ALERT {
            let router = metric.is_router();
            assert!(metric.applies_to("web"));
            assert_eq!(metric.applies_to("worker"), !router, "{metric}");
        }
        assert!(TriggerMetric::Memory.applies_to("clock"));
    }

    #[test]
    fn percentages_are_ratios_on_the_api() {
        let memory = TriggerMetric::Memory;
        assert_eq!(memory.to_api(80.0), 0.8);
        assert_eq!(memory.from_api(0.8), 80.0);
        assert_eq!(memory.from_api(0.29), 29.0);
        assert_eq!(memory.to_api(29.0), 0.29);
        assert_eq!(memory.format(0.8), "80%");
        assert_eq!(memory.format(0.125), "12.5%");
        let p95 = TriggerMetric::P95ResponseTime;
        assert_eq!(p95.to_api(300.0), 300.0);
        assert_eq!(p95.format(300.0), "300 ms");
        assert_eq!(TriggerMetric::RpmPerContainer.format(150.0), "150 rpm");
        assert_eq!(TriggerMetric::ServerErrors.format(2.5), "2.5 errors/min");
        assert_eq!(TriggerMetric::Other("x".into()).format(0.5), "0.5");
    }

    #[test]
    fn typed_values_are_read_in_the_metric_unit() {
        let cpu = TriggerMetric::Cpu;
        assert_eq!(cpu.parse_shown("80"), Some(0.8));
        assert_eq!(cpu.parse_shown(" 80 % "), Some(0.8));
        assert_eq!(cpu.parse_shown("12,5"), Some(0.125));
        assert_eq!(cpu.parse_shown("eighty"), None);
        assert_eq!(cpu.parse_shown(""), None);
        assert_eq!(cpu.parse_shown("inf"), None);
        let p95 = TriggerMetric::P95ResponseTime;
        assert_eq!(p95.parse_shown("300ms"), Some(300.0));
        assert_eq!(p95.parse_shown("300 ms"), Some(300.0));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(format_number(80.0), "80");
        assert_eq!(format_number(12.50), "12.5");
        assert_eq!(format_number(1.0 / 3.0), "0.33");
        assert_eq!(format_number(-0.001), "0");
        assert_eq!(format_number(1e12), "1000000000000");
        assert_eq!(format_number(1e302), "1e302");
        assert_eq!(format_number(-2.5e15), "-2.5e15");
    }

    #[test]
    fn memory_ratios_and_bytes() {
        let limit = 512 * 1024 * 1024;
        assert_eq!(usage_ratio(limit as f64 / 2.0, limit), Some(0.5));
        assert_eq!(usage_ratio(1.0, 0), None);
        assert_eq!(usage_bytes(0.8, 1000), 800);
        assert_eq!(usage_bytes(-1.0, 1000), 0);
    }
}
