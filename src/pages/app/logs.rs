use std::{cell::Cell, collections::BTreeSet, rc::Rc, time::Duration};

use crate::pages::url_query::use_url_query;
use leptos::prelude::*;
use scalingo_api::LogsArchive;

use super::use_app_data;
use crate::{
    api::{logs::stream_url, use_api},
    browser::{
        download::download_text,
        gunzip::{read_lines, GunzipError, Progress},
        log_socket::{LogSocket, SocketState, UrlProvider},
        regex::RegexMatcher,
    },
    components::{
        archive_period, CopyButton, LogArchives, LogViewer, SearchMatcher, TimeZone, ViewerOptions,
    },
    logic::{
        log_query::{LogQuery, LINE_COUNTS},
        log_view::{Filter, LogView, Matcher, TextMatcher},
        routes::{app_href, Tab},
    },
};

/// Lines received are shown in batches, at most this often.
const FLUSH_EVERY: Duration = Duration::from_millis(50);
/// Lines fetched after a reconnection to fill the gap (deduplicated).
const REPLAY_LINES: u32 = 10_000;
/// Matches kept when searching archives.
const MAX_ARCHIVE_MATCHES: usize = 100_000;
/// How often lines read from archives reach the viewer, and how often the
/// progress bar moves: often enough to look live, rarely enough that
/// redrawing does not slow the reading down.
const FLUSH_ARCHIVE_EVERY_MS: f64 = 250.0;
const PROGRESS_EVERY_MS: f64 = 100.0;

/// Where the viewer's lines come from.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    Live,
    Archive(String),
    ArchiveSearch { archives: usize, query: String },
}

/// Progress of opening or searching archives.
#[derive(Debug, Clone, PartialEq)]
struct ArchiveJob {
    /// "Archive 2 of 3: 2024-03-01 00:00 → 18:34 UTC".
    label: String,
    progress: Option<Progress>,
    lines: usize,
}

fn build_matcher(query: &LogQuery) -> Result<Option<Box<dyn Matcher>>, String> {
    if query.search.is_empty() {
        return Ok(None);
    }
    if query.regex {
        RegexMatcher::new(&query.search).map(|m| Some(Box::new(m) as Box<dyn Matcher>))
    } else {
        Ok(Some(Box::new(TextMatcher::new(&query.search))))
    }
}

fn filter_of(query: &LogQuery) -> Filter {
    Filter {
        source: query.source.clone(),
        only_matching: query.only_matching,
    }
}

/// The logs tab: history then the live stream, filtered and searched in the
/// page, or an archive opened in the same viewer.
#[component]
pub fn LogsTab() -> impl IntoView {
    let data = use_app_data();
    let client = use_api();
    let query = use_url_query::<LogQuery>(app_href(&data.name(), Tab::Logs));

    let view = RwSignal::new(LogView::default());
    let matcher: SearchMatcher = StoredValue::new_local(None);
    let search_error = RwSignal::new(None::<String>);
    let search_version = RwSignal::new(0u64);
    let follow = RwSignal::new(true);
    let paused = RwSignal::new(false);
    let held = StoredValue::new_local(Vec::<String>::new());
    let held_count = RwSignal::new(0usize);
    let pending = StoredValue::new_local(Vec::<String>::new());
    let flush_scheduled = StoredValue::new_local(false);
    let socket_state = RwSignal::new(SocketState::Connecting);
    let socket = StoredValue::new_local(None::<LogSocket>);
    let load_error = RwSignal::new(None::<String>);
    let selected = RwSignal::new(BTreeSet::<u64>::new());
    let source = RwSignal::new(Source::Live);
    let job = RwSignal::new(None::<ArchiveJob>);
    let cancel_job = StoredValue::new_local(None::<Rc<Cell<bool>>>);
    let reload_archives = RwSignal::new(0u64);
    let search_input = RwSignal::new(query.get_untracked().search);

    // Applies lines to the view with the current filter and search. Lines
    // can arrive after the tab is closed (a request or a timer in flight):
    // every read here is a `try_`, which does nothing once disposed.
    let apply = move |lines: Vec<String>| {
        let Some(query) = query.try_get_untracked() else {
            return;
        };
        let filter = filter_of(&query);
        matcher.try_with_value(|m| {
            view.try_update(|v| {
                v.append(lines.iter().map(String::as_str), &filter, m.as_deref());
            })
        });
    };
    let flush = move || {
        flush_scheduled.set_value(false);
        let lines = pending.try_update_value(std::mem::take).unwrap_or_default();
        if lines.is_empty() {
            return;
        }
        match paused.try_get_untracked() {
            Some(true) => {
                held.update_value(|h| h.extend(lines));
                held_count.set(held.try_with_value(Vec::len).unwrap_or(0));
            }
            Some(false) => apply(lines),
            None => {}
        }
    };
    let receive = move |lines: Vec<String>| {
        pending.update_value(|p| p.extend(lines));
        if flush_scheduled.try_get_value() == Some(false) {
            flush_scheduled.set_value(true);
            set_timeout(flush, FLUSH_EVERY);
        }
    };

    // The search and the filter: rebuild the matcher, refilter what is in memory.
    Effect::new(move |_| {
        let q = query.get();
        let built = build_matcher(&q);
        search_error.set(built.as_ref().err().cloned());
        matcher.set_value(built.unwrap_or(None));
        let filter = filter_of(&q);
        matcher.with_value(|m| view.update(|v| v.refilter(&filter, m.as_deref())));
        search_version.update(|v| *v += 1);
    });

    let stop_stream = move || {
        socket.update_value(|s| {
            if let Some(s) = s.take() {
                s.close();
            }
        });
    };

    // The live stream: history first, then the socket; reopened with a
    // fresh signed URL, replaying the gap, when the server closes it.
    // Each start of the live view has a number: a start superseded while
    // its history was loading (another history size, an archive opened)
    // must not open its socket.
    let live_run = StoredValue::new_local(0u64);
    let start_live = {
        let client = client.clone();
        move |lines: u32| {
            let run = live_run.try_update_value(|n| {
                *n += 1;
                *n
            });
            stop_stream();
            view.update(LogView::clear);
            selected.set(BTreeSet::new());
            load_error.set(None);
            follow.set(true);
            source.set(Source::Live);
            let (client, app, region) = (client.clone(), data.name(), data.region());
            leptos::task::spawn_local(async move {
                match client.logs_url(&region, &app).await {
                    Ok(url) => match client.logs_dump(&url, lines).await {
                        Ok(dump) => apply(dump.lines().map(str::to_owned).collect()),
                        Err(error) => load_error
                            .set(Some(format!("Could not load the recent lines: {error}"))),
                    },
                    Err(error) => {
                        load_error.set(Some(format!("Could not get the logs address: {error}")));
                        return;
                    }
                }
                let provider: UrlProvider = {
                    let (client, app, region) = (client.clone(), app.clone(), region.clone());
                    Rc::new(move || {
                        let (client, app, region) = (client.clone(), app.clone(), region.clone());
                        Box::pin(async move {
                            let url = client
                                .logs_url(&region, &app)
                                .await
                                .map_err(|e| e.to_string())?;
                            stream_url(&url)
                                .ok_or_else(|| "the logs address is not http(s)".to_owned())
                        })
                    })
                };
                let replay = {
                    let (client, app, region) = (client.clone(), app.clone(), region.clone());
                    move || {
                        let (client, app, region) = (client.clone(), app.clone(), region.clone());
                        leptos::task::spawn_local(async move {
                            let Ok(url) = client.logs_url(&region, &app).await else {
                                return;
                            };
                            let Ok(dump) = client.logs_dump(&url, REPLAY_LINES).await else {
                                return;
                            };
                            // The tab may have closed while the dump loaded.
                            let Some(query) = query.try_get_untracked() else {
                                return;
                            };
                            let filter = filter_of(&query);
                            matcher.try_with_value(|m| {
                                view.try_update(|v| {
                                    v.merge_replay(&dump, &filter, m.as_deref());
                                })
                            });
                        });
                    }
                };
                let opened = LogSocket::open(
                    provider,
                    receive,
                    move |state| socket_state.set(state),
                    replay,
                );
                // The tab may have closed, or the view moved on, while the
                // history loaded: a socket nobody holds would stream (and
                // reconnect) for nothing.
                if live_run.try_get_value() != run {
                    opened.close();
                } else if let Some(Some(orphan)) = socket.try_set_value(Some(opened)) {
                    orphan.close();
                }
            });
        }
    };

    // (Re)start when the history size changes or when going back to live.
    let live = start_live.clone();
    Effect::new(move |previous: Option<(u32, bool)>| {
        let q = query.get();
        let key = (q.lines, q.archive.is_none());
        if previous != Some(key) && q.archive.is_none() {
            live(q.lines);
        }
        key
    });
    on_cleanup(move || {
        stop_stream();
        if let Some(flag) = cancel_job.try_get_value().flatten() {
            flag.set(true);
        }
    });

    // Leaving the page for another site (or a full load) may keep it in
    // the browser's back-forward cache, which cuts open sockets and says
    // so as an error: the stream is closed when the page is hidden and
    // started again if the page comes back from that cache.
    let paused_by_hiding = StoredValue::new_local(false);
    let hide = window_event_listener_untyped("pagehide", move |_| {
        if socket.try_with_value(Option::is_some) == Some(true) {
            stop_stream();
            paused_by_hiding.set_value(true);
        }
    });
    let restart = start_live.clone();
    let show = window_event_listener_untyped("pageshow", move |event| {
        let from_cache = js_sys::Reflect::get(&event, &"persisted".into())
            .ok()
            .and_then(|v| v.as_bool())
            == Some(true);
        if from_cache && paused_by_hiding.try_get_value() == Some(true) {
            paused_by_hiding.set_value(false);
            if let Some(q) = query.try_get_untracked() {
                if q.archive.is_none() {
                    restart(q.lines);
                }
            }
        }
    });
    on_cleanup(move || {
        hide.remove();
        show.remove();
    });

    // Archives: read one or several into the viewer.
    let run_archives = move |archives: Vec<LogsArchive>, search: Option<LogQuery>| {
        // A live start still loading its history is superseded.
        live_run.try_update_value(|n| *n += 1);
        stop_stream();
        view.update(LogView::clear);
        selected.set(BTreeSet::new());
        load_error.set(None);
        follow.set(false);
        let cancelled = Rc::new(Cell::new(false));
        cancel_job.set_value(Some(cancelled.clone()));
        let count = archives.len();
        leptos::task::spawn_local(async move {
            let started = js_sys::Date::now();
            for (index, archive) in archives.into_iter().enumerate() {
                let period = archive_period(&archive);
                let label = if count > 1 {
                    format!("Archive {} of {count}: {period}", index + 1)
                } else {
                    format!("Archive {period}")
                };
                job.set(Some(ArchiveJob {
                    label: label.clone(),
                    progress: None,
                    lines: 0,
                }));
                let search_matcher = search
                    .as_ref()
                    .and_then(|q| build_matcher(q).ok().flatten());
                // Lines go to the viewer a few times a second, not once per
                // chunk: each update redraws what is on screen.
                let mut batch: Vec<String> = Vec::new();
                let mut flushed_at = js_sys::Date::now();
                let mut progressed_at = 0.0;
                let searching = search.is_some();
                let flush = move |batch: &mut Vec<String>| {
                    let room = MAX_ARCHIVE_MATCHES.saturating_sub(
                        view.try_with_untracked(LogView::len)
                            .unwrap_or(MAX_ARCHIVE_MATCHES),
                    );
                    let kept: Vec<String> = batch
                        .drain(..)
                        .take(if searching { room } else { usize::MAX })
                        .collect();
                    let added = kept.len();
                    apply(kept);
                    job.update(|j| {
                        if let Some(j) = j {
                            j.lines += added
                        }
                    });
                };
                let result = read_lines(
                    &archive.url,
                    archive.size as f64,
                    None,
                    cancelled.clone(),
                    |progress| {
                        let now = js_sys::Date::now();
                        if now - progressed_at < PROGRESS_EVERY_MS && !progress.decompressing {
                            return;
                        }
                        progressed_at = now;
                        job.update(|j| {
                            if let Some(j) = j {
                                j.progress = Some(progress)
                            }
                        })
                    },
                    |block| {
                        match &search_matcher {
                            Some(m) => {
                                // Most blocks hold no match: one look at the
                                // whole block skips it without splitting it.
                                if m.find(&crate::logic::ansi::strip(block)).is_empty() {
                                    return;
                                }
                                batch.extend(
                                    block
                                        .lines()
                                        .filter(|line| {
                                            !m.find(&crate::logic::ansi::strip(line)).is_empty()
                                        })
                                        .map(str::to_owned),
                                );
                            }
                            None => batch.extend(block.lines().map(str::to_owned)),
                        }
                        let now = js_sys::Date::now();
                        if now - flushed_at >= FLUSH_ARCHIVE_EVERY_MS {
                            flushed_at = now;
                            flush(&mut batch);
                        }
                    },
                )
                .await;
                flush(&mut batch);
                match result {
                    Ok(()) => {}
                    Err(GunzipError::Cancelled) => {
                        load_error
                            .set(Some("Stopped: the lines read so far are shown.".to_owned()));
                        break;
                    }
                    Err(error @ GunzipError::Http(401 | 403)) => {
                        load_error.set(Some(format!(
                            "{error} The list was refreshed: open it again."
                        )));
                        reload_archives.update(|n| *n += 1);
                        break;
                    }
                    Err(error) => {
                        load_error.set(Some(format!("{label}: {error}")));
                        break;
                    }
                }
            }
            // For the benchmark: how long opening or searching took.
            crate::perf::record("logs-archive-ms", js_sys::Date::now() - started);
            job.set(None);
            cancel_job.set_value(None);
        });
    };

    let on_open = Callback::new(move |archive: LogsArchive| {
        query.update(|q| q.archive = Some(archive.from.clone()));
        source.set(Source::Archive(archive_period(&archive)));
        run_archives(vec![archive], None);
    });
    let on_search = Callback::new(move |archives: Vec<LogsArchive>| {
        let q = query.get_untracked();
        if q.search.is_empty() {
            search_error.set(Some(
                "Type what to look for in the search box first.".to_owned(),
            ));
            return;
        }
        source.set(Source::ArchiveSearch {
            archives: archives.len(),
            query: q.search.clone(),
        });
        let mut next = q.clone();
        next.only_matching = false;
        run_archives(archives, Some(next));
    });
    let back_to_live = Callback::new(move |_: ()| {
        if let Some(flag) = cancel_job.get_value() {
            flag.set(true);
        }
        let mut next = query.get_untracked();
        if next.archive.take().is_some() {
            // Leaving the archive's URL restarts the live view (effect above).
            query.set(next);
        } else {
            start_live(next.lines);
        }
    });

    // An archive named in the URL is opened when the page loads.
    let client_for_url = client.clone();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(wanted) = query.get_untracked().archive else {
            return true;
        };
        let (client, app, region) = (client_for_url.clone(), data.name(), data.region());
        leptos::task::spawn_local(async move {
            let mut cursor: Option<String> = None;
            for _ in 0..20 {
                let Ok(page) = client.logs_archives(&region, &app, cursor.as_deref()).await else {
                    break;
                };
                if let Some(archive) = page.archives.iter().find(|a| a.from == wanted) {
                    source.set(Source::Archive(archive_period(archive)));
                    run_archives(vec![archive.clone()], None);
                    return;
                }
                if !page.has_more || page.next_cursor.is_empty() {
                    break;
                }
                cursor = Some(page.next_cursor);
            }
            load_error.set(Some(
                "The archive of this link is no longer listed.".to_owned(),
            ));
        });
        true
    });

    // Also called from a timer: `update` does nothing once the tab is gone.
    let update =
        move |change: fn(&mut LogQuery, String), value: String| query.update(|q| change(q, value));
    // A switch of the view kept in the URL.
    let toggle =
        move |label: &'static str, read: fn(&LogQuery) -> bool, write: fn(&mut LogQuery, bool)| {
            view! {
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || read(&query.get())
                        on:change:target=move |ev| {
                            query.update(|q| write(q, ev.target().checked()));
                        }
                    />
                    {label}
                </label>
            }
        };
    // The search box updates the URL (and the search) once typing pauses.
    let pending_search = StoredValue::new(None::<TimeoutHandle>);
    let on_search_input = move |value: String| {
        search_input.set(value.clone());
        if let Some(handle) = pending_search.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || update(|q, v| q.search = v, value.clone()),
            Duration::from_millis(200),
        );
        pending_search.set_value(handle.ok());
    };
    on_cleanup(move || {
        if let Some(handle) = pending_search.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    });

    let toggle_pause = move |_| {
        if paused.get_untracked() {
            paused.set(false);
            let lines = held.try_update_value(std::mem::take).unwrap_or_default();
            held_count.set(0);
            apply(lines);
        } else {
            paused.set(true);
        }
    };

    let sources = move || {
        let mut labels: Vec<String> = data
            .containers
            .fresh()
            .unwrap_or_default()
            .iter()
            .map(|c| c.display_label())
            .collect();
        labels.sort();
        let mut kinds: Vec<String> = labels
            .iter()
            .map(|l| l.rsplit_once('-').map_or(l.clone(), |(k, _)| k.to_owned()))
            .collect();
        kinds.sort();
        kinds.dedup();
        let current = query.get().source;
        let mut options: Vec<(String, String)> = vec![(String::new(), "All sources".to_owned())];
        options.extend(
            kinds
                .into_iter()
                .map(|k| (k.clone(), format!("All {k} containers"))),
        );
        options.extend(labels.into_iter().map(|l| (l.clone(), l)));
        for fixed in ["router", "manager"] {
            options.push((fixed.to_owned(), fixed.to_owned()));
        }
        if !current.is_empty() && !options.iter().any(|(v, _)| *v == current) {
            options.push((current.clone(), current.clone()));
        }
        options
            .into_iter()
            .map(|(value, label)| {
                let selected = value == current;
                view! { <option value=value selected=selected>{label}</option> }
            })
            .collect_view()
    };

    let counts = move || {
        let (shown, total, (lines, matches)) =
            view.with(|v| (v.shown().len(), v.len(), v.match_counts()));
        let search = query.get().search;
        let mut text = format!("{shown} of {total} lines");
        if !search.is_empty() {
            text.push_str(&format!(" · {matches} matches in {lines} lines"));
        }
        text
    };

    let status = move || {
        let (class, text) = match (source.get(), paused.get(), socket_state.get()) {
            (Source::Archive(period), _, _) => ("muted", format!("Archive {period}")),
            (Source::ArchiveSearch { archives, query }, _, _) => (
                "muted",
                format!(
                    "Matches of “{}” in {archives} archives",
                    crate::logic::format::isolate(&query)
                ),
            ),
            (Source::Live, true, _) => (
                "busy",
                format!("Paused · {} new lines held", held_count.get()),
            ),
            (Source::Live, false, SocketState::Live) => ("ok", "Live".to_owned()),
            (Source::Live, false, SocketState::Connecting) => ("busy", "Connecting…".to_owned()),
            (
                Source::Live,
                false,
                SocketState::Reconnecting {
                    attempt,
                    delay_secs,
                },
            ) => (
                "busy",
                format!("Connection lost: reconnecting in {delay_secs} s (attempt {attempt})"),
            ),
            (Source::Live, false, SocketState::Failed(reason)) => {
                ("danger", format!("Stream stopped: {reason}"))
            }
        };
        view! { <span class=format!("badge badge--{class} logs__state")>{text}</span> }
    };

    let copy_text = Signal::derive(move || {
        let chosen = selected.get();
        view.with(|v| {
            if chosen.is_empty() {
                v.shown_text(v.shown().to_vec())
            } else {
                v.shown_text(chosen)
            }
        })
    });
    let app_name = data.name();
    let download = move |_| {
        let text = view.with_untracked(|v| v.shown_text(v.shown().to_vec()));
        if let Err(message) = download_text(&format!("{app_name}.log"), &text) {
            load_error.set(Some(message));
        }
    };

    let options = ViewerOptions {
        wrap: Signal::derive(move || query.get().wrap),
        zone: Signal::derive(move || {
            if query.get().local_time {
                TimeZone::Local
            } else {
                TimeZone::Utc
            }
        }),
        search_version: search_version.into(),
    };

    view! {
        <div class="logs">
            <div class="logs__toolbar" role="toolbar" aria-label="Log view">
                <select
                    class="input logs__source"
                    aria-label="Source"
                    on:change:target=move |ev| update(|q, v| q.source = v, ev.target().value())
                >
                    {sources}
                </select>
                <input
                    class="input logs__search"
                    type="search"
                    maxlength=crate::pages::url_query::MAX_VALUE_CHARS.to_string()
                    aria-label="Search logs"
                    placeholder=move || if query.get().regex { "Regular expression…" } else { "Search…" }
                    prop:value=move || search_input.get()
                    on:input:target=move |ev| on_search_input(ev.target().value())
                />
                {toggle("Regex", |q| q.regex, |q, on| q.regex = on)}
                {toggle("Matching lines only", |q| q.only_matching, |q, on| q.only_matching = on)}
                {toggle("Wrap", |q| q.wrap, |q, on| q.wrap = on)}
                <select
                    class="input logs__small-select"
                    aria-label="Time zone"
                    on:change:target=move |ev| update(|q, v| q.local_time = v == "local", ev.target().value())
                >
                    <option value="utc" selected=move || !query.get().local_time>"UTC"</option>
                    <option value="local" selected=move || query.get().local_time>"Local time"</option>
                </select>
                <select
                    class="input logs__small-select"
                    aria-label="Lines of history"
                    on:change:target=move |ev| update(|q, v| q.lines = v.parse().unwrap_or(100), ev.target().value())
                >
                    {LINE_COUNTS
                        .iter()
                        .map(|n| {
                            let n = *n;
                            view! { <option value=n.to_string() selected=move || query.get().lines == n>{format!("Last {n} lines")}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="logs__statusbar">
                {status}
                <span class="muted logs__counts" role="status">{counts}</span>
                {move || search_error.get().map(|e| view! { <span class="form__error logs__search-error">{e}</span> })}
                <div class="logs__actions">
                    <Show when=move || source.get() == Source::Live>
                        <button type="button" class="button button--small" on:click=toggle_pause>
                            {move || if paused.get() { "Resume" } else { "Pause" }}
                        </button>
                    </Show>
                    <Show when=move || !follow.get()>
                        <button type="button" class="button button--small" on:click=move |_| follow.set(true)>
                            "Follow"
                        </button>
                    </Show>
                    <Show when=move || source.get() != Source::Live>
                        <button type="button" class="button button--small button--primary" on:click=move |_| back_to_live.run(())>
                            "Back to live"
                        </button>
                    </Show>
                    <Show when=move || !selected.with(BTreeSet::is_empty)>
                        <button type="button" class="button button--small" on:click=move |_| selected.set(BTreeSet::new())>
                            {move || format!("Clear selection ({})", selected.with(BTreeSet::len))}
                        </button>
                    </Show>
                    <CopyButton
                        text=copy_text
                        label=Signal::derive(move || if selected.with(BTreeSet::is_empty) { "Copy the lines shown".to_owned() } else { "Copy the selected lines".to_owned() })
                    />
                    <button type="button" class="button button--small" on:click=download>
                        "Download"
                    </button>
                </div>
            </div>
            {move || {
                job.get()
                    .map(|job| {
                        let percent = job
                            .progress
                            .map(|p| if p.total > 0.0 { (p.downloaded / p.total * 100.0).min(100.0) } else { 0.0 })
                            .unwrap_or(0.0);
                        let phase = match job.progress {
                            Some(Progress { decompressing: true, .. }) => "reading",
                            _ => "downloading",
                        };
                        view! {
                            <div class="logs__job" role="status">
                                <span>{format!("{} · {phase} · {} lines", job.label, job.lines)}</span>
                                <progress max="100" value=percent.to_string() aria-label="Archive progress"></progress>
                                <button
                                    type="button"
                                    class="button button--small"
                                    on:click=move |_| {
                                        if let Some(flag) = cancel_job.get_value() {
                                            flag.set(true);
                                        }
                                    }
                                >
                                    "Cancel"
                                </button>
                            </div>
                        }
                    })
            }}
            {move || load_error.get().map(|e| view! { <p class="form__error" role="alert">{e}</p> })}
            <LogViewer view matcher options follow selected />
            <LogArchives
                app=data.name()
                region=data.region()
                reload=reload_archives.into()
                on_open
                on_search
                busy=Signal::derive(move || job.get().is_some())
            />
        </div>
    }
}
