//! One-off containers: how long they live.
//!
//! A detached one-off boots, runs for as long as its command takes, and
//! leaves `ps` when it exits. An attached one-off waits in `booting` for a
//! terminal to attach; nobody can from a browser, so it is given up after a
//! while, as the platform does with idle sessions.

use crate::domain::{
    ids,
    model::{AppRecord, ContainerRecord},
    time::Timestamp,
};

use super::timing::Timing;

/// The most one-off containers an app runs at once.
pub const MAX_PER_APP: usize = 10;

/// One-off indexes start high, as on the platform (`one-off-9410`), at a
/// place that depends on the app so that labels differ between apps.
fn first_index(app_id: &str) -> u64 {
    let hash = app_id
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    1000 + hash % 8000
}

pub fn running_one_offs(app: &AppRecord) -> usize {
    app.containers
        .iter()
        .chain(&app.upcoming_containers)
        .filter(|c| c.kind == "one-off")
        .count()
}

/// Adds a one-off container to the app. Its life follows from the command
/// (detached) or the attach timeout, unless its start fails: it then
/// disappears at `fails_at`.
pub fn start_one_off(
    app: &mut AppRecord,
    command: &str,
    size: &str,
    detached: bool,
    now: Timestamp,
    timing: Timing,
    fails_at: Option<Timestamp>,
) -> ContainerRecord {
    let type_index = if app.last_one_off_index == 0 {
        first_index(&app.id)
    } else {
        app.last_one_off_index + 1
    };
    app.last_one_off_index = type_index;
    let (running_at, gone_at) = if detached {
        let running_at = now + timing.one_off_boot();
        (Some(running_at), running_at + timing.one_off_run(command))
    } else {
        (None, fails_at.unwrap_or(now + timing.attach_timeout()))
    };
    let container = ContainerRecord {
        id: ids::object_id(&mut rand::rng()),
        kind: "one-off".to_owned(),
        type_index,
        state: "booting".to_owned(),
        command: command.to_owned(),
        size: size.to_owned(),
        created_at: now,
        running_at,
        stopping_at: None,
        gone_at: Some(gone_at),
    };
    app.containers.push(container.clone());
    container
}

/// Starts stopping a one-off (again, if it already is: nothing changes).
pub fn stop_one_off(container: &mut ContainerRecord, now: Timestamp, timing: Timing) {
    if container.stopping_at.is_some_and(|at| at <= now) {
        return;
    }
    let gone_at = now + timing.stop();
    container.stopping_at = Some(now);
    container.gone_at = Some(container.gone_at.map_or(gone_at, |at| at.min(gone_at)));
    container.state = "stopping".to_owned();
}
