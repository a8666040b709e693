//! The strings and values the hostile demo is made of. Each one is harmless
//! when a client shows it as text, and visible damage when it does not.

use serde_json::{json, Value};

/// Runs a script if it is parsed as HTML (an `<img>` that fails to load).
pub const IMG_ONERROR: &str = "<img src=x onerror=alert(1)>";
/// Runs a script if it is parsed as HTML by `innerHTML`-like code paths
/// that execute scripts, and shows as markup otherwise.
pub const SCRIPT_TAG: &str = "<script>alert(1)</script>";
/// Runs a script if it is used as a link target or an image source.
pub const JAVASCRIPT_URL: &str = "javascript:alert(1)";
/// RIGHT-TO-LEFT OVERRIDE: what follows is drawn reversed until a POP
/// DIRECTIONAL FORMATTING (U+202C) or the end of the paragraph, so
/// `invoice\u{202E}fdp.exe` reads as `invoiceexe.pdf`.
pub const RTL_OVERRIDE: char = '\u{202E}';
pub const POP_DIRECTION: char = '\u{202C}';
/// Zero width space, non-joiner, joiner, word joiner, byte order mark:
/// invisible, but part of the string (copying, searching, comparing).
pub const ZERO_WIDTH: &str = "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}";
/// The size of the huge strings: 100 KB.
pub const HUGE_LEN: usize = 100 * 1024;
/// How deep the nested unknown field is: deeper than the default recursion
/// limit of common JSON parsers (serde_json stops at 128).
pub const NESTING_DEPTH: usize = 200;

/// A string of exactly [`HUGE_LEN`] bytes starting with `label`, without
/// spaces or any other place a line could break.
pub fn huge(label: &str) -> String {
    let mut text = String::with_capacity(HUGE_LEN);
    text.push_str(label);
    let filler = "0123456789abcdefghijklmnopqrstuvwxyz";
    while text.len() < HUGE_LEN {
        let room = HUGE_LEN - text.len();
        text.push_str(&filler[..room.min(filler.len())]);
    }
    text
}

/// `{"level": {"level": … {"bottom": true} …}}`, `depth` objects deep.
pub fn deeply_nested(depth: usize) -> Value {
    let mut value = json!({ "bottom": true });
    for _ in 1..depth {
        value = json!({ "level": value });
    }
    value
}

/// Escape sequences a terminal would act on: colours with absurd or
/// missing parameters, an unterminated sequence, an OSC 8 hyperlink to a
/// `javascript:` URL, screen clearing, cursor moves, a bell, a backspace.
pub fn ansi_garbage() -> String {
    [
        "\u{1b}[31mred",
        "\u{1b}[1;4;5;7;9mevery-attribute",
        "\u{1b}[38;5;300minvalid-256-colour",
        "\u{1b}[38;2;999;-1;0minvalid-rgb",
        "\u{1b}[99999999999999999999mhuge-parameter",
        "\u{1b}]8;;javascript:alert(1)\u{7}osc8-hyperlink\u{1b}]8;;\u{7}",
        "\u{1b}[2J\u{1b}[Hclear-screen",
        "\u{1b}[10Acursor-up",
        "bell\u{7}",
        "back\u{8}space",
        "\u{1b}[unterminated",
        "\u{1b}",
    ]
    .join(" ")
}

/// The length of [`deeply_nested`]'s value, counted in objects.
#[cfg(test)]
pub fn depth_of(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(depth_of).max().unwrap_or(0),
        Value::Array(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_as_documented() {
        let text = huge("owner-");
        assert_eq!(text.len(), HUGE_LEN);
        assert!(text.starts_with("owner-"));
        assert!(!text.contains(char::is_whitespace));
        assert_eq!(depth_of(&deeply_nested(NESTING_DEPTH)), NESTING_DEPTH);
        assert!(!ansi_garbage().contains('\n'));
    }
}
