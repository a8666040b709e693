use std::collections::BTreeSet;

use leptos::{html, prelude::*};

use super::log_row::{day_of, log_row, RowLook, TimeZone};
use crate::logic::{
    log_view::{LogView, Matcher},
    virtual_list::{rows_for, window, Layout},
};

/// Height of one text line of the viewer, in pixels, until measured (see
/// `.log-viewer`: taller on touch screens, for fingers).
pub const LINE_HEIGHT: f64 = 20.0;
/// Rows rendered beyond the viewport on each side.
const OVERSCAN: usize = 20;

/// The search the viewer highlights; it lives on this thread only.
pub type SearchMatcher = StoredValue<Option<Box<dyn Matcher>>, LocalStorage>;

/// What the viewer needs to know to draw lines.
#[derive(Clone, Copy)]
pub struct ViewerOptions {
    pub wrap: Signal<bool>,
    pub zone: Signal<TimeZone>,
    /// Changes whenever the search changes, to redraw highlights.
    pub search_version: Signal<u64>,
}

/// The element id of the row at `index`, for `aria-activedescendant`.
fn row_id(index: usize) -> String {
    format!("log-line-{index}")
}

/// A virtualised list of log lines: only the rows in view are in the DOM, so
/// 100,000 lines scroll like 100. The rows drawn follow the viewer's real
/// height, measured as it changes. Follows the end while `follow` is on,
/// and turns it off when the user scrolls up (on again at the bottom).
///
/// From the keyboard the list is one tab stop: arrows, Page Up/Down, Home
/// and End move through the lines, Space selects one (Shift+Space a range).
#[component]
pub fn LogViewer(
    view: RwSignal<LogView>,
    matcher: SearchMatcher,
    options: ViewerOptions,
    follow: RwSignal<bool>,
    selected: RwSignal<BTreeSet<u64>>,
) -> impl IntoView {
    let scroller = NodeRef::<html::Div>::new();
    let probe = NodeRef::<html::Span>::new();
    let scroll_top = RwSignal::new(0.0);
    // Until measured, assume a tall viewer: drawing a few rows too many
    // costs nothing, drawing too few leaves lines blank.
    let viewport = RwSignal::new(2_000.0);
    let columns = RwSignal::new(None::<usize>);
    let line_height = RwSignal::new(LINE_HEIGHT);
    let last_clicked = StoredValue::new(None::<u64>);
    // The line the keyboard is on (an index into the lines shown).
    let active = RwSignal::new(None::<usize>);
    // Set while the viewer itself scrolls, so that the scroll event it
    // causes is not read as the user leaving the end.
    let scrolling_itself = StoredValue::new(false);

    // Whether the lines shown span more than one day: then every time
    // shows its date (an archive search can cover days).
    let with_date = Memo::new(move |_| {
        let zone = options.zone.get();
        view.with(|v| {
            let shown = v.shown();
            let time = |id: Option<&u64>| id.and_then(|id| v.get(*id)).and_then(|e| e.line.time_ms);
            match (time(shown.first()), time(shown.last())) {
                (Some(first), Some(last)) => day_of(first, zone) != day_of(last, zone),
                _ => false,
            }
        })
    });

    // Rows' heights in text lines: 1 each, or by length when wrapping.
    let layout = Memo::new(move |_| {
        let wrap = options.wrap.get();
        let columns = if wrap { columns.get() } else { None };
        let time_width = if with_date.get() { 27 } else { 16 };
        view.with(|v| {
            let mut layout = Layout::default();
            for id in v.shown() {
                let chars = v.get(*id).map_or(0, |e| {
                    e.line.message.chars().count() + e.line.source.len() + time_width
                });
                layout.push(rows_for(chars, columns));
            }
            layout
        })
    });

    let measure = move || {
        let Some(element) = scroller.try_get_untracked().flatten() else {
            return;
        };
        let height = f64::from(element.client_height());
        if height > 0.0 && viewport.try_get_untracked() != Some(height) {
            viewport.try_set(height);
        }
        let width = f64::from(element.client_width());
        let char_width = probe
            .try_get_untracked()
            .flatten()
            .map(|p| p.get_bounding_client_rect().width() / 100.0)
            .filter(|w| *w > 0.0)
            .unwrap_or(7.8);
        let fitting = ((width - 40.0) / char_width).floor().max(20.0) as usize;
        let measured_line = probe
            .try_get_untracked()
            .flatten()
            .map(|p| p.get_bounding_client_rect().height())
            .filter(|h| *h >= 10.0 && *h <= 60.0);
        if let Some(height) = measured_line {
            if line_height.try_get_untracked() != Some(height) {
                line_height.try_set(height);
            }
        }
        if columns.try_get_untracked() != Some(Some(fitting)) {
            columns.try_set(Some(fitting));
        }
    };

    // Keep the end in view while following; after the next paint, once the
    // new rows have their height.
    Effect::new(move |_| {
        layout.track();
        viewport.track();
        if !follow.get() {
            return;
        }
        request_animation_frame(move || {
            // The viewer may be gone by the next frame.
            let Some(element) = scroller.try_get_untracked().flatten() else {
                return;
            };
            let end = element.scroll_height() - element.client_height();
            if end > element.scroll_top() {
                scrolling_itself.try_set_value(true);
                element.set_scroll_top(end);
            }
            scroll_top.try_set(f64::from(element.scroll_top()));
        });
    });
    // The viewer's size follows the window and the page around it.
    Effect::new(move |_| {
        if let Some(element) = scroller.get() {
            crate::browser::resize::observe_size(&element, move |_, _| measure());
        }
    });

    let on_scroll = move |_| {
        let Some(element) = scroller.get_untracked() else {
            return;
        };
        let top = f64::from(element.scroll_top());
        let before = scroll_top.get_untracked();
        scroll_top.set(top);
        if scrolling_itself.get_value() {
            scrolling_itself.set_value(false);
            return;
        }
        // The user scrolled: follow again at the end; stop following only
        // when they moved up. Content that grows under a following view
        // (new rows, a font arriving) leaves it below the end without the
        // user asking for anything: the next frame brings it back down.
        let bottom = f64::from(element.scroll_height() - element.client_height());
        let at_bottom = top >= bottom - line_height.get_untracked();
        let moved_up = top < before;
        if at_bottom && !follow.get_untracked() {
            follow.set(true);
        } else if !at_bottom && moved_up && follow.get_untracked() {
            follow.set(false);
        }
    };

    let select = move |id: u64, range: bool| {
        let anchor = last_clicked.get_value();
        selected.update(|set| match (range, anchor) {
            (true, Some(anchor)) => {
                let (low, high) = (anchor.min(id), anchor.max(id));
                view.with_untracked(|v| {
                    for shown in v.shown() {
                        if (low..=high).contains(shown) {
                            set.insert(*shown);
                        }
                    }
                });
            }
            _ => {
                if !set.remove(&id) {
                    set.insert(id);
                }
            }
        });
        last_clicked.set_value(Some(id));
    };
    let on_select = Callback::new(move |(id, range): (u64, bool)| select(id, range));

    // Moves the keyboard's line to `index` and scrolls it into view.
    let go_to = move |index: usize| {
        let count = view.with_untracked(|v| v.shown().len());
        if count == 0 {
            return;
        }
        let index = index.min(count - 1);
        active.set(Some(index));
        let Some(element) = scroller.get_untracked() else {
            return;
        };
        let (top, bottom) = layout.with_untracked(|l| {
            (
                f64::from(l.start_of(index)) * line_height.get_untracked(),
                f64::from(l.start_of(index + 1)) * line_height.get_untracked(),
            )
        });
        let (view_top, height) = (
            f64::from(element.scroll_top()),
            f64::from(element.client_height()),
        );
        if top < view_top {
            element.set_scroll_top(top as i32);
        } else if bottom > view_top + height {
            element.set_scroll_top((bottom - height).ceil() as i32);
        }
        let last = index + 1 == count;
        if follow.get_untracked() != last {
            follow.set(last);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = view.with_untracked(|v| v.shown().len());
        if count == 0 {
            return;
        }
        let page = (viewport.get_untracked() / line_height.get_untracked())
            .floor()
            .max(1.0) as usize;
        // Without a current line, the keys start from the lines in view.
        let current = active.get_untracked().unwrap_or_else(|| {
            let first_visible = layout.with_untracked(|l| {
                l.row_at((scroll_top.get_untracked() / line_height.get_untracked()).floor() as u32)
            });
            match ev.key().as_str() {
                "ArrowUp" | "PageUp" => first_visible + 1,
                _ => first_visible.saturating_sub(1),
            }
        });
        let target = match ev.key().as_str() {
            "ArrowDown" => current + 1,
            "ArrowUp" => current.saturating_sub(1),
            "PageDown" => current + page,
            "PageUp" => current.saturating_sub(page),
            "Home" => 0,
            "End" => count - 1,
            " " | "Enter" => {
                ev.prevent_default();
                let index = current.min(count - 1);
                if let Some(id) = view.with_untracked(|v| v.shown().get(index).copied()) {
                    active.set(Some(index));
                    select(id, ev.shift_key());
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        go_to(target);
    };

    let rows = move || {
        let zone = options.zone.get();
        options.search_version.track();
        let chosen = selected.get();
        let current = active.get();
        let dated = with_date.get();
        let w = layout.with(|l| {
            window(
                l,
                line_height.get(),
                scroll_top.get(),
                viewport.get(),
                OVERSCAN,
            )
        });
        view.with(|v| {
            let shown = v.shown();
            let rows = (w.first..w.end.min(shown.len()))
                .filter_map(|index| {
                    let entry = v.get(shown[index])?;
                    let (matches, source_matched) = matcher
                        .try_with_value(|m| {
                            m.as_ref().map(|m| {
                                (m.find(&entry.plain), !m.find(&entry.line.source).is_empty())
                            })
                        })
                        .flatten()
                        .unwrap_or_default();
                    let height = layout.with(|l| l.start_of(index + 1) - l.start_of(index));
                    let is_selected = chosen.contains(&entry.id);
                    Some(view! {
                        <div
                            id=row_id(index)
                            class="log-row-frame"
                            class:log-row-frame--active=current == Some(index)
                            role="option"
                            aria-selected=is_selected.to_string()
                            style:height=format!("{}px", f64::from(height) * line_height.get())
                        >
                            {log_row(
                                entry,
                                index + 1,
                                &matches,
                                RowLook { zone, with_date: dated, selected: is_selected, source_matched },
                                on_select,
                            )}
                        </div>
                    })
                })
                .collect_view();
            view! {
                <div class="log-viewer__spacer" style:height=format!("{}px", w.total)>
                    <div class="log-viewer__rows" role="presentation" style:transform=format!("translateY({}px)", w.offset)>
                        {rows}
                    </div>
                </div>
            }
        })
    };

    view! {
        <div
            node_ref=scroller
            class="log-viewer"
            class:log-viewer--wrap=move || options.wrap.get()
            role="listbox"
            aria-multiselectable="true"
            aria-label="Log lines: arrows move, Space selects"
            aria-activedescendant=move || active.get().map(row_id)
            tabindex="0"
            on:scroll=on_scroll
            on:keydown=on_key
            on:focus=move |_| {
                if active.get_untracked().is_none() && follow.get_untracked() {
                    let count = view.with_untracked(|v| v.shown().len());
                    if count > 0 {
                        active.set(Some(count - 1));
                    }
                }
            }
        >
            <span node_ref=probe class="log-viewer__probe" aria-hidden="true">
                {"x".repeat(100)}
            </span>
            {move || {
                view.with(|v| {
                    let text = if v.is_empty() {
                        Some("No log lines yet.")
                    } else if v.shown().is_empty() {
                        Some("No line matches the source and search.")
                    } else {
                        None
                    };
                    text.map(|t| view! { <p class="log-viewer__empty" role="status">{t}</p> })
                })
            }}
            {rows}
        </div>
    }
}
