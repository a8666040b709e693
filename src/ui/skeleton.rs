use leptos::prelude::*;

/// Grey placeholder lines shown while content loads, so the layout does not
/// jump when it arrives.
#[component]
pub fn Skeleton(
    /// How many lines.
    #[prop(default = 3)]
    lines: usize,
    /// What is loading, for screen readers.
    #[prop(into, default = "Loading…".to_owned())]
    label: String,
) -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-live="polite" aria-busy="true">
            <span class="visually-hidden">{label}</span>
            {(0..lines).map(|_| view! { <div class="skeleton__line" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}
