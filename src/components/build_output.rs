use leptos::{html, prelude::*};

use super::build_output_lines::line_view;
use crate::{
    browser::download::download_text,
    logic::ansi::strip,
    ui::{Button, ButtonSize},
};

/// A deployment's build output: colours kept, searchable (matching lines
/// marked, or shown alone), downloadable as plain text; while `following`,
/// new lines keep the end in view unless the user scrolled up.
#[component]
pub fn BuildOutput(
    #[prop(into)] lines: Signal<Vec<String>>,
    /// The name of the downloaded file.
    file_name: String,
    #[prop(into)] following: Signal<bool>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let only_matches = RwSignal::new(false);
    let needle = Memo::new(move |_| search.get().trim().to_lowercase());
    let plain = Memo::new(move |_| {
        lines.with(|lines| {
            lines
                .iter()
                .map(|l| strip(l).to_lowercase())
                .collect::<Vec<_>>()
        })
    });
    let matches = Memo::new(move |_| {
        let needle = needle.get();
        if needle.is_empty() {
            return Vec::new();
        }
        plain.with(|plain| {
            plain
                .iter()
                .enumerate()
                .filter(|(_, line)| line.contains(&needle))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    });
    let box_ref = NodeRef::<html::Div>::new();
    // Whether the end is in view: new lines then keep it so.
    let at_end = RwSignal::new(true);
    Effect::new(move |_| {
        lines.track();
        if following.get() && at_end.get_untracked() {
            if let Some(element) = box_ref.get() {
                // After this frame's rendering of the new lines.
                request_animation_frame(move || element.set_scroll_top(element.scroll_height()));
            }
        }
    });
    let on_scroll = move |_| {
        if let Some(element) = box_ref.get_untracked() {
            let end = element.scroll_top() + element.client_height() >= element.scroll_height() - 8;
            at_end.set(end);
        }
    };
    let download = move |_| {
        let text = lines.with_untracked(|lines| {
            lines
                .iter()
                .map(|l| strip(l))
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        });
        // The download is the browser's: nothing to report on success.
        let _ = download_text(&file_name, &text);
    };
    let body = move || {
        let needle_set = !needle.get().is_empty();
        let marked = matches.get();
        let only = only_matches.get() && needle_set;
        lines.with(|lines| {
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| !only || marked.binary_search(i).is_ok())
                .map(|(i, line)| {
                    line_view(
                        Some(i + 1),
                        line,
                        needle_set && marked.binary_search(&i).is_ok(),
                    )
                })
                .collect_view()
        })
    };
    let summary = move || {
        let count = lines.with(Vec::len);
        if needle.get().is_empty() {
            format!("{count} lines")
        } else {
            format!("{} of {count} lines match", matches.with(Vec::len))
        }
    };
    view! {
        <div class="build-output">
            <div class="toolbar build-output__toolbar">
                <input
                    type="search"
                    class="input toolbar__filter"
                    placeholder="Search the output"
                    aria-label="Search the build output"
                    prop:value=search
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=only_matches
                        on:change=move |ev| only_matches.set(event_target_checked(&ev))
                    />
                    " Only matching lines"
                </label>
                <span class="muted" aria-live="polite">{summary}</span>
                <Button size=ButtonSize::Small on:click=download>"Download"</Button>
            </div>
            <div
                node_ref=box_ref
                class="build-output__lines mono"
                role="log"
                aria-label="Build output"
                tabindex="0"
                on:scroll=on_scroll
            >
                {body}
            </div>
        </div>
    }
}
