//! Ada's apps in the SecNumCloud region (`osc-secnum-fr1`), with their own
//! projects (projects are regional), collaborators and history.
//!
//! Drawn from a stream of its own of the seed's generator, so that adding
//! this region left the default region's demo (names, ids, formations) as
//! it was for every seed.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use scalingo_api::Stack;

use super::{
    history::{self, History},
    records::{build_app, collaborations, customise, project, project_id, stack_id},
    specs::{ADA, SECNUM_APPS, SECNUM_COLLABORATIONS, SECNUM_PROJECTS},
    Generator,
};
use crate::domain::{
    catalogue::SECNUM_REGION,
    model::{AppRecord, CollaboratorRecord, EventRecord, ProjectRecord, UserRecord},
    time::Timestamp,
};

/// The generator stream of this region (the default region uses stream 0).
const STREAM: u64 = 1;

pub(super) struct Region {
    pub(super) projects: Vec<ProjectRecord>,
    pub(super) apps: Vec<AppRecord>,
    pub(super) collaborators: Vec<CollaboratorRecord>,
    pub(super) events: Vec<EventRecord>,
}

pub(super) fn generate(
    seed: u64,
    now: Timestamp,
    users: &[UserRecord],
    stacks: &[Stack],
) -> Region {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    let mut g = Generator { rng, now };
    let ada = &users[ADA];
    let projects: Vec<ProjectRecord> = SECNUM_PROJECTS
        .iter()
        .map(|name| project(&mut g, ada, name, SECNUM_REGION))
        .collect();
    let mut apps = Vec::new();
    for spec in SECNUM_APPS {
        let owner = &users[spec.owner];
        let project = project_id(&projects, owner, spec.project);
        let stack = stack_id(&mut g, stacks, spec.stack);
        let mut app = build_app(&mut g, spec.name, spec, owner, users, project, stack, "");
        app.region = SECNUM_REGION.to_owned();
        apps.push(app);
    }
    customise(&mut g, &mut apps, users);
    let collaborators = collaborations(&mut g, &apps, users, SECNUM_COLLABORATIONS);
    let events = history::events(
        &mut g,
        &History {
            apps: &apps,
            users,
            projects: &projects,
            stacks,
            collaborators: &collaborators,
        },
    );
    Region {
        projects,
        apps,
        collaborators,
        events,
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        domain::catalogue::{DEFAULT_REGION, SECNUM_REGION},
        domain::demo::generate,
        domain::time,
    };

    #[test]
    fn the_region_has_its_own_apps_projects_and_history() {
        let p = generate(42, time::now());
        let ada = &p.users[super::ADA].id;
        let apps: Vec<_> = p
            .apps
            .iter()
            .filter(|a| a.region == SECNUM_REGION)
            .collect();
        assert_eq!(apps.len(), 4);
        for app in &apps {
            assert_eq!(&app.owner_id, ada);
            let project = p.project(&app.project_id).unwrap();
            assert_eq!(project.region, SECNUM_REGION, "{}", app.name);
            assert!(p
                .events
                .iter()
                .any(|e| e.app_id == app.id && e.kind == "new_app"));
        }
        assert!(p.default_project(SECNUM_REGION, ada).is_some());
        assert!(p.default_project(DEFAULT_REGION, ada).unwrap().region == DEFAULT_REGION);
        for event in &p.events {
            let app = p.apps.iter().find(|a| a.id == event.app_id).unwrap();
            assert_eq!(event.region, app.region, "{}", event.kind);
        }
        assert!(p
            .events
            .windows(2)
            .all(|w| w[0].created_at <= w[1].created_at));
    }
}
