//! The time axis of a series: how far back (`since`, hours) and how coarse.
//!
//! The rule, kept stable because clients and tests count on it:
//! - `since` is a positive number of hours, 3 by default; above 72 it is
//!   read as 72 (the longest window the dashboard offers);
//! - points are 1 minute apart up to 3 hours, and `ceil(since × 60 / 180)`
//!   minutes apart beyond (about 180 points whatever the window: 24 minutes
//!   for 72 hours);
//! - points sit on multiples of that step since the Unix epoch; the last one
//!   is the step under way, so a window has `floor(since × 60 / step) + 1`
//!   points (181 for 3 hours, as the platform answers);
//! - a point's value is the state at the end of its step (at "now" for the
//!   last one), so a change shows in the newest point at once.

use chrono::{DateTime, Duration};

use crate::domain::time::Timestamp;

pub const DEFAULT_SINCE_HOURS: f64 = 3.0;
pub const MAX_SINCE_HOURS: f64 = 72.0;
/// Points wanted per window, beyond the 1-minute windows.
const TARGET_POINTS: f64 = 180.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    pub step: Duration,
    /// Starts of the points, oldest first.
    pub starts: Vec<Timestamp>,
    pub now: Timestamp,
}

impl Window {
    /// The window of `since` hours (already validated: positive, finite).
    pub fn new(since: f64, now: Timestamp) -> Window {
        let since = since.min(MAX_SINCE_HOURS);
        let minutes = since * 60.0;
        let step_minutes = if since <= 3.0 {
            1
        } else {
            (minutes / TARGET_POINTS).ceil() as i64
        };
        let step = Duration::minutes(step_minutes);
        let step_seconds = step_minutes * 60;
        let count = (minutes / step_minutes as f64).floor() as i64 + 1;
        let last = now.timestamp().div_euclid(step_seconds) * step_seconds;
        let starts = (0..count)
            .rev()
            .filter_map(|k| DateTime::from_timestamp(last - k * step_seconds, 0))
            .collect();
        Window { step, starts, now }
    }

    /// The moment a point's value is taken: the end of its step, or now.
    pub fn sample_at(&self, start: Timestamp) -> Timestamp {
        (start + self.step).min(self.now)
    }

    /// `(start, sample moment)` of every point.
    pub fn points(&self) -> impl Iterator<Item = (Timestamp, Timestamp)> + '_ {
        self.starts.iter().map(|s| (*s, self.sample_at(*s)))
    }
}

/// `since` from the query: `None` → the default; an error for anything but
/// a positive number.
pub fn parse_since(text: Option<&str>) -> Result<f64, ()> {
    match text.map(str::trim) {
        None | Some("") => Ok(DEFAULT_SINCE_HOURS),
        Some(text) => text
            .parse::<f64>()
            .ok()
            .filter(|h| h.is_finite() && *h > 0.0)
            .ok_or(()),
    }
}

/// `2024-03-02T10:01:00Z`: RFC 3339, UTC, no fraction, as the series
/// carry it.
pub fn format_point(at: &Timestamp) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time;

    #[test]
    fn about_180_points_whatever_the_window() {
        let now = time::now();
        let three = Window::new(3.0, now);
        assert_eq!(three.starts.len(), 181);
        assert_eq!(three.step, Duration::minutes(1));
        let day = Window::new(72.0, now);
        assert_eq!(day.step, Duration::minutes(24));
        assert_eq!(day.starts.len(), 181);
        assert_eq!(Window::new(500.0, now), day);
        assert_eq!(Window::new(12.0, now).step, Duration::minutes(4));
        assert_eq!(Window::new(1.0, now).starts.len(), 61);
    }

    #[test]
    fn points_are_aligned_and_end_now() {
        let now = time::now();
        let w = Window::new(24.0, now);
        assert!(w.starts.iter().all(|s| s.timestamp() % (8 * 60) == 0));
        let last = *w.starts.last().unwrap();
        assert!(last <= now && now - last < w.step);
        assert_eq!(w.sample_at(last), now);
        assert_eq!(format_point(&last).len(), 20);
    }

    #[test]
    fn since_is_a_positive_number() {
        assert_eq!(parse_since(None), Ok(3.0));
        assert_eq!(parse_since(Some("48")), Ok(48.0));
        assert_eq!(parse_since(Some("0.5")), Ok(0.5));
        assert!(parse_since(Some("0")).is_err());
        assert!(parse_since(Some("-3")).is_err());
        assert!(parse_since(Some("abc")).is_err());
        assert!(parse_since(Some("NaN")).is_err());
    }
}
