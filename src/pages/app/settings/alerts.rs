//! Settings › Alerts and notifiers: who is told what (notifiers on their
//! platforms), and the alerts on the app's metrics that tell them.

use leptos::prelude::*;
use scalingo_api::{Alert, AlertUpdate, EventType, NotificationPlatform, Notifier};

use super::{super::use_app_data, SettingsNav};
use crate::{
    api::use_app_api,
    components::{AlertForm, NotifierForm, QueryView, RoleNote},
    logic::{
        alerts::{condition, destination, reminder_text, sends},
        routes::SettingsSection,
    },
    state::{
        notices::use_notices,
        preferences::use_preferences,
        query::{use_query, QueryOptions},
    },
    ui::{Button, ButtonSize, ButtonVariant, ConfirmDialog, EmptyState},
};

type Notifiers = Vec<Notifier>;
type Alerts = Vec<Alert>;

/// A dialog of the page.
#[derive(Clone)]
enum Asked {
    Notifier(Option<Notifier>),
    DeleteNotifier(Notifier),
    Alert(Option<Alert>),
    DeleteAlert(Alert),
}

#[component]
pub fn AlertsSection() -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let notices = use_notices();
    let read_only = use_preferences().read_only();
    let limited = data.limited();
    // Changes are offered unless read-only mode or the role forbids them.
    let locked = move || read_only || limited.get();
    let notifiers = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.notifiers().await }
            },
            QueryOptions::default(),
        )
    };
    let alerts = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.alerts().await }
            },
            QueryOptions::default(),
        )
    };
    // The catalogues a notifier is made from, read when a form opens.
    let asked = RwSignal::new(None::<Asked>);
    let wants_catalogue = Memo::new(move |_| matches!(asked.get(), Some(Asked::Notifier(_))));
    let catalogue = {
        let api = api.clone();
        use_query(
            move || wants_catalogue.get().then_some(()),
            move |()| {
                let api = api.clone();
                async move {
                    let client = api.client();
                    let platforms = client.notification_platforms(api.region()).await?;
                    let events = client.event_types(api.region()).await?;
                    Ok::<_, crate::api::ApiError>((platforms, events))
                }
            },
            QueryOptions::default(),
        )
    };

    // Test, activate and delete notifiers; turn alerts off and delete them.
    let act = {
        let api = api.clone();
        Action::new_local(move |(what, done, subject): &(Act, String, String)| {
            let (api, what, done, subject) =
                (api.clone(), what.clone(), done.clone(), subject.clone());
            async move {
                let answer = match what {
                    Act::Test(id) => api.test_notifier(&id).await,
                    Act::Activate(notifier, on) => {
                        let mut new = scalingo_api::NewNotifier {
                            platform_id: notifier.platform_id.clone(),
                            name: notifier.name.clone(),
                            active: on,
                            send_all_events: notifier.send_all_events,
                            send_all_alerts: notifier.send_all_alerts,
                            selected_event_ids: notifier.selected_event_ids.clone(),
                            type_data: notifier.type_data.clone(),
                        };
                        new.active = on;
                        api.update_notifier(&notifier.id, new).await.map(|_| ())
                    }
                    Act::DeleteNotifier(id) => api.delete_notifier(&id).await,
                    Act::Disable(id, off) => api
                        .update_alert(
                            &id,
                            AlertUpdate {
                                disabled: Some(off),
                                ..AlertUpdate::default()
                            },
                        )
                        .await
                        .map(|_| ()),
                    Act::DeleteAlert(id) => api.delete_alert(&id).await,
                };
                (done, subject, answer)
            }
        })
    };
    Effect::new(move |_| match act.value().get() {
        Some((done, _, Ok(()))) => {
            notices.success(done);
            notifiers.refetch();
            alerts.refetch();
        }
        Some((_, subject, Err(error))) => notices.error(format!("{subject}: {error}")),
        None => {}
    });
    let busy = act.pending();

    let dialog = move || {
        asked.get().map(|question| {
            let open = crate::ui::open_until_closed(asked);
            match question {
                Asked::Notifier(editing) => {
                    let is_new = editing.is_none();
                    let on_saved = Callback::new(move |saved: Notifier| {
                        let verb = if is_new { "added" } else { "saved" };
                        notices.success(format!("Notifier {} {verb}.", saved.name));
                        notifiers.refetch();
                    });
                    view! {
                        <QueryView
                            query=catalogue
                            what="the notification platforms"
                            lines=2
                            once=true
                            render=move |(platforms, events): (Vec<NotificationPlatform>, Vec<EventType>)| {
                                view! { <NotifierForm open platforms event_types=events editing=editing.clone() on_saved /> }
                            }
                        />
                    }
                    .into_any()
                }
                Asked::Alert(editing) => {
                    let is_new = editing.is_none();
                    let types: Vec<String> = data
                        .formation
                        .fresh()
                        .map(|(formation, _)| formation.into_iter().map(|t| t.name).collect())
                        .unwrap_or_default();
                    let list = notifiers.fresh().unwrap_or_default();
                    let on_saved = Callback::new(move |saved: Alert| {
                        let verb = if is_new { "added" } else { "saved" };
                        notices.success(format!(
                            "Alert {verb}: {} of {} {}.",
                            saved.metric.label(),
                            saved.container_type,
                            condition(&saved)
                        ));
                        alerts.refetch();
                    });
                    view! { <AlertForm open types notifiers=list editing on_saved /> }.into_any()
                }
                Asked::DeleteNotifier(notifier) => {
                    let message = format!(
                        "Delete the notifier {}? The alerts that use it no longer tell it anything.",
                        notifier.name
                    );
                    let confirm = Callback::new(move |()| {
                        act.dispatch((
                            Act::DeleteNotifier(notifier.id.clone()),
                            format!("Notifier {} deleted.", notifier.name),
                            format!("{} was not deleted", notifier.name),
                        ));
                    });
                    view! { <ConfirmDialog open id="notifier-delete" title="Delete the notifier?" message confirm_label="Delete" on_confirm=confirm /> }.into_any()
                }
                Asked::DeleteAlert(alert) => {
                    let what = format!("{} of {} {}", alert.metric.label(), alert.container_type, condition(&alert));
                    let message = format!("Delete the alert on {what}?");
                    let confirm = Callback::new(move |()| {
                        act.dispatch((
                            Act::DeleteAlert(alert.id.clone()),
                            format!("Alert on {what} deleted."),
                            "The alert was not deleted".to_owned(),
                        ));
                    });
                    view! { <ConfirmDialog open id="alert-delete" title="Delete the alert?" message confirm_label="Delete" on_confirm=confirm /> }.into_any()
                }
            }
        })
    };

    let notifier_rows = move |list: Notifiers| {
        list.into_iter()
            .map(|notifier| {
                let name = notifier.name.clone();
                let controls = (!locked()).then(|| {
                    let (for_test, for_toggle, for_edit, for_delete) =
                        (notifier.clone(), notifier.clone(), notifier.clone(), notifier.clone());
                    let active = notifier.active;
                    view! {
                        <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("Send a test notification to {name}") on:click=move |_| {
                            act.dispatch((
                                Act::Test(for_test.id.clone()),
                                format!("Test notification sent to {}.", for_test.name),
                                format!("The test of {} was not sent", for_test.name),
                            ));
                        }>
                            "Test"
                        </Button>
                        <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("{} {name}", if active { "Deactivate" } else { "Activate" }) on:click=move |_| {
                            let done = format!("Notifier {} {}.", for_toggle.name, if active { "deactivated" } else { "activated" });
                            let subject = format!("{} did not change", for_toggle.name);
                            act.dispatch((Act::Activate(for_toggle.clone(), !active), done, subject));
                        }>
                            {if active { "Deactivate" } else { "Activate" }}
                        </Button>
                        <Button size=ButtonSize::Small attr:aria-label=format!("Edit {name}") on:click=move |_| asked.set(Some(Asked::Notifier(Some(for_edit.clone()))))>
                            "Edit"
                        </Button>
                        <Button size=ButtonSize::Small attr:aria-label=format!("Delete {name}") on:click=move |_| asked.set(Some(Asked::DeleteNotifier(for_delete.clone())))>
                            "Delete"
                        </Button>
                    }
                });
                let (tone, state) = if notifier.active { ("ok", "Active") } else { ("muted", "Inactive") };
                view! {
                    <tr>
                        <th scope="row"><bdi>{notifier.name.clone()}</bdi></th>
                        <td>{notifier.kind.as_str().replace('_', " ")}</td>
                        <td class="mono break">{destination(&notifier)}</td>
                        <td>{sends(&notifier)}</td>
                        <td><span class=format!("badge badge--{tone}")>{state}</span></td>
                        <td class="table__actions">{controls}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let alert_rows = move |list: Alerts| {
        let names = notifiers.fresh().unwrap_or_default();
        list.into_iter()
            .map(|alert| {
                let receivers = alert
                    .notifiers
                    .iter()
                    .map(|id| names.iter().find(|n| n.id == *id).map_or_else(|| id.clone(), |n| n.name.clone()))
                    .collect::<Vec<_>>()
                    .join(", ");
                let what = format!("{} of {}", alert.metric.label(), alert.container_type);
                let controls = (!locked()).then(|| {
                    let (for_toggle, for_edit, for_delete) = (alert.clone(), alert.clone(), alert.clone());
                    let disabled = alert.disabled;
                    let what = what.clone();
                    view! {
                        <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("{} the alert on {what}", if disabled { "Turn on" } else { "Turn off" }) on:click=move |_| {
                            let done = format!("Alert on {} {} turned {}.", for_toggle.metric.label(), for_toggle.container_type, if disabled { "on" } else { "off" });
                            act.dispatch((Act::Disable(for_toggle.id.clone(), !disabled), done, "The alert did not change".to_owned()));
                        }>
                            {if disabled { "Turn on" } else { "Turn off" }}
                        </Button>
                        <Button size=ButtonSize::Small attr:aria-label=format!("Edit the alert on {what}") on:click=move |_| asked.set(Some(Asked::Alert(Some(for_edit.clone()))))>
                            "Edit"
                        </Button>
                        <Button size=ButtonSize::Small attr:aria-label=format!("Delete the alert on {what}") on:click=move |_| asked.set(Some(Asked::DeleteAlert(for_delete.clone())))>
                            "Delete"
                        </Button>
                    }
                });
                let (tone, state) = if alert.disabled { ("muted", "Off") } else { ("ok", "On") };
                view! {
                    <tr>
                        <th scope="row">{what}</th>
                        <td>{condition(&alert)}</td>
                        <td>{reminder_text(&alert)}</td>
                        <td><bdi>{receivers}</bdi></td>
                        <td><span class=format!("badge badge--{tone}")>{state}</span></td>
                        <td class="table__actions">{controls}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <SettingsNav name=data.name() current=SettingsSection::Alerts />
        <RoleNote limited what="alerts and notifiers" />
        {read_only.then(|| view! {
            <p class="notice notice--info" role="status">"Read-only mode: alerts and notifiers are shown as they are, without their controls."</p>
        })}
        <section class="section" aria-labelledby="alerts-title">
            <div class="addons-summary">
                <div>
                    <h2 id="alerts-title" class="section__title">"Alerts"</h2>
                    <p class="muted">"A metric of a container type beyond its limit for a while tells the alert's notifiers; the metrics charts draw each limit."</p>
                </div>
                {move || (!locked()).then(|| view! {
                    <Button
                        variant=ButtonVariant::Primary
                        disabled=Signal::derive(move || notifiers.fresh().is_none_or(|list| list.is_empty()))
                        on:click=move |_| asked.set(Some(Asked::Alert(None)))
                    >
                        "Add an alert"
                    </Button>
                })}
            </div>
            <QueryView
                query=alerts
                what="the alerts"
                lines=3
                render=move |list: Alerts| {
                    if list.is_empty() {
                        return view! { <EmptyState title="No alert" text="Nobody is told when a metric goes too far. Add an alert, say on memory above 80 % of the web containers." /> }.into_any();
                    }
                    view! {
                        <div class="table-wrap">
                            <table class="table">
                                <caption class="visually-hidden">"Alerts"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Metric"</th>
                                        <th scope="col">"When"</th>
                                        <th scope="col">"Reminder"</th>
                                        <th scope="col">"Notifies"</th>
                                        <th scope="col">"State"</th>
                                        <th scope="col" class="table__actions"><span class="visually-hidden">"Actions"</span></th>
                                    </tr>
                                </thead>
                                <tbody>{alert_rows(list)}</tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                }
            />
        </section>
        <section class="section" aria-labelledby="notifiers-title">
            <div class="addons-summary">
                <div>
                    <h2 id="notifiers-title" class="section__title">"Notifiers"</h2>
                    <p class="muted">"Where alerts and events go: e-mail, a webhook, a chat."</p>
                </div>
                {move || (!locked()).then(|| view! {
                    <Button variant=ButtonVariant::Primary on:click=move |_| asked.set(Some(Asked::Notifier(None)))>
                        "Add a notifier"
                    </Button>
                })}
            </div>
            <QueryView
                query=notifiers
                what="the notifiers"
                lines=3
                render=move |list: Notifiers| {
                    if list.is_empty() {
                        return view! { <EmptyState title="No notifier" text="Add one to be told of alerts and events." /> }.into_any();
                    }
                    view! {
                        <div class="table-wrap">
                            <table class="table">
                                <caption class="visually-hidden">"Notifiers"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Name"</th>
                                        <th scope="col">"Platform"</th>
                                        <th scope="col">"Sends to"</th>
                                        <th scope="col">"Sends"</th>
                                        <th scope="col">"State"</th>
                                        <th scope="col" class="table__actions"><span class="visually-hidden">"Actions"</span></th>
                                    </tr>
                                </thead>
                                <tbody>{notifier_rows(list)}</tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                }
            />
        </section>
        {dialog}
    }
}

/// What a button of a row asks of the API.
#[derive(Clone)]
enum Act {
    Test(String),
    Activate(Notifier, bool),
    DeleteNotifier(String),
    Disable(String, bool),
    DeleteAlert(String),
}
