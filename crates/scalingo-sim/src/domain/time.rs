//! Dates as the Rails side of the API writes them.

use chrono::{DateTime, SecondsFormat, Utc};

pub type Timestamp = DateTime<Utc>;

pub fn now() -> Timestamp {
    Utc::now()
}

/// RFC 3339 with milliseconds and `Z`: `2024-03-02T10:10:00.000Z`.
pub fn format(at: &Timestamp) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn format_opt(at: Option<&Timestamp>) -> Option<String> {
    at.map(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millisecond_precision_and_z() {
        let at = DateTime::parse_from_rfc3339("2024-03-02T10:10:00.123456+02:00")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(format(&at), "2024-03-02T08:10:00.123Z");
    }
}
