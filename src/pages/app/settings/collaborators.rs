//! Settings › Collaborators: who can work on the app, invitations, roles.

use leptos::prelude::*;
use scalingo_api::{App, Collaborator};

use super::{super::use_app_data, SettingsNav};
use crate::{
    api::use_app_api,
    components::{role_label, CollaboratorActions, CollaboratorTable, InviteForm, QueryView},
    logic::routes::SettingsSection,
    state::{notices::use_notices, preferences::use_preferences},
    ui::ConfirmDialog,
};

type Collaborators = Vec<Collaborator>;

#[component]
pub fn CollaboratorsSection() -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let notices = use_notices();
    let read_only = use_preferences().read_only();
    let session = api.client().session();
    let collaborators = data.collaborators();
    let limited = data.limited();

    let busy = RwSignal::new(Vec::<String>::new());
    let change_role = {
        let api = api.clone();
        Action::new_local(move |(who, limited): &(Collaborator, bool)| {
            let (api, who, limited) = (api.clone(), who.clone(), *limited);
            async move {
                let answer = api.update_collaborator(&who.id, limited).await;
                (who, limited, answer)
            }
        })
    };
    Effect::new(move |_| {
        let Some((who, limited, answer)) = change_role.value().get() else {
            return;
        };
        busy.update(|b| b.retain(|id| *id != who.id));
        match answer {
            Ok(_) => {
                notices.success(format!(
                    "{} is now a {}.",
                    who.email,
                    role_label(limited).to_lowercase()
                ));
                collaborators.refetch();
            }
            Err(error) => {
                notices.error(format!("The role of {} did not change: {error}", who.email))
            }
        }
    });
    let remove = {
        let api = api.clone();
        Action::new_local(move |who: &Collaborator| {
            let (api, who) = (api.clone(), who.clone());
            async move {
                let answer = api.delete_collaborator(&who.id).await;
                (who, answer)
            }
        })
    };
    Effect::new(move |_| {
        let Some((who, answer)) = remove.value().get() else {
            return;
        };
        busy.update(|b| b.retain(|id| *id != who.id));
        match answer {
            Ok(()) => {
                notices.success(format!("{} can no longer work on this app.", who.email));
                collaborators.refetch();
            }
            Err(error) => notices.error(format!("{} was not removed: {error}", who.email)),
        }
    });
    let removing = RwSignal::new(None::<Collaborator>);
    let actions = CollaboratorActions {
        on_role: Callback::new(move |(who, limited): (Collaborator, bool)| {
            busy.update(|b| b.push(who.id.clone()));
            change_role.dispatch((who, limited));
        }),
        on_remove: Callback::new(move |who| removing.set(Some(who))),
        busy: busy.into(),
    };
    let confirm_remove = move || {
        removing.get().map(|who| {
            let open = crate::ui::open_until_closed(removing);
            let pending = who.status == scalingo_api::CollaboratorStatus::Pending;
            let (title, message, label) = if pending {
                (
                    "Cancel the invitation?",
                    format!("Cancel the invitation of {}? Its link stops working.", who.email),
                    "Cancel the invitation",
                )
            } else {
                (
                    "Remove the collaborator?",
                    format!(
                        "Remove {}? They lose access to the app at once: its code, logs, environment and settings.",
                        who.email
                    ),
                    "Remove",
                )
            };
            let confirm = Callback::new(move |()| {
                busy.update(|b| b.push(who.id.clone()));
                remove.dispatch(who.clone());
            });
            view! {
                <ConfirmDialog open id="collaborator-remove" title message confirm_label=label on_confirm=confirm />
            }
        })
    };

    view! {
        <SettingsNav name=data.name() current=SettingsSection::Collaborators />
        <QueryView
            query=data.app
            what="the app"
            lines=4
            render=move |app: App| {
                view! {
                    <QueryView
                        query=collaborators
                        what="the collaborators"
                        lines=4
                        render=move |list: Collaborators| {
                            let me = session.user();
                            let manage = !read_only && !limited.get();
                            let existing: Vec<String> = app
                                .owner
                                .iter()
                                .map(|o| o.email.clone())
                                .chain(list.iter().map(|c| c.email.clone()))
                                .collect();
                            let note = if read_only {
                                Some("Read-only mode: inviting, changing roles and removing are turned off.")
                            } else if !manage {
                                Some("Your role on this app (limited collaborator) shows who works on it; only the owner and full collaborators can invite, change roles or remove.")
                            } else {
                                None
                            };
                            view! {
                                <section class="section" aria-labelledby="collaborators-title">
                                    <h2 id="collaborators-title" class="section__title">"Collaborators"</h2>
                                    {note.map(|note| view! { <p class="notice notice--info" role="note">{note}</p> })}
                                    <CollaboratorTable
                                        owner=app.owner.clone()
                                        collaborators=list
                                        me=me.map(|u| u.email)
                                        actions=manage.then_some(actions)
                                    />
                                </section>
                                {manage.then(|| view! {
                                    <InviteForm
                                        existing=Signal::stored(existing)
                                        on_invited=Callback::new(move |invited: Collaborator| {
                                            notices.success(format!("Invitation sent to {}.", invited.email));
                                            collaborators.refetch();
                                        })
                                    />
                                })}
                            }
                        }
                    />
                }
            }
        />
        {confirm_remove}
    }
}
