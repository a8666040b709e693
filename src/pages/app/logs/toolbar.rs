//! The toolbar of the logs tab: source, search, and the view's switches,
//! all kept in the URL.

use std::time::Duration;

use leptos::prelude::*;

use crate::{
    logic::{
        log_query::{LogQuery, LINE_COUNTS},
        log_tab::source_options,
    },
    pages::url_query::{UrlState, MAX_VALUE_CHARS},
};

/// The search reaches the URL (and runs) once typing pauses this long.
const SEARCH_PAUSE: Duration = Duration::from_millis(200);

#[component]
pub fn LogToolbar(
    query: UrlState<LogQuery>,
    /// The labels of the app's containers, for the source menu.
    #[prop(into)]
    containers: Signal<Vec<String>>,
) -> impl IntoView {
    let typed = RwSignal::new(query.get_untracked().search);
    let pending_search = StoredValue::new(None::<TimeoutHandle>);
    let clear_pending = move || {
        if let Some(handle) = pending_search.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    let on_search_input = move |value: String| {
        typed.set(value.clone());
        clear_pending();
        // Also run from a timer: `update` does nothing once the tab is gone.
        let handle = set_timeout_with_handle(
            move || query.update(|q| q.search = value.clone()),
            SEARCH_PAUSE,
        );
        pending_search.set_value(handle.ok());
    };
    // Leaving the box (a click on "Search archives", Tab) or Enter runs the
    // search at once: an action taken within the pause must not run on what
    // was typed before it.
    let commit_search = move |value: String| {
        clear_pending();
        if query.get_untracked().search != value {
            query.update(|q| q.search = value);
        }
    };
    on_cleanup(clear_pending);

    let sources = move || {
        let current = query.get().source;
        containers
            .with(|labels| source_options(labels, &current))
            .into_iter()
            .map(|(value, label)| {
                let selected = value == current;
                view! { <option value=value selected=selected>{label}</option> }
            })
            .collect_view()
    };
    // A switch of the view kept in the URL.
    let toggle =
        move |label: &'static str, read: fn(&LogQuery) -> bool, write: fn(&mut LogQuery, bool)| {
            view! {
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || read(&query.get())
                        on:change:target=move |ev| {
                            query.update(|q| write(q, ev.target().checked()));
                        }
                    />
                    {label}
                </label>
            }
        };

    view! {
        <div class="logs__toolbar" role="toolbar" aria-label="Log view">
            <select
                class="input logs__source"
                aria-label="Source"
                on:change:target=move |ev| query.update(|q| q.source = ev.target().value())
            >
                {sources}
            </select>
            <input
                class="input logs__search"
                type="search"
                maxlength=MAX_VALUE_CHARS.to_string()
                aria-label="Search logs"
                placeholder=move || if query.get().regex { "Regular expression…" } else { "Search…" }
                prop:value=move || typed.get()
                on:input:target=move |ev| on_search_input(ev.target().value())
                on:change:target=move |ev| commit_search(ev.target().value())
            />
            {toggle("Regex", |q| q.regex, |q, on| q.regex = on)}
            {toggle("Matching lines only", |q| q.only_matching, |q, on| q.only_matching = on)}
            {toggle("Wrap", |q| q.wrap, |q, on| q.wrap = on)}
            <select
                class="input logs__small-select"
                aria-label="Time zone"
                on:change:target=move |ev| query.update(|q| q.local_time = ev.target().value() == "local")
            >
                <option value="utc" selected=move || !query.get().local_time>"UTC"</option>
                <option value="local" selected=move || query.get().local_time>"Local time"</option>
            </select>
            <select
                class="input logs__small-select"
                aria-label="Lines of history"
                on:change:target=move |ev| query.update(|q| q.lines = ev.target().value().parse().unwrap_or(LINE_COUNTS[0]))
            >
                {LINE_COUNTS
                    .iter()
                    .map(|n| {
                        let n = *n;
                        view! { <option value=n.to_string() selected=move || query.get().lines == n>{format!("Last {n} lines")}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
