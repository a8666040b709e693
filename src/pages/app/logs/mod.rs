//! The logs tab: history then the live stream, filtered and searched in the
//! page, or archives opened in the same viewer. Its machines are apart:
//! the feed (what the viewer shows), the live tail, the archive reader;
//! the toolbar and the status bar only show them.

mod archive_progress;
mod archive_reader;
mod feed;
mod live_tail;
mod status_bar;
mod toolbar;

use leptos::prelude::*;

use super::use_app_data;
use crate::{
    api::use_app_api,
    components::{LogArchives, LogViewer, TimeZone, ViewerOptions},
    logic::{
        log_query::LogQuery,
        routes::{app_href, Tab},
    },
    pages::url_query::use_url_query,
};
use archive_progress::ArchiveProgress;
use archive_reader::ArchiveReader;
use feed::LogFeed;
use live_tail::LiveTail;
use status_bar::LogStatusBar;
use toolbar::LogToolbar;

#[component]
pub fn LogsTab() -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let query = use_url_query::<LogQuery>(app_href(api.name(), Tab::Logs));
    let feed = LogFeed::new(query);
    let live = LiveTail::new(api.clone(), feed);
    let reader = ArchiveReader::new(feed, live);

    // (Re)start when the history size changes or when going back to live.
    Effect::new(move |previous: Option<(u32, bool)>| {
        let q = query.get();
        let key = (q.lines, q.archive.is_none());
        if previous != Some(key) && q.archive.is_none() {
            live.start(q.lines);
        }
        key
    });
    // An archive named in the URL is opened when the page loads.
    if let Some(wanted) = query.get_untracked().archive {
        reader.open_linked(api.clone(), wanted);
    }
    let back_to_live = Callback::new(move |()| {
        reader.cancel();
        let mut next = query.get_untracked();
        if next.archive.take().is_some() {
            // Leaving the archive's URL restarts the live view (above).
            query.set(next);
        } else {
            live.start(next.lines);
        }
    });

    let containers = Signal::derive(move || {
        data.containers
            .fresh()
            .unwrap_or_default()
            .iter()
            .map(|c| c.display_label())
            .collect::<Vec<_>>()
    });
    let options = ViewerOptions {
        wrap: Signal::derive(move || query.get().wrap),
        zone: Signal::derive(move || {
            if query.get().local_time {
                TimeZone::Local
            } else {
                TimeZone::Utc
            }
        }),
        search_version: feed.search_version.into(),
    };
    let LogFeed {
        view,
        matcher,
        follow,
        selected,
        error,
        ..
    } = feed;

    // Drawn once per job, not on each step of its progress (see
    // ArchiveProgress), with a callback that outlives each drawing.
    let reading = Memo::new(move |_| reader.job.with(Option::is_some));
    let cancel_reading = Callback::new(move |()| reader.cancel());
    view! {
        <div class="logs">
            <LogToolbar query containers />
            <LogStatusBar feed socket=live.state app=api.name().to_owned() on_back_to_live=back_to_live />
            {move || {
                reading.get().then(|| {
                    let job = Signal::derive(move || reader.job.get().unwrap_or_default());
                    view! { <ArchiveProgress job on_cancel=cancel_reading /> }
                })
            }}
            {move || error.get().map(|e| view! { <p class="form__error" role="alert">{e}</p> })}
            <LogViewer view matcher options follow selected />
            <LogArchives
                reload=reader.reload.into()
                on_open=Callback::new(move |archive| reader.open(archive))
                on_search=Callback::new(move |archives| reader.search(archives))
                busy=Signal::derive(move || reader.job.with(Option::is_some))
            />
        </div>
    }
}
