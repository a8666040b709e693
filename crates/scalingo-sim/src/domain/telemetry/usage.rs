//! What one container uses at a moment: CPU (percent of a core, above 100
//! for sizes with several), memory and swap (bytes).
//!
//! Each is a deterministic function of the app, the container, its size,
//! when it last started and the moment, so a series and the real-time
//! stats agree, and a restart or a resize shows on the chart where the
//! event is drawn:
//! - memory climbs from about half its working set after a (re)start and
//!   settles in an hour or two, below the size's limit; a bigger size gives
//!   more room and the app uses part of it;
//! - CPU follows the day (busier in European afternoons), with drift,
//!   jitter, a spike while booting and, for workers, bursts of jobs;
//! - swap is mostly 0, with small amounts now and then.

use chrono::Timelike;

use super::noise;
use crate::domain::time::Timestamp;

const MIB: f64 = 1024.0 * 1024.0;
/// The size the baseline fractions are tuned for (M).
const REFERENCE_MEMORY: f64 = 512.0 * MIB;

/// Which behaviour a process type has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Web,
    Worker,
    Clock,
    OneOff,
}

impl Class {
    pub fn of(kind: &str) -> Class {
        match kind {
            "web" => Class::Web,
            "clock" | "scheduler" | "cron" => Class::Clock,
            "one-off" | "postdeploy" => Class::OneOff,
            _ => Class::Worker,
        }
    }
}

/// One container at one moment.
#[derive(Debug, Clone, Copy)]
pub struct Probe<'a> {
    pub app_id: &'a str,
    pub kind: &'a str,
    pub index: u64,
    /// Memory of its size, bytes.
    pub memory_limit: u64,
    /// Swap of its size, bytes.
    pub swap_limit: u64,
    /// Its last (re)start.
    pub started: Timestamp,
    pub at: Timestamp,
}

impl Probe<'_> {
    fn type_seed(&self, what: &str) -> u64 {
        noise::hash(&[self.app_id, self.kind, what])
    }

    fn container_seed(&self, what: &str) -> u64 {
        noise::mix(self.type_seed(what), self.index as i64)
    }

    fn seconds(&self) -> i64 {
        self.at.timestamp()
    }

    fn age_hours(&self) -> f64 {
        ((self.at - self.started).num_seconds().max(0)) as f64 / 3600.0
    }
}

/// 0.55 at night to 1.0 around 15:00 UTC.
pub fn daily_shape(at: Timestamp) -> f64 {
    let hour = f64::from(at.hour()) + f64::from(at.minute()) / 60.0;
    let phase = (hour - 9.0) / 24.0 * std::f64::consts::TAU;
    0.55 + 0.45 * (phase.sin() + 1.0) / 2.0
}

/// Memory in bytes, below the limit.
pub fn memory(p: &Probe<'_>) -> f64 {
    let limit = p.memory_limit as f64;
    if limit <= 0.0 {
        return 0.0;
    }
    let base = match Class::of(p.kind) {
        Class::Web => noise::between(p.type_seed("mem"), 0.38, 0.58),
        Class::Worker => noise::between(p.type_seed("mem"), 0.42, 0.66),
        Class::Clock => noise::between(p.type_seed("mem"), 0.22, 0.32),
        Class::OneOff => noise::between(p.type_seed("mem"), 0.15, 0.30),
    };
    // Smaller sizes run fuller; a bigger size is not filled in proportion.
    let room = (REFERENCE_MEMORY / limit).powf(0.3);
    let per_container = 0.95 + 0.1 * noise::unit(p.container_seed("mem"));
    let working_set = (base * room * per_container).min(0.86);
    let warm_up = 0.55 + 0.45 * (1.0 - (-p.age_hours() / 1.5).exp());
    let drift = 0.96 + 0.08 * noise::smooth(p.container_seed("mem-drift"), p.seconds(), 900);
    let jitter = 0.995 + 0.01 * noise::unit_at(p.container_seed("mem-jitter"), p.seconds() / 60);
    (limit * working_set * warm_up * drift * jitter)
        .min(limit * 0.95)
        .round()
}

/// CPU in percent of one core.
pub fn cpu(p: &Probe<'_>) -> f64 {
    let class = Class::of(p.kind);
    let base = match class {
        Class::Web => noise::between(p.type_seed("cpu"), 6.0, 22.0),
        Class::Worker => noise::between(p.type_seed("cpu"), 12.0, 38.0),
        Class::Clock => noise::between(p.type_seed("cpu"), 0.8, 3.0),
        Class::OneOff => noise::between(p.type_seed("cpu"), 20.0, 60.0),
    };
    // Bigger sizes have more CPU to use.
    let cores = (p.memory_limit as f64 / REFERENCE_MEMORY)
        .max(0.25)
        .powf(0.35);
    let drift = 0.7 + 0.6 * noise::smooth(p.container_seed("cpu-drift"), p.seconds(), 600);
    let jitter = 0.9 + 0.2 * noise::unit_at(p.container_seed("cpu-jitter"), p.seconds() / 60);
    let burst = if class == Class::Worker
        && noise::unit_at(p.container_seed("cpu-burst"), p.seconds() / 300) < 0.08
    {
        2.6
    } else {
        1.0
    };
    let age_seconds = (p.at - p.started).num_seconds().max(0) as f64;
    let boot = if age_seconds < 180.0 {
        55.0 * (1.0 - age_seconds / 180.0)
    } else {
        0.0
    };
    let value = base * cores * daily_shape(p.at) * drift * jitter * burst + boot;
    (value * 1000.0).round() / 1000.0
}

/// Swap in bytes: 0 most of the time, a few MiB in some half hours.
pub fn swap(p: &Probe<'_>) -> f64 {
    let slot = p.seconds() / 1800;
    if p.swap_limit == 0 || noise::unit_at(p.container_seed("swap"), slot) >= 0.12 {
        return 0.0;
    }
    let share = 0.001 + 0.015 * noise::unit_at(p.container_seed("swap-amount"), slot);
    // Pages go out in 4 KiB units.
    ((p.swap_limit as f64 * share) / 4096.0).round() * 4096.0
}
