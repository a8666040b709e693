//! The rules of the logs tab, apart from its machinery: where its lines
//! come from, what the source menu offers, and what its status bar says.

use super::{log_query::LogQuery, log_view::Filter};

/// Where the viewer's lines come from.
#[derive(Debug, Clone, PartialEq)]
pub enum LogSource {
    Live,
    /// One archive, by its period ("2024-03-01 00:00 → 18:34 UTC").
    Archive(String),
    /// The matches of `query` in several archives.
    ArchiveSearch {
        archives: usize,
        query: String,
    },
}

impl LogQuery {
    /// What the view keeps of the lines it holds.
    pub fn filter(&self) -> Filter {
        Filter {
            source: self.source.clone(),
            only_matching: self.only_matching,
        }
    }
}

/// The choices of the source menu, as (value, label): every source, each
/// container type, each container, the router and the manager, and the
/// current choice even when no container has that name any more (a link
/// to a container since gone).
pub fn source_options(container_labels: &[String], current: &str) -> Vec<(String, String)> {
    let mut labels = container_labels.to_vec();
    labels.sort();
    labels.dedup();
    let mut kinds: Vec<String> = labels
        .iter()
        .map(|l| l.rsplit_once('-').map_or(l.clone(), |(k, _)| k.to_owned()))
        .collect();
    kinds.sort();
    kinds.dedup();
    let mut options = vec![(String::new(), "All sources".to_owned())];
    options.extend(
        kinds
            .into_iter()
            .map(|k| (k.clone(), format!("All {k} containers"))),
    );
    options.extend(labels.into_iter().map(|l| (l.clone(), l)));
    for fixed in ["router", "manager"] {
        options.push((fixed.to_owned(), fixed.to_owned()));
    }
    if !current.is_empty() && !options.iter().any(|(v, _)| v == current) {
        options.push((current.to_owned(), current.to_owned()));
    }
    options
}

/// "120 of 400 lines", and the matches when searching.
pub fn counts_text(
    shown: usize,
    total: usize,
    matching_lines: usize,
    matches: usize,
    search: &str,
) -> String {
    let mut text = format!("{shown} of {total} lines");
    if !search.is_empty() {
        text.push_str(&format!(" · {matches} matches in {matching_lines} lines"));
    }
    text
}

/// The label of the archive being read: "Archive 2 of 3: <period>".
pub fn archive_job_label(index: usize, count: usize, period: &str) -> String {
    if count > 1 {
        format!("Archive {} of {count}: {period}", index + 1)
    } else {
        format!("Archive {period}")
    }
}

/// How far a download is, in percent (0 when its size is unknown).
pub fn percent_done(downloaded: f64, total: f64) -> f64 {
    if total > 0.0 {
        (downloaded / total * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// How many lines an archive search still keeps, out of `batch`: the
/// matches stop at `limit` lines in the view.
pub fn room_for(batch: usize, in_view: usize, limit: usize) -> usize {
    batch.min(limit.saturating_sub(in_view))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn sources_list_types_then_containers_then_platform() {
        let options = source_options(&labels(&["web-2", "worker-1", "web-1"]), "");
        let values: Vec<&str> = options.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(
            values,
            ["", "web", "worker", "web-1", "web-2", "worker-1", "router", "manager"]
        );
        assert_eq!(options[1].1, "All web containers");
    }

    #[test]
    fn a_source_no_longer_running_stays_chosen() {
        let options = source_options(&labels(&["web-1"]), "web-7");
        assert_eq!(
            options.last(),
            Some(&("web-7".to_owned(), "web-7".to_owned()))
        );
        let options = source_options(&labels(&["web-1"]), "router");
        assert_eq!(options.iter().filter(|(v, _)| v == "router").count(), 1);
    }

    #[test]
    fn one_off_labels_group_under_their_type() {
        let options = source_options(&labels(&["one-off-1234"]), "");
        assert!(options.iter().any(|(v, _)| v == "one-off"));
    }

    #[test]
    fn counts_mention_matches_only_when_searching() {
        assert_eq!(counts_text(3, 10, 0, 0, ""), "3 of 10 lines");
        assert_eq!(
            counts_text(3, 10, 2, 5, "err"),
            "3 of 10 lines · 5 matches in 2 lines"
        );
    }

    #[test]
    fn archive_labels_count_only_several() {
        assert_eq!(archive_job_label(0, 1, "P"), "Archive P");
        assert_eq!(archive_job_label(1, 3, "P"), "Archive 2 of 3: P");
    }

    #[test]
    fn percent_is_bounded_and_safe_without_a_size() {
        assert_eq!(percent_done(50.0, 200.0), 25.0);
        assert_eq!(percent_done(300.0, 200.0), 100.0);
        assert_eq!(percent_done(10.0, 0.0), 0.0);
    }

    #[test]
    fn searches_stop_at_the_limit() {
        assert_eq!(room_for(50, 90, 100), 10);
        assert_eq!(room_for(5, 90, 100), 5);
        assert_eq!(room_for(5, 120, 100), 0);
    }

    #[test]
    fn the_filter_follows_the_query() {
        let query = LogQuery {
            source: "web".to_owned(),
            only_matching: true,
            ..Default::default()
        };
        let filter = query.filter();
        assert_eq!(filter.source, "web");
        assert!(filter.only_matching);
    }
}
