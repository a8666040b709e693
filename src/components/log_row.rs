use leptos::prelude::*;

use crate::logic::{
    ansi::{segments, Style},
    log_line::format_utc,
    log_view::Entry,
};

/// How times are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeZone {
    Utc,
    Local,
}

fn local_time(ms: i64, with_date: bool) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let time = format!(
        "{:02}:{:02}:{:02}.{:03}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds(),
        date.get_milliseconds()
    );
    if !with_date {
        return time;
    }
    format!(
        "{:04}-{:02}-{:02} {time}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// The calendar day of `ms` in `zone`, to tell whether lines span days.
pub fn day_of(ms: i64, zone: TimeZone) -> i64 {
    match zone {
        TimeZone::Utc => ms.div_euclid(86_400_000),
        TimeZone::Local => {
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
            i64::from(date.get_full_year()) * 10_000
                + i64::from(date.get_month()) * 100
                + i64::from(date.get_date())
        }
    }
}

/// A piece of a message: styled by ANSI, maybe inside a search match.
struct Piece {
    text: String,
    style: Style,
    marked: bool,
}

/// Cuts the ANSI segments of `message` at the match boundaries.
fn pieces(message: &str, matches: &[(usize, usize)]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut offset = 0;
    for segment in segments(message) {
        let start = offset;
        let end = offset + segment.text.len();
        offset = end;
        // Boundaries inside this segment.
        let mut cuts = vec![start, end];
        for &(a, b) in matches {
            for point in [a, b] {
                if point > start && point < end && segment.text.is_char_boundary(point - start) {
                    cuts.push(point);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let marked = matches.iter().any(|&(ms, me)| ms <= a && b <= me);
            out.push(Piece {
                text: segment.text[a - start..b - start].to_owned(),
                style: segment.style,
                marked,
            });
        }
    }
    out
}

/// How a line is drawn, beyond its text.
#[derive(Debug, Clone, Copy)]
pub struct RowLook {
    pub zone: TimeZone,
    /// Lines of more than one day show their date.
    pub with_date: bool,
    pub selected: bool,
    /// The search matches the source column.
    pub source_matched: bool,
}

/// One log line. API data is only ever text nodes here.
pub fn log_row(
    entry: &Entry,
    number: usize,
    matches: &[(usize, usize)],
    look: RowLook,
    on_select: Callback<(u64, bool)>,
) -> impl IntoView {
    let RowLook {
        zone,
        with_date,
        selected,
        source_matched,
    } = look;
    let id = entry.id;
    let time = entry
        .line
        .time_ms
        .map(|ms| match zone {
            TimeZone::Utc => format_utc(ms, with_date),
            TimeZone::Local => local_time(ms, with_date),
        })
        .unwrap_or_default();
    let source = entry.line.source.clone();
    let source_class = format!(
        "log-row__source log-source--{}",
        source_tone(entry.line.source_type())
    );
    let message = pieces(&entry.line.message, matches)
        .into_iter()
        .map(|piece| {
            let class = piece.style.classes();
            match (piece.marked, class.is_empty()) {
                (true, _) => view! { <mark class=class>{piece.text}</mark> }.into_any(),
                (false, true) => piece.text.into_any(),
                (false, false) => view! { <span class=class>{piece.text}</span> }.into_any(),
            }
        })
        .collect_view();
    let label = format!("Select line {number}");
    // The number selects the line with the mouse (Shift for a range). It is
    // not a button: the line is an option of the list, which the keyboard
    // reaches as one tab stop (arrows move, Space selects), and an option
    // holds no control of its own.
    view! {
        <div class="log-row" class:log-row--selected=selected>
            <span
                class="log-row__number"
                aria-hidden="true"
                title=label
                on:click=move |ev| on_select.run((id, ev.shift_key()))
            >
                {number}
            </span>
            <span class="log-row__time">{time}</span>
            <span class=source_class>
                {if source_matched {
                    view! { <mark>{source}</mark> }.into_any()
                } else {
                    source.into_any()
                }}
            </span>
            <span class="log-row__message">{message}</span>
        </div>
    }
}

/// A stable colour family per kind of source.
fn source_tone(kind: &str) -> &'static str {
    match kind {
        "router" => "router",
        "manager" => "manager",
        "web" => "web",
        "worker" => "worker",
        "one-off" | "postdeploy" => "one-off",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_split_styled_segments() {
        let parts = pieces("\u{1b}[32mGET /orders\u{1b}[0m done", &[(4, 10)]);
        let texts: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.marked)).collect();
        assert_eq!(
            texts,
            [
                ("GET ", false),
                ("/order", true),
                ("s", false),
                (" done", false)
            ]
        );
        assert_eq!(parts[1].style.fg, Some(2));
        assert_eq!(parts[3].style.fg, None);
    }

    #[test]
    fn no_match_keeps_segments() {
        let parts = pieces("plain <b>", &[]);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].text, "plain <b>");
    }
}
