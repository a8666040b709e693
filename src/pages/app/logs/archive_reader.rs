//! Reading archives into the viewer: one opened whole, or several searched
//! for the current query, with progress, a cancel, and a refreshed list
//! when their signed links have expired.

use std::{cell::Cell, rc::Rc};

use leptos::prelude::*;
use scalingo_api::LogsArchive;

use super::{feed::build_matcher, feed::LogFeed, live_tail::LiveTail};
use crate::{
    api::AppApi,
    browser::gunzip::{read_lines, GunzipError, Progress},
    components::archive_period,
    logic::{
        ansi::strip,
        log_query::LogQuery,
        log_tab::{archive_job_label, room_for, LogSource},
        log_view::LogView,
    },
};

/// Matches kept when searching archives.
const MAX_ARCHIVE_MATCHES: usize = 100_000;
/// How often lines read from archives reach the viewer, and how often the
/// progress bar moves: often enough to look live, rarely enough that
/// redrawing does not slow the reading down.
const FLUSH_ARCHIVE_EVERY_MS: f64 = 250.0;
const PROGRESS_EVERY_MS: f64 = 100.0;
/// Pages of the archive list looked through for an archive named in a link.
const LINK_PAGES: usize = 20;

/// Progress of opening or searching archives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArchiveJob {
    /// "Archive 2 of 3: 2024-03-01 00:00 → 18:34 UTC".
    pub label: String,
    pub progress: Option<Progress>,
    pub lines: usize,
}

/// The reader of the tab. `Copy`.
#[derive(Clone, Copy)]
pub struct ArchiveReader {
    feed: LogFeed,
    live: LiveTail,
    pub job: RwSignal<Option<ArchiveJob>>,
    cancelled: StoredValue<Option<Rc<Cell<bool>>>, LocalStorage>,
    /// Bumped when the list must be loaded again (expired links).
    pub reload: RwSignal<u64>,
}

impl ArchiveReader {
    pub fn new(feed: LogFeed, live: LiveTail) -> Self {
        let reader = ArchiveReader {
            feed,
            live,
            job: RwSignal::new(None),
            cancelled: StoredValue::new_local(None),
            reload: RwSignal::new(0),
        };
        on_cleanup(move || reader.cancel());
        reader
    }

    /// Opens one archive in the viewer (and in the URL).
    pub fn open(&self, archive: LogsArchive) {
        self.feed
            .query
            .update(|q| q.archive = Some(archive.from.clone()));
        let source = LogSource::Archive(archive_period(&archive));
        self.read(vec![archive], None, source);
    }

    /// Searches `archives` for the current search.
    pub fn search(&self, archives: Vec<LogsArchive>) {
        let q = self.feed.query.get_untracked();
        if q.search.is_empty() {
            self.feed.search_error.set(Some(
                "Type what to look for in the search box first.".to_owned(),
            ));
            return;
        }
        let source = LogSource::ArchiveSearch {
            archives: archives.len(),
            query: q.search.clone(),
        };
        let mut search = q;
        search.only_matching = false;
        self.read(archives, Some(search), source);
    }

    /// Stops the reading; what was read stays shown.
    pub fn cancel(&self) {
        if let Some(flag) = self.cancelled.try_get_value().flatten() {
            flag.set(true);
        }
    }

    /// Opens the archive named in the page's link, looked for in the list.
    pub fn open_linked(&self, api: AppApi, wanted: String) {
        let this = *self;
        leptos::task::spawn_local(async move {
            let mut cursor: Option<String> = None;
            for _ in 0..LINK_PAGES {
                let Ok(page) = api.logs_archives(cursor.as_deref()).await else {
                    break;
                };
                if let Some(archive) = page.archives.iter().find(|a| a.from == wanted) {
                    let source = LogSource::Archive(archive_period(archive));
                    this.read(vec![archive.clone()], None, source);
                    return;
                }
                if !page.has_more || page.next_cursor.is_empty() {
                    break;
                }
                cursor = Some(page.next_cursor);
            }
            this.feed.error.try_set(Some(
                "The archive of this link is no longer listed.".to_owned(),
            ));
        });
    }

    fn read(&self, archives: Vec<LogsArchive>, search: Option<LogQuery>, source: LogSource) {
        // A live start still loading its history is superseded.
        self.live.supersede();
        self.feed.reset(source);
        let cancelled = Rc::new(Cell::new(false));
        self.cancelled.set_value(Some(cancelled.clone()));
        let this = *self;
        leptos::task::spawn_local(async move {
            let started = js_sys::Date::now();
            let count = archives.len();
            for (index, archive) in archives.into_iter().enumerate() {
                let label = archive_job_label(index, count, &archive_period(&archive));
                if !this
                    .read_one(&archive, label, search.as_ref(), cancelled.clone())
                    .await
                {
                    break;
                }
            }
            // For the benchmark: how long opening or searching took.
            crate::perf::record("logs-archive-ms", js_sys::Date::now() - started);
            this.job.try_set(None);
            this.cancelled.try_set_value(None);
        });
    }

    /// Reads one archive; whether to go on with the next.
    async fn read_one(
        &self,
        archive: &LogsArchive,
        label: String,
        search: Option<&LogQuery>,
        cancelled: Rc<Cell<bool>>,
    ) -> bool {
        let (feed, job) = (self.feed, self.job);
        job.try_set(Some(ArchiveJob {
            label: label.clone(),
            progress: None,
            lines: 0,
        }));
        let matcher = search.and_then(|q| build_matcher(q).ok().flatten());
        let searching = search.is_some();
        // Lines go to the viewer a few times a second, not once per chunk:
        // each update redraws what is on screen.
        let mut batch: Vec<String> = Vec::new();
        let mut flushed_at = js_sys::Date::now();
        let mut progressed_at = 0.0;
        let flush = move |batch: &mut Vec<String>| {
            let in_view = feed
                .view
                .try_with_untracked(LogView::len)
                .unwrap_or(MAX_ARCHIVE_MATCHES);
            let keep = if searching {
                room_for(batch.len(), in_view, MAX_ARCHIVE_MATCHES)
            } else {
                batch.len()
            };
            let kept: Vec<String> = batch.drain(..).take(keep).collect();
            let added = kept.len();
            feed.apply(kept);
            job.try_update(|j| {
                if let Some(j) = j {
                    j.lines += added
                }
            });
        };
        let result = read_lines(
            &archive.url,
            archive.size as f64,
            None,
            cancelled,
            |progress| {
                let now = js_sys::Date::now();
                if now - progressed_at < PROGRESS_EVERY_MS && !progress.decompressing {
                    return;
                }
                progressed_at = now;
                job.try_update(|j| {
                    if let Some(j) = j {
                        j.progress = Some(progress)
                    }
                });
            },
            |block| {
                match &matcher {
                    Some(m) => {
                        // Most blocks hold no match: one look at the whole
                        // block skips it without splitting it.
                        if m.find(&strip(block)).is_empty() {
                            return;
                        }
                        batch.extend(
                            block
                                .lines()
                                .filter(|line| !m.find(&strip(line)).is_empty())
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
        let stopped = match result {
            Ok(()) => return true,
            Err(GunzipError::Cancelled) => "Stopped: the lines read so far are shown.".to_owned(),
            Err(error @ GunzipError::Http(401 | 403)) => {
                self.reload.try_update(|n| *n += 1);
                format!("{error} The list was refreshed: open it again.")
            }
            Err(error) => format!("{label}: {error}"),
        };
        feed.error.try_set(Some(stopped));
        false
    }
}
