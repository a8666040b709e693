//! Changing who collaborates on an app: invitations, their acceptance,
//! roles and removals, and the events they record (`new_collaborator`,
//! `accept_collaborator`, `change_collaborator_role`,
//! `delete_collaborator`, each with `collaborator {id, username, email,
//! is_limited, inviter {id, username, email}}`; `id` and `username` are
//! empty while the invitation is pending).
//!
//! An invitation names an e-mail address. Whoever opens its link accepts
//! it (`GET /apps/collaboration?token=`) and becomes the collaborator;
//! the simulator's control accepts it for the person invited, the user of
//! that address, who gets an account if there is none (see
//! `routes::sim_invitations`).

use scalingo_api::{invitation_errors, CollaboratorStatus, FieldErrors};
use serde_json::{json, Value};

use super::{
    error::{ApiError, ApiResult},
    ids,
    model::{CollaboratorRecord, EventUser, Platform, UserRecord},
    platform::event_user,
    time::Timestamp,
};

/// The `type` of the 400 for an invitation the user already answered.
pub const ALREADY_COLLABORATOR: &str = "already-collaborator";

/// 400 `{"type": "already-collaborator", "error"}`.
fn already_collaborator() -> ApiError {
    let mut error = ApiError::bad_request("You are already a collaborator of this app");
    error.body.kind = Some(ALREADY_COLLABORATOR.to_owned());
    error
}

impl Platform {
    pub fn collaborator_index(&self, app_id: &str, id: &str) -> ApiResult<usize> {
        self.collaborators
            .iter()
            .position(|c| c.app_id == app_id && c.id == id)
            .ok_or_else(|| ApiError::not_found("collaborator"))
    }

    /// Who sent the invitation of `record`: the author of its
    /// `new_collaborator` event, or the app's owner (demo invitations have
    /// no event).
    fn inviter_of(&self, record: &CollaboratorRecord) -> EventUser {
        self.events
            .iter()
            .rev()
            .find(|e| {
                e.kind == "new_collaborator"
                    && e.app_id == record.app_id
                    && e.type_data["collaborator"]["email"]
                        .as_str()
                        .is_some_and(|email| email.eq_ignore_ascii_case(&record.email))
            })
            .map(|e| e.user.clone())
            .or_else(|| {
                let app = self.apps.iter().find(|a| a.id == record.app_id)?;
                self.user(&app.owner_id).map(event_user)
            })
            .unwrap_or_else(|| event_user(&UserRecord::platform()))
    }

    /// `type_data` of a collaborator event.
    fn collaborator_data(&self, record: &CollaboratorRecord) -> Value {
        let account = record.user_id.as_deref().and_then(|id| self.user(id));
        json!({
            "collaborator": {
                "id": account.map(|u| u.id.clone()).unwrap_or_default(),
                "username": account.map(|u| u.username.clone()).unwrap_or_default(),
                "email": record.email,
                "is_limited": record.is_limited,
                "inviter": self.inviter_of(record),
            }
        })
    }

    /// `POST /apps/:app/collaborators`: 422 on `email` for an invalid
    /// address, the owner's, or one already invited or collaborating.
    pub fn invite_collaborator(
        &mut self,
        app_index: usize,
        inviter: &UserRecord,
        email: &str,
        is_limited: bool,
        now: Timestamp,
    ) -> ApiResult<CollaboratorRecord> {
        let email = email.trim();
        let app = &self.apps[app_index];
        let mut errors = invitation_errors(email);
        if errors.is_empty() {
            let message = if self
                .user(&app.owner_id)
                .is_some_and(|owner| owner.email.eq_ignore_ascii_case(email))
            {
                Some("is the email of the owner of the app")
            } else {
                self.collaborators_of(&app.id)
                    .find(|c| {
                        c.email.eq_ignore_ascii_case(email)
                            || c.user_id
                                .as_deref()
                                .and_then(|id| self.user(id))
                                .is_some_and(|u| u.email.eq_ignore_ascii_case(email))
                    })
                    .map(|c| match c.status {
                        CollaboratorStatus::Pending => "has already been invited to this app",
                        _ => "is already a collaborator of this app",
                    })
            };
            if let Some(message) = message {
                errors = FieldErrors::from([("email".to_owned(), vec![message.to_owned()])]);
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let rng = &mut rand::rng();
        let record = CollaboratorRecord {
            id: ids::object_id(rng),
            app_id: app.id.clone(),
            email: email.to_owned(),
            user_id: None,
            status: CollaboratorStatus::Pending,
            is_limited,
            invitation_token: ids::token_chars(rng, 40),
            created_at: now,
        };
        self.collaborators.push(record.clone());
        // The inviter is the author of this event.
        let mut type_data = self.collaborator_data(&record);
        type_data["collaborator"]["inviter"] = json!(event_user(inviter));
        self.push_event("new_collaborator", app_index, inviter, type_data, now);
        Ok(record)
    }

    /// `PATCH /apps/:app/collaborators/:id`: 404 `collaborator`. A role
    /// that does not change records nothing.
    pub fn change_collaborator_role(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        is_limited: bool,
        now: Timestamp,
    ) -> ApiResult<CollaboratorRecord> {
        let index = self.collaborator_index(&self.apps[app_index].id, id)?;
        if self.collaborators[index].is_limited != is_limited {
            self.collaborators[index].is_limited = is_limited;
            let type_data = self.collaborator_data(&self.collaborators[index]);
            self.push_event("change_collaborator_role", app_index, user, type_data, now);
        }
        Ok(self.collaborators[index].clone())
    }

    /// `DELETE /apps/:app/collaborators/:id`: 404 `collaborator`. A
    /// pending invitation is revoked the same way.
    pub fn remove_collaborator(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<()> {
        let index = self.collaborator_index(&self.apps[app_index].id, id)?;
        let type_data = self.collaborator_data(&self.collaborators[index]);
        self.collaborators.remove(index);
        self.push_event("delete_collaborator", app_index, user, type_data, now);
        Ok(())
    }

    /// Makes `user` the collaborator of the pending invitation at `index`:
    /// 400 `already-collaborator` when they own the app or already
    /// collaborate on it. Returns the app's index.
    fn accept_at(&mut self, index: usize, user: &UserRecord, now: Timestamp) -> ApiResult<usize> {
        let app_id = self.collaborators[index].app_id.clone();
        let app_index = self
            .apps
            .iter()
            .position(|a| a.id == app_id)
            .ok_or_else(|| ApiError::not_found("app"))?;
        if self.apps[app_index].owner_id == user.id
            || self.accepted_collaborator(&app_id, &user.id).is_some()
        {
            return Err(already_collaborator());
        }
        let record = &mut self.collaborators[index];
        record.user_id = Some(user.id.clone());
        record.email = user.email.clone();
        record.status = CollaboratorStatus::Accepted;
        let type_data = self.collaborator_data(&self.collaborators[index]);
        self.push_event("accept_collaborator", app_index, user, type_data, now);
        Ok(app_index)
    }

    /// `GET /apps/collaboration?token=`: `user` accepts the invitation of
    /// `token` (an app of `region`). 404 `collaborator` for a token that
    /// is no invitation here; 400 `already-collaborator` when it was
    /// already accepted by them, or they own or collaborate on the app.
    /// Returns the app's index.
    pub fn accept_invitation(
        &mut self,
        region: &str,
        token: &str,
        user: &UserRecord,
        now: Timestamp,
    ) -> ApiResult<usize> {
        let token = token.trim();
        let index = self
            .collaborators
            .iter()
            .position(|c| !token.is_empty() && c.invitation_token == token)
            .filter(|&i| {
                let app_id = &self.collaborators[i].app_id;
                self.apps
                    .iter()
                    .any(|a| &a.id == app_id && a.region == region)
            })
            .ok_or_else(|| ApiError::not_found("collaborator"))?;
        let record = &self.collaborators[index];
        if record.status != CollaboratorStatus::Pending {
            return Err(if record.user_id.as_deref() == Some(user.id.as_str()) {
                already_collaborator()
            } else {
                ApiError::not_found("collaborator")
            });
        }
        self.accept_at(index, user, now)
    }

    /// The simulator's control: the person invited by the pending
    /// invitation `id` accepts it, as if they had opened its link. They are
    /// the user of its e-mail address, created when there is none (an
    /// account with that address, its name from the address). 404
    /// `collaborator`; 400 `already-collaborator` when it is not pending
    /// or they already collaborate.
    pub fn accept_invitation_as_invited(
        &mut self,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<CollaboratorRecord> {
        let index = self
            .collaborators
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| ApiError::not_found("collaborator"))?;
        if self.collaborators[index].status != CollaboratorStatus::Pending {
            return Err(already_collaborator());
        }
        let email = self.collaborators[index].email.clone();
        let user = match self
            .users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(&email))
        {
            Some(user) => user.clone(),
            None => {
                let user = self.new_user_for(&email, now);
                self.users.push(user.clone());
                user
            }
        };
        self.accept_at(index, &user, now)?;
        Ok(self.collaborators[index].clone())
    }

    /// An account for someone invited by `email`: its username is the
    /// address's local part (letters, digits and hyphens), made unique.
    fn new_user_for(&self, email: &str, now: Timestamp) -> UserRecord {
        let local = email.split('@').next().unwrap_or_default();
        let base: String = local
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .trim_matches('-')
            .to_owned();
        let base = if base.is_empty() {
            "user".to_owned()
        } else {
            base
        };
        let taken = |name: &str| self.users.iter().any(|u| u.username == name);
        let username = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|name| !taken(name))
            .unwrap_or(base);
        UserRecord {
            id: ids::prefixed("us", &mut rand::rng()),
            username,
            email: email.to_owned(),
            fullname: local.to_owned(),
            company: None,
            location: None,
            created_at: now,
            has_payment_method: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{demo, time};

    fn platform() -> (Platform, usize, UserRecord) {
        let p = demo::generate(3, time::now());
        let index = p.apps.iter().position(|a| a.name == "shop-web").unwrap();
        let owner = p.user(&p.apps[index].owner_id).unwrap().clone();
        (p, index, owner)
    }

    #[test]
    fn invitations_refuse_the_owner_and_duplicates() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let message =
            |r: ApiResult<CollaboratorRecord>| r.unwrap_err().body.field_messages("email").to_vec();
        assert_eq!(
            message(p.invite_collaborator(index, &ada, "ADA@example.com", true, now)),
            ["is the email of the owner of the app"]
        );
        // Grace collaborates on shop-web.
        assert_eq!(
            message(p.invite_collaborator(index, &ada, "grace@example.com", true, now)),
            ["is already a collaborator of this app"]
        );
        let invited = p
            .invite_collaborator(index, &ada, " new@example.org ", false, now)
            .unwrap();
        assert_eq!(invited.email, "new@example.org");
        assert_eq!(invited.status, CollaboratorStatus::Pending);
        assert_eq!(
            message(p.invite_collaborator(index, &ada, "new@example.org", true, now)),
            ["has already been invited to this app"]
        );
        let event = p.events.last().unwrap();
        assert_eq!(event.kind, "new_collaborator");
        assert_eq!(event.type_data["collaborator"]["username"], "");
        assert_eq!(
            event.type_data["collaborator"]["inviter"]["email"],
            ada.email
        );
    }

    #[test]
    fn the_invited_person_accepts_with_an_account_made_for_them() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let invited = p
            .invite_collaborator(index, &ada, "Dan.Brown@example.org", false, now)
            .unwrap();
        let accepted = p.accept_invitation_as_invited(&invited.id, now).unwrap();
        let user = p.user(accepted.user_id.as_deref().unwrap()).unwrap();
        assert_eq!(user.username, "dan-brown");
        assert_eq!(accepted.status, CollaboratorStatus::Accepted);
        let event = p.events.last().unwrap();
        assert_eq!(event.kind, "accept_collaborator");
        assert_eq!(event.type_data["collaborator"]["username"], "dan-brown");
        assert_eq!(event.type_data["collaborator"]["inviter"]["id"], ada.id);
        let again = p
            .accept_invitation_as_invited(&invited.id, now)
            .unwrap_err();
        assert_eq!(again.body.kind.as_deref(), Some(ALREADY_COLLABORATOR));
    }

    #[test]
    fn a_token_is_accepted_once_in_its_region() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let invited = p
            .invite_collaborator(index, &ada, "someone@example.org", true, now)
            .unwrap();
        let linus = p
            .users
            .iter()
            .find(|u| u.username == "linus")
            .unwrap()
            .clone();
        let token = invited.invitation_token.clone();
        assert_eq!(
            p.accept_invitation("osc-secnum-fr1", &token, &linus, now)
                .unwrap_err()
                .status,
            404
        );
        assert_eq!(
            p.accept_invitation("osc-fr1", "nope", &linus, now)
                .unwrap_err()
                .status,
            404
        );
        assert_eq!(
            p.accept_invitation("osc-fr1", &token, &ada, now)
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(
            p.accept_invitation("osc-fr1", &token, &linus, now).unwrap(),
            index
        );
        assert!(p.role(&p.apps[index], &linus.id).unwrap().is_limited());
        let again = p
            .accept_invitation("osc-fr1", &token, &linus, now)
            .unwrap_err();
        assert_eq!(again.body.kind.as_deref(), Some(ALREADY_COLLABORATOR));
    }
}
