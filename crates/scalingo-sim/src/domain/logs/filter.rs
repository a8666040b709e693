//! The `filter` of a logs URL: a container label (`web-1`), a process type
//! (`web`), a pseudo-container (`router`, `manager`), or a regular
//! expression over those (`web|worker`, `one-off-.*`).
//!
//! The expression must match a line's label or its type whole (it is
//! anchored), so `web` keeps `web-1` and `web-2` but not a `webhooks` type.
//! An expression that does not compile is refused (the route's 400).

use regex::Regex;

#[derive(Debug, Clone)]
pub struct Filter {
    text: String,
    pattern: Regex,
}

/// Longest filter accepted (a regexp is compiled for each request).
const MAX_LEN: usize = 256;

impl Filter {
    /// `None` for an absent or blank filter; `Err` with a message for an
    /// invalid one.
    pub fn parse(text: Option<&str>) -> Result<Option<Filter>, String> {
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        if text.len() > MAX_LEN {
            return Err(format!("filter is longer than {MAX_LEN} characters"));
        }
        let pattern = Regex::new(&format!("^(?:{text})$"))
            .map_err(|_| format!("filter is not a valid regular expression: {text}"))?;
        Ok(Some(Filter {
            text: text.to_owned(),
            pattern,
        }))
    }

    /// Whether lines of a source labelled `label`, of type `kind`, pass.
    pub fn matches(&self, label: &str, kind: &str) -> bool {
        self.text == label
            || self.text == kind
            || self.pattern.is_match(label)
            || self.pattern.is_match(kind)
    }
}

/// `filter` absent passes everything.
pub fn passes(filter: Option<&Filter>, label: &str, kind: &str) -> bool {
    filter.is_none_or(|f| f.matches(label, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str) -> Filter {
        Filter::parse(Some(text)).unwrap().unwrap()
    }

    #[test]
    fn labels_types_and_expressions() {
        assert!(f("web-1").matches("web-1", "web"));
        assert!(!f("web-1").matches("web-2", "web"));
        assert!(f("web").matches("web-2", "web"));
        assert!(!f("web").matches("webhooks-1", "webhooks"));
        assert!(f("web|worker").matches("worker-1", "worker"));
        assert!(!f("web|worker").matches("clock-1", "clock"));
        assert!(f("router").matches("router", "router"));
        assert!(f("one-off-.*").matches("one-off-1234", "one-off"));
        assert!(Filter::parse(Some("  ")).unwrap().is_none());
        assert!(Filter::parse(Some("web[")).is_err());
        assert!(passes(None, "web-1", "web"));
    }
}
