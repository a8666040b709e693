use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::{api::use_api, components::ActivityLoader, logic::activity_query::ActivityQuery};

/// `/activity`: what happened on every app, across regions.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let client = use_api();
    let sources: Vec<(String, Option<String>)> = client
        .config()
        .regions
        .iter()
        .map(|r| (r.name.clone(), None))
        .collect();
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.with(|q| ActivityQuery::from_params(|k| q.get(k))));
    let navigate = use_navigate();
    let on_query = Callback::new(move |next: ActivityQuery| {
        navigate(
            &format!("/activity{}", next.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    view! {
        <div class="page">
            <div class="page__header">
                <h1>"Activity"</h1>
            </div>
            <p class="muted">"Deployments, scaling, restarts and changes on every app you can see, newest first."</p>
            <ActivityLoader sources query on_query show_app=true />
        </div>
    }
}
