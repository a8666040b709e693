//! View state kept in the URL's query string, so that every view is a link:
//! read from the URL, written back to it.

use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::logic::{
    activity_query::ActivityQuery, app_list::ListQuery, log_query::LogQuery, metrics::MetricsQuery,
};

/// A view's state as query parameters.
pub trait UrlQuery: Clone + PartialEq + Send + Sync + 'static {
    fn read(get: impl Fn(&str) -> Option<String>) -> Self;
    /// `""` or `?key=value&…`.
    fn write(&self) -> String;
}

/// The view state of the page at `path`, and a callback that puts a new
/// one in the URL. It replaces the history entry: changing a filter is not
/// a page to come back to with the back button.
pub fn use_url_query<Q: UrlQuery>(path: String) -> (Memo<Q>, Callback<Q>) {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| Q::read(|key| p.get(key))));
    let navigate = use_navigate();
    let set = Callback::new(move |next: Q| {
        navigate(
            &format!("{path}{}", next.write()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    (query, set)
}

macro_rules! url_query {
    ($($query:ty),*) => {$(
        impl UrlQuery for $query {
            fn read(get: impl Fn(&str) -> Option<String>) -> Self {
                <$query>::from_params(get)
            }
            fn write(&self) -> String {
                self.to_query_string()
            }
        }
    )*};
}

url_query!(ListQuery, LogQuery, MetricsQuery, ActivityQuery);
