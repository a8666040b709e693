//! One app's metrics, computed on demand from its timeline: per-container
//! usage, and the router's requests and response times.

use super::{
    requests::{self, Requests},
    timeline::Timeline,
    usage::{self, Probe},
};
use crate::domain::{
    model::{AppRecord, Platform},
    time::Timestamp,
};

/// A per-container metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Cpu,
    Memory,
    Swap,
}

/// One app's metrics.
pub struct AppMetrics<'a> {
    pub platform: &'a Platform,
    pub app: &'a AppRecord,
    pub timeline: Timeline,
}

impl<'a> AppMetrics<'a> {
    pub fn new(platform: &'a Platform, app: &'a AppRecord) -> Self {
        AppMetrics {
            platform,
            app,
            timeline: Timeline::new(app, &platform.events),
        }
    }

    /// Memory and swap limits of a size, bytes.
    pub fn limits(&self, size: &str) -> (u64, u64) {
        self.platform
            .container_size(size)
            .map_or((0, 0), |s| (s.memory, s.swap.unwrap_or(0)))
    }

    /// Container `index` of `kind` at `at`, if it ran then.
    pub fn probe<'k>(&'k self, kind: &'k str, index: u64, at: Timestamp) -> Option<Probe<'k>> {
        let formation = self.timeline.at(kind, at)?;
        if index == 0 || index > u64::from(formation.amount) {
            return None;
        }
        let (memory_limit, swap_limit) = self.limits(&formation.size);
        Some(Probe {
            app_id: &self.app.id,
            kind,
            index,
            memory_limit,
            swap_limit,
            started: self.timeline.started(kind, index, at),
            at,
        })
    }

    /// A per-container metric of container `index`, or the mean over the
    /// containers of the type when `index` is `None`; `None` when nothing
    /// of the type ran at `at`.
    pub fn usage(
        &self,
        metric: Usage,
        kind: &str,
        index: Option<u64>,
        at: Timestamp,
    ) -> Option<f64> {
        let value = |probe: &Probe<'_>| match metric {
            Usage::Cpu => usage::cpu(probe),
            Usage::Memory => usage::memory(probe),
            Usage::Swap => usage::swap(probe),
        };
        match index {
            Some(index) => self.probe(kind, index, at).map(|p| value(&p)),
            None => {
                let amount = self.timeline.at(kind, at)?.amount;
                let values: Vec<f64> = (1..=u64::from(amount))
                    .filter_map(|i| self.probe(kind, i, at))
                    .map(|p| value(&p))
                    .collect();
                (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
            }
        }
    }

    /// Whether the app ever had web containers (the router's series).
    pub fn has_router(&self) -> bool {
        self.timeline.type_since("web").is_some()
    }

    /// The router's requests at `at`; `None` while no web container runs.
    pub fn requests(&self, at: Timestamp) -> Option<Requests> {
        let web = self.timeline.web_count(at);
        (web > 0).then(|| requests::requests(&self.app.id, web, at, self.timeline.disruptions()))
    }

    /// Response time (`median`, `p95`, `p99`) at `at`, in milliseconds.
    pub fn response_time(&self, at: Timestamp, statistic: &str) -> Option<f64> {
        let web = self.timeline.web_count(at);
        (web > 0).then(|| requests::response_time(&self.app.id, web, at, statistic))
    }
}
