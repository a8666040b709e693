//! Responses nested deeper than a JSON parser accepts (serde_json stops at
//! 128 levels rather than risk the stack): nothing the dashboard reads is
//! that deep, so the excess is replaced by `null` and the rest still reads.

/// Nesting deeper than this is cut (below serde_json's limit of 128).
pub const MAX_JSON_DEPTH: usize = 100;

/// `text` with every array or object that opens deeper than `max_depth`
/// replaced by `null`; `None` when nothing is that deep. Strings are
/// skipped as they are (brackets inside them do not count), and text that is
/// not JSON comes out as broken as it went in.
pub fn prune_deep_json(text: &str, max_depth: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut copied_to = 0;
    let mut pruned = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = string_end(bytes, i),
            b'[' | b'{' if depth == max_depth => {
                out.push_str(&text[copied_to..i]);
                out.push_str("null");
                i = value_end(bytes, i);
                copied_to = i;
                pruned = true;
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    if !pruned {
        return None;
    }
    out.push_str(&text[copied_to..]);
    Some(out)
}

/// The index of the closing quote of the string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The index just after the array or object opening at `start`.
fn value_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = string_end(bytes, i),
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_json_is_left_alone() {
        assert_eq!(prune_deep_json(r#"{"a": [1, {"b": "]]]"}]}"#, 3), None);
    }

    #[test]
    fn deep_values_become_null() {
        let text = r#"{"app": {"name": "x", "deep": [[["]}\"", {}]]], "after": 1}}"#;
        let pruned = prune_deep_json(text, 3).unwrap();
        assert_eq!(
            pruned,
            r#"{"app": {"name": "x", "deep": [null], "after": 1}}"#
        );
        let value: serde_json::Value = serde_json::from_str(&pruned).unwrap();
        assert_eq!(value["app"]["after"], 1);
    }

    #[test]
    fn very_deep_json_parses_once_pruned() {
        let deep = format!(
            r#"{{"app": {{"name": "deep-json-app", "x": {}1{}}}}}"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(serde_json::from_str::<serde_json::Value>(&deep).is_err());
        let pruned = prune_deep_json(&deep, MAX_JSON_DEPTH).unwrap();
        let value: serde_json::Value = serde_json::from_str(&pruned).unwrap();
        assert_eq!(value["app"]["name"], "deep-json-app");
    }

    #[test]
    fn broken_json_does_not_panic() {
        for text in ["[[[", "\"\\", "]]]}}", "{\"a\": \"", "[\"\\\""] {
            let _ = prune_deep_json(text, 1);
        }
    }
}
