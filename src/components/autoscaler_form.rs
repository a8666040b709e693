use leptos::prelude::*;
use scalingo_api::{
    autoscaler_errors, format_number, Autoscaler, AutoscalerDraft, AutoscalerUpdate, ContainerSize,
    NewAutoscaler, TriggerMetric,
};

use super::{on_success, rule_messages, write_failure, Write};
use crate::{
    api::use_app_api,
    logic::autoscaler::price_range,
    state::query::{use_query, QueryOptions},
    ui::{Button, ButtonSize, ButtonVariant, Dialog, FieldErrors, FormShell},
};

const FIELDS: &[&str] = &["metric", "target", "min_containers", "max_containers"];

/// Sets up an autoscaler for a container type, or changes one: the metric
/// (those the type has, the recommended one first), the target in the
/// metric's unit with the platform's recommended value proposed, and the
/// range of containers with the price of its ends.
#[component]
pub fn AutoscalerForm(
    open: RwSignal<bool>,
    container_type: String,
    /// The type's container size, for the prices.
    size: Option<ContainerSize>,
    /// The autoscaler to change; a new one when `None`.
    editing: Option<Autoscaler>,
    on_saved: Callback<Autoscaler>,
) -> impl IntoView {
    let api = use_app_api();
    let metrics: Vec<TriggerMetric> = TriggerMetric::AUTOSCALER
        .into_iter()
        .filter(|m| m.applies_to(&container_type))
        .collect();
    let id = editing.as_ref().map(|a| a.id.clone());
    let is_new = id.is_none();
    let metric = RwSignal::new(
        editing
            .as_ref()
            .map(|a| a.metric.clone())
            .or_else(|| metrics.first().cloned())
            .unwrap_or(TriggerMetric::Cpu),
    );
    let target = RwSignal::new(
        editing
            .as_ref()
            .map(|a| format_number(a.metric.from_api(a.target)))
            .unwrap_or_default(),
    );
    let target_touched = RwSignal::new(editing.is_some());
    let min = RwSignal::new(
        editing
            .as_ref()
            .map_or("2".to_owned(), |a| a.min_containers.to_string()),
    );
    let max = RwSignal::new(
        editing
            .as_ref()
            .map_or("4".to_owned(), |a| a.max_containers.to_string()),
    );
    let tried = RwSignal::new(false);

    // The platform's recommended target for the chosen metric.
    let recommended = {
        let api = api.clone();
        let kind = container_type.clone();
        use_query(
            move || Some(metric.get()),
            move |metric: TriggerMetric| {
                let (api, kind) = (api.clone(), kind.clone());
                async move { api.recommended_value(metric.as_str(), &kind).await }
            },
            QueryOptions::default(),
        )
    };
    let recommended_text = Memo::new(move |_| {
        recommended
            .fresh()
            .flatten()
            .map(|value| format_number(metric.with(|m| m.from_api(value))))
    });
    // Proposed while the user has not typed a target of their own.
    Effect::new(move |_| {
        if let Some(value) = recommended_text.get() {
            if !target_touched.get_untracked() {
                target.set(value);
            }
        }
    });

    let save: Write<(), Autoscaler> = {
        let kind = container_type.clone();
        Action::new_local(move |(): &()| {
            let (api, id, kind) = (api.clone(), id.clone(), kind.clone());
            let chosen = metric.get_untracked();
            let value = chosen
                .parse_shown(&target.get_untracked())
                .unwrap_or_default();
            let low: u32 = min.get_untracked().trim().parse().unwrap_or_default();
            let high: u32 = max.get_untracked().trim().parse().unwrap_or_default();
            async move {
                match id {
                    None => {
                        api.create_autoscaler(NewAutoscaler {
                            container_type: kind,
                            metric: chosen,
                            target: value,
                            min_containers: low,
                            max_containers: high,
                        })
                        .await
                    }
                    Some(id) => {
                        api.update_autoscaler(
                            &id,
                            AutoscalerUpdate {
                                metric: Some(chosen),
                                target: Some(value),
                                min_containers: Some(u64::from(low)),
                                max_containers: Some(u64::from(high)),
                                disabled: None,
                            },
                        )
                        .await
                    }
                }
            }
        })
    };
    let failure = write_failure(save, FIELDS);
    on_success(save, move |saved| {
        open.set(false);
        on_saved.run(saved);
    });

    let kind = container_type.clone();
    let problems = Memo::new(move |_| {
        let chosen = metric.get();
        let typed = target.get();
        let draft = AutoscalerDraft {
            container_type: &kind,
            metric: chosen.as_str(),
            target: chosen.parse_shown(&typed),
            min_containers: min.get().trim().parse().ok(),
            max_containers: max.get().trim().parse().ok(),
        };
        let mut errors = autoscaler_errors(&draft, false);
        if !typed.trim().is_empty() && draft.target.is_none() {
            errors.insert("target".to_owned(), vec!["is not a number".to_owned()]);
        }
        errors
    });
    // The target is judged once typed (or after a first try): an empty
    // field waiting for the recommendation is no mistake yet.
    let messages = move |field: &'static str| {
        let shown = move || {
            tried.get()
                || (field != "target")
                || (target_touched.get() && !target.with(String::is_empty))
        };
        rule_messages(problems, shown, failure, field)
    };
    let price = {
        let size = size.clone();
        move || {
            let low: u32 = min.get().trim().parse().ok()?;
            let high: u32 = max.get().trim().parse().ok()?;
            (low <= high)
                .then(|| price_range(size.as_ref(), low, high))
                .flatten()
        }
    };
    let submit = Callback::new(move |()| {
        tried.set(true);
        if !problems.get_untracked().is_empty() {
            return;
        }
        save.dispatch(());
    });
    let options = metrics
        .iter()
        .map(|m| {
            let value = m.as_str().to_owned();
            let label = if m.is_recommended() {
                format!("{} (recommended)", m.label())
            } else {
                m.label().to_owned()
            };
            let selected = {
                let m = m.clone();
                move || metric.with(|current| *current == m)
            };
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    let unit = move || metric.with(|m| m.unit().map(|u| u.suffix()).unwrap_or_default());
    let title = if is_new {
        format!("Autoscale {container_type}")
    } else {
        format!("Change the autoscaler of {container_type}")
    };
    let number_field = move |id: &'static str,
                             label: &'static str,
                             value: RwSignal<String>,
                             field: &'static str| {
        let errors_id = format!("{id}-errors");
        let messages = messages(field);
        view! {
            <div class="field">
                <label for=id class="field__label">{label}</label>
                <input
                    id=id
                    class="input input--number"
                    type="number"
                    inputmode="numeric"
                    min="2"
                    step="1"
                    aria-invalid=move || (!messages.get().is_empty()).to_string()
                    aria-describedby=errors_id.clone()
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <FieldErrors id=errors_id messages=messages live=true />
            </div>
        }
    };
    let metric_messages = messages("metric");
    let target_messages = messages("target");
    view! {
        <Dialog open title id="autoscaler-form">
            <FormShell
                on_submit=submit
                action=if is_new { "Set up the autoscaler" } else { "Save the autoscaler" }
                sending_label="Saving…"
                pending=save.pending()
                error=failure
                variant=ButtonVariant::Primary
                actions=std::sync::Arc::new(move || view! { <Button on:click=move |_| open.set(false)>"Cancel"</Button> }.into_any())
            >
                <div class="field">
                    <label for="autoscaler-metric" class="field__label">"Metric"</label>
                    <select
                        id="autoscaler-metric"
                        class="input"
                        aria-describedby="autoscaler-metric-errors"
                        on:change=move |ev| {
                            metric.set(TriggerMetric::from(event_target_value(&ev)));
                            // A target in another unit means nothing now:
                            // the new metric's recommendation is proposed.
                            target.set(String::new());
                            target_touched.set(false);
                        }
                    >
                        {options}
                    </select>
                    <FieldErrors id="autoscaler-metric-errors" messages=metric_messages live=true />
                </div>
                <div class="field">
                    <label for="autoscaler-target" class="field__label">
                        "Target " <span class="muted">{move || format!("({})", unit())}</span>
                    </label>
                    <input
                        id="autoscaler-target"
                        class="input input--number"
                        inputmode="decimal"
                        autocomplete="off"
                        aria-invalid=move || (!target_messages.get().is_empty()).to_string()
                        aria-describedby="autoscaler-target-help autoscaler-target-errors"
                        prop:value=target
                        on:input=move |ev| {
                            target.set(event_target_value(&ev));
                            target_touched.set(true);
                        }
                    />
                    <p id="autoscaler-target-help" class="field__help">
                        {move || match (recommended.loading(), recommended_text.get()) {
                            (_, Some(value)) => format!("The platform recommends {value} {} for this app.", unit()),
                            (true, None) => "Looking up the recommended target…".to_owned(),
                            (false, None) => "The platform has no recommendation for this metric yet.".to_owned(),
                        }}
                        {move || {
                            recommended_text.get().filter(|value| *value != target.get()).map(|value| view! {
                                " "
                                <Button size=ButtonSize::Small on:click=move |_| {
                                    target.set(value.clone());
                                    target_touched.set(true);
                                }>
                                    "Use it"
                                </Button>
                            })
                        }}
                    </p>
                    <FieldErrors id="autoscaler-target-errors" messages=target_messages live=true />
                </div>
                <div class="field-row">
                    {number_field("autoscaler-min", "Fewest containers", min, "min_containers")}
                    {number_field("autoscaler-max", "Most containers", max, "max_containers")}
                </div>
                <p class="field__help" role="status">
                    {move || price().unwrap_or_else(|| "At least 2 containers, as the platform requires.".to_owned())}
                </p>
            </FormShell>
        </Dialog>
    }
}
