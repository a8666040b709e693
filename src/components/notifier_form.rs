use leptos::prelude::*;
use scalingo_api::{
    notifier_errors, EventType, NewNotifier, NotificationPlatform, Notifier, NotifierDraft,
    NotifierKind, NotifierTypeData,
};

use super::{on_success, rule_messages, write_failure, Write};
use crate::{
    api::use_app_api,
    ui::{Button, ButtonVariant, Dialog, FieldErrors, FormShell},
};

const FIELDS: &[&str] = &["name", "active", "webhook_url", "emails", "platform_id"];

/// The addresses typed, one per line or separated by commas.
fn split_emails(text: &str) -> Vec<String> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Creates a notifier or changes one: its platform (webhook, e-mail,
/// Slack…) with that platform's own fields, and what it is told of.
#[component]
pub fn NotifierForm(
    open: RwSignal<bool>,
    platforms: Vec<NotificationPlatform>,
    event_types: Vec<EventType>,
    /// The notifier to change; a new one when `None`.
    editing: Option<Notifier>,
    on_saved: Callback<Notifier>,
) -> impl IntoView {
    let api = use_app_api();
    let id = editing.as_ref().map(|n| n.id.clone());
    let is_new = id.is_none();
    let platforms = StoredValue::new(platforms);
    let platform_id = RwSignal::new(
        editing
            .as_ref()
            .map(|n| n.platform_id.clone())
            .or_else(|| platforms.with_value(|p| p.first().map(|p| p.id.clone())))
            .unwrap_or_default(),
    );
    let platform = Memo::new(move |_| {
        let chosen = platform_id.get();
        platforms.with_value(|all| all.iter().find(|p| p.id == chosen).cloned())
    });
    // The platform's name is the notifier's kind; a notifier whose
    // platform is not listed keeps its own.
    let own_kind = editing.as_ref().map(|n| n.kind.clone());
    let kind = Memo::new(move |_| {
        platform
            .get()
            .map(|p| NotifierKind::from(p.name))
            .or_else(|| own_kind.clone())
            .unwrap_or(NotifierKind::Webhook)
    });
    let destination = editing.as_ref().map(Notifier::destination);
    let name = RwSignal::new(editing.as_ref().map(|n| n.name.clone()).unwrap_or_default());
    let active = RwSignal::new(editing.as_ref().is_none_or(|n| n.active));
    let webhook_url = RwSignal::new(match &destination {
        Some(NotifierTypeData::Webhook { webhook_url }) => webhook_url.clone(),
        _ => String::new(),
    });
    let (user_ids, emails_before) = match &destination {
        Some(NotifierTypeData::Email { user_ids, emails }) => (user_ids.clone(), emails.join("\n")),
        _ => (Vec::new(), String::new()),
    };
    let user_ids = StoredValue::new(user_ids);
    let emails = RwSignal::new(emails_before);
    let other_data = StoredValue::new(match &destination {
        Some(NotifierTypeData::Other(map)) => map.clone(),
        _ => Default::default(),
    });
    let all_events = RwSignal::new(editing.as_ref().is_some_and(|n| n.send_all_events));
    let all_alerts = RwSignal::new(editing.as_ref().is_none_or(|n| n.send_all_alerts));
    let selected = RwSignal::new(
        editing
            .as_ref()
            .map(|n| n.selected_event_ids.clone())
            .unwrap_or_default(),
    );
    let tried = RwSignal::new(false);

    let type_data = Memo::new(move |_| match kind.get() {
        k if k.uses_webhook() => NotifierTypeData::Webhook {
            webhook_url: webhook_url.get().trim().to_owned(),
        },
        NotifierKind::Email => NotifierTypeData::Email {
            user_ids: user_ids.get_value(),
            emails: split_emails(&emails.get()),
        },
        _ => NotifierTypeData::Other(other_data.get_value()),
    });
    let problems = Memo::new(move |_| {
        let typed = name.get();
        type_data.with(|data| {
            notifier_errors(&NotifierDraft {
                name: &typed,
                active: Some(active.get()),
                type_data: data,
            })
        })
    });
    let save: Write<NewNotifier, Notifier> = Action::new_local(move |notifier: &NewNotifier| {
        let (api, id, notifier) = (api.clone(), id.clone(), notifier.clone());
        async move {
            match id {
                Some(id) => api.update_notifier(&id, notifier).await,
                None => api.create_notifier(notifier).await,
            }
        }
    });
    let failure = write_failure(save, FIELDS);
    on_success(save, move |saved| {
        open.set(false);
        on_saved.run(saved);
    });
    let messages =
        move |field: &'static str| rule_messages(problems, move || tried.get(), failure, field);
    let submit = Callback::new(move |()| {
        tried.set(true);
        if !problems.get_untracked().is_empty() {
            return;
        }
        save.dispatch(NewNotifier {
            platform_id: platform_id.get_untracked(),
            name: name.get_untracked().trim().to_owned(),
            active: active.get_untracked(),
            send_all_events: all_events.get_untracked(),
            send_all_alerts: all_alerts.get_untracked(),
            selected_event_ids: if all_events.get_untracked() {
                Vec::new()
            } else {
                selected.get_untracked()
            },
            type_data: type_data.get_untracked().to_map(),
        });
    });

    let platform_options = platforms.with_value(|all| {
        all.iter()
            .map(|p| {
                let value = p.id.clone();
                let label = if p.display_name.is_empty() {
                    p.name.clone()
                } else {
                    p.display_name.clone()
                };
                let selected = move || platform_id.get() == value;
                view! { <option value=p.id.clone() selected=selected>{label}</option> }
            })
            .collect_view()
    });
    let name_messages = messages("name");
    let url_messages = messages("webhook_url");
    let email_messages = messages("emails");
    let destination_field = move || match kind.get() {
        k if k.uses_webhook() => view! {
            <div class="field">
                <label for="notifier-url" class="field__label">"Webhook URL"</label>
                <input
                    id="notifier-url"
                    class="input mono"
                    type="url"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="https://"
                    aria-invalid=move || (!url_messages.get().is_empty()).to_string()
                    aria-describedby="notifier-url-errors"
                    prop:value=webhook_url
                    on:input=move |ev| webhook_url.set(event_target_value(&ev))
                />
                <FieldErrors id="notifier-url-errors" messages=url_messages live=true />
            </div>
        }
        .into_any(),
        NotifierKind::Email => {
            let collaborators = user_ids.with_value(Vec::len);
            view! {
                <div class="field">
                    <label for="notifier-emails" class="field__label">"E-mail addresses"</label>
                    <textarea
                        id="notifier-emails"
                        class="input"
                        rows="3"
                        spellcheck="false"
                        aria-invalid=move || (!email_messages.get().is_empty()).to_string()
                        aria-describedby="notifier-emails-help notifier-emails-errors"
                        prop:value=emails
                        on:input=move |ev| emails.set(event_target_value(&ev))
                    ></textarea>
                    <p id="notifier-emails-help" class="field__help">
                        {if collaborators > 0 {
                            format!("One per line or separated by commas, besides the {collaborators} collaborator(s) it already sends to.")
                        } else {
                            "One per line or separated by commas.".to_owned()
                        }}
                    </p>
                    <FieldErrors id="notifier-emails-errors" messages=email_messages live=true />
                </div>
            }
            .into_any()
        }
        _ => view! { <p class="muted">"This platform's settings are kept as they are."</p> }
            .into_any(),
    };
    let event_types = StoredValue::new(event_types);
    let event_choices = move || {
        let available = platform
            .get()
            .map(|p| p.available_event_ids)
            .unwrap_or_default();
        event_types.with_value(|types| {
            types
                .iter()
                .filter(|t| available.is_empty() || available.contains(&t.id))
                .map(|t| {
                    let id = t.id.clone();
                    let checked = {
                        let id = id.clone();
                        move || selected.with(|s| s.contains(&id))
                    };
                    let label = if t.display_name.is_empty() {
                        t.name.clone()
                    } else {
                        t.display_name.clone()
                    };
                    view! {
                        <label class="checkbox">
                            <input
                                type="checkbox"
                                prop:checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    selected.update(|s| {
                                        s.retain(|x| *x != id);
                                        if on {
                                            s.push(id.clone());
                                        }
                                    });
                                }
                            />
                            {label}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    let title = if is_new {
        "Add a notifier".to_owned()
    } else {
        format!("Edit {}", name.get_untracked())
    };
    view! {
        <Dialog open title id="notifier-form">
            <FormShell
                on_submit=submit
                action=if is_new { "Add the notifier" } else { "Save the notifier" }
                sending_label="Saving…"
                pending=save.pending()
                error=failure
                variant=ButtonVariant::Primary
                actions=std::sync::Arc::new(move || view! { <Button on:click=move |_| open.set(false)>"Cancel"</Button> }.into_any())
            >
                <div class="field">
                    <label for="notifier-platform" class="field__label">"Platform"</label>
                    <select
                        id="notifier-platform"
                        class="input"
                        disabled=!is_new
                        on:change=move |ev| platform_id.set(event_target_value(&ev))
                    >
                        {platform_options}
                    </select>
                </div>
                <div class="field">
                    <label for="notifier-name" class="field__label">"Name"</label>
                    <input
                        id="notifier-name"
                        class="input"
                        autocomplete="off"
                        maxlength="120"
                        aria-invalid=move || (!name_messages.get().is_empty()).to_string()
                        aria-describedby="notifier-name-errors"
                        prop:value=name
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    <FieldErrors id="notifier-name-errors" messages=name_messages live=true />
                </div>
                {destination_field}
                <fieldset class="field choices">
                    <legend class="field__label">"Sends"</legend>
                    <label class="checkbox">
                        <input type="checkbox" prop:checked=active on:change=move |ev| active.set(event_target_checked(&ev)) />
                        "Active"
                    </label>
                    <label class="checkbox">
                        <input type="checkbox" prop:checked=all_alerts on:change=move |ev| all_alerts.set(event_target_checked(&ev)) />
                        "Every alert of the app"
                    </label>
                    <label class="checkbox">
                        <input type="checkbox" prop:checked=all_events on:change=move |ev| all_events.set(event_target_checked(&ev)) />
                        "Every event of the app"
                    </label>
                </fieldset>
                <Show when=move || !all_events.get()>
                    <fieldset class="field choices notifier__events">
                        <legend class="field__label">"Events"</legend>
                        {event_choices}
                    </fieldset>
                </Show>
            </FormShell>
        </Dialog>
    }
}
