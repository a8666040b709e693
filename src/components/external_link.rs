use leptos::prelude::*;

use crate::logic::format::safe_http_url;

/// A link to a URL from the API, opened in a new tab without giving it
/// access to this page. Anything that is not http(s) (e.g. `javascript:`)
/// is shown as plain text instead.
#[component]
pub fn ExternalLink(url: Option<String>) -> impl IntoView {
    let Some(url) = url.filter(|u| !u.is_empty()) else {
        return view! { <span class="muted">"—"</span> }.into_any();
    };
    match safe_http_url(&url) {
        Some(href) => {
            let href = href.to_owned();
            view! {
                <a href=href class="external" target="_blank" rel="noopener noreferrer">
                    {url}
                </a>
            }
            .into_any()
        }
        None => view! { <span class="break">{url}</span> }.into_any(),
    }
}
