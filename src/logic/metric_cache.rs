//! The metric series a page has read, reused so that a change of range,
//! type or breakdown sends only the requests it needs.
//!
//! What the API allows: a series is asked for by how many hours back it
//! starts (`since`, up to 72), never by an end or a step; points are a
//! minute apart up to 3 hours and further apart beyond (the simulator uses
//! 180 points over the window; the platform's exact rule is not
//! documented). So a shorter range can be cut from a longer one read a
//! moment ago, but with the longer one's spacing: it is cut only when the
//! cut keeps at least [`MIN_CUT_POINTS`] points, half of what a read of
//! the shorter range would give. Otherwise the shorter range is read.

use super::decimate::Point;

/// How long a read series is reused. Points are at least a minute apart:
/// a read less than a minute old has at most one point less than a new one.
pub const FRESH_FOR_MS: f64 = 60_000.0;
/// Points a cut must keep to be shown instead of a read.
pub const MIN_CUT_POINTS: usize = 90;
/// Entries kept (a page with ten containers and a few ranges stays far
/// below).
const MAX_ENTRIES: usize = 200;

/// Which series: everything of a request but its range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SeriesId {
    /// `cpu`, `memory`, `swap`, `router`, `requests`.
    pub metric: String,
    pub container_type: Option<String>,
    /// One container (1-based), or the type's mean.
    pub index: Option<u32>,
    /// `router`: a status class; `requests`: a statistic (`p95`).
    pub variant: Option<String>,
}

#[derive(Debug, Clone)]
struct Entry {
    id: SeriesId,
    hours: u32,
    read_at: f64,
    points: Vec<Point>,
}

/// Where a series can come from without a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Reuse {
    /// The same range, read less than [`FRESH_FOR_MS`] ago.
    Same(Vec<Point>),
    /// Cut from a longer range read less than [`FRESH_FOR_MS`] ago.
    Cut { from_hours: u32, points: Vec<Point> },
}

impl Reuse {
    pub fn into_points(self) -> Vec<Point> {
        match self {
            Reuse::Same(points) | Reuse::Cut { points, .. } => points,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SeriesCache {
    entries: Vec<Entry>,
}

impl SeriesCache {
    /// The series `id` over the last `hours` at `now`, if it can be had
    /// without a request.
    pub fn reuse(&self, id: &SeriesId, hours: u32, now: f64) -> Option<Reuse> {
        let fresh = |entry: &&Entry| &entry.id == id && now - entry.read_at < FRESH_FOR_MS;
        if let Some(entry) = self.entries.iter().filter(fresh).find(|e| e.hours == hours) {
            return Some(Reuse::Same(entry.points.clone()));
        }
        // The shortest longer range that still has enough points.
        let mut longer: Vec<&Entry> = self
            .entries
            .iter()
            .filter(fresh)
            .filter(|e| e.hours > hours)
            .collect();
        longer.sort_by_key(|e| e.hours);
        longer.into_iter().find_map(|entry| {
            let start = entry.read_at - f64::from(hours) * 3_600_000.0;
            let points: Vec<Point> = entry
                .points
                .iter()
                .filter(|p| p.0 >= start)
                .copied()
                .collect();
            (points.len() >= MIN_CUT_POINTS).then_some(Reuse::Cut {
                from_hours: entry.hours,
                points,
            })
        })
    }

    /// Keeps a series read at `now`.
    pub fn insert(&mut self, id: SeriesId, hours: u32, now: f64, points: Vec<Point>) {
        self.entries
            .retain(|e| !(e.id == id && e.hours == hours) && now - e.read_at < FRESH_FOR_MS);
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.remove(0);
        }
        self.entries.push(Entry {
            id,
            hours,
            read_at: now,
            points,
        });
    }

    /// Forgets everything: the next reads go to the API (Refresh).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(metric: &str) -> SeriesId {
        SeriesId {
            metric: metric.to_owned(),
            container_type: Some("web".to_owned()),
            index: None,
            variant: None,
        }
    }

    /// `count` points spaced `step` minutes apart, ending at `end`.
    fn series(end: f64, count: usize, step_minutes: f64) -> Vec<Point> {
        (0..count)
            .rev()
            .map(|k| (end - k as f64 * step_minutes * 60_000.0, Some(k as f64)))
            .collect()
    }

    const NOW: f64 = 1_000_000_000_000.0;

    #[test]
    fn the_same_range_is_reused_for_a_minute() {
        let mut cache = SeriesCache::default();
        cache.insert(id("cpu"), 3, NOW, series(NOW, 181, 1.0));
        assert!(
            matches!(cache.reuse(&id("cpu"), 3, NOW + 59_000.0), Some(Reuse::Same(p)) if p.len() == 181)
        );
        assert_eq!(cache.reuse(&id("cpu"), 3, NOW + 61_000.0), None);
        assert_eq!(cache.reuse(&id("memory"), 3, NOW), None);
    }

    #[test]
    fn a_shorter_range_is_cut_only_with_enough_points() {
        let mut cache = SeriesCache::default();
        // 24 h at 8 min: 12 h keeps 91 points, 3 h only 23.
        cache.insert(id("cpu"), 24, NOW, series(NOW, 181, 8.0));
        match cache.reuse(&id("cpu"), 12, NOW + 1_000.0) {
            Some(Reuse::Cut { from_hours, points }) => {
                assert_eq!(from_hours, 24);
                assert_eq!(points.len(), 91);
                assert!(points[0].0 >= NOW - 12.0 * 3_600_000.0);
            }
            other => panic!("expected a cut, got {other:?}"),
        }
        assert_eq!(cache.reuse(&id("cpu"), 3, NOW + 1_000.0), None);
        // A longer range is never made from a shorter one.
        assert_eq!(cache.reuse(&id("cpu"), 48, NOW + 1_000.0), None);
    }

    #[test]
    fn the_closest_longer_range_is_preferred() {
        let mut cache = SeriesCache::default();
        cache.insert(id("cpu"), 72, NOW, series(NOW, 181, 24.0));
        cache.insert(id("cpu"), 24, NOW, series(NOW, 181, 8.0));
        assert!(matches!(
            cache.reuse(&id("cpu"), 12, NOW),
            Some(Reuse::Cut { from_hours: 24, .. })
        ));
        assert!(matches!(
            cache.reuse(&id("cpu"), 48, NOW),
            Some(Reuse::Cut { from_hours: 72, .. })
        ));
    }

    #[test]
    fn refresh_forgets() {
        let mut cache = SeriesCache::default();
        cache.insert(id("cpu"), 3, NOW, series(NOW, 181, 1.0));
        cache.clear();
        assert!(cache.is_empty());
        assert_eq!(cache.reuse(&id("cpu"), 3, NOW), None);
    }
}
