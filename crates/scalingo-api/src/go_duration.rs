//! Durations as the Go side of the API writes them: strings such as
//! `"30m"`, `"1h30m"` or `"5m30s"` (Go's `time.ParseDuration`, what an
//! alert's `remind_every` holds), and whole nanoseconds (an alert's
//! `duration_before_trigger`; the Go client also sends `remind_every` that
//! way on updates).

use std::time::Duration;

pub const NANOS_PER_SECOND: u64 = 1_000_000_000;

/// Reads a Go duration: one or more `<number><unit>` with units `h`, `m`,
/// `s`, `ms`, `us` (or `µs`), `ns`, fractions allowed (`1.5h`); `0` alone
/// is zero. Negative durations and anything else give `None`.
pub fn parse_go_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    if text == "0" {
        return Some(Duration::ZERO);
    }
    let mut rest = text.strip_prefix('+').unwrap_or(text);
    if rest.is_empty() {
        return None;
    }
    let mut total = 0f64;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_len);
        if number.is_empty() || number == "." {
            return None;
        }
        let value: f64 = number.parse().ok()?;
        let unit_len = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        let nanos_per_unit = match unit {
            "h" => 3_600.0 * 1e9,
            "m" => 60.0 * 1e9,
            "s" => 1e9,
            "ms" => 1e6,
            "us" | "µs" | "μs" => 1e3,
            "ns" => 1.0,
            _ => return None,
        };
        total += value * nanos_per_unit;
        rest = after;
    }
    // Go's limit: about 292 years.
    (total.is_finite() && total <= i64::MAX as f64).then(|| Duration::from_nanos(total as u64))
}

/// Writes a duration the way people write Go durations, without Go's
/// zero parts (`30m` rather than `30m0s`, `1h30m`, `5m30s`, `1.5s`,
/// `250ms`, `0s`). Go reads it back to the same duration.
pub fn format_go_duration(duration: Duration) -> String {
    let nanos = duration.as_nanos();
    if nanos == 0 {
        return "0s".to_owned();
    }
    if nanos < u128::from(NANOS_PER_SECOND) {
        return match nanos {
            n if n % 1_000_000 == 0 => format!("{}ms", n / 1_000_000),
            n if n % 1_000 == 0 => format!("{}us", n / 1_000),
            n => format!("{n}ns"),
        };
    }
    let seconds = duration.as_secs();
    let (hours, minutes, whole) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    let mut text = String::new();
    if hours > 0 {
        text.push_str(&format!("{hours}h"));
    }
    if minutes > 0 {
        text.push_str(&format!("{minutes}m"));
    }
    let fraction = duration.subsec_nanos();
    if whole > 0 || fraction > 0 {
        if fraction == 0 {
            text.push_str(&format!("{whole}s"));
        } else {
            let digits = format!("{fraction:09}");
            text.push_str(&format!("{whole}.{}s", digits.trim_end_matches('0')));
        }
    }
    text
}

/// Whole nanoseconds (saturating at `u64::MAX`, about 584 years).
pub fn nanos_of(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

/// Nanoseconds → whole minutes and the seconds left (`240000000000` → `(4,
/// 0)`), for a form that asks for minutes and seconds.
pub fn minutes_and_seconds(nanos: u64) -> (u64, u64) {
    let seconds = nanos / NANOS_PER_SECOND;
    (seconds / 60, seconds % 60)
}

/// Minutes and seconds → nanoseconds (saturating).
pub fn nanos_from_minutes_and_seconds(minutes: u64, seconds: u64) -> u64 {
    minutes
        .saturating_mul(60)
        .saturating_add(seconds)
        .saturating_mul(NANOS_PER_SECOND)
}

/// An alert's `remind_every` as a duration: a Go duration string, or whole
/// nanoseconds (what the Go client sends on updates). An empty value is no
/// reminder (`None`), as is anything that does not read.
pub fn parse_reminder(text: &str) -> Option<Duration> {
    let text = text.trim();
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok().map(Duration::from_nanos);
    }
    parse_go_duration(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn reads_what_go_writes_and_what_people_write() {
        assert_eq!(parse_go_duration("30m"), Some(secs(1800)));
        assert_eq!(parse_go_duration("30m0s"), Some(secs(1800)));
        assert_eq!(parse_go_duration("1h30m"), Some(secs(5400)));
        assert_eq!(parse_go_duration("5m30s"), Some(secs(330)));
        assert_eq!(parse_go_duration("1.5h"), Some(secs(5400)));
        assert_eq!(parse_go_duration("0"), Some(Duration::ZERO));
        assert_eq!(parse_go_duration("0s"), Some(Duration::ZERO));
        assert_eq!(parse_go_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_go_duration("3µs"), Some(Duration::from_micros(3)));
        assert_eq!(parse_go_duration(" 2h "), Some(secs(7200)));
        for bad in [
            "", "m", "30", "-5m", "5 m", "5x", "1h-5m", ".h", "h1", "1e3s",
        ] {
            assert_eq!(parse_go_duration(bad), None, "{bad}");
        }
        assert_eq!(parse_go_duration("999999999h"), None);
    }

    #[test]
    fn writes_compact_durations_that_read_back() {
        for (seconds, text) in [
            (0, "0s"),
            (30, "30s"),
            (1800, "30m"),
            (5400, "1h30m"),
            (330, "5m30s"),
            (3605, "1h5s"),
            (86_400, "24h"),
        ] {
            assert_eq!(format_go_duration(secs(seconds)), text);
            assert_eq!(parse_go_duration(text), Some(secs(seconds)));
        }
        assert_eq!(format_go_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(format_go_duration(Duration::from_millis(250)), "250ms");
        assert_eq!(format_go_duration(Duration::from_nanos(1500)), "1500ns");
        assert_eq!(format_go_duration(Duration::from_micros(7)), "7us");
    }

    #[test]
    fn nanoseconds_and_minutes() {
        assert_eq!(minutes_and_seconds(240_000_000_000), (4, 0));
        assert_eq!(minutes_and_seconds(90_500_000_000), (1, 30));
        assert_eq!(nanos_from_minutes_and_seconds(4, 0), 240_000_000_000);
        assert_eq!(nanos_from_minutes_and_seconds(u64::MAX, 1), u64::MAX);
        assert_eq!(nanos_of(secs(2)), 2 * NANOS_PER_SECOND);
        assert_eq!(nanos_of(Duration::MAX), u64::MAX);
    }

    #[test]
    fn reminders_are_strings_or_nanoseconds() {
        assert_eq!(parse_reminder("30m"), Some(secs(1800)));
        assert_eq!(parse_reminder("1800000000000"), Some(secs(1800)));
        assert_eq!(parse_reminder(""), None);
        assert_eq!(parse_reminder("often"), None);
    }
}
