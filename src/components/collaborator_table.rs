use leptos::prelude::*;
use scalingo_api::{Collaborator, CollaboratorStatus, Owner};

use super::CopyButton;
use crate::ui::{Button, ButtonSize};

/// What can be done from a collaborator's row (none for a role that cannot
/// manage collaborators, or in read-only mode).
#[derive(Clone, Copy)]
pub struct CollaboratorActions {
    /// Makes the collaborator limited (`true`) or full (`false`).
    pub on_role: Callback<(Collaborator, bool)>,
    pub on_remove: Callback<Collaborator>,
    /// Ids whose change is being sent: their controls wait.
    pub busy: Signal<Vec<String>>,
}

/// "Limited collaborator", "Collaborator".
pub fn role_label(is_limited: bool) -> &'static str {
    if is_limited {
        "Limited collaborator"
    } else {
        "Collaborator"
    }
}

fn status_badge(status: &CollaboratorStatus) -> (&'static str, String) {
    match status {
        CollaboratorStatus::Accepted => ("ok", "Accepted".to_owned()),
        CollaboratorStatus::Pending => ("busy", "Invitation pending".to_owned()),
        CollaboratorStatus::UserAccountDeleted => ("muted", "Account deleted".to_owned()),
        CollaboratorStatus::Other(other) => ("muted", other.clone()),
    }
}

/// Who can work on the app: the owner first, then the collaborators with
/// their role and the state of their invitation.
#[component]
pub fn CollaboratorTable(
    owner: Option<Owner>,
    collaborators: Vec<Collaborator>,
    /// The connected user's e-mail, to mark their own row.
    me: Option<String>,
    #[prop(default = None)] actions: Option<CollaboratorActions>,
) -> impl IntoView {
    let is_me = move |email: &str| {
        me.as_deref()
            .is_some_and(|me| !email.is_empty() && me.eq_ignore_ascii_case(email))
    };
    let you = |mine: bool| mine.then(|| view! { <span class="badge badge--info">"You"</span> });
    let owner_row = owner.map(|owner| {
        let mine = is_me(&owner.email);
        let name = if owner.username.is_empty() {
            owner.email.clone()
        } else {
            owner.username.clone()
        };
        view! {
            <tr>
                <th scope="row">
                    <span class="person">
                        <bdi class="person__name">{name}</bdi>
                        {you(mine)}
                    </span>
                    <span class="person__email muted">{owner.email.clone()}</span>
                </th>
                <td>"Owner"</td>
                <td><span class="badge badge--ok">"Owner"</span></td>
                <td class="table__actions muted">"Owns the app"</td>
            </tr>
        }
    });
    let rows = collaborators
        .into_iter()
        .map(|collaborator| {
            let mine = is_me(&collaborator.email);
            let pending = collaborator.status == CollaboratorStatus::Pending;
            let name = if collaborator.username.is_empty() || collaborator.username == "n/a" {
                collaborator.email.clone()
            } else {
                collaborator.username.clone()
            };
            let (tone, status) = status_badge(&collaborator.status);
            let role = role_label(collaborator.is_limited);
            let controls = actions.map(|actions| {
                let id = collaborator.id.clone();
                let busy = Signal::derive(move || actions.busy.with(|b| b.contains(&id)));
                let (for_role, for_remove) = (collaborator.clone(), collaborator.clone());
                let next_limited = !collaborator.is_limited;
                let role_button = if next_limited {
                    "Make limited"
                } else {
                    "Make full collaborator"
                };
                let who = name.clone();
                let link = collaborator
                    .invitation_link
                    .clone()
                    .filter(|link| pending && !link.is_empty());
                view! {
                    {link.map(|link| view! {
                        <CopyButton text=link label=format!("Copy the invitation link of {who}") />
                    })}
                    <Button
                        size=ButtonSize::Small
                        disabled=busy
                        attr:aria-label=format!("{role_button}: {}", name)
                        on:click=move |_| actions.on_role.run((for_role.clone(), next_limited))
                    >
                        {role_button}
                    </Button>
                    <Button
                        size=ButtonSize::Small
                        disabled=busy
                        attr:aria-label=format!("Remove {}", name)
                        on:click=move |_| actions.on_remove.run(for_remove.clone())
                    >
                        {if pending { "Cancel invitation" } else { "Remove" }}
                    </Button>
                }
            });
            let show_email = name != collaborator.email;
            view! {
                <tr>
                    <th scope="row">
                        <span class="person">
                            <bdi class="person__name">{name.clone()}</bdi>
                            {you(mine)}
                        </span>
                        {show_email.then(|| view! { <span class="person__email muted">{collaborator.email.clone()}</span> })}
                    </th>
                    <td>{role}</td>
                    <td><span class=format!("badge badge--text badge--{tone}")>{status}</span></td>
                    <td class="table__actions">{controls}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table collaborators">
                <caption class="visually-hidden">"People who can work on the app"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Person"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col" class="table__actions">
                            <span class="visually-hidden">"Actions"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{owner_row}{rows}</tbody>
            </table>
        </div>
    }
}
