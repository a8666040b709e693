//! What the logs tab shows, whatever its lines come from: the lines in
//! memory (filtered and searched), what is selected, whether the view
//! follows the newest line, and the pause of the live tail.

use std::{collections::BTreeSet, time::Duration};

use leptos::prelude::*;

use crate::{
    browser::regex::RegexMatcher,
    components::SearchMatcher,
    logic::{
        log_query::LogQuery,
        log_tab::LogSource,
        log_view::{LogView, Matcher, TextMatcher},
    },
    pages::url_query::UrlState,
};

/// Lines received are shown in batches, at most this often.
const FLUSH_EVERY: Duration = Duration::from_millis(50);

/// The matcher of a search: plain text, or a regular expression (whose
/// syntax errors are the user's to read).
pub fn build_matcher(query: &LogQuery) -> Result<Option<Box<dyn Matcher>>, String> {
    if query.search.is_empty() {
        return Ok(None);
    }
    if query.regex {
        RegexMatcher::new(&query.search).map(|m| Some(Box::new(m) as Box<dyn Matcher>))
    } else {
        Ok(Some(Box::new(TextMatcher::new(&query.search))))
    }
}

/// The viewer's state. `Copy`; lines may arrive after the tab is closed (a
/// request or a timer in flight), so what they call only uses `try_`
/// reads, which do nothing once the tab's values are gone.
#[derive(Clone, Copy)]
pub struct LogFeed {
    pub query: UrlState<LogQuery>,
    pub view: RwSignal<LogView>,
    pub matcher: SearchMatcher,
    /// Why the search cannot run (a bad regular expression…).
    pub search_error: RwSignal<Option<String>>,
    /// Changes with every search, to redraw highlights.
    pub search_version: RwSignal<u64>,
    pub source: RwSignal<LogSource>,
    pub follow: RwSignal<bool>,
    pub selected: RwSignal<BTreeSet<u64>>,
    /// What failed last (loading, reading an archive, a download).
    pub error: RwSignal<Option<String>>,
    pub paused: RwSignal<bool>,
    /// Lines received while paused.
    held: StoredValue<Vec<String>, LocalStorage>,
    pub held_count: RwSignal<usize>,
    /// Lines received since the last batch was shown.
    pending: StoredValue<Vec<String>, LocalStorage>,
    flush_scheduled: StoredValue<bool, LocalStorage>,
}

impl LogFeed {
    /// The feed of the tab, refiltered whenever the search or the filter
    /// in the URL changes.
    pub fn new(query: UrlState<LogQuery>) -> Self {
        let feed = LogFeed {
            query,
            view: RwSignal::new(LogView::default()),
            matcher: StoredValue::new_local(None),
            search_error: RwSignal::new(None),
            search_version: RwSignal::new(0),
            source: RwSignal::new(LogSource::Live),
            follow: RwSignal::new(true),
            selected: RwSignal::new(BTreeSet::new()),
            error: RwSignal::new(None),
            paused: RwSignal::new(false),
            held: StoredValue::new_local(Vec::new()),
            held_count: RwSignal::new(0),
            pending: StoredValue::new_local(Vec::new()),
            flush_scheduled: StoredValue::new_local(false),
        };
        Effect::new(move |_| {
            let q = query.get();
            let built = build_matcher(&q);
            feed.search_error.set(built.as_ref().err().cloned());
            feed.matcher.set_value(built.unwrap_or(None));
            let filter = q.filter();
            feed.matcher
                .with_value(|m| feed.view.update(|v| v.refilter(&filter, m.as_deref())));
            feed.search_version.update(|v| *v += 1);
        });
        feed
    }

    /// Empties the viewer for lines from `source`.
    pub fn reset(&self, source: LogSource) {
        self.view.update(LogView::clear);
        self.selected.set(BTreeSet::new());
        self.error.set(None);
        self.follow.set(source == LogSource::Live);
        self.source.set(source);
    }

    /// Shows `lines` with the current filter and search.
    pub fn apply(&self, lines: Vec<String>) {
        let Some(query) = self.query.try_get_untracked() else {
            return;
        };
        let filter = query.filter();
        self.matcher.try_with_value(|m| {
            self.view.try_update(|v| {
                v.append(lines.iter().map(String::as_str), &filter, m.as_deref());
            })
        });
    }

    /// Merges lines fetched again after a reconnection (the gap).
    pub fn merge_replay(&self, dump: &str) {
        let Some(query) = self.query.try_get_untracked() else {
            return;
        };
        let filter = query.filter();
        self.matcher.try_with_value(|m| {
            self.view.try_update(|v| {
                v.merge_replay(dump, &filter, m.as_deref());
            })
        });
    }

    /// Takes streamed lines; they are shown in batches (or held while
    /// paused).
    pub fn receive(&self, lines: Vec<String>) {
        self.pending.update_value(|p| p.extend(lines));
        if self.flush_scheduled.try_get_value() == Some(false) {
            self.flush_scheduled.set_value(true);
            let this = *self;
            set_timeout(move || this.flush(), FLUSH_EVERY);
        }
    }

    fn flush(&self) {
        self.flush_scheduled.set_value(false);
        let lines = self
            .pending
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if lines.is_empty() {
            return;
        }
        match self.paused.try_get_untracked() {
            Some(true) => {
                self.held.update_value(|h| h.extend(lines));
                self.held_count
                    .set(self.held.try_with_value(Vec::len).unwrap_or(0));
            }
            Some(false) => self.apply(lines),
            None => {}
        }
    }

    /// Pauses the live tail, or resumes it with what was held meanwhile.
    pub fn toggle_pause(&self) {
        if self.paused.get_untracked() {
            self.paused.set(false);
            let lines = self
                .held
                .try_update_value(std::mem::take)
                .unwrap_or_default();
            self.held_count.set(0);
            self.apply(lines);
        } else {
            self.paused.set(true);
        }
    }

    /// The lines shown, as text (for a download).
    pub fn shown_text(&self) -> String {
        self.view
            .with_untracked(|v| v.shown_text(v.shown().to_vec()))
    }
}
