//! The demo platform: a handful of users, projects and apps in every state a
//! dashboard has to show. Everything is drawn from a generator seeded with
//! the `--seed`, so a seed always gives the same names, ids, formations and
//! statuses; dates are offsets from the start time, so ages stay realistic.

use chrono::Duration;
use rand::{seq::IndexedRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use scalingo_api::{AppStatus, CollaboratorStatus, DataAccessConsent};
use serde_json::{json, Map};

use crate::{
    catalogue, ids,
    model::{
        ApiTokenRecord, AppRecord, CollaboratorRecord, ContainerRecord, ContainerTypeRecord,
        Platform, ProjectRecord, UserRecord,
    },
    time::Timestamp,
};

mod history;
mod specs;

use history::History;

use specs::*;

/// The API token of the demo user (Ada), printed at start.
pub const DEMO_TOKEN: &str = "tk-us-demo-0123456789abcdef";
/// The API token of a second user (Grace), for ownership and permission tests.
pub const GRACE_TOKEN: &str = "tk-us-grace-0123456789abcdef";

struct Generator {
    rng: ChaCha8Rng,
    now: Timestamp,
}

impl Generator {
    /// A moment `days` (a range) before now, with seconds and milliseconds.
    fn days_ago(&mut self, days: (i64, i64)) -> Timestamp {
        let day = self.rng.random_range(days.0..=days.1);
        let seconds = self.rng.random_range(0..86_400);
        let millis = self.rng.random_range(0..1000);
        self.now - Duration::days(day) - Duration::seconds(seconds) - Duration::milliseconds(millis)
    }

    /// A moment between `from` and now.
    fn between_then_and_now(&mut self, from: Timestamp) -> Timestamp {
        let span = (self.now - from).num_milliseconds().max(1);
        from + Duration::milliseconds(self.rng.random_range(0..span))
    }
}

pub fn generate(seed: u64, now: Timestamp) -> Platform {
    let mut g = Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        now,
    };
    let region = catalogue::region();
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
            // Ada has none, so `--free-usage-limits` applies to the demo.
            has_payment_method: *username != "ada",
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
            let created_at = g.days_ago((380, 400));
            projects.push(ProjectRecord {
                id: ids::prefixed("pr", &mut g.rng),
                name: (*name).to_owned(),
                default: *name == "default",
                owner_id: user.id.clone(),
                created_at,
                updated_at: created_at,
            });
        }
    }
    let project_id = |owner: &UserRecord, name: &str| {
        let mine = || projects.iter().filter(|p| p.owner_id == owner.id);
        mine()
            .find(|p| p.name == name)
            .or_else(|| mine().find(|p| p.default))
            .map(|p| p.id.clone())
            .unwrap_or_default()
    };
    let stack_id = |g: &mut Generator, name: &str| {
        let name = if name == "any" {
            *["scalingo-22", "scalingo-24"]
                .choose(&mut g.rng)
                .unwrap_or(&"scalingo-22")
        } else {
            name
        };
        stacks
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.id.clone())
            .unwrap_or_default()
    };

    let mut apps = Vec::new();
    for spec in APPS {
        let owner = &users[spec.owner];
        let project = if spec.owner == ADA {
            project_id(owner, spec.project)
        } else {
            project_id(owner, "default")
        };
        let stack = stack_id(&mut g, spec.stack);
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

    let mut collaborators = Vec::new();
    for (app_name, user, accepted, limited) in COLLABORATIONS {
        let Some(app) = apps.iter().find(|a| a.name == *app_name) else {
            continue;
        };
        let account = user.map(|u| &users[u]);
        collaborators.push(CollaboratorRecord {
            id: ids::object_id(&mut g.rng),
            app_id: app.id.clone(),
            email: account.map_or(INVITEE.to_owned(), |u| u.email.clone()),
            user_id: account.filter(|_| *accepted).map(|u| u.id.clone()),
            status: if *accepted {
                CollaboratorStatus::Accepted
            } else {
                CollaboratorStatus::Pending
            },
            is_limited: *limited,
            invitation_token: ids::token_chars(&mut g.rng, 40),
            created_at: g.between_then_and_now(app.created_at),
        });
    }

    let events = history::events(
        &mut g,
        &History {
            apps: &apps,
            users: &users,
            projects: &projects,
            stacks: &stacks,
            collaborators: &collaborators,
        },
    );

    Platform {
        revision: 0,
        region,
        users,
        tokens,
        projects,
        stacks,
        container_sizes: catalogue::container_sizes(),
        apps,
        collaborators,
        events,
        operations: Vec::new(),
        fail_next_operation: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn build_app(
    g: &mut Generator,
    name: &str,
    spec: &Spec,
    owner: &UserRecord,
    users: &[UserRecord],
    project_id: String,
    stack_id: String,
    parent: &str,
) -> AppRecord {
    let id = ids::object_id(&mut g.rng);
    let created_at = g.days_ago(spec.age);
    let deployed = spec.kind != Kind::New;
    let last_deployed_at = match spec.kind {
        Kind::New => None,
        // A deployment is under way: it started a minute ago.
        Kind::Booting => Some(g.now - Duration::seconds(g.rng.random_range(30..90))),
        _ => Some(g.between_then_and_now(created_at)),
    };
    let deployer = if g.rng.random_bool(0.7) {
        owner
    } else {
        users.choose(&mut g.rng).unwrap_or(owner)
    };
    let status = match spec.kind {
        Kind::Running => AppStatus::Running,
        Kind::Stopped => AppStatus::Stopped,
        Kind::Crashed => AppStatus::Crashed,
        Kind::Booting => AppStatus::Booting,
        Kind::New => AppStatus::New,
    };

    let mut formation = Vec::new();
    let mut containers = Vec::new();
    if let Some(deployed_at) = last_deployed_at {
        for process in spec.processes {
            let amount = g.rng.random_range(process.amount.0..=process.amount.1);
            let size = *process.sizes.choose(&mut g.rng).unwrap_or(&"M");
            formation.push(ContainerTypeRecord {
                id: ids::object_id(&mut g.rng),
                name: process.name.to_owned(),
                amount,
                size: size.to_owned(),
                command: process.command.to_owned(),
                created_at: created_at.max(deployed_at - Duration::days(1)),
            });
            let state = match spec.kind {
                Kind::Crashed => "crashed",
                // The new release's web containers are the ones starting.
                Kind::Booting if process.name == "web" || spec.processes.len() == 1 => "booting",
                _ => "running",
            };
            for index in 1..=amount {
                let started = g.rng.random_range(5..60);
                containers.push(ContainerRecord {
                    id: ids::object_id(&mut g.rng),
                    kind: process.name.to_owned(),
                    type_index: u64::from(index),
                    state: state.to_owned(),
                    command: String::new(),
                    size: size.to_owned(),
                    created_at: (deployed_at + Duration::seconds(started)).min(g.now),
                    running_at: None,
                    stopping_at: None,
                    gone_at: None,
                });
            }
        }
    }

    AppRecord {
        id,
        name: name.to_owned(),
        region: catalogue::REGION.to_owned(),
        owner_id: owner.id.clone(),
        project_id,
        stack_id,
        parent_app_name: parent.to_owned(),
        status,
        created_at,
        updated_at: last_deployed_at.unwrap_or(created_at),
        last_deployed_by: deployed.then(|| deployer.username.clone()),
        last_deployment_id: deployed.then(|| ids::uuid(&mut g.rng)),
        last_deployed_at,
        git_source: None,
        force_https: g.rng.random_bool(0.6),
        sticky_session: g.rng.random_bool(0.2),
        router_logs: g.rng.random_bool(0.3),
        hds_resource: false,
        flags: Map::new(),
        limits: Map::new(),
        private_networks_ids: Vec::new(),
        data_access_consent: None,
        formation,
        containers,
        upcoming_containers: Vec::new(),
        last_one_off_index: 0,
        past_containers: Vec::new(),
    }
}

/// The settings that make particular apps worth looking at.
fn customise(g: &mut Generator, apps: &mut [AppRecord], users: &[UserRecord]) {
    for app in apps.iter_mut() {
        match app.name.as_str() {
            "shop-api" => {
                app.force_https = true;
                app.router_logs = true;
            }
            "shop-web" => {
                app.force_https = true;
                app.sticky_session = true;
            }
            "docs-site" => {
                app.git_source = Some("https://github.com/example-org/docs-site".to_owned());
                app.force_https = true;
            }
            "legacy-crm" => {
                app.force_https = false;
                app.limits
                    .insert("git-repository-size".to_owned(), json!(2_000_000_000u64));
            }
            "billing-service" => {
                app.limits
                    .insert("git-repository-size".to_owned(), json!(1_000_000_000u64));
                app.flags.insert("sticky-session".to_owned(), json!(true));
                app.sticky_session = true;
            }
            "patient-records" => {
                app.hds_resource = true;
                app.force_https = true;
                app.private_networks_ids = vec![ids::object_id(&mut g.rng)];
                let days = g.rng.random_range(3..30);
                let until = crate::time::format(&(g.now + Duration::days(days)));
                app.data_access_consent = Some(DataAccessConsent {
                    app_id: Some(ids::prefixed("ap", &mut g.rng)),
                    user_id: Some(users[ADA].id.clone()),
                    containers_until: Some(until.clone()),
                    databases_until: Some(until),
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time;

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
