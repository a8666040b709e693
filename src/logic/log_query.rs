//! The logs tab's view state, kept in the URL so that a filtered view of
//! the logs is a link: `?lines=1000&source=web-1&q=timeout&regex=1`.

use super::query_string::QueryString;

/// History sizes offered.
pub const LINE_COUNTS: [u32; 3] = [100, 1_000, 10_000];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogQuery {
    /// Lines of history loaded before streaming.
    pub lines: u32,
    /// A container label or type; empty for all.
    pub source: String,
    pub search: String,
    pub regex: bool,
    pub only_matching: bool,
    pub wrap: bool,
    /// Times in UTC (the default, as the platform writes them) or local.
    pub local_time: bool,
    /// The archive shown instead of the live stream, by its start (`from`).
    pub archive: Option<String>,
}

impl Default for LogQuery {
    fn default() -> Self {
        LogQuery {
            lines: LINE_COUNTS[0],
            source: String::new(),
            search: String::new(),
            regex: false,
            only_matching: false,
            wrap: false,
            local_time: false,
            archive: None,
        }
    }
}

impl LogQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let flag = |key: &str| get(key).as_deref() == Some("1");
        let lines = get("lines")
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|n| LINE_COUNTS.contains(n))
            .unwrap_or(LINE_COUNTS[0]);
        LogQuery {
            lines,
            source: get("source").unwrap_or_default(),
            search: get("q").unwrap_or_default(),
            regex: flag("regex"),
            only_matching: flag("only"),
            wrap: flag("wrap"),
            local_time: get("tz").as_deref() == Some("local"),
            archive: get("archive").filter(|a| !a.is_empty()),
        }
    }

    /// `?…`, or empty for the defaults.
    pub fn to_query_string(&self) -> String {
        QueryString::new()
            .unless_default("lines", self.lines, LINE_COUNTS[0])
            .text("source", &self.source)
            .text("q", &self.search)
            .flag("regex", self.regex)
            .flag("only", self.only_matching)
            .flag("wrap", self.wrap)
            .text("tz", if self.local_time { "local" } else { "" })
            .text("archive", self.archive.as_deref().unwrap_or_default())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> LogQuery {
        LogQuery::from_params(|k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn round_trip() {
        let query = LogQuery {
            lines: 1_000,
            source: "web-1".into(),
            search: "time out|error".into(),
            regex: true,
            only_matching: true,
            wrap: true,
            local_time: true,
            archive: Some("2024-03-01 00:00:00 +0000 UTC".into()),
        };
        let text = query.to_query_string();
        assert_eq!(
            text,
            "?lines=1000&source=web-1&q=time%20out%7Cerror&regex=1&only=1&wrap=1&tz=local&archive=2024-03-01%2000%3A00%3A00%20%2B0000%20UTC"
        );
        assert_eq!(
            parse(&[
                ("lines", "1000"),
                ("source", "web-1"),
                ("q", "time out|error"),
                ("regex", "1"),
                ("only", "1"),
                ("wrap", "1"),
                ("tz", "local"),
                ("archive", "2024-03-01 00:00:00 +0000 UTC"),
            ]),
            query
        );
        assert_eq!(LogQuery::default().to_query_string(), "");
    }

    #[test]
    fn odd_values_fall_back() {
        assert_eq!(
            parse(&[("lines", "5"), ("regex", "yes"), ("archive", "")]),
            LogQuery::default()
        );
    }
}
