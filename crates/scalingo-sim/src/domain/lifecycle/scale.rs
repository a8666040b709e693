//! What a scale does to the containers of an app, planned when it starts.
//!
//! Added containers boot one after the other; removed ones stop (the
//! highest indexes first); a new size replaces every container of the type,
//! each old one stopping once its replacement runs. When the scale is to
//! fail, the new containers never get past `booting` and vanish when it
//! ends, and nothing stops: the app keeps its old formation.

use crate::domain::{
    ids,
    model::{AppRecord, ContainerRecord},
    time::Timestamp,
};

use super::timing::Timing;

/// The final amount and size of one process type (validated: the type
/// exists and the size is known).
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleTarget {
    pub name: String,
    pub amount: u32,
    pub size: String,
}

/// Changes the formation to the targets and plans the containers. Returns
/// when the operation ends.
pub fn plan_scale(
    app: &mut AppRecord,
    targets: &[ScaleTarget],
    now: Timestamp,
    timing: Timing,
    fails: bool,
) -> Timestamp {
    let start = now + timing.pending();
    let mut plan = Planner {
        start,
        timing,
        fails,
        started: 0,
        stopped: 0,
        last: start,
        new: Vec::new(),
    };
    for target in targets {
        plan_type(app, target, &mut plan);
    }
    let changed = plan.started + plan.stopped;
    let finishes_at = (now + timing.scale(changed)).max(plan.last + timing.margin());
    for mut container in plan.new {
        if fails {
            container.gone_at = Some(finishes_at);
        }
        app.upcoming_containers.push(container);
    }
    finishes_at
}

struct Planner {
    start: Timestamp,
    timing: Timing,
    fails: bool,
    started: usize,
    stopped: usize,
    last: Timestamp,
    new: Vec<ContainerRecord>,
}

impl Planner {
    /// A container that boots after the ones planned so far; returns when
    /// it will be running.
    fn boot(&mut self, kind: &str, type_index: u64, size: &str) -> Timestamp {
        let created_at = self.start + self.timing.stagger(self.started);
        self.started += 1;
        let running_at = created_at + self.timing.boot();
        self.last = self.last.max(running_at);
        self.new.push(ContainerRecord {
            id: ids::object_id(&mut rand::rng()),
            kind: kind.to_owned(),
            type_index,
            state: "booting".to_owned(),
            command: String::new(),
            size: size.to_owned(),
            created_at,
            running_at: (!self.fails).then_some(running_at),
            stopping_at: None,
            gone_at: None,
        });
        running_at
    }

    /// Stops `container` at `at`, or after the stops planned so far.
    fn stop(&mut self, container: &mut ContainerRecord, at: Option<Timestamp>) {
        if self.fails {
            return;
        }
        let stopping_at = at.unwrap_or(self.start + self.timing.stagger(self.stopped));
        self.stopped += 1;
        let gone_at = stopping_at + self.timing.stop();
        container.stopping_at = Some(stopping_at);
        container.gone_at = Some(gone_at);
        self.last = self.last.max(gone_at);
    }
}

fn plan_type(app: &mut AppRecord, target: &ScaleTarget, plan: &mut Planner) {
    let Some(process) = app.formation.iter_mut().find(|t| t.name == target.name) else {
        return;
    };
    let resized = process.size != target.size;
    process.amount = target.amount;
    process.size = target.size.clone();
    let amount = target.amount as usize;

    // The containers of the type that are not already on their way out.
    let mut current: Vec<usize> = (0..app.containers.len())
        .filter(|&i| {
            app.containers[i].kind == target.name && app.containers[i].stopping_at.is_none()
        })
        .collect();
    current.sort_by_key(|&i| app.containers[i].type_index);

    if resized {
        let mut replaced_at = Vec::new();
        for index in 1..=amount as u64 {
            replaced_at.push((index, plan.boot(&target.name, index, &target.size)));
        }
        for &i in &current {
            let index = app.containers[i].type_index;
            let at = replaced_at
                .iter()
                .find(|(replaced, _)| *replaced == index)
                .map(|(_, at)| *at);
            plan.stop(&mut app.containers[i], at);
        }
        return;
    }
    if amount < current.len() {
        // The highest indexes go first, as on the platform.
        for &i in current[amount..].iter().rev() {
            plan.stop(&mut app.containers[i], None);
        }
        return;
    }
    let taken: Vec<u64> = current
        .iter()
        .map(|&i| app.containers[i].type_index)
        .collect();
    let free = (1u64..).filter(|index| !taken.contains(index));
    for index in free.take(amount - current.len()) {
        plan.boot(&target.name, index, &target.size);
    }
}
