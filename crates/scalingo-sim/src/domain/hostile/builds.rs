//! What the probe apps' builds print besides the buildpack's lines: markup,
//! escape sequences a terminal would act on (colours with absurd
//! parameters, an OSC 8 link to a `javascript:` URL, a window title,
//! cursor moves, screen clearing), carriage returns of a progress bar,
//! bidirectional overrides and a 100 KB line. Expected: shown as text,
//! colours only from valid SGR sequences, nothing else interpreted.

use super::payloads::{ansi_garbage, huge, IMG_ONERROR, POP_DIRECTION, RTL_OVERRIDE, SCRIPT_TAG};

/// The hostile lines of a build, printed after the source is fetched. No
/// line contains a newline.
pub fn lines() -> Vec<String> {
    vec![
        format!("       {SCRIPT_TAG} postinstall: echo {IMG_ONERROR}"),
        "       <a href=\"javascript:alert(1)\">release notes</a> <svg onload=alert(1)>".to_owned(),
        format!("       terminal: {}", ansi_garbage()),
        "\u{1b}]0;pwned window title\u{7}\u{1b}]8;;javascript:alert(document.domain)\u{1b}\\click me\u{1b}]8;;\u{1b}\\"
            .to_owned(),
        "\u{1b}[2K\u{1b}[1G[=====>    ] 52%\r[==========] 100%\u{1b}[?25l\u{1b}[6n".to_owned(),
        format!("       author {RTL_OVERRIDE}nimda{POP_DIRECTION} signed the commit"),
        format!("       {}", huge("huge-build-line-")),
    ]
}
