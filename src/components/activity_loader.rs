use leptos::prelude::*;
use scalingo_api::Event;

use super::{use_ticking_now, ActivityFeed, ActivityFilters};
use crate::ui::Button;
use crate::{
    api::{traffic::later_retry_delay, use_api, ApiError},
    logic::{
        activity_query::ActivityQuery,
        time::{countdown, parse_rfc3339_ms},
    },
    ui::{ErrorPanel, Skeleton},
};

/// Where the next page of a region's events is.
#[derive(Debug, Clone, PartialEq)]
struct Cursor {
    region: String,
    next: Option<u64>,
}

/// A region whose events could not be read, and when it is tried again.
#[derive(Debug, Clone, PartialEq)]
struct Failed {
    region: String,
    error: ApiError,
    retry_at: Option<f64>,
}

/// Events of one app (or of every app, per region), loaded page by page and
/// merged newest first, filtered by kind. A region that fails says why,
/// keeps its place and is tried again by itself (or with Retry).
#[component]
pub fn ActivityLoader(
    /// (region, app): one app; `None` app: the user's events of each region.
    sources: Vec<(String, Option<String>)>,
    query: Memo<ActivityQuery>,
    on_query: Callback<ActivityQuery>,
    #[prop(default = false)] show_app: bool,
) -> impl IntoView {
    let client = use_api();
    let events = RwSignal::new(Vec::<(String, Event)>::new());
    let cursors = RwSignal::new(
        sources
            .iter()
            .map(|(region, _)| Cursor {
                region: region.clone(),
                next: Some(1),
            })
            .collect::<Vec<_>>(),
    );
    let sources = StoredValue::new(sources);
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(Vec::<Failed>::new());
    let failures_in_a_row = StoredValue::new(0u32);
    // The loader itself, for its retries (set once it exists).
    let again = StoredValue::new(None::<Callback<()>>);

    // Loads run under this feed's owner, so that leaving the page stops
    // them (and their retries) wherever they were started from.
    let owner = Owner::current();
    let load_more = Callback::new(move |_: ()| {
        if loading.try_get_untracked() != Some(false) {
            return;
        }
        let client = client.clone();
        loading.set(true);
        // Read now: by the time the task runs the feed may be gone.
        let pending: Vec<(usize, String, Option<String>, u64)> =
            cursors.with_untracked(|cursors| {
                sources.with_value(|sources| {
                    cursors
                        .iter()
                        .zip(sources.iter())
                        .enumerate()
                        .filter_map(|(i, (cursor, (region, app)))| {
                            cursor
                                .next
                                .map(|page| (i, region.clone(), app.clone(), page))
                        })
                        .collect()
                })
            });
        let task = async move {
            let requests = pending.into_iter().map(|(index, region, app, page)| {
                let client = client.clone();
                async move {
                    (
                        index,
                        region.clone(),
                        client.events(&region, app.as_deref(), page).await,
                    )
                }
            });
            let mut now_failed = Vec::new();
            for (index, region, result) in futures::future::join_all(requests).await {
                match result {
                    Ok(page) => {
                        cursors.update(|c| c[index].next = page.next_page);
                        events.update(|all| {
                            all.extend(page.events.into_iter().map(|e| (region.clone(), e)))
                        });
                    }
                    Err(error) => now_failed.push((region, error)),
                }
            }
            events.update(|all| {
                all.sort_by_key(|(_, e)| {
                    std::cmp::Reverse(e.created_at.as_deref().and_then(parse_rfc3339_ms))
                });
            });
            let streak = if now_failed.is_empty() {
                0
            } else {
                failures_in_a_row.try_get_value().unwrap_or(0) + 1
            };
            failures_in_a_row.try_set_value(streak);
            let now = js_sys::Date::now();
            let paused = client.paused_until();
            let failures: Vec<Failed> = now_failed
                .into_iter()
                .map(|(region, error)| {
                    let retry_at = error.is_transient().then(|| {
                        (now + later_retry_delay(streak)).max(paused.unwrap_or(0.0) + 500.0)
                    });
                    Failed {
                        region,
                        error,
                        retry_at,
                    }
                })
                .collect();
            let next_try = failures.iter().filter_map(|f| f.retry_at).reduce(f64::min);
            failed.set(failures);
            loading.set(false);
            // A failure that may pass is tried again by itself: the failed
            // pages kept their cursors.
            if let Some(at) = next_try {
                gloo_timers::future::sleep(std::time::Duration::from_millis(
                    (at - js_sys::Date::now()).max(0.0) as u64,
                ))
                .await;
                if let Some(load) = again.try_get_value().flatten() {
                    load.run(());
                }
            }
        };
        match &owner {
            Some(owner) => owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(task)),
            None => leptos::task::spawn_local(task),
        }
    });
    again.set_value(Some(load_more));
    load_more.run(());

    let shown = move || {
        let q = query.get();
        events
            .get()
            .into_iter()
            .filter(|(region, e)| {
                q.accepts(&e.kind) && (q.region.is_empty() || *region == q.region)
            })
            .collect::<Vec<_>>()
    };
    let more = move || cursors.with(|c| c.iter().any(|c| c.next.is_some()));
    let now = use_ticking_now();
    let several = sources.with_value(|s| s.len() > 1);
    view! {
        <ActivityFilters query on_change=on_query />
        {move || {
            failed
                .get()
                .into_iter()
                .map(|f| {
                    let title = if several {
                        format!("Could not load the events of {}", f.region)
                    } else {
                        "Could not load the events".to_owned()
                    };
                    let retry_at = f.retry_at;
                    let status = Signal::derive(move || {
                        retry_at
                            .map(|at| {
                                if loading.get() {
                                    "Trying again now…".to_owned()
                                } else {
                                    format!("Trying again {}.", countdown(at, now.get()))
                                }
                            })
                            .unwrap_or_default()
                    });
                    view! {
                        <ErrorPanel
                            title
                            message=f.error.to_string()
                            detail=f.error.status().map(|s| format!("HTTP {s}")).unwrap_or_default()
                            status
                            on_retry=Callback::new(move |_| load_more.run(()))
                        />
                    }
                })
                .collect_view()
        }}
        {move || {
            let nothing_yet = events.with(Vec::is_empty);
            if nothing_yet && loading.get() {
                view! { <Skeleton lines=6 label="Loading the events…" /> }.into_any()
            } else if nothing_yet && !failed.with(Vec::is_empty) {
                // The error says it all: "no activity" would be a guess.
                ().into_any()
            } else {
                view! { <ActivityFeed events=shown() show_app /> }.into_any()
            }
        }}
        <div class="section__more">
            <Show when=move || more() && !events.with(Vec::is_empty)>
                <Button disabled=move || loading.get() on:click=move |_| load_more.run(())>
                    {move || if loading.get() { "Loading…" } else { "Load older events" }}
                </Button>
            </Show>
        </div>
    }
}
