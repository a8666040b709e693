//! What the probe apps add to their logs: in every slot of `logs::collect`
//! (ten seconds), one line from [`ROTATION`] in turn, and every
//! [`HUGE_EVERY`] slots (ten minutes) a 100 KB line. A function of the slot
//! only, like the rest of the logs: a dump and a stream agree.

use super::payloads::{
    ansi_garbage, huge, IMG_ONERROR, POP_DIRECTION, RTL_OVERRIDE, SCRIPT_TAG, ZERO_WIDTH,
};

/// A 100 KB line once in this many slots.
pub const HUGE_EVERY: i64 = 60;
/// Where in its slot a line is written, in nanoseconds.
const ROTATION_OFFSET: i64 = 1_000_000_000;
const HUGE_OFFSET: i64 = 2_000_000_000;

/// The hostile lines, written in turn.
fn rotation() -> [String; 7] {
    [
        format!("{SCRIPT_TAG} GET /search?q=%3Cscript%3E q=<script>alert(document.cookie)</script>"),
        format!("rendered preview: {IMG_ONERROR} <svg onload=alert(1)> <iframe src=javascript:alert(1)>"),
        format!("terminal: {}", ansi_garbage()),
        format!(
            "user {RTL_OVERRIDE}nimda{POP_DIRECTION} uploaded invoice{RTL_OVERRIDE}fdp.exe; \
             zero{ZERO_WIDTH}width; \u{202B}embedding\u{202C} \u{2067}isolate\u{2069}"
        ),
        "control characters: NUL\u{0} vertical\u{b}tab form\u{c}feed carriage\rreturn DEL\u{7f} C1\u{85}\u{9b}31m"
            .to_owned(),
        r#"{"html":"</script><script>alert(1)</script>","nested":{"a":[1,{"b":"</textarea><svg onload=alert(1)>"}]}}"#
            .to_owned(),
        r#"[click me](javascript:alert(1)) <a href="javascript:alert(1)">link</a> https://example.com/"onmouseover="alert(1)"#
            .to_owned(),
    ]
}

/// The lines the probe apps write in `slot`: (nanoseconds into the slot,
/// text). No line contains a newline.
pub fn slot_lines(slot: i64) -> Vec<(i64, String)> {
    let lines = rotation();
    let index = slot.rem_euclid(lines.len() as i64) as usize;
    let mut out = vec![(ROTATION_OFFSET, lines[index].clone())];
    if slot.rem_euclid(HUGE_EVERY) == 0 {
        out.push((HUGE_OFFSET, huge("huge-log-line-")));
    }
    out
}
