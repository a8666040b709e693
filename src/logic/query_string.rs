//! The one encoder of the view state kept in the URL's query string.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What a query value keeps as it is: letters, digits and `-_.~` (RFC 3986
/// unreserved); everything else is percent-encoded.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A query string being written: pairs in order, defaults left out.
#[derive(Debug, Default)]
pub struct QueryString {
    pairs: Vec<(&'static str, String)>,
}

impl QueryString {
    pub fn new() -> Self {
        Self::default()
    }

    /// `key=value`, unless the value is empty (the default).
    pub fn text(mut self, key: &'static str, value: &str) -> Self {
        if !value.is_empty() {
            self.pairs.push((key, value.to_owned()));
        }
        self
    }

    /// `key=1` when `on`.
    pub fn flag(self, key: &'static str, on: bool) -> Self {
        self.text(key, if on { "1" } else { "" })
    }

    /// `key=value` when `value` is not the default.
    pub fn unless_default<T: PartialEq + ToString>(
        self,
        key: &'static str,
        value: T,
        default: T,
    ) -> Self {
        if value == default {
            self
        } else {
            let text = value.to_string();
            self.text(key, &text)
        }
    }

    /// `""`, or `?key=value&…`.
    pub fn finish(self) -> String {
        if self.pairs.is_empty() {
            return String::new();
        }
        let pairs: Vec<String> = self
            .pairs
            .iter()
            .map(|(key, value)| format!("{key}={}", utf8_percent_encode(value, VALUE)))
            .collect();
        format!("?{}", pairs.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_left_out_and_values_encoded() {
        assert_eq!(
            QueryString::new().text("q", "").flag("x", false).finish(),
            ""
        );
        assert_eq!(
            QueryString::new()
                .text("q", "time out|é")
                .flag("regex", true)
                .unless_default("lines", 100, 100)
                .unless_default("range", "12h", "3h")
                .finish(),
            "?q=time%20out%7C%C3%A9&regex=1&range=12h"
        );
    }
}
