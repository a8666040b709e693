//! The log viewer's model: a bounded buffer of lines with stable ids,
//! de-duplication (a reconnect replays recent lines), the source filter and
//! the search, kept up to date incrementally so that a fast stream costs
//! work proportional to the new lines only.

use std::collections::{HashSet, VecDeque};

use super::{ansi, log_line::parse_line, log_line::LogLine};

/// Lines kept in memory; the oldest go first.
pub const DEFAULT_CAPACITY: usize = 100_000;

/// A line of the buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: u64,
    /// The line as received (with its ANSI sequences).
    pub raw: String,
    pub line: LogLine,
    /// The message without escape sequences: what search looks at.
    pub plain: String,
}

type Key = (Option<i64>, u32, String, String);

fn key(line: &LogLine) -> Key {
    (
        line.time_ms,
        line.time_ns,
        line.source.clone(),
        line.message.clone(),
    )
}

/// Finds the ranges (byte offsets) of matches in a text.
pub trait Matcher {
    fn find(&self, text: &str) -> Vec<(usize, usize)>;
}

/// Case-insensitive plain text search.
pub struct TextMatcher {
    needle: String,
}

impl TextMatcher {
    pub fn new(needle: &str) -> Self {
        TextMatcher {
            needle: needle.to_lowercase(),
        }
    }
}

impl Matcher for TextMatcher {
    fn find(&self, text: &str) -> Vec<(usize, usize)> {
        if self.needle.is_empty() {
            return Vec::new();
        }
        // Lower-casing can change byte lengths outside ASCII: search the
        // lowered text and map offsets back only when they line up.
        let lowered = text.to_lowercase();
        if lowered.len() != text.len() {
            return text
                .match_indices(self.needle.as_str())
                .map(|(start, m)| (start, start + m.len()))
                .collect();
        }
        lowered
            .match_indices(self.needle.as_str())
            .map(|(start, m)| (start, start + m.len()))
            .collect()
    }
}

/// Matches of a search in a line: its source column (`web-1`, `router`)
/// and its message, since both are on screen.
pub fn matches_in(entry: &Entry, matcher: &dyn Matcher) -> usize {
    matcher.find(&entry.line.source).len() + matcher.find(&entry.plain).len()
}

/// Which lines are shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// A container label (`web-1`) or type (`web`, `router`); empty for all.
    pub source: String,
    /// Show only lines that match the search.
    pub only_matching: bool,
}

impl Filter {
    pub fn accepts_source(&self, line: &LogLine) -> bool {
        self.source.is_empty() || line.source == self.source || line.source_type() == self.source
    }
}

/// The buffer and what the current filter shows of it.
pub struct LogView {
    entries: VecDeque<Entry>,
    next_id: u64,
    capacity: usize,
    /// Keys of recent lines, to drop duplicates replayed after a reconnect.
    recent: VecDeque<Key>,
    recent_set: HashSet<Key>,
    /// Ids of the lines the filter shows, in order.
    shown: Vec<u64>,
    /// Lines among `shown` that match the search, and the match count.
    matching_lines: usize,
    matches: usize,
}

/// How many recent keys are remembered for de-duplication.
const RECENT_KEYS: usize = 20_000;

impl Default for LogView {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl LogView {
    pub fn with_capacity(capacity: usize) -> Self {
        LogView {
            entries: VecDeque::new(),
            next_id: 0,
            capacity: capacity.max(1),
            recent: VecDeque::new(),
            recent_set: HashSet::new(),
            shown: Vec::new(),
            matching_lines: 0,
            matches: 0,
        }
    }

    pub fn clear(&mut self) {
        *self = Self::with_capacity(self.capacity);
    }

    /// Lines in memory.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The line with this id, if still in memory.
    pub fn get(&self, id: u64) -> Option<&Entry> {
        let first = self.entries.front()?.id;
        let index = usize::try_from(id.checked_sub(first)?).ok()?;
        self.entries.get(index)
    }

    /// Ids of the lines shown, in order.
    pub fn shown(&self) -> &[u64] {
        &self.shown
    }

    /// (lines that match, matches) among the shown lines.
    pub fn match_counts(&self) -> (usize, usize) {
        (self.matching_lines, self.matches)
    }

    /// The newest timestamp in memory.
    pub fn last_time_ms(&self) -> Option<i64> {
        self.entries.iter().rev().find_map(|e| e.line.time_ms)
    }

    fn remember(&mut self, key: Key) -> bool {
        if self.recent_set.contains(&key) {
            return false;
        }
        self.recent_set.insert(key.clone());
        self.recent.push_back(key);
        if self.recent.len() > RECENT_KEYS {
            if let Some(old) = self.recent.pop_front() {
                self.recent_set.remove(&old);
            }
        }
        true
    }

    /// Adds lines (in the order given), skipping exact duplicates of recent
    /// lines; updates what is shown for `filter` and `matcher`. Returns how
    /// many lines were added.
    pub fn append<'a>(
        &mut self,
        raw_lines: impl IntoIterator<Item = &'a str>,
        filter: &Filter,
        matcher: Option<&dyn Matcher>,
    ) -> usize {
        let mut added = 0;
        for raw in raw_lines {
            if raw.trim().is_empty() {
                continue;
            }
            let line = parse_line(raw);
            // Lines without a date cannot be told apart from a replay.
            if line.time_ms.is_some() && !self.remember(key(&line)) {
                continue;
            }
            let plain = ansi::strip(&line.message);
            let entry = Entry {
                id: self.next_id,
                raw: raw.trim_end_matches(['\r', '\n']).to_owned(),
                line,
                plain,
            };
            self.next_id += 1;
            self.consider(&entry, filter, matcher);
            self.entries.push_back(entry);
            added += 1;
        }
        self.evict(filter, matcher);
        added
    }

    /// Adds lines replayed by a dump after a reconnect: only those not seen
    /// already and not older than what is in memory, sorted by time.
    pub fn merge_replay(
        &mut self,
        dump: &str,
        filter: &Filter,
        matcher: Option<&dyn Matcher>,
    ) -> usize {
        let since = self.last_time_ms();
        let mut lines: Vec<(Option<i64>, u32, &str)> = dump
            .lines()
            .map(|raw| {
                let parsed = parse_line(raw);
                (parsed.time_ms, parsed.time_ns, raw)
            })
            .filter(|(time, _, _)| match (since, time) {
                // A margin: lines of the same second may arrive out of order.
                (Some(since), Some(time)) => *time >= since - 5_000,
                _ => true,
            })
            .collect();
        lines.sort_by_key(|(time, ns, _)| (*time, *ns));
        self.append(lines.into_iter().map(|(_, _, raw)| raw), filter, matcher)
    }

    fn consider(&mut self, entry: &Entry, filter: &Filter, matcher: Option<&dyn Matcher>) {
        if !filter.accepts_source(&entry.line) {
            return;
        }
        let found = matcher.map_or(0, |m| matches_in(entry, m));
        if found > 0 {
            self.matching_lines += 1;
            self.matches += found;
        }
        if !filter.only_matching || matcher.is_none() || found > 0 {
            self.shown.push(entry.id);
        }
    }

    fn evict(&mut self, filter: &Filter, matcher: Option<&dyn Matcher>) {
        let excess = self.entries.len().saturating_sub(self.capacity);
        if excess == 0 {
            return;
        }
        let removed: Vec<Entry> = self.entries.drain(..excess).collect();
        let first_kept = self.entries.front().map_or(self.next_id, |e| e.id);
        let cut = self.shown.partition_point(|id| *id < first_kept);
        self.shown.drain(..cut);
        for entry in removed {
            if filter.accepts_source(&entry.line) {
                let found = matcher.map_or(0, |m| matches_in(&entry, m));
                if found > 0 {
                    self.matching_lines -= 1;
                    self.matches -= found;
                }
            }
        }
    }

    /// Recomputes what is shown after the filter or the search changed.
    pub fn refilter(&mut self, filter: &Filter, matcher: Option<&dyn Matcher>) {
        self.shown.clear();
        self.matching_lines = 0;
        self.matches = 0;
        let entries = std::mem::take(&mut self.entries);
        for entry in &entries {
            self.consider(entry, filter, matcher);
        }
        self.entries = entries;
    }

    /// The raw text of the shown lines (ANSI removed), one per line, for
    /// copy and download.
    pub fn shown_text(&self, ids: impl IntoIterator<Item = u64>) -> String {
        let mut text = String::new();
        for id in ids {
            if let Some(entry) = self.get(id) {
                text.push_str(&ansi::strip(&entry.raw));
                text.push('\n');
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(second: u32, source: &str, message: &str) -> String {
        format!("2024-03-02 10:00:{second:02}.000000001 +0000 UTC [{source}] {message}")
    }

    fn messages(view: &LogView) -> Vec<String> {
        view.shown()
            .iter()
            .map(|id| view.get(*id).unwrap().line.message.clone())
            .collect()
    }

    #[test]
    fn appends_and_filters_by_source() {
        let mut view = LogView::default();
        let all = Filter::default();
        let lines = [
            line(1, "web-1", "a"),
            line(2, "worker-1", "b"),
            line(3, "web-2", "c"),
        ];
        assert_eq!(view.append(lines.iter().map(String::as_str), &all, None), 3);
        assert_eq!(messages(&view), ["a", "b", "c"]);
        let web = Filter {
            source: "web".into(),
            ..Default::default()
        };
        view.refilter(&web, None);
        assert_eq!(messages(&view), ["a", "c"]);
        let web2 = Filter {
            source: "web-2".into(),
            ..Default::default()
        };
        view.refilter(&web2, None);
        assert_eq!(messages(&view), ["c"]);
    }

    #[test]
    fn duplicates_from_a_replay_are_dropped() {
        let mut view = LogView::default();
        let all = Filter::default();
        view.append(
            [
                line(1, "web-1", "a").as_str(),
                line(2, "web-1", "b").as_str(),
            ],
            &all,
            None,
        );
        let dump = [
            line(1, "web-1", "a"),
            line(2, "web-1", "b"),
            line(3, "web-1", "c"),
        ]
        .join("\n");
        assert_eq!(view.merge_replay(&dump, &all, None), 1);
        assert_eq!(messages(&view), ["a", "b", "c"]);
    }

    #[test]
    fn search_counts_and_only_matching() {
        let mut view = LogView::default();
        let matcher = TextMatcher::new("ERROR");
        let only = Filter {
            only_matching: true,
            ..Default::default()
        };
        let lines = [
            line(1, "web-1", "error: boom, another Error"),
            line(2, "web-1", "fine"),
            line(3, "web-1", "\u{1b}[31merror\u{1b}[0m red"),
        ];
        view.append(lines.iter().map(String::as_str), &only, Some(&matcher));
        assert_eq!(view.match_counts(), (2, 3));
        assert_eq!(view.shown().len(), 2);
        view.refilter(&Filter::default(), Some(&matcher));
        assert_eq!(view.shown().len(), 3);
        assert_eq!(view.match_counts(), (2, 3));
    }

    #[test]
    fn capacity_evicts_the_oldest() {
        let mut view = LogView::with_capacity(2);
        let matcher = TextMatcher::new("x");
        let all = Filter::default();
        let lines = [
            line(1, "web-1", "x1"),
            line(2, "web-1", "x2"),
            line(3, "web-1", "y"),
        ];
        view.append(lines.iter().map(String::as_str), &all, Some(&matcher));
        assert_eq!(view.len(), 2);
        assert_eq!(messages(&view), ["x2", "y"]);
        assert_eq!(view.match_counts(), (1, 1));
        assert!(view.get(0).is_none());
    }

    #[test]
    fn search_looks_at_the_source_column_too() {
        let mut view = LogView::default();
        let lines = [line(1, "worker-1", "job done"), line(2, "web-1", "GET /")];
        let only = Filter {
            source: String::new(),
            only_matching: true,
        };
        let matcher = TextMatcher::new("worker");
        view.append(lines.iter().map(String::as_str), &only, Some(&matcher));
        assert_eq!(view.shown().len(), 1);
        assert_eq!(view.get(view.shown()[0]).unwrap().line.source, "worker-1");
    }

    #[test]
    fn text_matcher_is_case_insensitive() {
        let m = TextMatcher::new("GET");
        assert_eq!(m.find("get /x GET"), [(0, 3), (7, 10)]);
        assert!(TextMatcher::new("").find("abc").is_empty());
        // Non-ASCII lower-casing that changes lengths falls back to exact case.
        assert_eq!(TextMatcher::new("x").find("İx"), [(2, 3)]);
    }

    #[test]
    fn shown_text_strips_colours() {
        let mut view = LogView::default();
        view.append(
            [line(1, "web-1", "\u{1b}[32mok\u{1b}[0m").as_str()],
            &Filter::default(),
            None,
        );
        assert_eq!(
            view.shown_text(view.shown().to_vec()),
            "2024-03-02 10:00:01.000000001 +0000 UTC [web-1] ok\n"
        );
    }
}
