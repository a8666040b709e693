use leptos::prelude::*;
use scalingo_api::{
    alert_errors, format_number, minutes_and_seconds, nanos_from_minutes_and_seconds, Alert,
    AlertDraft, AlertUpdate, NewAlert, Notifier, TriggerMetric,
};

use super::{on_success, rule_messages, write_failure, Write};
use crate::{
    api::use_app_api,
    logic::alerts::REMINDERS,
    ui::{Button, ButtonVariant, Dialog, FieldErrors, FormShell},
};

const FIELDS: &[&str] = &[
    "container_type",
    "metric",
    "limit",
    "duration_before_trigger",
    "remind_every",
    "notifiers",
];

/// Creates an alert or changes one: a metric of a container type, a limit
/// typed in the metric's unit (%, ms, rpm…; the API's ratios and
/// nanoseconds are worked out here), above or below, how long it must
/// last, how often to remind, and the notifiers that receive it.
#[component]
pub fn AlertForm(
    open: RwSignal<bool>,
    /// The app's container types.
    types: Vec<String>,
    notifiers: Vec<Notifier>,
    editing: Option<Alert>,
    on_saved: Callback<Alert>,
) -> impl IntoView {
    let api = use_app_api();
    let id = editing.as_ref().map(|a| a.id.clone());
    let is_new = id.is_none();
    let kind = RwSignal::new(
        editing
            .as_ref()
            .map(|a| a.container_type.clone())
            .or_else(|| types.iter().find(|t| *t == "web").cloned())
            .or_else(|| types.first().cloned())
            .unwrap_or_default(),
    );
    let metric = RwSignal::new(
        editing
            .as_ref()
            .map_or(TriggerMetric::Memory, |a| a.metric.clone()),
    );
    let limit = RwSignal::new(
        editing
            .as_ref()
            .map(|a| format_number(a.metric.from_api(a.limit)))
            .unwrap_or_default(),
    );
    let below = RwSignal::new(editing.as_ref().is_some_and(|a| a.send_when_below));
    let (minutes_before, seconds_before) = editing
        .as_ref()
        .map_or((5, 0), |a| minutes_and_seconds(a.duration_before_trigger));
    let minutes = RwSignal::new(minutes_before.to_string());
    let seconds = RwSignal::new(seconds_before.to_string());
    let remind = RwSignal::new(
        editing
            .as_ref()
            .map_or_else(|| "30m".to_owned(), |a| a.remind_every.clone()),
    );
    let chosen = RwSignal::new(
        editing
            .as_ref()
            .map(|a| a.notifiers.clone())
            .unwrap_or_else(|| {
                notifiers
                    .iter()
                    .filter(|n| n.active)
                    .map(|n| n.id.clone())
                    .take(1)
                    .collect()
            }),
    );
    let tried = RwSignal::new(false);
    let notifier_ids: Vec<String> = notifiers.iter().map(|n| n.id.clone()).collect();

    let delay = Memo::new(move |_| {
        let m: Option<u64> = minutes.get().trim().parse().ok();
        let s: Option<u64> = seconds.get().trim().parse().ok();
        m.zip(s).map(|(m, s)| nanos_from_minutes_and_seconds(m, s))
    });
    let problems = Memo::new(move |_| {
        let chosen_metric = metric.get();
        let typed = limit.get();
        let parsed = chosen_metric.parse_shown(&typed);
        let remind_text = remind.get();
        let ids = chosen.get();
        let current_kind = kind.get();
        let mut errors = alert_errors(
            &AlertDraft {
                container_type: &current_kind,
                metric: chosen_metric.as_str(),
                limit: parsed,
                remind_every: Some(&remind_text),
                notifiers: &ids,
            },
            |id| notifier_ids.iter().any(|n| n == id),
        );
        if !typed.trim().is_empty() && parsed.is_none() {
            errors.insert("limit".to_owned(), vec!["is not a number".to_owned()]);
        }
        if delay.get().is_none() {
            errors.insert(
                "duration_before_trigger".to_owned(),
                vec!["must be whole minutes and seconds".to_owned()],
            );
        }
        errors
    });
    let save: Write<(), Alert> = Action::new_local(move |(): &()| {
        let (api, id) = (api.clone(), id.clone());
        let chosen_metric = metric.get_untracked();
        let value = chosen_metric
            .parse_shown(&limit.get_untracked())
            .unwrap_or_default();
        let container_type = kind.get_untracked();
        let send_when_below = below.get_untracked();
        let duration_before_trigger = delay.get_untracked().unwrap_or_default();
        let remind_every = remind.get_untracked();
        let notifiers = chosen.get_untracked();
        async move {
            match id {
                None => {
                    api.create_alert(NewAlert {
                        container_type,
                        metric: chosen_metric,
                        limit: value,
                        send_when_below,
                        duration_before_trigger,
                        remind_every: Some(remind_every),
                        notifiers,
                    })
                    .await
                }
                Some(id) => {
                    api.update_alert(
                        &id,
                        AlertUpdate {
                            container_type: Some(container_type),
                            metric: Some(chosen_metric),
                            limit: Some(value),
                            send_when_below: Some(send_when_below),
                            duration_before_trigger: Some(duration_before_trigger),
                            remind_every: Some(remind_every),
                            notifiers: Some(notifiers),
                            disabled: None,
                        },
                    )
                    .await
                }
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
        if problems.get_untracked().is_empty() {
            save.dispatch(());
        }
    });

    let type_options = types
        .iter()
        .map(|t| {
            let value = t.clone();
            let selected = move || kind.get() == value;
            view! { <option value=t.clone() selected=selected>{t.clone()}</option> }
        })
        .collect_view();
    let metric_options = move || {
        let current_kind = kind.get();
        TriggerMetric::ALERT
            .into_iter()
            .filter(|m| m.applies_to(&current_kind))
            .map(|m| {
                let selected = metric.with_untracked(|current| *current == m);
                view! { <option value=m.as_str().to_owned() selected=selected>{m.label().to_owned()}</option> }
            })
            .collect_view()
    };
    // A reminder set elsewhere (`1h30m`) stays one of the choices.
    let own = remind.get_untracked();
    let mut reminders: Vec<(String, String)> = REMINDERS
        .iter()
        .map(|(value, label)| ((*value).to_owned(), (*label).to_owned()))
        .collect();
    if !reminders.iter().any(|(value, _)| *value == own) {
        let label = scalingo_api::parse_reminder(&own).map_or_else(
            || own.clone(),
            |d| format!("Every {}", crate::logic::alerts::duration_text(d)),
        );
        reminders.push((own, label));
    }
    let reminder_options = reminders
        .into_iter()
        .map(|(value, label)| {
            let selected = {
                let value = value.clone();
                move || remind.get() == value
            };
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    let notifier_choices = notifiers
        .into_iter()
        .map(|n| {
            let id = n.id.clone();
            let checked = {
                let id = id.clone();
                move || chosen.with(|c| c.contains(&id))
            };
            let label = if n.active {
                n.name.clone()
            } else {
                format!("{} (inactive)", n.name)
            };
            view! {
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| {
                                c.retain(|x| *x != id);
                                if on {
                                    c.push(id.clone());
                                }
                            });
                        }
                    />
                    <bdi>{label}</bdi>
                </label>
            }
        })
        .collect_view();
    let unit = move || metric.with(|m| m.unit().map(|u| u.suffix()).unwrap_or_default());
    let limit_messages = messages("limit");
    let metric_messages = messages("metric");
    let delay_messages = messages("duration_before_trigger");
    let notifier_messages = messages("notifiers");
    let remind_messages = messages("remind_every");
    view! {
        <Dialog open title=if is_new { "Add an alert" } else { "Edit the alert" } id="alert-form">
            <FormShell
                on_submit=submit
                action=if is_new { "Add the alert" } else { "Save the alert" }
                sending_label="Saving…"
                pending=save.pending()
                error=failure
                variant=ButtonVariant::Primary
                actions=std::sync::Arc::new(move || view! { <Button on:click=move |_| open.set(false)>"Cancel"</Button> }.into_any())
            >
                <div class="field-row">
                    <div class="field">
                        <label for="alert-type" class="field__label">"Container type"</label>
                        <select id="alert-type" class="input" on:change=move |ev| {
                            kind.set(event_target_value(&ev));
                            if !metric.with_untracked(|m| m.applies_to(&kind.get_untracked())) {
                                metric.set(TriggerMetric::Memory);
                            }
                        }>
                            {type_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for="alert-metric" class="field__label">"Metric"</label>
                        <select
                            id="alert-metric"
                            class="input"
                            aria-describedby="alert-metric-errors"
                            on:change=move |ev| {
                                metric.set(TriggerMetric::from(event_target_value(&ev)));
                                limit.set(String::new());
                            }
                        >
                            {metric_options}
                        </select>
                        <FieldErrors id="alert-metric-errors" messages=metric_messages live=true />
                    </div>
                </div>
                <fieldset class="field choices">
                    <legend class="field__label">"When the metric is"</legend>
                    <label class="radio">
                        <input type="radio" name="alert-side" prop:checked=move || !below.get() on:change=move |_| below.set(false) />
                        "Above the limit"
                    </label>
                    <label class="radio">
                        <input type="radio" name="alert-side" prop:checked=below on:change=move |_| below.set(true) />
                        "Below the limit"
                    </label>
                </fieldset>
                <div class="field">
                    <label for="alert-limit" class="field__label">
                        "Limit " <span class="muted">{move || format!("({})", unit())}</span>
                    </label>
                    <input
                        id="alert-limit"
                        class="input input--number"
                        inputmode="decimal"
                        autocomplete="off"
                        aria-invalid=move || (!limit_messages.get().is_empty()).to_string()
                        aria-describedby="alert-limit-errors"
                        prop:value=limit
                        on:input=move |ev| limit.set(event_target_value(&ev))
                    />
                    <FieldErrors id="alert-limit-errors" messages=limit_messages live=true />
                </div>
                <fieldset class="field">
                    <legend class="field__label">"For at least"</legend>
                    <div class="duration">
                        <label class="field__inline">
                            <input class="input input--number" type="number" min="0" step="1" aria-label="Minutes" prop:value=minutes on:input=move |ev| minutes.set(event_target_value(&ev)) />
                            <span>"min"</span>
                        </label>
                        <label class="field__inline">
                            <input class="input input--number" type="number" min="0" max="59" step="1" aria-label="Seconds" prop:value=seconds on:input=move |ev| seconds.set(event_target_value(&ev)) />
                            <span>"s"</span>
                        </label>
                    </div>
                    <FieldErrors id="alert-delay-errors" messages=delay_messages live=true />
                </fieldset>
                <div class="field">
                    <label for="alert-remind" class="field__label">"Remind"</label>
                    <select id="alert-remind" class="input" on:change=move |ev| remind.set(event_target_value(&ev))>
                        {reminder_options}
                    </select>
                    <FieldErrors id="alert-remind-errors" messages=remind_messages live=true />
                </div>
                <fieldset class="field choices">
                    <legend class="field__label">"Notify"</legend>
                    {notifier_choices}
                    <FieldErrors id="alert-notifiers-errors" messages=notifier_messages live=true />
                </fieldset>
            </FormShell>
        </Dialog>
    }
}
