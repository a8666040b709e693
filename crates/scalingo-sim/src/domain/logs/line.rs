//! A log line and the way the platform prints it:
//! `2024-03-02 10:21:07.123456789 +0000 UTC [web-1] message`.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Timelike};

use crate::domain::time::Timestamp;

/// One line of an app's logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    pub at: Timestamp,
    /// `web-1`, `router`, `manager`, `one-off-1234`…
    pub label: String,
    pub text: String,
    /// Orders lines of one source written at the same nanosecond.
    pub seq: u32,
}

impl LogLine {
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.label.len() + 48);
        write_time(&mut out, &self.at);
        out.push_str(" [");
        out.push_str(&self.label);
        out.push_str("] ");
        out.push_str(&self.text);
        out
    }

    /// Dump order: by time, then by source and position.
    pub fn sort_key(&self) -> (Timestamp, &str, u32) {
        (self.at, self.label.as_str(), self.seq)
    }
}

/// `2024-03-02 10:21:07.123456789 +0000 UTC` (Go's default time format,
/// nanoseconds always printed so lines align).
pub fn write_time(out: &mut String, at: &Timestamp) {
    let _ = write!(
        out,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:09} +0000 UTC",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.nanosecond() % 1_000_000_000
    );
}

/// Go's `time.String()` for a whole second: `2024-03-01 00:00:00 +0000 UTC`
/// (the archives' `from` and `to`).
pub fn go_time(at: &Timestamp) -> String {
    at.format("%Y-%m-%d %H:%M:%S +0000 UTC").to_string()
}

/// A moment from nanoseconds since the epoch.
pub fn from_nanos(nanos: i64) -> Timestamp {
    DateTime::from_timestamp_nanos(nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_print_like_the_platform() {
        let line = LogLine {
            at: from_nanos(1_709_374_867_123_456_789),
            label: "web-1".to_owned(),
            text: "Listening on :8080".to_owned(),
            seq: 0,
        };
        assert_eq!(
            line.render(),
            "2024-03-02 10:21:07.123456789 +0000 UTC [web-1] Listening on :8080"
        );
        assert_eq!(
            go_time(&from_nanos(1_709_251_200_000_000_000)),
            "2024-03-01 00:00:00 +0000 UTC"
        );
    }
}
