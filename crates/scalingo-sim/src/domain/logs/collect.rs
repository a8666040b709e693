//! The lines of an app over a stretch of time, generated on demand.
//!
//! Each running container writes at a steady pace (the configured rate),
//! at moments of its own (a phase drawn from the app and its label), its
//! `k`-th line being the corpus's `k`-th (see `corpus`); the router writes
//! as often for each web container while router logs are on; the manager
//! tells when containers start and stop. So the lines of any moment are the
//! same whenever they are asked for: a dump and a stream agree, `n=10000`
//! reaches back as far as needed without anything being stored, and
//! restarting the simulator changes nothing.
//!
//! Time is walked in slots of `SLOT_SECONDS`, each slot's lines inside it,
//! so walking slots backwards from now until `n` lines are found gives
//! exactly the last `n` lines.

use chrono::Duration;

use super::{
    corpus::{self, Flavor, RouterLine},
    filter::{passes, Filter},
    line::{from_nanos, LogLine},
    sources::{overlaps, router_periods, sources, within, Source},
};
use crate::domain::{
    model::{AppRecord, Platform},
    render,
    telemetry::noise,
    time::Timestamp,
};

pub const SLOT_SECONDS: i64 = 10;
const SLOT_NANOS: i64 = SLOT_SECONDS * 1_000_000_000;
/// How far back a dump looks: older lines are in the archives.
const MAX_LOOKBACK_SLOTS: i64 = 7 * 24 * 3600 / SLOT_SECONDS;

/// Everything needed to write an app's lines.
pub struct AppLogs<'a> {
    app: &'a AppRecord,
    host: String,
    sources: Vec<Source<'a>>,
    router_on: Vec<(Timestamp, Option<Timestamp>)>,
    /// Nanoseconds between two lines of one writer (`None`: a rate of 0,
    /// only the manager speaks).
    period: Option<i64>,
    filter: Option<&'a Filter>,
    /// A probe app of the hostile demo: it also writes `hostile::logs`.
    hostile: bool,
}

fn slot_of(at: Timestamp) -> i64 {
    at.timestamp_nanos_opt()
        .unwrap_or_default()
        .div_euclid(SLOT_NANOS)
}

fn slot_start(slot: i64) -> Timestamp {
    from_nanos(slot.saturating_mul(SLOT_NANOS))
}

impl<'a> AppLogs<'a> {
    pub fn new(
        platform: &'a Platform,
        app: &'a AppRecord,
        rate: f64,
        filter: Option<&'a Filter>,
    ) -> Self {
        let host = render::app_url(platform, app)
            .trim_start_matches("https://")
            .to_owned();
        AppLogs {
            app,
            host,
            sources: sources(app),
            router_on: router_periods(app, &platform.events),
            // At most 1000 lines a second: a period of a millisecond or more.
            period: (rate > 0.0).then(|| (1e9 / rate).round() as i64),
            filter,
            hostile: platform.hostile && crate::domain::hostile::is_probe(&app.name),
        }
    }

    fn shows(&self, label: &str, kind: &str) -> bool {
        passes(self.filter, label, kind)
    }

    /// The lines of `(from, to]`, by time (a stream's next batch).
    pub fn between(&self, from: Timestamp, to: Timestamp) -> Vec<LogLine> {
        let mut lines = Vec::new();
        for slot in slot_of(from)..=slot_of(to) {
            self.slot_lines(slot, &mut lines);
        }
        lines.retain(|l| l.at > from && l.at <= to);
        lines.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        lines
    }

    /// The last `n` lines up to `now`, oldest first (a dump).
    pub fn last(&self, n: usize, now: Timestamp) -> Vec<LogLine> {
        if n == 0 {
            return Vec::new();
        }
        let Some(earliest) = self.earliest() else {
            return Vec::new();
        };
        let newest = slot_of(now);
        let oldest = slot_of(earliest).max(newest - MAX_LOOKBACK_SLOTS);
        let mut lines = Vec::new();
        let mut slot = newest;
        while slot >= oldest {
            self.slot_lines(slot, &mut lines);
            if slot == newest {
                lines.retain(|l: &LogLine| l.at <= now);
            }
            if lines.len() >= n {
                break;
            }
            slot -= 1;
        }
        lines.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let excess = lines.len().saturating_sub(n);
        lines.drain(..excess);
        lines
    }

    /// The first moment any source the filter keeps has something to say.
    fn earliest(&self) -> Option<Timestamp> {
        self.sources
            .iter()
            .filter(|s| {
                self.shows(&s.label, s.kind())
                    || self.shows("manager", "manager")
                    || (s.kind() == "web" && self.shows("router", "router"))
            })
            .map(Source::first_moment)
            .min()
    }

    /// Every line of one slot, in no particular order.
    fn slot_lines(&self, slot: i64, out: &mut Vec<LogLine>) {
        let from = slot_start(slot);
        let to = slot_start(slot + 1);
        for source in &self.sources {
            if self.shows("manager", "manager") {
                self.manager_lines(source, from, to, out);
            }
            if !source.runs_during(from, to) {
                continue;
            }
            if self.shows(&source.label, source.kind()) {
                self.output_lines(source, from, to, out);
            }
            if source.kind() == "web"
                && self.shows("router", "router")
                && overlaps(&self.router_on, from, to)
            {
                self.router_lines(source, from, to, out);
            }
        }
        if self.hostile {
            self.hostile_lines(slot, from, to, out);
        }
    }

    /// The hostile demo's lines, written by the first container running in
    /// the slot.
    fn hostile_lines(&self, slot: i64, from: Timestamp, to: Timestamp, out: &mut Vec<LogLine>) {
        let Some(source) = self.sources.iter().find(|s| s.runs_during(from, to)) else {
            return;
        };
        if !self.shows(&source.label, source.kind()) {
            return;
        }
        for (n, (offset, text)) in crate::domain::hostile::logs::slot_lines(slot)
            .into_iter()
            .enumerate()
        {
            let at = from + Duration::nanoseconds(offset);
            if at < to && source.runs_at(at) {
                out.push(LogLine {
                    at,
                    label: source.label.clone(),
                    text,
                    // After whatever the container wrote at the same moment.
                    seq: u32::MAX - 8 + n as u32,
                });
            }
        }
    }

    /// The moments of `[from, to)` at which a writer of phase `seed`
    /// writes, with the rank of each (the writer's `k`-th line).
    fn moments(&self, seed: u64, from: Timestamp, to: Timestamp) -> Vec<(Timestamp, u64)> {
        let Some(period) = self.period else {
            return Vec::new();
        };
        let nanos = |at: Timestamp| at.timestamp_nanos_opt().unwrap_or_default();
        let phase = (seed % period as u64) as i64;
        let first = (nanos(from) - phase).div_euclid(period)
            + i64::from((nanos(from) - phase).rem_euclid(period) != 0);
        (first..)
            .map(|k| (from_nanos(phase + k * period), k.max(0) as u64))
            .take_while(|(at, _)| *at < to)
            .collect()
    }

    /// What the container itself writes in `[from, to)`: its boot lines if
    /// it started then, its lines at its pace, and a one-off's exit line.
    fn output_lines(
        &self,
        source: &Source<'_>,
        from: Timestamp,
        to: Timestamp,
        out: &mut Vec<LogLine>,
    ) {
        let mut push = |at: Timestamp, text: String, seq: u32| {
            if at >= from && at < to {
                out.push(LogLine {
                    at,
                    label: source.label.clone(),
                    text,
                    seq,
                });
            }
        };
        if let Some(start) = source.runs_from.filter(|s| *s >= from && *s < to) {
            let port = 5000 + (noise::hash(&[&source.record.id]) % 1000) as u16;
            let boot = corpus::boot(source.flavor, source.command, port);
            for (i, text) in boot.into_iter().enumerate() {
                push(
                    start + Duration::milliseconds(40 * i as i64 + 5),
                    text,
                    i as u32,
                );
            }
        }
        if source.exited {
            if let Some(end) = source.runs_until.filter(|e| *e >= from && *e < to) {
                let status = i32::from(noise::unit(noise::hash(&[&source.record.id])) < 0.1);
                // At the very end: after everything it wrote.
                push(end, corpus::one_off_exit(source.command, status), u32::MAX);
            }
        }
        if source.flavor == Flavor::OneOff && source.command.is_empty() {
            return;
        }
        let seed = noise::hash(&[&self.app.id, &source.label]);
        for (at, k) in self.moments(seed, from, to) {
            // Boot lines come first: nothing before them.
            let booted = source
                .runs_from
                .is_some_and(|s| at > s + Duration::milliseconds(300));
            if booted && source.runs_at(at) {
                let text = corpus::line(source.flavor, source.command, k);
                push(at, text.to_owned(), 1000);
            }
        }
    }

    /// The router's access lines for requests this web container served.
    fn router_lines(
        &self,
        source: &Source<'_>,
        from: Timestamp,
        to: Timestamp,
        out: &mut Vec<LogLine>,
    ) {
        let seed = noise::hash(&[&self.app.id, "router", &source.label]);
        for (at, n) in self.moments(seed, from, to) {
            if source.runs_at(at) && within(&self.router_on, at) {
                let line = RouterLine {
                    host: &self.host,
                    label: &source.label,
                    n,
                };
                out.push(LogLine {
                    at,
                    label: "router".to_owned(),
                    text: line.text(),
                    seq: 0,
                });
            }
        }
    }

    /// The manager's lines about the container's life that fall in the slot.
    fn manager_lines(
        &self,
        source: &Source<'_>,
        from: Timestamp,
        to: Timestamp,
        out: &mut Vec<LogLine>,
    ) {
        let record = source.record;
        let name = format!("container [{}] ({})", source.label, record.id);
        let mut moments = vec![(record.created_at, format!("{name} starting"))];
        if let Some(start) = source.runs_from {
            moments.push((start, format!("{name} started")));
        }
        match (source.runs_from, record.stopping_at, record.gone_at) {
            (_, Some(stopping), gone) => {
                moments.push((stopping, format!("{name} stopping")));
                if let Some(gone) = gone {
                    moments.push((gone, format!("{name} stopped")));
                }
            }
            (Some(_), None, Some(gone)) => moments.push((gone, format!("{name} exited"))),
            (None, None, Some(gone)) => {
                moments.push((gone, format!("{name} failed to start: exit status 137")));
            }
            (_, None, None) if record.state == "crashed" => {
                let at = record.created_at + Duration::seconds(3);
                moments.push((at, format!("{name} crashed: exit status 1")));
            }
            (_, None, None) => {}
        }
        for (seq, (at, text)) in moments.into_iter().enumerate() {
            if at >= from && at < to {
                out.push(LogLine {
                    at,
                    label: "manager".to_owned(),
                    text,
                    seq: seq as u32,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{domain::demo, domain::time};

    fn platform() -> Platform {
        demo::generate(42, time::now())
    }

    fn app<'a>(p: &'a Platform, name: &str) -> &'a AppRecord {
        p.apps.iter().find(|a| a.name == name).unwrap()
    }

    #[test]
    fn the_last_lines_are_ordered_and_repeatable() {
        let p = platform();
        let logs = AppLogs::new(&p, app(&p, "shop-api"), 0.5, None);
        let now = time::now();
        let lines = logs.last(500, now);
        assert_eq!(lines.len(), 500);
        assert!(lines.windows(2).all(|w| w[0].at <= w[1].at));
        assert!(lines.iter().all(|l| l.at <= now));
        assert_eq!(lines, logs.last(500, now));
        // A longer dump ends with the same lines.
        let more = logs.last(2000, now);
        assert_eq!(more[1500..], lines[..]);
    }

    #[test]
    fn between_agrees_with_last() {
        let p = platform();
        let logs = AppLogs::new(&p, app(&p, "shop-api"), 2.0, None);
        let now = time::now();
        let last = logs.last(300, now);
        let from = last[0].at - Duration::nanoseconds(1);
        assert_eq!(logs.between(from, now), last);
    }

    #[test]
    fn nothing_from_containers_that_do_not_run() {
        let p = platform();
        for name in ["legacy-crm", "marketing-site"] {
            let logs = AppLogs::new(&p, app(&p, name), 0.5, None);
            assert!(logs.last(100, time::now()).is_empty(), "{name}");
        }
        // Crashed and booting containers: at most what the manager said
        // (when they were created in the last week).
        for name in ["image-resizer", "shop-worker"] {
            let logs = AppLogs::new(&p, app(&p, name), 0.5, None);
            let lines = logs.last(100, time::now());
            assert!(lines.iter().all(|l| l.label == "manager"), "{name}");
        }
    }
}
