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

/// Deployments of three apps at `now`: one that succeeds, one queued
/// behind it, one that fails, and a first deployment of a new app.
fn deploying_platform(now: time::Timestamp) -> Platform {
    use super::DeploymentOrder;
    use crate::domain::model::{BuildFailure, EventUser};
    let timing = Timing::new(10.0);
    let mut p = demo::generate(3, now);
    let pusher = EventUser {
        id: p.users[0].id.clone(),
        username: p.users[0].username.clone(),
        email: p.users[0].email.clone(),
    };
    let order = |failure: Option<BuildFailure>| DeploymentOrder {
        git_ref: "v2".into(),
        kind: "archive",
        source_url: Some("https://example.com/v2.tar.gz".into()),
        pusher: pusher.clone(),
        failure,
    };
    let web = index(&p, "shop-web");
    p.start_deployment(web, order(None), now, timing);
    p.start_deployment(web, order(None), now, timing);
    let docs = index(&p, "docs-site");
    p.start_deployment(docs, order(Some(BuildFailure::Dependencies)), now, timing);
    let new = index(&p, "marketing-site");
    p.start_deployment(new, order(None), now, timing);
    p
}

#[test]
fn deployments_settle_in_steps_as_at_once() {
    use scalingo_api::DeploymentStatus;
    let now = time::now();
    let start = deploying_platform(now);
    let mut stepped = start.clone();
    for step in 0..=80 {
        let at = now + Duration::milliseconds(250 * step);
        stepped.settle(at);
        let mut once = start.clone();
        once.settle(at);
        // Events pushed while settling get random ids; the rest agrees.
        let without_ids = |p: &Platform| {
            let mut p = p.clone();
            p.events.iter_mut().for_each(|e| e.id.clear());
            p
        };
        assert_eq!(without_ids(&stepped), without_ids(&once), "at step {step}");
    }
    let web = &stepped.apps[index(&stepped, "shop-web")];
    let statuses: Vec<_> = stepped
        .deployments_of(&web.id)
        .rev()
        .take(2)
        .map(|d| d.status.clone())
        .collect();
    assert_eq!(
        statuses,
        [DeploymentStatus::Success, DeploymentStatus::Success]
    );
    assert_eq!(web.status, AppStatus::Running);
    let docs = &stepped.apps[index(&stepped, "docs-site")];
    let failed = stepped.deployments_of(&docs.id).last().unwrap();
    assert_eq!(failed.status, DeploymentStatus::BuildError);
    assert_eq!(docs.status, AppStatus::Running);
    assert_ne!(docs.last_deployment_id.as_deref(), Some(failed.id.as_str()));
    let new = &stepped.apps[index(&stepped, "marketing-site")];
    assert_eq!(new.status, AppStatus::Running);
    assert_eq!(new.formation.len(), 1);
    assert_eq!(new.containers.len(), 1);
    assert_eq!(new.containers[0].state, "running");
}

#[test]
fn a_second_deployment_waits_for_the_first() {
    use scalingo_api::DeploymentStatus;
    let now = time::now();
    let p = deploying_platform(now);
    let web = &p.apps[index(&p, "shop-web")];
    let mine: Vec<_> = p.deployments_of(&web.id).rev().take(2).collect();
    let (second, first) = (mine[0], mine[1]);
    assert_eq!(first.status, DeploymentStatus::Building);
    assert_eq!(second.status, DeploymentStatus::Queued);
    assert_eq!(second.building_at, first.finishes_at);
    assert_eq!(web.status, AppStatus::Booting);
}
