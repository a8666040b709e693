use leptos::prelude::*;

use crate::logic::ansi::segments;

/// One line of build output, its ANSI colours as classes; text nodes only.
pub fn line_view(number: Option<usize>, line: &str, matched: bool) -> impl IntoView {
    let pieces = segments(line)
        .into_iter()
        .map(|segment| {
            let class = segment.style.classes();
            if class.is_empty() {
                segment.text.into_any()
            } else {
                view! { <span class=class>{segment.text}</span> }.into_any()
            }
        })
        .collect_view();
    view! {
        <div class="build-output__line" class:build-output__line--match=matched>
            {number.map(|n| view! { <span class="build-output__number" aria-hidden="true">{n}</span> })}
            <span class="build-output__text">{pieces}</span>
        </div>
    }
}

/// A few lines of build output (a failure's last lines), without tools.
#[component]
pub fn BuildOutputLines(#[prop(into)] lines: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <div class="build-output__lines build-output__lines--short mono" role="log" aria-label="Last lines of the build output" tabindex="0">
            {move || lines.with(|lines| lines.iter().map(|line| line_view(None, line, false)).collect_view())}
        </div>
    }
}
