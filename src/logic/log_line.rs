//! One line of application logs, as the logs endpoint and the archives
//! write it: `2024-03-02 10:21:07.123456789 +0000 UTC [web-1] message`.

/// A parsed log line. Lines that do not have the expected shape keep their
/// whole text as the message, with no time and no source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// Milliseconds since the epoch, when the line had a readable date.
    pub time_ms: Option<i64>,
    /// The sub-millisecond part, so that lines of the same millisecond keep
    /// their order and can be told apart.
    pub time_ns: u32,
    /// `web-1`, `router`, `manager`, `one-off-1234`…
    pub source: String,
    pub message: String,
}

impl LogLine {
    /// The container type of the source: `web-1` → `web`, `one-off-12` →
    /// `one-off`, `router` → `router`.
    pub fn source_type(&self) -> &str {
        match self.source.rsplit_once('-') {
            Some((kind, index))
                if !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()) =>
            {
                kind
            }
            _ => &self.source,
        }
    }
}

fn digits(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() {
        return None;
    }
    bytes.iter().try_fold(0i64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

/// Reads `YYYY-MM-DD HH:MM:SS[.fraction] +HHMM[ ZONE]` at the start of
/// `text`; returns the instant (ms), the sub-millisecond nanoseconds and
/// the rest of the text.
fn parse_time(text: &str) -> Option<(i64, u32, &str)> {
    let bytes = text.as_bytes();
    if bytes.len() < 19
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || bytes[10] != b' '
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    // Reuse the RFC 3339 parser on the date and time part.
    let iso = format!("{}T{}Z", &text[..10], &text[11..19]);
    let seconds_ms = super::time::parse_rfc3339_ms(&iso)?;
    let mut rest = &text[19..];
    let mut nanos: i64 = 0;
    if let Some(after_dot) = rest.strip_prefix('.') {
        let count = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        let fraction = &after_dot.as_bytes()[..count];
        // Nanoseconds from up to nine digits.
        let padded: Vec<u8> = fraction
            .iter()
            .copied()
            .chain(std::iter::repeat(b'0'))
            .take(9)
            .collect();
        nanos = digits(&padded)?;
        rest = &after_dot[count..];
    }
    // Offset `+0000` (Go's time.String()) and an optional zone name.
    let rest = rest.strip_prefix(' ')?;
    let (offset, rest) = rest.split_at_checked(5)?;
    let sign = match offset.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours = digits(&offset.as_bytes()[1..3])?;
    let minutes = digits(&offset.as_bytes()[3..5])?;
    let offset_ms = sign * (hours * 60 + minutes) * 60_000;
    let rest = match rest.strip_prefix(' ') {
        // A zone abbreviation such as `UTC` or `CET`, if any.
        Some(after) if after.bytes().next().is_some_and(|b| b.is_ascii_uppercase()) => {
            let zone_len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
            &after[zone_len..]
        }
        _ => rest,
    };
    let ms = seconds_ms + nanos / 1_000_000 - offset_ms;
    Some((ms, (nanos % 1_000_000) as u32, rest))
}

/// A Go `time.String()` date as the archives list sends them:
/// `2024-03-01 00:00:00 +0000 UTC`, or the older `Fri Mar 24 14:00:00 +0000
/// UTC 2017` the documentation shows. Milliseconds since the epoch.
pub fn parse_go_time(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Some((ms, _, rest)) = parse_time(text) {
        return rest.trim().is_empty().then_some(ms);
    }
    // `Mon Jan _2 15:04:05 -0700 MST 2006`
    let words: Vec<&str> = text.split_whitespace().collect();
    let [_, month, day, clock, offset, zone_or_year, rest @ ..] = words.as_slice() else {
        return None;
    };
    let year = match rest {
        [year] => year,
        [] => zone_or_year,
        _ => return None,
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? + 1;
    let day: u32 = day.parse().ok()?;
    let rebuilt = format!("{year}-{month:02}-{day:02} {clock} {offset}");
    parse_time(&rebuilt).and_then(|(ms, _, rest)| rest.trim().is_empty().then_some(ms))
}

/// Parses one line.
pub fn parse_line(text: &str) -> LogLine {
    let text = text.trim_end_matches(['\r', '\n']);
    let fallback = || LogLine {
        time_ms: None,
        time_ns: 0,
        source: String::new(),
        message: text.to_owned(),
    };
    let Some((time_ms, time_ns, rest)) = parse_time(text) else {
        return fallback();
    };
    let rest = rest.trim_start();
    let Some(after_bracket) = rest.strip_prefix('[') else {
        return LogLine {
            time_ms: Some(time_ms),
            time_ns,
            source: String::new(),
            message: rest.to_owned(),
        };
    };
    match after_bracket.split_once(']') {
        Some((source, message))
            if !source.is_empty() && source.len() <= 64 && !source.contains(' ') =>
        {
            LogLine {
                time_ms: Some(time_ms),
                time_ns,
                source: source.to_owned(),
                message: message.strip_prefix(' ').unwrap_or(message).to_owned(),
            }
        }
        _ => LogLine {
            time_ms: Some(time_ms),
            time_ns,
            source: String::new(),
            message: rest.to_owned(),
        },
    }
}

/// `10:21:07.123` of a UTC instant, with the date when `with_date`.
pub fn format_utc(ms: i64, with_date: bool) -> String {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let (h, m, s, milli) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1_000 % 60,
        in_day % 1_000,
    );
    let time = format!("{h:02}:{m:02}:{s:02}.{milli:03}");
    if !with_date {
        return time;
    }
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02} {time}")
}

/// The inverse of the days-from-civil algorithm (Howard Hinnant's).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::time::parse_rfc3339_ms;

    #[test]
    fn parses_the_documented_format() {
        let line =
            parse_line("2024-03-02 10:21:07.123456789 +0000 UTC [web-1] Listening on :8080\n");
        assert_eq!(line.time_ms, parse_rfc3339_ms("2024-03-02T10:21:07.123Z"));
        assert_eq!(line.time_ns, 456_789);
        assert_eq!(line.source, "web-1");
        assert_eq!(line.source_type(), "web");
        assert_eq!(line.message, "Listening on :8080");
    }

    #[test]
    fn offsets_and_zones() {
        let a = parse_line("2024-03-02 11:21:07 +0100 CET [router] x");
        let b = parse_line("2024-03-02 10:21:07.000 +0000 UTC [router] x");
        assert_eq!(a.time_ms, b.time_ms);
        assert_eq!(a.source_type(), "router");
    }

    #[test]
    fn keeps_odd_lines_whole() {
        let odd = parse_line("not a log line at all [web-1]");
        assert_eq!(odd.time_ms, None);
        assert_eq!(odd.message, "not a log line at all [web-1]");
        let no_source = parse_line("2024-03-02 10:21:07 +0000 UTC plain message");
        assert!(no_source.time_ms.is_some());
        assert_eq!(no_source.source, "");
        assert_eq!(no_source.message, "plain message");
        let spaced = parse_line("2024-03-02 10:21:07 +0000 UTC [not a source] hi");
        assert_eq!(spaced.message, "[not a source] hi");
        assert_eq!(parse_line("").message, "");
        assert_eq!(
            parse_line("2024-03-02 10:21:07 +0000 UTC [one-off-42] done").source_type(),
            "one-off"
        );
    }

    #[test]
    fn never_panics_on_truncated_input() {
        let full = "2024-03-02 10:21:07.123456789 +0000 UTC [web-1] é message";
        for end in 0..=full.len() {
            if full.is_char_boundary(end) {
                let _ = parse_line(&full[..end]);
            }
        }
    }

    #[test]
    fn go_dates() {
        let reference = parse_go_time("2024-03-01 00:00:00 +0000 UTC").unwrap();
        assert_eq!(Some(reference), parse_rfc3339_ms("2024-03-01T00:00:00Z"));
        assert_eq!(
            parse_go_time("Fri Mar 24 14:00:00 +0000 UTC 2017"),
            parse_rfc3339_ms("2017-03-24T14:00:00Z")
        );
        assert_eq!(
            parse_go_time("Sun Mar 26 14:00:00 +0200 CEST 2017"),
            parse_rfc3339_ms("2017-03-26T12:00:00Z")
        );
        assert_eq!(parse_go_time("soon"), None);
        assert_eq!(parse_go_time("Fri Foo 24 14:00:00 +0000 UTC 2017"), None);
    }

    #[test]
    fn formats_utc() {
        let ms = parse_rfc3339_ms("2024-02-29T23:05:09.007Z").unwrap();
        assert_eq!(format_utc(ms, false), "23:05:09.007");
        assert_eq!(format_utc(ms, true), "2024-02-29 23:05:09.007");
        assert_eq!(format_utc(-1, true), "1969-12-31 23:59:59.999");
    }
}
