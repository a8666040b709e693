use crate::pages::url_query::use_url_query;
use leptos::prelude::*;

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
    let query = use_url_query::<ActivityQuery>("/activity".to_owned());
    view! {
        <div class="page">
            <div class="page__header">
                <h1>"Activity"</h1>
            </div>
            <p class="muted">"Deployments, scaling, restarts and changes on every app you can see, newest first."</p>
            <ActivityLoader sources query=query.memo() on_query=query.setter() show_app=true />
        </div>
    }
}
