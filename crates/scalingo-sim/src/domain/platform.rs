//! Queries and bookkeeping on the platform records, shared by the routes.

use std::collections::HashSet;

use scalingo_api::{CollaboratorStatus, ContainerSize, Stack};
use serde_json::Value;

use super::{
    catalogue::RegionRecord,
    error::{ApiError, ApiResult},
    ids,
    model::{
        AppRecord, CollaboratorRecord, EventRecord, EventUser, Platform, ProjectRecord, UserRecord,
    },
    time::Timestamp,
};

/// What a user is to an app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Owner,
    Collaborator { limited: bool },
}

impl Role {
    /// Owners and full collaborators may change settings.
    pub fn may_edit(self) -> bool {
        !matches!(self, Role::Collaborator { limited: true })
    }

    pub fn is_owner(self) -> bool {
        self == Role::Owner
    }

    /// Limited collaborators see the names of the app's variables but not
    /// their values, and cannot change them.
    pub fn is_limited(self) -> bool {
        self == Role::Collaborator { limited: true }
    }

    /// 403 for a limited collaborator, who may read `what` ("the addons of
    /// this app") but not change it.
    pub fn refuse_limited(self, verb: &str, what: &str) -> ApiResult<()> {
        if self.is_limited() {
            return Err(ApiError::forbidden(format!(
                "A limited collaborator cannot {verb} {what}"
            )));
        }
        Ok(())
    }
}

impl Platform {
    pub fn user(&self, id: &str) -> Option<&UserRecord> {
        self.users.iter().find(|u| u.id == id)
    }

    /// A user by id or by email (how a transfer names the new owner).
    pub fn user_by_id_or_email(&self, key: &str) -> Option<&UserRecord> {
        let key = key.trim();
        self.users
            .iter()
            .find(|u| u.id == key || u.email.eq_ignore_ascii_case(key))
    }

    pub fn user_by_api_token(&self, token: &str) -> Option<&UserRecord> {
        let record = self.tokens.iter().find(|t| t.token == token)?;
        self.user(&record.user_id)
    }

    /// The app called `ident` (an id or a name) in `region`, whoever may
    /// see it. Apps of other regions are unknown there, as on the platform.
    pub fn app_index(&self, region: &str, ident: &str) -> Option<usize> {
        let here = |a: &AppRecord| a.region == region;
        self.apps
            .iter()
            .position(|a| a.id == ident && here(a))
            .or_else(|| self.apps.iter().position(|a| a.name == ident && here(a)))
    }

    pub fn accepted_collaborator(
        &self,
        app_id: &str,
        user_id: &str,
    ) -> Option<&CollaboratorRecord> {
        self.collaborators.iter().find(|c| {
            c.app_id == app_id
                && c.status == CollaboratorStatus::Accepted
                && c.user_id.as_deref() == Some(user_id)
        })
    }

    pub fn role(&self, app: &AppRecord, user_id: &str) -> Option<Role> {
        if app.owner_id == user_id {
            return Some(Role::Owner);
        }
        self.accepted_collaborator(&app.id, user_id)
            .map(|c| Role::Collaborator {
                limited: c.is_limited,
            })
    }

    /// The app `ident` of `region` if `user_id` may see it; otherwise the
    /// same 404 as for an app that does not exist, so that names do not
    /// leak.
    pub fn accessible_app(
        &self,
        region: &str,
        ident: &str,
        user_id: &str,
    ) -> ApiResult<(usize, Role)> {
        self.app_index(region, ident)
            .and_then(|i| self.role(&self.apps[i], user_id).map(|role| (i, role)))
            .ok_or_else(|| ApiError::not_found("app"))
    }

    /// Ids of the apps `user_id` collaborates on (accepted invitations):
    /// one pass over the collaborators, so that listing thousands of apps
    /// does not look each one up.
    fn collaborations_of(&self, user_id: &str) -> HashSet<&str> {
        self.collaborators
            .iter()
            .filter(|c| {
                c.status == CollaboratorStatus::Accepted && c.user_id.as_deref() == Some(user_id)
            })
            .map(|c| c.app_id.as_str())
            .collect()
    }

    /// The apps of `region` a user owns or collaborates on.
    pub fn visible_apps<'a>(
        &'a self,
        region: &'a str,
        user_id: &'a str,
    ) -> impl Iterator<Item = &'a AppRecord> + 'a {
        let collaborations = self.collaborations_of(user_id);
        self.apps.iter().filter(move |app| {
            app.region == region
                && (app.owner_id == user_id || collaborations.contains(app.id.as_str()))
        })
    }

    pub fn name_taken(&self, region: &str, name: &str) -> bool {
        self.apps
            .iter()
            .any(|a| a.name == name && a.region == region)
    }

    pub fn region(&self, name: &str) -> Option<&RegionRecord> {
        self.regions.iter().find(|r| r.name == name)
    }

    pub fn stack(&self, id: &str) -> Option<&Stack> {
        self.stacks.iter().find(|s| s.id == id)
    }

    pub fn default_stack(&self) -> Option<&Stack> {
        self.stacks
            .iter()
            .find(|s| s.default)
            .or_else(|| self.stacks.first())
    }

    pub fn project(&self, id: &str) -> Option<&ProjectRecord> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// The projects `owner_id` has in `region`.
    pub fn projects_of<'a>(
        &'a self,
        region: &'a str,
        owner_id: &'a str,
    ) -> impl Iterator<Item = &'a ProjectRecord> + 'a {
        self.projects
            .iter()
            .filter(move |p| p.owner_id == owner_id && p.region == region)
    }

    /// The project new apps of `owner_id` in `region` go to.
    pub fn default_project(&self, region: &str, owner_id: &str) -> Option<&ProjectRecord> {
        let mut owned = self
            .projects
            .iter()
            .filter(|p| p.owner_id == owner_id && p.region == region);
        owned.clone().find(|p| p.default).or_else(|| owned.next())
    }

    /// The id of that project, created when the owner has none in the
    /// region yet (every account has a default project in each region on
    /// the platform; data files from before regions have none outside the
    /// default region).
    pub fn ensure_default_project(
        &mut self,
        region: &str,
        owner_id: &str,
        now: Timestamp,
    ) -> String {
        if let Some(project) = self.default_project(region, owner_id) {
            return project.id.clone();
        }
        let id = ids::prefixed("pr", &mut rand::rng());
        self.projects.push(ProjectRecord {
            id: id.clone(),
            name: "default".to_owned(),
            region: region.to_owned(),
            default: true,
            owner_id: owner_id.to_owned(),
            created_at: now,
            updated_at: now,
        });
        id
    }

    pub fn container_size(&self, name: &str) -> Option<&ContainerSize> {
        self.container_sizes.iter().find(|s| s.name == name)
    }

    pub fn collaborators_of<'a>(
        &'a self,
        app_id: &'a str,
    ) -> impl Iterator<Item = &'a CollaboratorRecord> + 'a {
        self.collaborators
            .iter()
            .filter(move |c| c.app_id == app_id)
    }

    /// Appends an event about the app at `app_index`, attributed to `user`.
    pub fn push_event(
        &mut self,
        kind: &str,
        app_index: usize,
        user: &UserRecord,
        type_data: Value,
        at: Timestamp,
    ) {
        self.push_event_as(kind, app_index, event_user(user), type_data, at);
    }

    /// The same, attributed to a user as frozen in a record (a
    /// deployment's pusher).
    pub fn push_event_as(
        &mut self,
        kind: &str,
        app_index: usize,
        user: EventUser,
        type_data: Value,
        at: Timestamp,
    ) {
        let app = &self.apps[app_index];
        let project_name = self
            .project(&app.project_id)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let event = EventRecord {
            id: ids::object_id(&mut rand::rng()),
            region: app.region.clone(),
            created_at: at,
            kind: kind.to_owned(),
            app_id: app.id.clone(),
            app_name: app.name.clone(),
            project_id: app.project_id.clone(),
            project_name,
            user,
            type_data,
        };
        self.events.push(event);
    }
}

pub fn event_user(user: &UserRecord) -> EventUser {
    EventUser {
        id: user.id.clone(),
        username: user.username.clone(),
        email: user.email.clone(),
    }
}
