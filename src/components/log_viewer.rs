use std::collections::BTreeSet;

use leptos::{html, prelude::*};

use super::log_row::{log_row, TimeZone};
use crate::logic::{
    log_view::{LogView, Matcher},
    virtual_list::{rows_for, window, Layout},
};

/// Height of one text line of the viewer, in pixels (see `.log-row`).
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

/// A virtualised list of log lines: only the rows in view are in the DOM, so
/// 100,000 lines scroll like 100. Follows the end while `follow` is on, and
/// turns it off when the user scrolls up (on again at the bottom).
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
    let viewport = RwSignal::new(600.0);
    let columns = RwSignal::new(None::<usize>);
    let last_clicked = StoredValue::new(None::<u64>);
    // Set while the viewer itself scrolls, so that the scroll event it
    // causes is not read as the user leaving the end.
    let scrolling_itself = StoredValue::new(false);

    // Rows' heights in text lines: 1 each, or by length when wrapping.
    let layout = Memo::new(move |_| {
        let wrap = options.wrap.get();
        let columns = if wrap { columns.get() } else { None };
        view.with(|v| {
            let mut layout = Layout::default();
            for id in v.shown() {
                let chars = v.get(*id).map_or(0, |e| {
                    e.line.message.chars().count() + e.line.source.len() + 16
                });
                layout.push(rows_for(chars, columns));
            }
            layout
        })
    });

    let measure = move || {
        if let Some(element) = scroller.get_untracked() {
            viewport.set(f64::from(element.client_height()));
            let width = f64::from(element.client_width());
            let char_width = probe
                .get_untracked()
                .map(|p| p.get_bounding_client_rect().width() / 100.0)
                .filter(|w| *w > 0.0)
                .unwrap_or(7.8);
            columns.set(Some(
                ((width - 40.0) / char_width).floor().max(20.0) as usize
            ));
        }
    };

    // Keep the end in view while following; after the next paint, once the
    // new rows have their height.
    Effect::new(move |_| {
        layout.track();
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
                scrolling_itself.set_value(true);
                element.set_scroll_top(end);
            }
            scroll_top.set(f64::from(element.scroll_top()));
        });
    });
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let on_scroll = move |_| {
        let Some(element) = scroller.get_untracked() else {
            return;
        };
        let top = f64::from(element.scroll_top());
        scroll_top.set(top);
        if scrolling_itself.get_value() {
            scrolling_itself.set_value(false);
            return;
        }
        // The user scrolled: follow again at the end, stop following above it.
        let bottom = f64::from(element.scroll_height() - element.client_height());
        let at_bottom = top >= bottom - LINE_HEIGHT;
        if follow.get_untracked() != at_bottom {
            follow.set(at_bottom);
        }
    };

    let on_select = Callback::new(move |(id, range): (u64, bool)| {
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
    });

    let rows = move || {
        let zone = options.zone.get();
        options.search_version.track();
        let chosen = selected.get();
        let w = layout.with(|l| window(l, LINE_HEIGHT, scroll_top.get(), viewport.get(), OVERSCAN));
        view.with(|v| {
            let shown = v.shown();
            let rows = (w.first..w.end.min(shown.len()))
                .filter_map(|index| {
                    let entry = v.get(shown[index])?;
                    let matches = matcher
                        .with_value(|m| m.as_ref().map(|m| m.find(&entry.plain)))
                        .unwrap_or_default();
                    let height = layout.with(|l| l.start_of(index + 1) - l.start_of(index));
                    Some(view! {
                        <div class="log-row-frame" style:height=format!("{}px", f64::from(height) * LINE_HEIGHT)>
                            {log_row(entry, index + 1, &matches, zone, chosen.contains(&entry.id), on_select)}
                        </div>
                    })
                })
                .collect_view();
            view! {
                <div class="log-viewer__spacer" style:height=format!("{}px", w.total)>
                    <div class="log-viewer__rows" style:transform=format!("translateY({}px)", w.offset)>
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
            role="log"
            aria-live="off"
            aria-label="Log lines"
            tabindex="0"
            on:scroll=on_scroll
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
                    text.map(|t| view! { <p class="log-viewer__empty">{t}</p> })
                })
            }}
            {rows}
        </div>
    }
}
