//! The demo's deployments, consistent with its history: a record for every
//! `deployment` event (the same id, moments, pusher, code and status), a
//! few failed attempts with their events (a `build-error` of `shop-api`
//! and `billing-service`, a `crashed-error` of `shop-api` and
//! `image-resizer`), and the deployment under way of the app that is
//! booting (`shop-worker`), which runs to its end on the clock and then
//! becomes the app's `last_deployment_id`.
//!
//! Also the environments of the demo apps (see `variables`). Drawn from a
//! stream of the seed's generator of its own, after everything else: the
//! rest of the demo is what it was before there were deployments.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use scalingo_api::{AppStatus, DeploymentStatus};
use serde_json::{json, Value};

use super::{variables, Generator};
use crate::domain::{
    builds::language_of,
    ids,
    lifecycle::{
        deployment::{phases, seed_of},
        Timing,
    },
    model::{BuildFailure, DeploymentRecord, EventRecord, EventUser, Platform},
    platform::event_user,
    time::{self, Timestamp},
};

/// The generator stream of the deployments and environments of the normal
/// demo (0 to 2 are the regions', the large demo's and the hostile
/// demo's).
const STREAM: u64 = 3;

/// The failed attempts the history gets: (app, status).
const FAILED_ATTEMPTS: [(&str, &str); 4] = [
    ("shop-api", "build-error"),
    ("shop-api", "crashed-error"),
    ("billing-service", "build-error"),
    ("image-resizer", "crashed-error"),
];

/// Apps whose environment holds a PEM key.
const WITH_PEM: [&str; 3] = ["shop-api", "billing-service", "patient-records"];

/// Adds the deployments and environments of the demo generated with `seed`
/// at `now`.
pub(super) fn generate(platform: &mut Platform, seed: u64, now: Timestamp) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    let mut g = Generator { rng, now };
    for (app, status) in FAILED_ATTEMPTS {
        failed_attempt(&mut g, platform, app, status);
    }
    platform.events.sort_by_key(|e| e.created_at);
    records_from_history(&mut g, platform);
    for index in 0..platform.apps.len() {
        if platform.apps[index].status == AppStatus::Booting {
            under_way(&mut g, platform, index);
        }
    }
    environments(&mut g, platform, |_| true);
}

/// The environments of the apps `wanted` picks that have none yet.
pub(crate) fn environments(
    g: &mut Generator,
    platform: &mut Platform,
    wanted: impl Fn(&str) -> bool,
) {
    let mut added = Vec::new();
    for app in platform.apps.iter().filter(|a| wanted(&a.name)) {
        if platform.variables.iter().any(|v| v.app_id == app.id) {
            continue;
        }
        let language = language_of(platform, app);
        added.extend(variables::environment(
            g,
            &app.id,
            &app.name,
            &app.region,
            &language,
            WITH_PEM.contains(&app.name.as_str()),
        ));
    }
    platform.variables.extend(added);
}

/// 40 hex characters, like a commit.
fn sha(g: &mut Generator) -> String {
    variables::hex(g, 20)
}

fn text<'a>(data: &'a Value, key: &str) -> Option<&'a str> {
    data.get(key).and_then(Value::as_str)
}

/// What the new containers of a deployment of `language` print when they
/// crash on start.
fn crash_logs(language: &str) -> String {
    match language {
        "ruby" => "bundler: failed to load command: puma (/app/vendor/bundle/ruby/3.3.0/bin/puma)\n\
                   /app/config/initializers/stripe.rb:3:in `<main>': key not found: \"STRIPE_API_KEY\" (KeyError)"
            .to_owned(),
        "python" => "Traceback (most recent call last):\n  File \"/app/resizer/worker.py\", line 4, in <module>\n\
                     ModuleNotFoundError: No module named 'resizer.settings_local'"
            .to_owned(),
        _ => "Error: Cannot find module './dist/server.js'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)\n\
              container web-1 exited with status 1"
            .to_owned(),
    }
}

/// A failed attempt of `app` between its last two deployments (its last
/// deployment stays its last), with its event.
fn failed_attempt(g: &mut Generator, platform: &mut Platform, app_name: &str, status: &str) {
    let Some(app) = platform.apps.iter().find(|a| a.name == app_name) else {
        return;
    };
    let mut deployments: Vec<&EventRecord> = platform
        .events
        .iter()
        .filter(|e| e.app_id == app.id && e.kind == "deployment")
        .collect();
    deployments.sort_by_key(|e| e.created_at);
    let Some(last) = deployments.last() else {
        return;
    };
    let earlier_end = deployments
        .iter()
        .rev()
        .nth(1)
        .and_then(|e| text(&e.type_data, "finished_at"))
        .and_then(parse_time)
        .unwrap_or(app.created_at);
    // Attempts already added since sit between the same two deployments.
    let added_since = platform
        .events
        .iter()
        .filter(|e| e.app_id == app.id && e.kind == "deployment" && e.created_at > earlier_end)
        .filter(|e| e.created_at < last.created_at)
        .map(|e| e.created_at + Duration::minutes(10))
        .max();
    let from = earlier_end
        .max(last.created_at - Duration::days(3))
        .max(added_since.unwrap_or(earlier_end));
    let to = last.created_at - Duration::minutes(15);
    if to <= from {
        return;
    }
    let span = (to - from).num_seconds().max(1);
    let created_at = from + Duration::seconds(g.rng.random_range(0..span));
    let duration = g.rng.random_range(50..200);
    let Some(owner) = platform.user(&app.owner_id).cloned() else {
        return;
    };
    let id = ids::uuid(&mut g.rng);
    let git_ref = sha(g);
    let stack = platform.stack(&app.stack_id).map(|s| s.name.clone());
    let finished_at = created_at + Duration::seconds(duration);
    let type_data = json!({
        "deployment_id": id,
        "deployment_uuid": id,
        "deployment_type": "deployment",
        "pusher": owner.username,
        "git_ref": git_ref,
        "git_ref_url": app.git_source.as_ref().map(|s| format!("{s}/commit/{git_ref}")),
        "status": status,
        "stack": stack,
        "duration": duration,
        "finished_at": time::format(&finished_at),
    });
    let project_name = platform
        .project(&app.project_id)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let event = EventRecord {
        id: ids::object_id(&mut g.rng),
        region: app.region.clone(),
        created_at,
        kind: "deployment".to_owned(),
        app_id: app.id.clone(),
        app_name: app.name.clone(),
        project_id: app.project_id.clone(),
        project_name,
        user: event_user(&owner),
        type_data,
    };
    platform.events.push(event);
}

fn parse_time(text: &str) -> Option<Timestamp> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A record for every `deployment` event that has none yet, app by app,
/// oldest first: the code each one replaced is the last success before
/// it, the first build of an app had no cache.
pub(crate) fn records_from_history(g: &mut Generator, platform: &mut Platform) {
    let known: HashSet<&str> = platform.deployments.iter().map(|d| d.id.as_str()).collect();
    let mut by_app: HashMap<&str, Vec<&EventRecord>> = HashMap::new();
    for event in platform.events.iter().filter(|e| e.kind == "deployment") {
        let id = text(&event.type_data, "deployment_id").unwrap_or_default();
        if !known.contains(id) {
            by_app.entry(event.app_id.as_str()).or_default().push(event);
        }
    }
    let mut records = Vec::new();
    for app in &platform.apps {
        let Some(events) = by_app.get_mut(app.id.as_str()) else {
            continue;
        };
        events.sort_by_key(|e| e.created_at);
        let language = language_of(platform, app);
        let base_image = platform
            .stack(&app.stack_id)
            .and_then(|s| s.base_image.clone())
            .unwrap_or_default();
        let mut running: Option<String> = None;
        for (n, event) in events.iter().enumerate() {
            let data = &event.type_data;
            let id = text(data, "deployment_id")
                .map(str::to_owned)
                .unwrap_or_else(|| ids::uuid(&mut g.rng));
            let outcome =
                DeploymentStatus::from(text(data, "status").unwrap_or("success").to_owned());
            let seconds = data
                .get("duration")
                .and_then(Value::as_i64)
                .unwrap_or(60)
                .max(1);
            let created_at = event.created_at;
            let finishes_at = text(data, "finished_at")
                .and_then(parse_time)
                .filter(|at| *at > created_at)
                .unwrap_or(created_at + Duration::seconds(seconds));
            let (pushing_at, starting_at) = phases(created_at, finishes_at - created_at, &outcome);
            let failure = match outcome {
                DeploymentStatus::BuildError => Some(BuildFailure::Dependencies),
                DeploymentStatus::CrashedError => Some(BuildFailure::Crash {
                    logs: crash_logs(&language),
                }),
                _ => None,
            };
            let git_ref = text(data, "git_ref")
                .map(str::to_owned)
                .unwrap_or_else(|| sha(g));
            let image_size = pushing_at.map(|_| 90_000_000 + seed_of(&id) % 330_000_000);
            let previous_git_ref = running.clone();
            if outcome == DeploymentStatus::Success {
                running = Some(git_ref.clone());
            }
            records.push(DeploymentRecord {
                id,
                app_id: app.id.clone(),
                created_at,
                building_at: created_at,
                pushing_at,
                starting_at,
                finishes_at,
                status: outcome.clone(),
                outcome,
                git_ref,
                previous_git_ref,
                kind: text(data, "deployment_type")
                    .unwrap_or("deployment")
                    .to_owned(),
                image_size,
                stack_base_image: base_image.clone(),
                postdeploy_hook: None,
                pusher: event.user.clone(),
                language: language.clone(),
                cold_cache: n == 0,
                failure,
                source_url: None,
                status_before: AppStatus::Running,
                new_formation: None,
            });
        }
    }
    platform.deployments.extend(records);
    platform.deployments.sort_by_key(|d| d.created_at);
}

/// The deployment under way of a booting app: it started at the app's
/// `last_deployed_at` and ends 40 to 80 seconds after `now` (at the
/// platform's pace, see [`pace_under_way`]), when its booting containers
/// turn running.
fn under_way(g: &mut Generator, platform: &mut Platform, index: usize) {
    let app = &platform.apps[index];
    let Some(created_at) = app.last_deployed_at else {
        return;
    };
    let now = g.now;
    let finishes_at = now + Duration::seconds(g.rng.random_range(40..80));
    let starting_at = finishes_at - Duration::seconds(8);
    let pushing_at = starting_at - Duration::seconds(6);
    let pusher = app
        .last_deployed_by
        .as_deref()
        .and_then(|name| platform.users.iter().find(|u| u.username == name))
        .or_else(|| platform.user(&app.owner_id))
        .map(event_user)
        .unwrap_or(EventUser {
            id: String::new(),
            username: String::new(),
            email: String::new(),
        });
    let previous_git_ref = platform
        .deployments_of(&app.id)
        .rfind(|d| d.outcome == DeploymentStatus::Success)
        .map(|d| d.git_ref.clone());
    let id = ids::uuid(&mut g.rng);
    let mut record = DeploymentRecord {
        image_size: Some(90_000_000 + seed_of(&id) % 330_000_000),
        id,
        app_id: app.id.clone(),
        created_at,
        building_at: created_at,
        pushing_at: Some(pushing_at),
        starting_at: Some(starting_at),
        finishes_at,
        outcome: DeploymentStatus::Success,
        status: DeploymentStatus::Building,
        git_ref: sha(g),
        previous_git_ref,
        kind: "deployment".to_owned(),
        stack_base_image: platform
            .stack(&app.stack_id)
            .and_then(|s| s.base_image.clone())
            .unwrap_or_default(),
        postdeploy_hook: None,
        pusher,
        language: language_of(platform, app),
        cold_cache: false,
        failure: None,
        source_url: None,
        status_before: AppStatus::Running,
        new_formation: None,
    };
    record.status = record.status_at(now);
    let running_at = finishes_at - Duration::milliseconds(200);
    for container in &mut platform.apps[index].containers {
        if container.state == "booting" && container.running_at.is_none() {
            container.running_at = Some(running_at);
        }
    }
    platform.deployments.push(record);
}

/// The demo is generated at the platform's own pace: at another speed,
/// what is still to come of the deployments under way (and of their
/// apps' containers) comes that much sooner, as the operations started
/// later do.
pub fn pace_under_way(platform: &mut Platform, now: Timestamp, timing: Timing) {
    let speed = timing.speed();
    if speed == 1.0 {
        return;
    }
    let pace = |at: &mut Timestamp| {
        if *at > now {
            let micros = (*at - now).num_microseconds().unwrap_or(i64::MAX) as f64 / speed;
            *at = now + Duration::microseconds(micros.round() as i64);
        }
    };
    let mut busy = HashSet::new();
    for deployment in platform
        .deployments
        .iter_mut()
        .filter(|d| !d.status.is_finished())
    {
        busy.insert(deployment.app_id.clone());
        let moments = [
            Some(&mut deployment.building_at),
            deployment.pushing_at.as_mut(),
            deployment.starting_at.as_mut(),
            Some(&mut deployment.finishes_at),
        ];
        moments.into_iter().flatten().for_each(pace);
    }
    for app in platform.apps.iter_mut().filter(|a| busy.contains(&a.id)) {
        for container in app
            .containers
            .iter_mut()
            .chain(&mut app.upcoming_containers)
        {
            let moments = [
                Some(&mut container.created_at),
                container.running_at.as_mut(),
                container.stopping_at.as_mut(),
                container.gone_at.as_mut(),
            ];
            moments.into_iter().flatten().for_each(pace);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{builds, demo::generate, hostile};

    #[test]
    fn every_deployment_event_has_its_record_and_the_last_success_is_the_apps() {
        let now = time::now();
        let p = generate(42, now);
        let ids: HashSet<&str> = p.deployments.iter().map(|d| d.id.as_str()).collect();
        for event in p.events.iter().filter(|e| e.kind == "deployment") {
            let id = event.type_data["deployment_id"].as_str().unwrap();
            assert!(ids.contains(id), "{}: {id}", event.app_name);
        }
        for app in &p.apps {
            let last_success = p
                .deployments_of(&app.id)
                .filter(|d| d.status == DeploymentStatus::Success)
                .max_by_key(|d| d.finishes_at);
            assert_eq!(
                last_success.map(|d| d.id.clone()),
                app.last_deployment_id.clone(),
                "{}",
                app.name
            );
            let count = p.variables_of(&app.id).count();
            assert!((5..=30).contains(&count), "{}: {count} variables", app.name);
        }
        for status in ["success", "build-error", "crashed-error"] {
            assert!(
                p.deployments.iter().any(|d| d.status.as_str() == status),
                "{status}"
            );
        }
        let worker = p.apps.iter().find(|a| a.name == "shop-worker").unwrap();
        let under_way: Vec<_> = p
            .deployments
            .iter()
            .filter(|d| !d.status.is_finished())
            .collect();
        assert_eq!(under_way.len(), 1);
        assert_eq!(under_way[0].app_id, worker.id);
        assert_eq!(Some(under_way[0].created_at), worker.last_deployed_at);
        assert!(p
            .variables
            .iter()
            .any(|v| v.value.contains("-----BEGIN PRIVATE KEY-----\n")));
        assert!(p
            .variables
            .iter()
            .any(|v| v.value == "$SCALINGO_POSTGRESQL_URL"));
        // Failed builds say why.
        let failed = p
            .deployments
            .iter()
            .find(|d| d.status == DeploymentStatus::BuildError)
            .unwrap();
        let app = p.apps.iter().find(|a| a.id == failed.app_id).unwrap();
        let output = builds::output_at(failed, &builds::BuildContext::new(&p, app), now);
        assert!(output.contains("Push rejected"), "{output}");
    }

    #[test]
    fn the_deployment_under_way_ends_and_the_app_runs() {
        let now = time::now();
        let mut p = generate(42, now);
        let worker = p.apps.iter().position(|a| a.name == "shop-worker").unwrap();
        let events = p.events.len();
        p.settle(now + Duration::minutes(2));
        let app = &p.apps[worker];
        assert_eq!(app.status, AppStatus::Running);
        assert!(app.containers.iter().all(|c| c.state == "running"));
        let last = p
            .deployments
            .iter()
            .rev()
            .find(|d| d.app_id == app.id)
            .unwrap();
        assert_eq!(last.status, DeploymentStatus::Success);
        assert_eq!(app.last_deployment_id.as_deref(), Some(last.id.as_str()));
        assert_eq!(p.events.len(), events + 1);
        let event = p.events.last().unwrap();
        assert_eq!(
            (event.kind.as_str(), event.created_at),
            ("deployment", last.finishes_at)
        );
        assert_eq!(event.type_data["status"], "success");
    }

    #[test]
    fn pacing_brings_what_remains_closer() {
        let now = time::now();
        let mut p = generate(42, now);
        let before = p
            .deployments
            .iter()
            .find(|d| !d.status.is_finished())
            .unwrap()
            .clone();
        pace_under_way(&mut p, now, Timing::new(10.0));
        let after = p.deployments.iter().find(|d| d.id == before.id).unwrap();
        assert_eq!(after.created_at, before.created_at);
        let remaining = |d: &DeploymentRecord| (d.finishes_at - now).num_milliseconds();
        assert_eq!(remaining(after), remaining(&before) / 10);
    }

    #[test]
    fn the_hostile_demo_has_builds_and_variables_at_the_limits() {
        let now = time::now();
        let mut p = generate(42, now);
        hostile::add(&mut p, 42, now);
        let longest = |n: usize| p.variables.iter().any(|v| v.name.chars().count() == n);
        assert!(longest(scalingo_api::MAX_VARIABLE_NAME_LEN));
        assert!(p
            .variables
            .iter()
            .any(|v| v.value.chars().count() == scalingo_api::MAX_VARIABLE_VALUE_LEN));
        for variable in &p.variables {
            assert!(
                scalingo_api::variable_errors(&variable.name, &variable.value).is_empty(),
                "{}",
                variable.name
            );
        }
        let probe = p
            .apps
            .iter()
            .find(|a| a.name == hostile::XSS_PROBE)
            .unwrap();
        let deployment = p.deployments_of(&probe.id).last().unwrap();
        let output = builds::output_at(deployment, &builds::BuildContext::new(&p, probe), now);
        assert!(output.contains("<script>") && output.contains("\u{1b}]8;;javascript:"));
        assert!(output.lines().any(|l| l.len() > 100_000));
    }
}
