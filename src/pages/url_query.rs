//! View state kept in the URL's query string, so that every view is a link:
//! read from the URL, written back to it.

use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::logic::{
    activity_query::ActivityQuery, app_list::ListQuery, env_query::EnvQuery, log_query::LogQuery,
    metrics::MetricsQuery,
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

/// The view state of one page, kept in its URL. `Copy`.
pub struct UrlState<Q: UrlQuery> {
    query: Memo<Q>,
    set: Callback<Q>,
}

impl<Q: UrlQuery> Clone for UrlState<Q> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Q: UrlQuery> Copy for UrlState<Q> {}

impl<Q: UrlQuery> UrlState<Q> {
    /// The state (reactive).
    pub fn get(&self) -> Q {
        self.query.get()
    }

    /// The state now, without tracking it (for event handlers).
    pub fn get_untracked(&self) -> Q {
        self.query.get_untracked()
    }

    /// As `get_untracked`, or `None` once the page is gone (for timers and
    /// requests that may outlive it).
    pub fn try_get_untracked(&self) -> Option<Q> {
        self.query.try_get_untracked()
    }

    /// The state as a memo, for components that take one.
    pub fn memo(&self) -> Memo<Q> {
        self.query
    }

    /// Changes the state in the URL: `update(|q| q.hours = 24)`. Called
    /// from a timer after the page is gone, it does nothing.
    pub fn update(&self, change: impl FnOnce(&mut Q)) {
        let Some(mut next) = self.query.try_get_untracked() else {
            return;
        };
        change(&mut next);
        self.set.run(next);
    }

    /// Puts `next` in the URL.
    pub fn set(&self, next: Q) {
        self.set.run(next);
    }

    /// A callback that puts its state in the URL (for child components).
    pub fn setter(&self) -> Callback<Q> {
        self.set
    }
}

/// The view state of the page at `path`, read from its URL and written
/// back to it. Writing replaces the history entry: changing a filter is not
/// a page to come back to with the back button.
pub fn use_url_query<Q: UrlQuery>(path: String) -> UrlState<Q> {
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
    UrlState { query, set }
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

url_query!(ListQuery, LogQuery, MetricsQuery, ActivityQuery, EnvQuery);
