use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::components::A;

use super::{DateTime, ExternalLink, PageLinks, StatusBadge};
use crate::{
    api::ChildAppsPage,
    logic::routes::{app_href, Tab},
    ui::EmptyState,
};

/// One page of child apps, with links to the previous and next pages.
#[component]
pub fn ChildAppList(
    page: ChildAppsPage,
    /// The link to a page number.
    page_href: Callback<u64, String>,
) -> impl IntoView {
    if page.apps.is_empty() {
        return view! {
            <EmptyState title="No child apps" text="Create one below, or let review apps be created from pull requests." />
        }
        .into_any();
    }
    let rows = page
        .apps
        .into_iter()
        .map(|app| {
            let href = app_href(&app.name, Tab::Overview);
            view! {
                <tr>
                    <th scope="row"><A href=link(&href)>{app.name.clone()}</A></th>
                    <td><StatusBadge status=app.status.clone() /></td>
                    <td><DateTime value=app.created_at.clone() /></td>
                    <td><DateTime value=app.last_deployed_at.clone() fallback="never" /></td>
                    <td><ExternalLink url=app.url.clone() /></td>
                </tr>
            }
        })
        .collect_view();
    let pagination = page.pagination.map(|pagination| {
        view! { <PageLinks pagination page_href label="Child apps pages" items="child apps" /> }
    });
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Last deployment"</th>
                        <th scope="col">"URL"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {pagination}
    }
    .into_any()
}
