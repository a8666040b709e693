//! The records the demo is made of, shared by each part of it (the default
//! region, `secnum`): projects, apps and their formations, collaborators.

use chrono::Duration;
use rand::{seq::IndexedRandom, Rng};
use scalingo_api::{AppStatus, CollaboratorStatus, DataAccessConsent, Stack};
use serde_json::{json, Map};

use super::{specs::*, Generator};
use crate::domain::{
    catalogue::DEFAULT_REGION,
    ids,
    model::{
        AppRecord, CollaboratorRecord, ContainerRecord, ContainerTypeRecord, ProjectRecord,
        UserRecord,
    },
};

pub(crate) fn project(
    g: &mut Generator,
    owner: &UserRecord,
    name: &str,
    region: &str,
) -> ProjectRecord {
    let created_at = g.days_ago((380, 400));
    ProjectRecord {
        id: ids::prefixed("pr", &mut g.rng),
        name: name.to_owned(),
        region: region.to_owned(),
        default: name == "default",
        owner_id: owner.id.clone(),
        created_at,
        updated_at: created_at,
    }
}

/// The id of `owner`'s project `name` among `projects` (those of one
/// region), or of their default one.
pub(crate) fn project_id(projects: &[ProjectRecord], owner: &UserRecord, name: &str) -> String {
    let mine = || projects.iter().filter(|p| p.owner_id == owner.id);
    mine()
        .find(|p| p.name == name)
        .or_else(|| mine().find(|p| p.default))
        .map(|p| p.id.clone())
        .unwrap_or_default()
}

/// The id of stack `name`; `any` picks one of the current stacks.
pub(crate) fn stack_id(g: &mut Generator, stacks: &[Stack], name: &str) -> String {
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
}

/// The collaborator records of `list` (see `COLLABORATIONS`).
pub(crate) fn collaborations(
    g: &mut Generator,
    apps: &[AppRecord],
    users: &[UserRecord],
    list: &[(&str, Option<usize>, bool, bool)],
) -> Vec<CollaboratorRecord> {
    let mut collaborators = Vec::new();
    for (app_name, user, accepted, limited) in list {
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
    collaborators
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn build_app(
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
        region: DEFAULT_REGION.to_owned(),
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
        build_cache_reset: false,
    }
}

/// The settings that make particular apps worth looking at.
pub(crate) fn customise(g: &mut Generator, apps: &mut [AppRecord], users: &[UserRecord]) {
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
            "health-records-api" => {
                app.hds_resource = true;
                app.force_https = true;
                app.router_logs = true;
            }
            "secure-gateway" => app.force_https = true,
            "patient-records" => {
                app.hds_resource = true;
                app.force_https = true;
                app.private_networks_ids = vec![ids::object_id(&mut g.rng)];
                let days = g.rng.random_range(3..30);
                let until = crate::domain::time::format(&(g.now + Duration::days(days)));
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
