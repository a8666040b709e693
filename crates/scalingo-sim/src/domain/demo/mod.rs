//! The demo platform: a handful of users, projects and apps in every state a
//! dashboard has to show. Everything is drawn from a generator seeded with
//! the `--seed`, so a seed always gives the same names, ids, formations and
//! statuses; dates are offsets from the start time, so ages stay realistic.
//!
//! Most of it is in the default region (`osc-fr1`); Ada also has a few apps
//! in `osc-secnum-fr1` (see `secnum`), and `--demo-apps` adds thousands of
//! generated ones for benchmarks (see `load`). The deployments and the
//! environments of the apps come last (see `deployments`).

use chrono::Duration;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::{
    catalogue::{self, DEFAULT_REGION},
    ids,
    model::{ApiTokenRecord, Platform, UserRecord},
    time::Timestamp,
};

pub(crate) mod addons;
pub(crate) mod app_settings;
mod deployments;
mod domains;
pub(crate) mod history;
mod load;
pub(crate) mod records;
mod secnum;
pub(crate) mod specs;
pub(crate) mod variables;

pub use addons::without_payment_method;
pub use deployments::pace_under_way;
pub(crate) use deployments::{environments, records_from_history};
pub use load::add_load_apps;

use history::History;
use records::{build_app, collaborations, customise, project, project_id, stack_id};

use specs::*;

/// The API token of the demo user (Ada), printed at start.
pub const DEMO_TOKEN: &str = "tk-us-demo-0123456789abcdef";
/// The API token of a second user (Grace), for ownership and permission tests.
pub const GRACE_TOKEN: &str = "tk-us-grace-0123456789abcdef";

pub(crate) struct Generator {
    pub(crate) rng: ChaCha8Rng,
    pub(crate) now: Timestamp,
}

impl Generator {
    /// A moment `days` (a range) before now, with seconds and milliseconds.
    pub(crate) fn days_ago(&mut self, days: (i64, i64)) -> Timestamp {
        let day = self.rng.random_range(days.0..=days.1);
        let seconds = self.rng.random_range(0..86_400);
        let millis = self.rng.random_range(0..1000);
        self.now - Duration::days(day) - Duration::seconds(seconds) - Duration::milliseconds(millis)
    }

    /// A moment between `from` and now.
    pub(crate) fn between_then_and_now(&mut self, from: Timestamp) -> Timestamp {
        let span = (self.now - from).num_milliseconds().max(1);
        from + Duration::milliseconds(self.rng.random_range(0..span))
    }
}

pub fn generate(seed: u64, now: Timestamp) -> Platform {
    let mut g = Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        now,
    };
    let stacks = catalogue::stacks();

    let users: Vec<UserRecord> = USERS
        .iter()
        .map(|(username, fullname, email, company)| UserRecord {
            id: ids::prefixed("us", &mut g.rng),
            username: (*username).to_owned(),
            email: (*email).to_owned(),
            fullname: (*fullname).to_owned(),
            company: company.map(str::to_owned),
            location: Some("Paris, France".to_owned()),
            created_at: g.days_ago((400, 900)),
            // Everyone has one; `--free-usage-limits` takes Ada's away
            // (see `addons::without_payment_method`).
            has_payment_method: true,
        })
        .collect();
    let tokens = vec![
        ApiTokenRecord {
            token: DEMO_TOKEN.to_owned(),
            user_id: users[ADA].id.clone(),
            name: "demo".to_owned(),
            created_at: g.days_ago((30, 60)),
        },
        ApiTokenRecord {
            token: GRACE_TOKEN.to_owned(),
            user_id: users[GRACE].id.clone(),
            name: "tests".to_owned(),
            created_at: g.days_ago((30, 60)),
        },
    ];

    let mut projects = Vec::new();
    for (index, user) in users.iter().enumerate() {
        let names: &[&str] = if index == ADA {
            &["default", "storefront", "internal-tools"]
        } else {
            &["default"]
        };
        for name in names {
            projects.push(project(&mut g, user, name, DEFAULT_REGION));
        }
    }

    let mut apps = Vec::new();
    for spec in APPS {
        let owner = &users[spec.owner];
        let project = if spec.owner == ADA {
            project_id(&projects, owner, spec.project)
        } else {
            project_id(&projects, owner, "default")
        };
        let stack = stack_id(&mut g, &stacks, spec.stack);
        let app = build_app(&mut g, spec.name, spec, owner, &users, project, stack, "");
        apps.push(app);
    }
    customise(&mut g, &mut apps, &users);

    // Review apps of the parent, numbered after pull requests.
    let parent = apps.iter().find(|a| a.name == PARENT).cloned();
    if let Some(parent) = parent {
        let mut number = g.rng.random_range(380..420);
        for _ in 0..3 {
            number += g.rng.random_range(2..9);
            let name = format!("{PARENT}-pr-{number}");
            let mut child = build_app(
                &mut g,
                &name,
                &REVIEW_APP,
                &users[ADA],
                &users,
                parent.project_id.clone(),
                parent.stack_id.clone(),
                PARENT,
            );
            child.force_https = parent.force_https;
            apps.push(child);
        }
    }

    let mut collaborators = collaborations(&mut g, &apps, &users, COLLABORATIONS);

    let mut events = history::events(
        &mut g,
        &History {
            apps: &apps,
            users: &users,
            projects: &projects,
            stacks: &stacks,
            collaborators: &collaborators,
        },
    );

    // After everything of the default region, from a generator of its own:
    // the default region's demo stays what it was before there were two.
    let secnum = secnum::generate(seed, now, &users, &stacks);
    projects.extend(secnum.projects);
    apps.extend(secnum.apps);
    collaborators.extend(secnum.collaborators);
    events.extend(secnum.events);
    // Stable: the default region's events keep their order.
    events.sort_by_key(|e| e.created_at);

    let mut platform = Platform {
        revision: 0,
        regions: catalogue::regions(),
        users,
        tokens,
        projects,
        stacks,
        container_sizes: catalogue::container_sizes(),
        apps,
        collaborators,
        events,
        operations: Vec::new(),
        variables: Vec::new(),
        deployments: Vec::new(),
        autoscalers: Vec::new(),
        alerts: Vec::new(),
        notifiers: Vec::new(),
        notifier_tests: Vec::new(),
        addon_categories: crate::domain::addons::catalogue::categories(),
        addon_providers: crate::domain::addons::catalogue::providers(),
        addons: Vec::new(),
        domains: Vec::new(),
        fail_next_operation: None,
        hostile: false,
    };
    deployments::generate(&mut platform, seed, now);
    app_settings::generate(&mut platform, seed, now);
    let mut g = addons::generator(seed, now);
    addons::from_environments(&mut g, &mut platform, |_| true);
    domains::generate(&mut g, &mut platform);
    platform
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time;
    use scalingo_api::AppStatus;

    #[test]
    fn same_seed_same_platform() {
        let now = time::now();
        assert_eq!(generate(7, now), generate(7, now));
        assert_ne!(generate(7, now).apps, generate(8, now).apps);
    }

    #[test]
    fn every_status_and_feature_is_represented() {
        let p = generate(42, time::now());
        let status = |name: &str| {
            p.apps
                .iter()
                .find(|a| a.name == name)
                .unwrap()
                .status
                .clone()
        };
        assert_eq!(status("legacy-crm"), AppStatus::Stopped);
        assert_eq!(status("image-resizer"), AppStatus::Crashed);
        assert_eq!(status("marketing-site"), AppStatus::New);
        assert_eq!(status("shop-worker"), AppStatus::Booting);
        assert_eq!(
            p.apps
                .iter()
                .filter(|a| a.parent_app_name == PARENT)
                .count(),
            3
        );
        assert!(p.apps.iter().any(|a| a.hds_resource));
        assert!(p.apps.iter().any(|a| !a.limits.is_empty()));
        assert!(p.apps.iter().any(|a| a.data_access_consent.is_some()));
        for app in &p.apps {
            let total: u32 = app.formation.iter().map(|t| t.amount).sum();
            assert_eq!(total as usize, app.containers.len(), "{}", app.name);
            assert!(app.last_deployed_at.is_none_or(|at| at <= time::now()));
            assert!(scalingo_api::is_valid_app_name(
                &app.name,
                scalingo_api::AppNameKind::App
            ));
        }
    }
}
