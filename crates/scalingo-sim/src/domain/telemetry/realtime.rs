//! `GET /apps/:app/stats`: what each running container uses now.
//!
//! Every container of `ps` in state `running` is listed, one-offs included
//! (they use memory and CPU like the others; booting and stopping ones are
//! left out). Values are the ones the series give for the same container
//! now (see `usage`), with the container's own size as the limits; the
//! highest usages are the peaks of the last six hours since its start.

use chrono::Duration;
use scalingo_api::ContainerStats;

use super::{metrics::AppMetrics, usage};
use crate::domain::{model::ContainerRecord, time::Timestamp};

/// How far back the highest usages look, and how finely.
const PEAK_WINDOW_MINUTES: i64 = 6 * 60;
const PEAK_STEP_MINUTES: i64 = 10;

pub fn stats(metrics: &AppMetrics<'_>, now: Timestamp) -> Vec<ContainerStats> {
    metrics
        .app
        .containers
        .iter()
        .filter(|c| c.state == "running")
        .map(|c| container_stats(metrics, c, now))
        .collect()
}

fn container_stats(
    metrics: &AppMetrics<'_>,
    container: &ContainerRecord,
    now: Timestamp,
) -> ContainerStats {
    let (memory_limit, swap_limit) = metrics.limits(&container.size);
    let in_formation = metrics
        .app
        .formation
        .iter()
        .any(|t| t.name == container.kind);
    let started = if in_formation {
        metrics
            .timeline
            .started(&container.kind, container.type_index, now)
    } else {
        container.running_at.unwrap_or(container.created_at)
    };
    let probe = |at: Timestamp| usage::Probe {
        app_id: &metrics.app.id,
        kind: &container.kind,
        index: container.type_index,
        memory_limit,
        swap_limit,
        started,
        at,
    };
    let current = probe(now);
    let memory = usage::memory(&current);
    let swap = usage::swap(&current);
    let mut highest_memory = memory;
    let mut highest_swap = swap;
    let mut at = now;
    for _ in 0..PEAK_WINDOW_MINUTES / PEAK_STEP_MINUTES {
        at -= Duration::minutes(PEAK_STEP_MINUTES);
        if at < started {
            break;
        }
        highest_memory = highest_memory.max(usage::memory(&probe(at)));
        highest_swap = highest_swap.max(usage::swap(&probe(at)));
    }
    ContainerStats {
        id: format!("{}-{}", container.kind, container.type_index),
        cpu_usage: usage::cpu(&current).round(),
        memory_usage: memory as u64,
        memory_limit,
        highest_memory_usage: highest_memory as u64,
        swap_usage: swap as u64,
        swap_limit,
        highest_swap_usage: highest_swap as u64,
    }
}
