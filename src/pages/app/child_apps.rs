use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use scalingo_api::App;

use super::use_app_data;
use crate::{
    api::use_app_api,
    components::{ChildAppForm, ChildAppList, QueryView},
    logic::routes::{app_href, Tab},
    state::{
        notices::use_notices,
        query::{use_query, QueryOptions},
    },
};

/// Child apps per page.
const PER_PAGE: u64 = 20;

/// The app's child apps (paginated, page in the URL) and a form to create one.
#[component]
pub fn ChildAppsTab() -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let notices = use_notices();
    let preferences = crate::state::preferences::use_preferences();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.parse::<u64>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    });
    let children = use_query(
        move || Some(page.get()),
        move |page| {
            let api = api.clone();
            async move { api.child_apps(page, PER_PAGE).await }
        },
        QueryOptions::default(),
    );
    let base = app_href(&data.name(), Tab::ChildApps);
    let page_href = Callback::new(move |n: u64| {
        if n <= 1 {
            base.clone()
        } else {
            format!("{base}?page={n}")
        }
    });
    let navigate = use_navigate();
    let on_created = Callback::new(move |app: App| {
        notices.success(format!("Created the child app {}.", app.name));
        if page.get_untracked() == 1 {
            children.refetch();
        } else {
            navigate(&page_href.run(1), NavigateOptions::default());
        }
    });
    view! {
        <section class="section" aria-labelledby="children-title">
            <h2 id="children-title" class="section__title">"Child apps"</h2>
            <QueryView
                query=children
                what="the child apps"
                render=move |page| view! { <ChildAppList page page_href /> }
            />
        </section>
        <Show when=move || !preferences.read_only()>
            <section class="section">
                <ChildAppForm on_created />
            </section>
        </Show>
    }
}
