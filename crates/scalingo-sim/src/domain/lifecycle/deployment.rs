//! Deployments: planned whole when they are created, moved by settling.
//!
//! A deployment builds (`building`), pushes its image (`pushing`), starts
//! its containers (`starting`) and ends in `success`, or stops early: a
//! build that fails ends in `build-error` and changes nothing else. One
//! deployment runs at a time per app: one created while another is under
//! way waits in `queued` until that one ends.
//!
//! Starting is a rolling restart of every container of the app (see
//! `restart`), planned at creation for the moment the deployment reaches
//! it; the first deployment of an app gives it a `web` container of size
//! M. A deployment queued behind another plans no container of its own
//! (a simplification: the platform would restart them again): the
//! containers of the app are already on their way out when it is created,
//! or not there yet.
//! While a deployment is under way the app is `booting`; at its end the
//! app is `running` again (or `stopped`, when it runs nothing), or back to
//! what it was before when the deployment failed.

use chrono::Duration;
use scalingo_api::{AppStatus, DeploymentStatus};
use serde_json::json;

use super::{
    restart::{plan_restart, restart_targets},
    timing::Timing,
};
use crate::domain::{
    builds::language_of,
    ids,
    model::{
        BuildFailure, ContainerRecord, ContainerTypeRecord, DeploymentRecord, EventUser, Platform,
    },
    time::{self, Timestamp},
};

/// What a new deployment deploys, and who asked.
pub struct DeploymentOrder {
    pub git_ref: String,
    /// `deployment` or `archive`.
    pub kind: &'static str,
    pub source_url: Option<String>,
    pub pusher: EventUser,
    /// `Some`: the build fails, and why.
    pub failure: Option<BuildFailure>,
}

/// A number drawn from an id, for what varies between deployments without
/// being stored (a build's pace, its image's size, its output's details).
pub fn seed_of(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl DeploymentRecord {
    /// The status at `at`, from the planned moments.
    pub fn status_at(&self, at: Timestamp) -> DeploymentStatus {
        let passed = |moment: Option<Timestamp>| moment.is_some_and(|m| m <= at);
        if at >= self.finishes_at {
            self.outcome.clone()
        } else if passed(self.starting_at) {
            DeploymentStatus::Starting
        } else if passed(self.pushing_at) {
            DeploymentStatus::Pushing
        } else if at >= self.building_at {
            DeploymentStatus::Building
        } else {
            DeploymentStatus::Queued
        }
    }

    /// Every status it goes through, with the moment it does, its outcome
    /// last.
    pub fn steps(&self) -> Vec<(Timestamp, DeploymentStatus)> {
        let mut steps = Vec::new();
        if self.building_at > self.created_at {
            steps.push((self.created_at, DeploymentStatus::Queued));
        }
        steps.push((self.building_at, DeploymentStatus::Building));
        if let Some(at) = self.pushing_at.filter(|at| *at < self.finishes_at) {
            steps.push((at, DeploymentStatus::Pushing));
        }
        if let Some(at) = self.starting_at.filter(|at| *at < self.finishes_at) {
            steps.push((at, DeploymentStatus::Starting));
        }
        steps.push((self.finishes_at, self.outcome.clone()));
        steps
    }

    /// Whole seconds from its creation to its end.
    pub fn duration_seconds(&self) -> u64 {
        u64::try_from((self.finishes_at - self.created_at).num_seconds()).unwrap_or(0)
    }

    /// When its build ends: when it pushes, or when it fails.
    pub fn build_ends_at(&self) -> Timestamp {
        self.pushing_at.unwrap_or(self.finishes_at)
    }
}

impl Platform {
    /// The deployments of an app, oldest first.
    pub fn deployments_of<'a>(
        &'a self,
        app_id: &'a str,
    ) -> impl DoubleEndedIterator<Item = &'a DeploymentRecord> + 'a {
        self.deployments.iter().filter(move |d| d.app_id == app_id)
    }

    /// The code the app runs: its last successful deployment's.
    fn running_git_ref(&self, app_id: &str) -> Option<String> {
        self.deployments_of(app_id)
            .filter(|d| d.status == DeploymentStatus::Success)
            .max_by_key(|d| d.finishes_at)
            .map(|d| d.git_ref.clone())
    }

    /// Creates a deployment of the app at `app_index` and plans it (see
    /// the module documentation); returns its id.
    pub fn start_deployment(
        &mut self,
        app_index: usize,
        order: DeploymentOrder,
        now: Timestamp,
        timing: Timing,
    ) -> String {
        let id = ids::uuid(&mut rand::rng());
        let seed = seed_of(&id);
        let app = &self.apps[app_index];
        let under_way: Vec<&DeploymentRecord> = self
            .deployments_of(&app.id)
            .filter(|d| !d.status.is_finished())
            .collect();
        let building_at = under_way
            .iter()
            .map(|d| d.finishes_at)
            .max()
            .unwrap_or(now)
            .max(now);
        let status_before = under_way
            .first()
            .map_or_else(|| app.status.clone(), |d| d.status_before.clone());
        let queued = !under_way.is_empty();
        let previous_git_ref = self.running_git_ref(&app.id);
        let language = language_of(self, app);
        let cold_cache = app.build_cache_reset || previous_git_ref.is_none();
        let stack_base_image = self
            .stack(&app.stack_id)
            .and_then(|s| s.base_image.clone())
            .unwrap_or_default();
        let variation = 0.7 + (seed % 600) as f64 / 1000.0;
        let build = timing.build(variation, cold_cache);

        let app = &mut self.apps[app_index];
        let mut record = DeploymentRecord {
            id: id.clone(),
            app_id: app.id.clone(),
            created_at: now,
            building_at,
            pushing_at: None,
            starting_at: None,
            finishes_at: building_at,
            outcome: DeploymentStatus::BuildError,
            status: DeploymentStatus::Queued,
            git_ref: order.git_ref,
            previous_git_ref,
            kind: order.kind.to_owned(),
            image_size: None,
            stack_base_image,
            postdeploy_hook: None,
            pusher: order.pusher,
            language,
            cold_cache,
            failure: order.failure,
            source_url: order.source_url,
            status_before,
            new_formation: None,
        };
        if record.failure.is_some() {
            // Source problems show at once; a build fails half-way.
            let spent = match record.failure {
                Some(BuildFailure::Source { .. }) => build / 20,
                _ => build * 11 / 20,
            };
            record.finishes_at = building_at + spent;
        } else {
            let pushing_at = building_at + build;
            let starting_at = pushing_at + timing.push();
            record.pushing_at = Some(pushing_at);
            record.starting_at = Some(starting_at);
            record.outcome = DeploymentStatus::Success;
            record.image_size = Some(image_size(seed));
            record.finishes_at = if queued {
                starting_at + timing.margin()
            } else if app.formation.is_empty() {
                let running_at = starting_at + timing.boot();
                app.upcoming_containers.push(ContainerRecord {
                    id: ids::object_id(&mut rand::rng()),
                    kind: "web".to_owned(),
                    type_index: 1,
                    state: "booting".to_owned(),
                    command: String::new(),
                    size: "M".to_owned(),
                    created_at: starting_at,
                    running_at: Some(running_at),
                    stopping_at: None,
                    gone_at: None,
                });
                record.new_formation = Some(vec![ContainerTypeRecord {
                    id: ids::object_id(&mut rand::rng()),
                    name: "web".to_owned(),
                    amount: 1,
                    size: "M".to_owned(),
                    command: String::new(),
                    created_at: starting_at,
                }]);
                running_at + timing.margin()
            } else {
                let targets = restart_targets(app, &[]).unwrap_or_default();
                if targets.is_empty() {
                    starting_at + timing.margin()
                } else {
                    plan_restart(app, &targets, starting_at - timing.pending(), timing, false)
                }
            };
        }
        record.status = record.status_at(now);
        app.status = AppStatus::Booting;
        app.updated_at = now;
        app.last_deployed_at = Some(now);
        app.last_deployed_by = Some(record.pusher.username.clone());
        app.build_cache_reset = false;
        self.deployments.push(record);
        id
    }

    /// Moves the deployments under way to their status at `now`, and
    /// applies the end of those that finished, in the order they finished
    /// (so that settling in steps or at once agrees).
    pub(super) fn settle_deployments(&mut self, now: Timestamp) {
        let mut finished = Vec::new();
        for deployment in &mut self.deployments {
            if deployment.status.is_finished() {
                continue;
            }
            deployment.status = deployment.status_at(now);
            if deployment.status.is_finished() {
                finished.push(deployment.clone());
            }
        }
        finished.sort_by_key(|d| d.finishes_at);
        for deployment in &finished {
            self.finish_deployment(deployment);
        }
    }

    /// The end of a deployment: its `deployment` event (at its end, with
    /// the data of the demo's history), and the app's new state.
    fn finish_deployment(&mut self, deployment: &DeploymentRecord) {
        let Some(index) = self.apps.iter().position(|a| a.id == deployment.app_id) else {
            return;
        };
        let success = deployment.outcome == DeploymentStatus::Success;
        let app = &self.apps[index];
        let stack = self.stack(&app.stack_id).map(|s| s.name.clone());
        let git_ref_url = app
            .git_source
            .as_ref()
            .filter(|_| deployment.kind == "deployment")
            .map(|source| format!("{source}/commit/{}", deployment.git_ref));
        let type_data = json!({
            "deployment_id": deployment.id,
            "deployment_uuid": deployment.id,
            "deployment_type": deployment.kind,
            "pusher": deployment.pusher.username,
            "git_ref": deployment.git_ref,
            "git_ref_url": git_ref_url,
            "status": deployment.outcome,
            "stack": stack,
            "duration": deployment.duration_seconds(),
            "finished_at": time::format(&deployment.finishes_at),
        });
        self.push_event_as(
            "deployment",
            index,
            deployment.pusher.clone(),
            type_data,
            deployment.finishes_at,
        );
        let another_under_way = self
            .deployments
            .iter()
            .any(|d| d.app_id == deployment.app_id && !d.status.is_finished());
        let app = &mut self.apps[index];
        if success {
            app.last_deployment_id = Some(deployment.id.clone());
            if let Some(formation) = &deployment.new_formation {
                if app.formation.is_empty() {
                    app.formation = formation.clone();
                }
            }
        }
        if another_under_way || app.status != AppStatus::Booting {
            return;
        }
        let runs_nothing = !app.formation.is_empty() && app.formation.iter().all(|t| t.amount == 0);
        app.status = match (success, runs_nothing) {
            (true, true) => AppStatus::Stopped,
            (true, false) => AppStatus::Running,
            (false, _) => deployment.status_before.clone(),
        };
    }
}

/// An image of 90 to 420 MB.
fn image_size(seed: u64) -> u64 {
    const MB: u64 = 1_000_000;
    90 * MB + (seed >> 8) % (330 * MB)
}

/// The moments of a deployment that took `duration` in all, from its
/// creation: building at once, then pushing and starting in the last
/// quarter (a failed build has neither). For the demo's history.
pub fn phases(
    created_at: Timestamp,
    duration: Duration,
    outcome: &DeploymentStatus,
) -> (Option<Timestamp>, Option<Timestamp>) {
    if *outcome == DeploymentStatus::BuildError {
        return (None, None);
    }
    let pushing_at = created_at + duration * 3 / 4;
    let starting_at = created_at + duration * 17 / 20;
    (Some(pushing_at), Some(starting_at))
}
