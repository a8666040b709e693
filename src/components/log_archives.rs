use std::collections::BTreeSet;

use leptos::prelude::*;
use scalingo_api::LogsArchive;

use crate::ui::{Button, ButtonSize};
use crate::{
    api::{use_app_api, ApiError},
    logic::{
        format::{bytes, safe_http_url},
        log_line::{format_utc, parse_go_time},
    },
};

/// `2024-03-01 00:00 → 18:34 UTC`, or the API's text when it is not a date.
pub fn archive_period(archive: &LogsArchive) -> String {
    match (parse_go_time(&archive.from), parse_go_time(&archive.to)) {
        (Some(from), Some(to)) => {
            let start = format_utc(from, true);
            let end = format_utc(to, true);
            let same_day = start.get(..10) == end.get(..10);
            let end = if same_day {
                end[11..16].to_owned()
            } else {
                end[..16].to_owned()
            };
            format!("{} → {end} UTC", &start[..16])
        }
        _ => format!("{} → {}", archive.from, archive.to),
    }
}

/// The archives of an app, page by page ("load more" follows the cursor),
/// each with download, open-in-the-viewer and select-for-search.
#[component]
pub fn LogArchives(
    /// Bumped by the parent to start over (e.g. after an expired link).
    reload: Signal<u64>,
    on_open: Callback<LogsArchive>,
    on_search: Callback<Vec<LogsArchive>>,
    /// Whether a search or an opening is running (buttons wait).
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let api = use_app_api();
    let archives = RwSignal::new(Vec::<LogsArchive>::new());
    let cursor = RwSignal::new(None::<String>);
    let has_more = RwSignal::new(false);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let chosen = RwSignal::new(BTreeSet::<usize>::new());

    let load_page = {
        move |restart: bool| {
            let api = api.clone();
            let from = if restart {
                None
            } else {
                cursor.get_untracked()
            };
            loading.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                match api.logs_archives(from.as_deref()).await {
                    Ok(page) => {
                        archives.update(|list| {
                            if restart {
                                list.clear();
                            }
                            list.extend(page.archives);
                        });
                        if restart {
                            chosen.set(BTreeSet::new());
                        }
                        has_more.set(page.has_more && !page.next_cursor.is_empty());
                        cursor.set(Some(page.next_cursor));
                    }
                    Err(failure) => error.set(Some(failure)),
                }
                loading.set(false);
            });
        }
    };
    let first_load = load_page.clone();
    Effect::new(move |_| {
        reload.track();
        first_load(true);
    });

    let rows = move || {
        archives
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, archive)| {
                let period = archive_period(&archive);
                let size = bytes(archive.size);
                let href = safe_http_url(&archive.url).map(str::to_owned);
                let opened = archive.clone();
                let check_label = format!("Select the archive {period}");
                view! {
                    <tr>
                        <td>
                            <input
                                type="checkbox"
                                aria-label=check_label
                                prop:checked=move || chosen.with(|c| c.contains(&index))
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    chosen.update(|c| {
                                        if on {
                                            c.insert(index);
                                        } else {
                                            c.remove(&index);
                                        }
                                    });
                                }
                            />
                        </td>
                        <th scope="row">{period.clone()}</th>
                        <td class="numeric">{size}</td>
                        <td class="table__actions">
                            <Button size=ButtonSize::Small attr:aria-label=format!("Open the archive {period} in the viewer") disabled=move || busy.get() on:click=move |_| on_open.run(opened.clone())>
                                "Open"
                            </Button>
                            {href.map(|href| view! {
                                <a class="button button--small" href=href download rel="noopener noreferrer">"Download"</a>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let more = load_page.clone();
    view! {
        <section class="section" aria-labelledby="archives-title">
            <div class="section__header">
                <h2 id="archives-title" class="section__title">"Archives"</h2>
                <Button disabled=move || chosen.with(BTreeSet::is_empty) || busy.get() on:click=move |_| {
                        let picked = archives.with(|list| {
                            chosen.with(|c| c.iter().filter_map(|i| list.get(*i).cloned()).collect::<Vec<_>>())
                        });
                        on_search.run(picked);
                    }>
                    {move || match chosen.with(BTreeSet::len) {
                        0 => "Search selected archives".to_owned(),
                        1 => "Search 1 archive".to_owned(),
                        n => format!("Search {n} archives"),
                    }}
                </Button>
            </div>
            <p class="muted">
                "Older logs, one gzip file per period. Open one to read and search it here, or select several to search them all."
            </p>
            {move || error.get().map(|e| view! { <p class="form__error" role="alert">{format!("Could not load the archives: {e}")}</p> })}
            <Show
                when=move || !archives.with(Vec::is_empty)
                fallback=move || {
                    view! {
                        <p class="muted">
                            {move || if loading.get() { "Loading the archives…" } else { "No archives yet: logs are archived once they pass 50 MiB." }}
                        </p>
                    }
                }
            >
                <div class="table-wrap">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col"><span class="visually-hidden">"Selected"</span></th>
                                <th scope="col">"Period"</th>
                                <th scope="col" class="numeric">"Size"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </Show>
            <Show when=move || has_more.get()>
                <div class="section__more">
                    <Button disabled=move || loading.get() on:click={
                        let more = more.clone();
                        move |_| more(false)
                    }>
                        {move || if loading.get() { "Loading…" } else { "Load more" }}
                    </Button>
                </div>
            </Show>
        </section>
    }
}
