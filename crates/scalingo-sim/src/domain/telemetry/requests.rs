//! What the router sees of an app: requests per minute by status class, and
//! response times. Traffic is proportional to the web containers running,
//! follows the day, and is mostly 2XX, with some 3XX and 4XX, a trickle of
//! 5XX, bursts of 5XX now and then (about one ten-minute slot in forty) and
//! a bump in the minutes after a deployment or a restart.

use chrono::Duration;

use super::{noise, usage::daily_shape};
use crate::domain::time::Timestamp;

/// Status classes, in the order of `Requests::by_class`.
pub const CLASSES: [&str; 5] = ["1XX", "2XX", "3XX", "4XX", "5XX"];

/// Requests per minute of each status class (1XX … 5XX).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Requests {
    pub by_class: [u64; 5],
}

impl Requests {
    pub fn total(&self) -> u64 {
        self.by_class.iter().sum()
    }

    /// `1XX`…`5XX` (any case), or `all`.
    pub fn get(&self, status: &str) -> Option<u64> {
        if status.eq_ignore_ascii_case("all") {
            return Some(self.total());
        }
        CLASSES
            .iter()
            .position(|c| c.eq_ignore_ascii_case(status))
            .map(|i| self.by_class[i])
    }
}

fn seed(app_id: &str, what: &str) -> u64 {
    noise::hash(&[app_id, "router", what])
}

/// Mean requests per minute and per web container at peak.
fn per_container(app_id: &str) -> f64 {
    noise::between(seed(app_id, "rpm"), 15.0, 140.0)
}

fn load(app_id: &str, web: u32, at: Timestamp) -> f64 {
    let seconds = at.timestamp();
    let drift = 0.75 + 0.5 * noise::smooth(seed(app_id, "drift"), seconds, 1200);
    let jitter = 0.93 + 0.14 * noise::unit_at(seed(app_id, "jitter"), seconds / 60);
    per_container(app_id) * f64::from(web) * daily_shape(at) * drift * jitter
}

/// The requests of the minute at `at`, with `web` web containers and the
/// deployments and restarts of the app (`disruptions`).
pub fn requests(
    app_id: &str,
    web: u32,
    at: Timestamp,
    mut disruptions: impl Iterator<Item = Timestamp>,
) -> Requests {
    let total = load(app_id, web, at);
    let minute = at.timestamp() / 60;
    let mut server_errors = 0.002;
    if noise::unit_at(seed(app_id, "5xx-burst"), minute / 10) < 0.025 {
        server_errors = noise::between(
            noise::mix(seed(app_id, "5xx-size"), minute / 10),
            0.06,
            0.25,
        );
    }
    let disturbed = disruptions.any(|d| d <= at && at - d < Duration::minutes(5));
    if disturbed {
        server_errors += 0.03;
    }
    let shares = [0.0008, 0.0, 0.045, 0.03, server_errors];
    let mut by_class = [0u64; 5];
    for (class, share) in shares.iter().enumerate() {
        by_class[class] = (total * share).round() as u64;
    }
    let others: u64 = by_class.iter().sum();
    by_class[1] = (total.round() as u64).saturating_sub(others);
    Requests { by_class }
}

/// Response time of the minute at `at`, in milliseconds: `median`, `p95`
/// or `p99` (anything else reads as `p95`). Slower under load.
pub fn response_time(app_id: &str, web: u32, at: Timestamp, statistic: &str) -> f64 {
    let peak = per_container(app_id) * f64::from(web.max(1));
    let pressure = (load(app_id, web, at) / peak).min(1.5);
    let base = noise::between(seed(app_id, "latency"), 120.0, 320.0);
    let jitter = 0.9 + 0.2 * noise::unit_at(seed(app_id, "latency-jitter"), at.timestamp() / 60);
    let p95 = base * (0.8 + 0.5 * pressure) * jitter;
    let value = match statistic {
        "median" => p95 * 0.38,
        "p99" => p95 * 1.9,
        _ => p95,
    };
    (value * 10.0).round() / 10.0
}
