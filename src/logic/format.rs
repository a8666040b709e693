//! Formatting of API values for people.

/// `536870912` → `512 MiB`; binary units, as container sizes are defined.
pub fn bytes(value: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut amount = value as f64;
    let mut unit = 0;
    while amount >= 1024.0 && unit < UNITS.len() - 1 {
        amount /= 1024.0;
        unit += 1;
    }
    if unit == 0 || amount >= 100.0 || amount.fract() < 0.05 {
        format!("{amount:.0} {}", UNITS[unit])
    } else {
        format!("{amount:.1} {}", UNITS[unit])
    }
}

/// `32768` → `32,768`.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The URL if it is safe to put in an `href`: only `http` and `https`
/// (never `javascript:`, `data:` or relative tricks).
pub fn safe_http_url(url: &str) -> Option<&str> {
    let trimmed = url.trim();
    let lower = trimmed.get(..8).unwrap_or(trimmed).to_ascii_lowercase();
    let allowed = lower.starts_with("https://") || lower.starts_with("http://");
    let has_host = trimmed
        .split_once("//")
        .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
    let clean = !trimmed.chars().any(|c| c.is_control() || c.is_whitespace());
    (allowed && has_host && clean).then_some(trimmed)
}

/// A JSON value of flags or limits as short text.
pub fn json_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Bool(true) => "yes".to_owned(),
        serde_json::Value::Bool(false) => "no".to_owned(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".to_owned(),
        serde_json::Value::Number(n) => match n.as_u64() {
            // Limits are often byte counts: show both forms.
            Some(u) if u >= 1 << 20 => format!("{u} ({})", bytes(u)),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// `text` isolated for bidirectional text (FSI … PDI): a right-to-left
/// override or an Arabic name inside a sentence cannot reorder the words
/// around it ("No app matches “…”" stays in order).
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(32_768), "32,768");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn isolates_user_text() {
        let evil = "\u{202e}abc-evil.exe";
        let sentence = format!("No app matches “{}”", isolate(evil));
        assert!(sentence.contains("\u{2068}\u{202e}abc-evil.exe\u{2069}”"));
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(268_435_456), "256 MiB");
        assert_eq!(bytes(536_870_912), "512 MiB");
        assert_eq!(bytes(8 * 1024 * 1024 * 1024), "8 GiB");
        assert_eq!(bytes(1_610_612_736), "1.5 GiB");
        assert_eq!(bytes(1_000_000_000), "954 MiB");
        assert_eq!(bytes(u64::MAX), "16384 PiB");
    }

    #[test]
    fn only_http_links() {
        assert_eq!(
            safe_http_url("https://example-app.scalingo.io"),
            Some("https://example-app.scalingo.io")
        );
        assert_eq!(safe_http_url(" HTTP://a.b/c "), Some("HTTP://a.b/c"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "https://",
            "https:///path",
            "https://a b",
            "wss://deployments.scalingo.com",
            "git@scalingo.com:example-app.git",
            "",
        ] {
            assert_eq!(safe_http_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn json_values() {
        assert_eq!(json_value(&serde_json::json!(true)), "yes");
        assert_eq!(
            json_value(&serde_json::json!(1_000_000_000u64)),
            "1000000000 (954 MiB)"
        );
        assert_eq!(json_value(&serde_json::json!(12)), "12");
        assert_eq!(json_value(&serde_json::json!({"a": 1})), r#"{"a":1}"#);
    }
}
