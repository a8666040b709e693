//! Settling is a function of the records and the moment: settling step by
//! step gives the platform that settling once does.

use chrono::Duration;
use scalingo_api::{AppStatus, OperationStatus};

use super::{
    operation::OperationPlan,
    restart::{plan_restart, restart_targets},
    scale::{plan_scale, ScaleTarget},
    timing::Timing,
};
use crate::domain::{demo, model::Platform, time};

fn index(p: &Platform, name: &str) -> usize {
    p.apps.iter().position(|a| a.name == name).unwrap()
}

/// The demo platform with a scale of shop-api and a restart of shop-web
/// planned at `now`.
fn busy_platform(now: time::Timestamp, fails: bool) -> Platform {
    let timing = Timing::new(1.0);
    let mut p = demo::generate(3, now);
    let api = index(&p, "shop-api");
    let targets = [
        ScaleTarget {
            name: "web".into(),
            amount: 5,
            size: "XL".into(),
        },
        ScaleTarget {
            name: "worker".into(),
            amount: 0,
            size: "M".into(),
        },
    ];
    let before = p.apps[api].formation.clone();
    let finishes_at = plan_scale(&mut p.apps[api], &targets, now, timing, fails);
    p.apps[api].status = AppStatus::Scaling;
    p.push_operation(OperationPlan {
        kind: "scale",
        app_id: p.apps[api].id.clone(),
        created_at: now,
        running_at: now + timing.pending(),
        finishes_at,
        error: fails.then(|| "boom".to_owned()),
        final_status: Some(AppStatus::Running),
        restore_formation: fails.then_some(before),
        container_id: None,
        failing_type: None,
    });
    let web = index(&p, "shop-web");
    let targets = restart_targets(&p.apps[web], &[]).unwrap();
    let finishes_at = plan_restart(&mut p.apps[web], &targets, now, timing, fails);
    p.push_operation(OperationPlan {
        kind: "restart",
        app_id: p.apps[web].id.clone(),
        created_at: now,
        running_at: now + timing.pending(),
        finishes_at,
        error: None,
        final_status: Some(AppStatus::Running),
        restore_formation: None,
        container_id: None,
        failing_type: None,
    });
    p
}

#[test]
fn settling_in_steps_or_at_once_agrees() {
    let now = time::now();
    for fails in [false, true] {
        let start = busy_platform(now, fails);
        let mut stepped = start.clone();
        for step in 0..=60 {
            let at = now + Duration::milliseconds(250 * step);
            stepped.settle(at);
            let mut once = start.clone();
            once.settle(at);
            assert_eq!(stepped, once, "at step {step}, fails: {fails}");
        }
        assert!(stepped.operations.iter().all(|op| op.status.is_finished()));
    }
}

#[test]
fn a_finished_scale_leaves_the_formation_running() {
    let now = time::now();
    let mut p = busy_platform(now, false);
    p.settle(now + Duration::seconds(30));
    let app = &p.apps[index(&p, "shop-api")];
    assert_eq!(app.status, AppStatus::Running);
    assert!(app.upcoming_containers.is_empty());
    for process in &app.formation {
        let running: Vec<_> = app
            .containers
            .iter()
            .filter(|c| c.kind == process.name)
            .collect();
        assert_eq!(running.len(), process.amount as usize, "{}", process.name);
        assert!(running
            .iter()
            .all(|c| c.state == "running" && c.size == process.size));
    }
    let op = &p.operations[0];
    assert_eq!(op.status, OperationStatus::Done);
    assert_eq!(op.finished_at, Some(op.finishes_at));
}

#[test]
fn a_failed_scale_puts_the_formation_back() {
    let now = time::now();
    let original = demo::generate(3, now);
    let mut p = busy_platform(now, true);
    p.settle(now + Duration::seconds(30));
    let api = index(&p, "shop-api");
    assert_eq!(p.apps[api].formation, original.apps[api].formation);
    assert_eq!(p.apps[api].containers, original.apps[api].containers);
    assert_eq!(p.operations[0].status, OperationStatus::Error);
}
