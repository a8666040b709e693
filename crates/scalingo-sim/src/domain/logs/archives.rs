//! Which archives an app has: one per day, the day's hot logs rotated out
//! at a moment of its own (between midnight and 05:00 UTC), newest first.
//!
//! Everything follows from the app id and the calendar, so the list only
//! grows (a new archive each day) and a cursor stays valid across days:
//! - an app never deployed has none;
//! - the count depends on how many containers the app ran at its newest
//!   archive: 5 or more → 16 to 19 (four pages), 3 or 4 → 11 to 14
//!   (three pages), fewer → 3 to 5 (one page); never before the app first
//!   ran;
//! - an archive holds about 0.4 MB + 0.5 MB per container of text, written
//!   by the containers and the router of that time (see `archive_file`);
//! - the newest archive of the demo's `shop-api` (default region) holds
//!   about 50 MB of text, and the marker line (see `MARKER`), for search
//!   benchmarks and end-to-end tests.

use chrono::{DateTime, Duration};

use super::sources::{router_periods, type_command, within};
use crate::domain::{
    catalogue::DEFAULT_REGION,
    model::{AppRecord, Platform},
    render,
    telemetry::{noise, timeline::Timeline},
    time::Timestamp,
};

/// Archives per page of `GET /apps/:app/logs_archives`.
pub const PAGE_SIZE: usize = 5;
/// The app whose newest archive is the big one with the marker.
pub const MARKER_APP: &str = "shop-api";
/// The request id of the marker line (a router line, see `archive_file`).
pub const MARKER: &str = "req-archived-marker-42";
/// Text in the marker archive.
const MARKER_BYTES: u64 = 50 * 1024 * 1024;
const DAY: i64 = 86_400;

/// One archive, with everything its content depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArchiveSpec {
    pub app_id: String,
    /// The day (since the epoch) whose rotation ends it: its id in URLs
    /// and cursors.
    pub day: i64,
    pub from: Timestamp,
    pub to: Timestamp,
    /// Bytes of text before compression.
    pub text_bytes: u64,
    pub marker: bool,
    /// `(label, type, command)` of the containers writing.
    pub writers: Vec<(String, String, String)>,
    pub router: bool,
    /// `shop-api.osc-fr1.scalingo.io`, for router lines.
    pub host: String,
}

/// When the hot logs of `day` were rotated out.
fn rotation(app_id: &str, day: i64) -> Timestamp {
    let offset = (noise::unit_at(noise::hash(&[app_id, "rotation"]), day) * 5.0 * 3600.0) as i64;
    DateTime::from_timestamp(day * DAY + offset, 0).unwrap_or_default()
}

/// Every archive of the app, newest first.
pub fn archives(platform: &Platform, app: &AppRecord, now: Timestamp) -> Vec<ArchiveSpec> {
    let timeline = Timeline::new(app, &platform.events);
    let Some(first_run) = timeline
        .types()
        .iter()
        .filter_map(|t| timeline.type_since(t))
        .min()
    else {
        return Vec::new();
    };
    let today = now.timestamp().div_euclid(DAY);
    let newest = if rotation(&app.id, today) <= now {
        today
    } else {
        today - 1
    };
    let running_at = |at: Timestamp| -> u32 {
        timeline
            .types()
            .iter()
            .filter_map(|t| timeline.at(t, at))
            .map(|f| f.amount)
            .sum()
    };
    let seed = noise::hash(&[&app.id, "archives"]);
    let count = match running_at(rotation(&app.id, newest) - Duration::seconds(1)) {
        n if n >= 5 => 16 + noise::mix(seed, 1) % 4,
        n if n >= 3 => 11 + noise::mix(seed, 2) % 4,
        _ => 3 + noise::mix(seed, 3) % 3,
    } as i64;
    let router_on = router_periods(app, &platform.events);
    let host = render::app_url(platform, app)
        .trim_start_matches("https://")
        .to_owned();
    let mut specs = Vec::new();
    for day in (newest - count + 1..=newest).rev() {
        let (from, to) = (rotation(&app.id, day - 1), rotation(&app.id, day));
        if from < first_run {
            break;
        }
        let marker = app.name == MARKER_APP && app.region == DEFAULT_REGION && day == newest;
        let writers = writers(app, &timeline, to - Duration::seconds(1));
        let containers = writers.len().max(1) as f64;
        let jitter = noise::between(noise::mix(seed, day), 0.7, 1.3);
        let text_bytes = if marker {
            MARKER_BYTES
        } else {
            ((0.4 + 0.5 * containers) * 1_000_000.0 * jitter) as u64
        };
        let router = writers.iter().any(|(_, kind, _)| kind == "web")
            && within(&router_on, to - Duration::seconds(1));
        specs.push(ArchiveSpec {
            app_id: app.id.clone(),
            day,
            from,
            to,
            text_bytes,
            marker,
            writers,
            router,
            host: host.clone(),
        });
    }
    specs
}

/// The containers running at `at` (a web container when nothing ran then,
/// so that an archive of a stopped app still has content).
fn writers(app: &AppRecord, timeline: &Timeline, at: Timestamp) -> Vec<(String, String, String)> {
    let mut writers = Vec::new();
    for kind in timeline.types() {
        let amount = timeline.at(&kind, at).map_or(0, |f| f.amount);
        let command = type_command(app, &kind);
        for index in 1..=amount {
            writers.push((format!("{kind}-{index}"), kind.clone(), command.to_owned()));
        }
    }
    if writers.is_empty() {
        writers.push(("web-1".to_owned(), "web".to_owned(), String::new()));
    }
    writers
}

/// One page after `cursor` (the `day` of the last archive of the previous
/// page): the archives, and the next cursor when there are more.
pub fn page(all: &[ArchiveSpec], cursor: Option<i64>) -> (&[ArchiveSpec], Option<i64>) {
    let start = cursor.map_or(0, |c| all.iter().take_while(|a| a.day >= c).count());
    let end = (start + PAGE_SIZE).min(all.len());
    let page = &all[start..end];
    let next = (end < all.len())
        .then(|| page.last().map(|a| a.day))
        .flatten();
    (page, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{domain::demo, domain::time};

    #[test]
    fn busy_apps_have_pages_and_new_apps_none() {
        let now = time::now();
        let p = demo::generate(42, now);
        let app = |name: &str| p.apps.iter().find(|a| a.name == name).unwrap();
        let shop = archives(&p, app("shop-api"), now);
        assert!(shop.len() > 2 * PAGE_SIZE, "{}", shop.len());
        assert!(shop[0].marker && shop[0].text_bytes >= 50_000_000);
        assert!(shop[1..]
            .iter()
            .all(|a| !a.marker && a.text_bytes < 10_000_000));
        assert!(shop
            .windows(2)
            .all(|w| w[0].from == w[1].to && w[0].day == w[1].day + 1));
        assert!(shop[0].to <= now);
        assert!(archives(&p, app("marketing-site"), now).is_empty());
        // The same list whenever it is asked for.
        assert_eq!(shop, archives(&p, app("shop-api"), now));
    }

    #[test]
    fn pages_follow_cursors_to_the_end() {
        let now = time::now();
        let p = demo::generate(42, now);
        let app = p.apps.iter().find(|a| a.name == "shop-api").unwrap();
        let all = archives(&p, app, now);
        let mut seen = Vec::new();
        let mut cursor = None;
        loop {
            let (items, next) = page(&all, cursor);
            assert!(items.len() <= PAGE_SIZE);
            seen.extend(items.iter().cloned());
            match next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(seen, all);
    }
}
