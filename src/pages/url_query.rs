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

/// The longest value a view keeps in the URL, in characters. Servers and
/// proxies refuse long URLs (HTTP 414 from about 8 KB to 100 KB): a filter
/// or a search longer than this is not kept, neither read from a link nor
/// typed (the fields say so with `maxlength`).
pub const MAX_VALUE_CHARS: usize = 1_000;

/// `value`, cut to [`MAX_VALUE_CHARS`].
fn capped(value: String) -> String {
    match value.char_indices().nth(MAX_VALUE_CHARS) {
        Some((cut, _)) => value[..cut].to_owned(),
        None => value,
    }
}

/// The view state of the page at `path`, and a callback that puts a new
/// one in the URL. It replaces the history entry: changing a filter is not
/// a page to come back to with the back button.
pub fn use_url_query<Q: UrlQuery>(path: String) -> (Memo<Q>, Callback<Q>) {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| Q::read(|key| p.get(key).map(capped))));
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
