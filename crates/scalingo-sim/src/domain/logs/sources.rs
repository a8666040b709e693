//! Who writes an app's logs, and when: its containers (those in `ps` and
//! those that left it, see `AppRecord::past_containers`) while they run,
//! the router for each web container while router logs are on, and the
//! manager when containers start and stop.

use serde_json::Value;

use super::corpus::Flavor;
use crate::domain::{
    model::{AppRecord, ContainerRecord, EventRecord},
    time::Timestamp,
};

/// A container, as a writer of logs.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub record: &'a ContainerRecord,
    /// `web-1`
    pub label: String,
    /// Its command, or its process type's (demo containers have none).
    pub command: &'a str,
    pub flavor: Flavor,
    /// When it started running (`None`: it never did).
    pub runs_from: Option<Timestamp>,
    /// When it stopped running (`None`: it still runs).
    pub runs_until: Option<Timestamp>,
    /// A one-off whose command ended by itself (rather than being stopped).
    pub exited: bool,
}

impl<'a> Source<'a> {
    fn new(record: &'a ContainerRecord, type_command: &'a str) -> Self {
        // Demo containers were generated running, without a `running_at`.
        let ran_without_date = matches!(record.state.as_str(), "running" | "stopping");
        let runs_from = record
            .running_at
            .or(ran_without_date.then_some(record.created_at));
        let runs_until = record.stopping_at.or(record.gone_at);
        let exited = record.kind == "one-off"
            && runs_from.is_some()
            && record.stopping_at.is_none()
            && record.gone_at.is_some();
        let command = if record.command.is_empty() {
            type_command
        } else {
            &record.command
        };
        Source {
            record,
            label: format!("{}-{}", record.kind, record.type_index),
            command,
            flavor: Flavor::of(&record.kind, command),
            runs_from,
            runs_until,
            exited,
        }
    }

    pub fn kind(&self) -> &str {
        &self.record.kind
    }

    /// Whether it runs at some point of `[from, to)`.
    pub fn runs_during(&self, from: Timestamp, to: Timestamp) -> bool {
        self.runs_from
            .is_some_and(|start| start < to && self.runs_until.is_none_or(|end| end > from))
    }

    pub fn runs_at(&self, at: Timestamp) -> bool {
        self.runs_from
            .is_some_and(|start| start <= at && self.runs_until.is_none_or(|end| at < end))
    }

    /// The earliest moment it has something to say (the manager announces
    /// it when it is created).
    pub fn first_moment(&self) -> Timestamp {
        self.record.created_at
    }
}

/// Every container the app has or had, oldest records first.
pub fn sources(app: &AppRecord) -> Vec<Source<'_>> {
    app.past_containers
        .iter()
        .chain(&app.containers)
        .map(|record| Source::new(record, type_command(app, &record.kind)))
        .collect()
}

/// The command of a process type (empty when the Procfile decides).
pub fn type_command<'a>(app: &'a AppRecord, kind: &str) -> &'a str {
    app.formation
        .iter()
        .find(|t| t.name == kind)
        .map_or("", |t| t.command.as_str())
}

/// When router logs were on, as `[from, until)` periods, read back from the
/// `edit_app` events (which carry the new value) and the current setting.
pub fn router_periods(
    app: &AppRecord,
    events: &[EventRecord],
) -> Vec<(Timestamp, Option<Timestamp>)> {
    let mut changes: Vec<(Timestamp, bool)> = events
        .iter()
        .filter(|e| e.app_id == app.id && e.kind == "edit_app")
        .filter_map(|e| {
            e.type_data
                .get("router_logs")
                .and_then(Value::as_bool)
                .map(|on| (e.created_at, on))
        })
        .collect();
    changes.sort_by_key(|(at, _)| *at);
    let mut on = changes.first().map_or(app.router_logs, |(_, first)| !first);
    let mut since = Timestamp::MIN_UTC;
    let mut periods = Vec::new();
    for (at, value) in changes {
        if value == on {
            continue;
        }
        if on {
            periods.push((since, Some(at)));
        }
        on = value;
        since = at;
    }
    if on {
        periods.push((since, None));
    }
    periods
}

/// Whether `at` falls in one of `periods`.
pub fn within(periods: &[(Timestamp, Option<Timestamp>)], at: Timestamp) -> bool {
    periods
        .iter()
        .any(|(from, until)| *from <= at && until.is_none_or(|u| at < u))
}

/// Whether one of `periods` overlaps `[from, to)`.
pub fn overlaps(
    periods: &[(Timestamp, Option<Timestamp>)],
    from: Timestamp,
    to: Timestamp,
) -> bool {
    periods
        .iter()
        .any(|(start, until)| *start < to && until.is_none_or(|u| u > from))
}
