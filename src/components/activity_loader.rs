use leptos::prelude::*;
use scalingo_api::Event;

use super::{ActivityFeed, ActivityFilters};
use crate::{
    api::{use_api, ApiError},
    logic::{activity_query::ActivityQuery, time::parse_rfc3339_ms},
};

/// Where the next page of a region's events is.
#[derive(Debug, Clone, PartialEq)]
struct Cursor {
    region: String,
    next: Option<u64>,
}

/// Events of one app (or of every app, per region), loaded page by page and
/// merged newest first, filtered by kind.
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
    let errors = RwSignal::new(Vec::<(String, ApiError)>::new());

    let load_more = Callback::new(move |_: ()| {
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
        leptos::task::spawn_local(async move {
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
            let mut failed = Vec::new();
            for (index, region, result) in futures::future::join_all(requests).await {
                match result {
                    Ok(page) => {
                        cursors.update(|c| c[index].next = page.next_page);
                        events.update(|all| {
                            all.extend(page.events.into_iter().map(|e| (region.clone(), e)))
                        });
                    }
                    Err(error) => failed.push((region, error)),
                }
            }
            events.update(|all| {
                all.sort_by_key(|(_, e)| {
                    std::cmp::Reverse(e.created_at.as_deref().and_then(parse_rfc3339_ms))
                });
            });
            errors.set(failed);
            loading.set(false);
        });
    });
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
    view! {
        <ActivityFilters query on_change=on_query />
        {move || {
            errors
                .get()
                .into_iter()
                .map(|(region, e)| view! { <p class="form__error" role="alert">{format!("{region}: the events could not be loaded. {e}")}</p> })
                .collect_view()
        }}
        {move || view! { <ActivityFeed events=shown() show_app /> }}
        <div class="section__more">
            <Show when=more>
                <button type="button" class="button" disabled=move || loading.get() on:click=move |_| load_more.run(())>
                    {move || if loading.get() { "Loading…" } else { "Load older events" }}
                </button>
            </Show>
        </div>
    }
}
