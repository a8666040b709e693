//! What a restart does to the containers of an app, planned when it starts.
//!
//! Restarts roll: each container gets a replacement (a new id and date),
//! which boots first; the old one stops once the new one runs. When the
//! restart is to fail, the replacements never get past `booting` and vanish
//! when it ends, and the old containers keep running.

use crate::domain::{
    ids,
    model::{AppRecord, ContainerRecord},
    time::Timestamp,
};

use super::timing::Timing;

/// The containers of the app a scope designates: every container of a
/// process type (`web`) or the container of a label (`web-1`); an empty
/// scope is every container of every type. One-offs are not restarted, and
/// containers already stopping are left to stop. `Err` carries the scope
/// items that match nothing.
pub fn restart_targets(app: &AppRecord, scope: &[String]) -> Result<Vec<usize>, Vec<String>> {
    let restartable = |c: &ContainerRecord| {
        c.stopping_at.is_none() && app.formation.iter().any(|t| t.name == c.kind)
    };
    let label = |c: &ContainerRecord| format!("{}-{}", c.kind, c.type_index);
    let mut unknown = Vec::new();
    let mut targets = Vec::new();
    if scope.is_empty() {
        targets.extend((0..app.containers.len()).filter(|&i| restartable(&app.containers[i])));
    }
    for item in scope {
        let is_type = app.formation.iter().any(|t| &t.name == item);
        let matching: Vec<usize> = (0..app.containers.len())
            .filter(|&i| {
                let c = &app.containers[i];
                restartable(c)
                    && (if is_type {
                        &c.kind == item
                    } else {
                        &label(c) == item
                    })
            })
            .collect();
        if !is_type && matching.is_empty() {
            unknown.push(item.clone());
        }
        targets.extend(matching);
    }
    if !unknown.is_empty() {
        return Err(unknown);
    }
    targets.sort_unstable();
    targets.dedup();
    Ok(targets)
}

/// Plans the replacement of `targets`; returns when the restart ends.
pub fn plan_restart(
    app: &mut AppRecord,
    targets: &[usize],
    now: Timestamp,
    timing: Timing,
    fails: bool,
) -> Timestamp {
    let start = now + timing.pending();
    let mut last = start;
    let mut new = Vec::new();
    for (step, &i) in targets.iter().enumerate() {
        let old = &mut app.containers[i];
        let created_at = start + timing.stagger(step);
        let running_at = created_at + timing.boot();
        last = last.max(running_at);
        new.push(ContainerRecord {
            id: ids::object_id(&mut rand::rng()),
            kind: old.kind.clone(),
            type_index: old.type_index,
            state: "booting".to_owned(),
            command: old.command.clone(),
            size: old.size.clone(),
            created_at,
            running_at: (!fails).then_some(running_at),
            stopping_at: None,
            gone_at: None,
        });
        if !fails {
            let gone_at = running_at + timing.stop();
            old.stopping_at = Some(running_at);
            old.gone_at = Some(gone_at);
            last = last.max(gone_at);
        }
    }
    let finishes_at = (now + timing.restart(targets.len())).max(last + timing.margin());
    for mut container in new {
        if fails {
            container.gone_at = Some(finishes_at);
        }
        app.upcoming_containers.push(container);
    }
    finishes_at
}
