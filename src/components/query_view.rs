use leptos::prelude::*;

use crate::ui::{Button, ButtonSize};
use crate::{
    api::ApiError,
    components::use_ticking_now,
    logic::time::{clock_time, countdown},
    state::query::Query,
    ui::{ErrorPanel, Skeleton},
};

/// "HTTP 429" for an answer of the API, nothing for a failure on the way.
fn status_detail(error: &ApiError) -> String {
    error
        .status()
        .map(|status| format!("HTTP {status}"))
        .unwrap_or_default()
}

/// The one wrapper every view uses for data read from the API:
/// - a skeleton until the data of the current choice arrives (never the
///   data of a previous choice under the new one's labels);
/// - the content, redrawn only when new data arrives;
/// - when a read fails, the API's message, when the next try is, and a
///   Retry button; with the last data kept on screen, marked stale, when
///   there is some.
#[component]
pub fn QueryView<K, T, F, V>(
    /// The data to show.
    query: Query<K, T>,
    /// Renders the data.
    render: F,
    /// What is loading, for the messages: "the apps" gives
    /// "Loading the apps…" and "Could not load the apps".
    #[prop(into)]
    what: String,
    /// Height of the skeleton, in lines.
    #[prop(default = 3)]
    lines: usize,
    /// Render once, when the first data arrives, instead of on every new
    /// answer: for content that reads the query's data itself (and keeps
    /// its own state, such as how many rows are shown, across refreshes).
    #[prop(default = false)]
    once: bool,
) -> impl IntoView
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let now = use_ticking_now();
    let retry = Callback::new(move |_| query.refetch());
    let next_try = move || {
        query
            .failure()
            .and_then(|f| f.retry_at)
            .map(|at| {
                if query.loading() {
                    "Trying again now…".to_owned()
                } else {
                    format!("Trying again {}.", countdown(at, now.get()))
                }
            })
            .unwrap_or_default()
    };
    let loading = format!("Loading {what}…");
    let failed = format!("Could not load {what}");
    let stale_what = what.clone();

    // Shown above data that could not be refreshed.
    let stale_note = move || {
        let failure = query.failure()?;
        let at = query.fresh_at()?;
        let text = format!(
            "Could not refresh {stale_what}: {} Showing what was read at {}.",
            failure.error,
            clock_time(at)
        );
        Some(view! {
            <div class="stale-note" role="status">
                <span class="stale-note__text">{text}</span>
                <span class="stale-note__next">{next_try}</span>
                <Button size=ButtonSize::Small on:click=move |_| retry.run(())>
                    "Retry"
                </Button>
            </div>
        })
    };

    let ready = Memo::new(move |_| query.fresh_seq().is_some());
    let body = move || {
        let has_data = if once {
            ready.get()
        } else {
            query.fresh_seq().is_some()
        };
        if has_data {
            let value = if once {
                untrack(|| query.fresh())
            } else {
                query.fresh()
            };
            let render = render.clone();
            return value.map(render).into_any();
        }
        match query.failure() {
            Some(failure) => view! {
                <ErrorPanel
                    title=failed.clone()
                    message=failure.error.to_string()
                    detail=status_detail(&failure.error)
                    status=Signal::derive(next_try)
                    on_retry=retry
                />
            }
            .into_any(),
            None => view! { <Skeleton lines label=loading.clone() /> }.into_any(),
        }
    };

    view! {
        {stale_note}
        {body}
    }
}
