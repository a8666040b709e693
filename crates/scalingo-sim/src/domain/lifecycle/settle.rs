//! Bringing the platform up to a moment: the container changes and the
//! operation ends planned for earlier are applied.
//!
//! Settling is a function of the records and the moment only, so settling
//! at 10:00:05 gives the same platform whether or not it was settled at
//! 10:00:02 before, or the simulator was restarted in between. That is what
//! lets every read settle without saving, and a data file written mid-way
//! through an operation carry on from where it was.

use scalingo_api::OperationStatus;

use crate::domain::{
    model::{AppRecord, ContainerRecord, Platform, UserRecord},
    time::Timestamp,
};

/// Containers kept per app after they leave `ps` (for their logs).
const PAST_KEPT: usize = 200;

impl Platform {
    pub fn settle(&mut self, now: Timestamp) {
        for app in &mut self.apps {
            settle_containers(app, now);
        }
        for index in 0..self.operations.len() {
            let op = &mut self.operations[index];
            if op.status.is_finished() {
                continue;
            }
            if now < op.running_at {
                continue;
            }
            if now < op.finishes_at {
                op.status = OperationStatus::Running;
                continue;
            }
            op.status = if op.error.is_some() {
                OperationStatus::Error
            } else {
                OperationStatus::Done
            };
            op.finished_at = Some(op.finishes_at);
            // A scale or restart that fails leaves a `crash` event on the
            // timeline, as containers that fail to start do on the platform.
            let crash = op
                .error
                .clone()
                .zip(op.failing_type.clone())
                .map(|(error, kind)| (error, kind, op.finishes_at));
            let (app_id, status, formation) = (
                op.app_id.clone(),
                op.final_status.clone(),
                op.restore_formation.take(),
            );
            if let Some((error, kind, at)) = crash {
                if let Some(index) = self.apps.iter().position(|a| a.id == app_id) {
                    let platform = UserRecord::platform();
                    let type_data = serde_json::json!({
                        "container_type": kind,
                        "crash_logs": error,
                    });
                    self.push_event("crash", index, &platform, type_data, at);
                }
            }
            if let Some(app) = self.apps.iter_mut().find(|a| a.id == app_id) {
                if let Some(status) = status {
                    app.status = status;
                }
                if let Some(formation) = formation {
                    app.formation = formation;
                }
            }
        }
        self.settle_deployments(now);
        self.settle_addons(now);
    }
}

fn settle_containers(app: &mut AppRecord, now: Timestamp) {
    let passed = |at: Option<Timestamp>| at.is_some_and(|at| at <= now);
    let before = app.containers.len();
    let (arrived, upcoming): (Vec<_>, Vec<_>) = std::mem::take(&mut app.upcoming_containers)
        .into_iter()
        .partition(|c| c.created_at <= now);
    app.upcoming_containers = upcoming;
    let arrivals = !arrived.is_empty();
    app.containers.extend(arrived);
    // States first, gone containers included: they are remembered as they
    // were when they left, whichever moments settling happened at.
    for container in &mut app.containers {
        if passed(container.stopping_at) {
            container.state = "stopping".to_owned();
        } else if passed(container.running_at) {
            container.state = "running".to_owned();
        }
    }
    let (gone, staying): (Vec<_>, Vec<_>) = std::mem::take(&mut app.containers)
        .into_iter()
        .partition(|c| passed(c.gone_at));
    app.containers = staying;
    if !gone.is_empty() {
        remember_gone(app, gone);
    }
    if arrivals || app.containers.len() != before {
        sort_containers(app);
    }
}

/// Keeps what left `ps` in `past_containers`, ordered by departure (then
/// id) whatever the moments settling happened at, so that settling stays a
/// function of the records and the moment.
fn remember_gone(app: &mut AppRecord, gone: Vec<ContainerRecord>) {
    let past = &mut app.past_containers;
    past.extend(gone);
    past.sort_by(|a, b| (a.gone_at, &a.id).cmp(&(b.gone_at, &b.id)));
    let excess = past.len().saturating_sub(PAST_KEPT);
    past.drain(..excess);
}

/// Process types in formation order, then one-offs; by index, the older
/// container of an index first (while a replacement boots beside it).
fn sort_containers(app: &mut AppRecord) {
    let rank = |kind: &str| {
        app.formation
            .iter()
            .position(|t| t.name == kind)
            .unwrap_or(app.formation.len())
    };
    let mut containers = std::mem::take(&mut app.containers);
    containers.sort_by(|a, b| {
        (rank(&a.kind), &a.kind, a.type_index, a.created_at).cmp(&(
            rank(&b.kind),
            &b.kind,
            b.type_index,
            b.created_at,
        ))
    });
    app.containers = containers;
}
