use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use super::use_app_data;
use crate::{
    components::ActivityLoader,
    logic::{activity_query::ActivityQuery, routes::app_href},
};

/// The app's activity: its events as sentences, filterable by kind.
#[component]
pub fn ActivityTab() -> impl IntoView {
    let data = use_app_data();
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.with(|q| ActivityQuery::from_params(|k| q.get(k))));
    let navigate = use_navigate();
    let base = app_href(&data.name(), Some("activity"));
    let on_query = Callback::new(move |next: ActivityQuery| {
        navigate(
            &format!("{base}{}", next.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    view! {
        <section class="section" aria-label="Activity">
            <ActivityLoader sources=vec![(data.region(), Some(data.name()))] query on_query />
        </section>
    }
}
