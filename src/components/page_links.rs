use leptos::prelude::*;
use leptos_router::components::A;
use scalingo_api::Pagination;

use crate::logic::routes::link;

/// Links to the previous and next pages of a paginated list, and where
/// the list is: "Page 2 of 5 · 96 deployments".
#[component]
pub fn PageLinks(
    pagination: Pagination,
    /// The link to a page number.
    page_href: Callback<u64, String>,
    /// The navigation's accessible name: "Deployment history pages".
    label: &'static str,
    /// What is counted, plural: "deployments".
    items: &'static str,
    #[prop(default = "← Previous")] previous: &'static str,
    #[prop(default = "Next →")] next: &'static str,
) -> impl IntoView {
    let previous_href = pagination.previous().map(|n| page_href.run(n));
    let next_href = pagination.next_page.map(|n| page_href.run(n));
    let position = format!(
        "Page {} of {} · {} {items}",
        pagination.current_page.max(1),
        pagination.total_pages.max(1),
        pagination.total_count
    );
    view! {
        <nav class="pagination" aria-label=label>
            {previous_href.map(|href| view! { <A href=link(&href) attr:rel="prev">{previous}</A> })}
            <span class="pagination__position">{position}</span>
            {next_href.map(|href| view! { <A href=link(&href) attr:rel="next">{next}</A> })}
        </nav>
    }
}
