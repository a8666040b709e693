//! Dates as the API sends them (RFC 3339, with or without fractional seconds
//! and with any offset) and how they are shown to people.

/// Milliseconds since the Unix epoch of an RFC 3339 date such as
/// `2014-09-10T10:17:52.690+02:00` or `2021-03-19T15:01:25.088Z`.
/// `None` for anything else: API dates are untrusted input.
pub fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    let bytes = text.trim().as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let slice = bytes.get(range)?;
        slice.iter().try_fold(0i64, |acc, b| {
            b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
        })
    };
    if bytes.len() < 19
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b'T' | b't' | b' ')
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &bytes[19..];
    let mut millis = 0;
    if let [b'.', tail @ ..] = rest {
        let count = tail.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        // Milliseconds from the first three digits; finer digits are dropped.
        millis = tail[..count]
            .iter()
            .chain(std::iter::repeat(&b'0'))
            .take(3)
            .fold(0, |acc, b| acc * 10 + i64::from(b - b'0'));
        rest = &tail[count..];
    }
    let offset_minutes = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = digits_of(*h1, *h2)?;
            let minutes = digits_of(*m1, *m2)?;
            let total = hours * 60 + minutes;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

fn digits_of(a: u8, b: u8) -> Option<i64> {
    (a.is_ascii_digit() && b.is_ascii_digit())
        .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// well-known algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// "3 hours ago", "in 5 minutes", "just now": the distance from `now_ms` to
/// `then_ms`, rounded the way people say it.
pub fn relative_time(then_ms: i64, now_ms: i64) -> String {
    let delta = (now_ms - then_ms) / 1_000;
    let future = delta < 0;
    let seconds = delta.abs();
    let minutes = (seconds + 30) / 60;
    let hours = (seconds + 1_800) / 3_600;
    let days = (seconds + 43_200) / 86_400;
    let phrase = match seconds {
        s if s < 45 => return "just now".to_owned(),
        s if s < 90 => "a minute".to_owned(),
        s if s < 45 * 60 => format!("{minutes} minutes"),
        s if s < 90 * 60 => "an hour".to_owned(),
        s if s < 22 * 3_600 => format!("{hours} hours"),
        s if s < 36 * 3_600 => "a day".to_owned(),
        s if s < 26 * 86_400 => format!("{days} days"),
        s if s < 45 * 86_400 => "a month".to_owned(),
        s if s < 320 * 86_400 => format!("{} months", (days + 15) / 30),
        s if s < 548 * 86_400 => "a year".to_owned(),
        _ => format!("{} years", (days + 182) / 365),
    };
    if future {
        format!("in {phrase}")
    } else {
        format!("{phrase} ago")
    }
}

/// "2 days" style duration between two instants, for container ages.
pub fn age(then_ms: i64, now_ms: i64) -> String {
    let seconds = ((now_ms - then_ms) / 1_000).max(0);
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h {}m", s / 3_600, (s % 3_600) / 60),
        s => format!("{}d {}h", s / 86_400, (s % 86_400) / 3_600),
    }
}

/// "in 12 s", "in 1 min 05 s", "now": a countdown to `at_ms`, to the
/// second, for "trying again in…".
pub fn countdown(at_ms: f64, now_ms: f64) -> String {
    let seconds = ((at_ms - now_ms) / 1_000.0).ceil();
    if !seconds.is_finite() || seconds <= 0.0 {
        return "now".to_owned();
    }
    let seconds = seconds.min(86_400.0) as u64;
    if seconds < 60 {
        format!("in {seconds} s")
    } else {
        format!("in {} min {:02} s", seconds / 60, seconds % 60)
    }
}

/// "14:02:11": the local clock time of `ms`, for "read at…".
pub fn clock_time(ms: f64) -> String {
    let date = js_date(ms);
    format!("{:02}:{:02}:{:02}", date.0, date.1, date.2)
}

#[cfg(target_arch = "wasm32")]
fn js_date(ms: f64) -> (u32, u32, u32) {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    (date.get_hours(), date.get_minutes(), date.get_seconds())
}

/// On the host (tests) there is no local zone: UTC.
#[cfg(not(target_arch = "wasm32"))]
fn js_date(ms: f64) -> (u32, u32, u32) {
    let seconds = (ms / 1_000.0).floor().rem_euclid(86_400.0) as u32;
    (seconds / 3_600, (seconds % 3_600) / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns() {
        assert_eq!(countdown(12_000.0, 0.0), "in 12 s");
        assert_eq!(countdown(11_200.0, 0.0), "in 12 s");
        assert_eq!(countdown(65_000.0, 0.0), "in 1 min 05 s");
        assert_eq!(countdown(0.0, 5.0), "now");
        assert_eq!(countdown(f64::NAN, 5.0), "now");
        assert_eq!(clock_time(3_723_000.0), "01:02:03");
    }

    #[test]
    fn parses_the_formats_the_api_uses() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2021-03-19T15:01:25.088Z"),
            Some(1_616_166_085_088)
        );
        // Same instant with an offset.
        assert_eq!(
            parse_rfc3339_ms("2014-09-10T10:17:52.690+02:00"),
            parse_rfc3339_ms("2014-09-10T08:17:52.690Z")
        );
        assert_eq!(
            parse_rfc3339_ms("2024-02-29T12:00:00.123456789Z"),
            Some(1_709_208_000_123)
        );
        assert_eq!(
            parse_rfc3339_ms("1969-12-31T23:59:59-00:30"),
            Some(1_799_000)
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "yesterday",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00+0100",
            "Fri Mar 24 14:00:00 +0000 UTC 2017",
            "2024-01-01T00:00:00Zjunk",
            "２０２４-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn relative_phrases() {
        let now = 1_000_000_000_000;
        let ago = |s: i64| relative_time(now - s * 1_000, now);
        assert_eq!(ago(10), "just now");
        assert_eq!(ago(60), "a minute ago");
        assert_eq!(ago(5 * 60), "5 minutes ago");
        assert_eq!(ago(3_600), "an hour ago");
        assert_eq!(ago(3 * 3_600), "3 hours ago");
        assert_eq!(ago(30 * 3_600), "a day ago");
        assert_eq!(ago(4 * 86_400), "4 days ago");
        assert_eq!(ago(35 * 86_400), "a month ago");
        assert_eq!(ago(100 * 86_400), "3 months ago");
        assert_eq!(ago(400 * 86_400), "a year ago");
        assert_eq!(ago(3 * 365 * 86_400), "3 years ago");
        assert_eq!(ago(-5 * 60), "in 5 minutes");
    }

    #[test]
    fn ages() {
        assert_eq!(age(0, 42_000), "42s");
        assert_eq!(age(0, 3_599_000), "59m");
        assert_eq!(age(0, 5_400_000), "1h 30m");
        assert_eq!(age(0, 90_000_000), "1d 1h");
        assert_eq!(age(10, 0), "0s");
    }
}
