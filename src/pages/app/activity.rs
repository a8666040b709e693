use crate::pages::url_query::use_url_query;
use leptos::prelude::*;

use super::use_app_data;
use crate::{
    components::ActivityLoader,
    logic::{
        activity_query::ActivityQuery,
        routes::{app_href, Tab},
    },
};

/// The app's activity: its events as sentences, filterable by kind.
#[component]
pub fn ActivityTab() -> impl IntoView {
    let data = use_app_data();
    let query = use_url_query::<ActivityQuery>(app_href(&data.name(), Tab::Activity));
    view! {
        <section class="section" aria-label="Activity">
            <ActivityLoader sources=vec![(data.region(), Some(data.name()))] query=query.memo() on_query=query.setter() />
        </section>
    }
}
