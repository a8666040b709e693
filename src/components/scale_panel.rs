use leptos::prelude::*;
use scalingo_api::{Autoscaler, ContainerSize, ContainerType, ScaleRequest};

use crate::{
    api::{use_app_api, ApiError},
    logic::{
        autoscaler::{enabled_for, scale_warning},
        format::bytes,
        scale::{
            changed_drafts, drafts_from, drafts_with_pending, euros, euros_difference,
            parse_amount, preview, request, Draft, Preview, MAX_AMOUNT,
        },
    },
    state::operations::use_operations,
    ui::{Button, ButtonVariant, ConfirmDialog, FormError, FormShell},
};

/// Scaling: per container type an amount (slider and number) and a size,
/// a live preview of the change and its monthly price, and one request for
/// every changed type.
#[component]
pub fn ScalePanel(
    formation: Vec<ContainerType>,
    sizes: Vec<ContainerSize>,
    /// Why scaling is not possible right now (an operation is running).
    #[prop(into)]
    blocked: Signal<Option<String>>,
    /// The user's changes not applied yet, owned by the page so that they
    /// survive this panel being rebuilt when the formation is reloaded.
    pending: RwSignal<Vec<Draft>>,
    /// The app's autoscalers: an autoscaled type shows its range on its
    /// slider, and that scaling it by hand turns its autoscaler off.
    #[prop(into, default = Signal::stored(Vec::new()))]
    autoscalers: Signal<Vec<Autoscaler>>,
) -> impl IntoView {
    let api = use_app_api();
    let operations = use_operations();
    let formation = StoredValue::new(formation);
    let sizes = StoredValue::new(sizes);
    let drafts = RwSignal::new(
        formation.with_value(|f| pending.with_untracked(|p| drafts_with_pending(f, p))),
    );
    Effect::new(move |_| {
        let changed = drafts.with(|d| formation.with_value(|f| changed_drafts(f, d)));
        pending.set(changed);
    });
    let error = RwSignal::new(None::<ApiError>);
    let confirm_stop = RwSignal::new(false);
    // Rows whose number field holds something that is not an amount.
    let invalid = RwSignal::new(std::collections::BTreeSet::<usize>::new());

    let shown: Memo<Preview> = Memo::new(move |_| {
        drafts.with(|d| formation.with_value(|f| sizes.with_value(|s| preview(f, d, s))))
    });

    let scale = {
        let api = api.clone();
        Action::new_local(move |(body, label): &(ScaleRequest, String)| {
            let (api, body, label) = (api.clone(), body.clone(), label.clone());
            async move { (label, api.scale(&body).await) }
        })
    };
    Effect::new(move |_| match scale.value().get() {
        Some((label, Ok(started))) => {
            error.set(None);
            operations.follow(&api, label, started.operation_url.as_deref());
        }
        // The draft stays as it was: the user can retry or adjust.
        Some((_, Err(failure))) => error.set(Some(failure)),
        None => {}
    });
    let apply = Callback::new(move |_| {
        let preview = shown.get_untracked();
        if preview.is_empty() {
            return;
        }
        let label = format!(
            "Scale {}",
            preview
                .changes
                .iter()
                .map(|c| format!("{} {}", c.name, c.summary()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        error.set(None);
        scale.dispatch((request(&preview), label));
    });
    let on_submit = Callback::new(move |()| {
        if shown.get_untracked().stops_app {
            confirm_stop.set(true);
        } else {
            apply.run(());
        }
    });

    // Rows are built once; each reads its own draft, so that a slider being
    // dragged is never replaced under the pointer.
    let rows = formation.with_value(|f| {
        f.iter()
            .enumerate()
            .map(|(index, kind)| {
                let name = kind.name.clone();
                let current = kind.amount;
                let autoscaled = Signal::derive(move || {
                    autoscalers.with(|all| {
                        enabled_for(all, &name)
                            .map(|a| (a.min_containers, a.max_containers, scale_warning(a)))
                    })
                });
                type_row(
                    index,
                    kind.name.clone(),
                    drafts,
                    sizes,
                    invalid,
                    autoscaled,
                    current,
                )
            })
            .collect_view()
    });

    let ready = Signal::derive(move || {
        !shown.with(Preview::is_empty)
            && blocked.with(Option::is_none)
            && invalid.with(|rows| rows.is_empty())
    });
    let shown_error = Signal::derive(move || {
        error.get().map(|failure| FormError {
            message: Some(scale_error_message(&failure)),
            fields: Vec::new(),
        })
    });
    let reset = move || {
        view! {
            <Button disabled=Signal::derive(move || shown.with(Preview::is_empty)) on:click=move |_| {
                    drafts.set(formation.with_value(|f| drafts_from(f)));
                    invalid.set(Default::default());
                    error.set(None);
                }>
                "Reset"
            </Button>
        }
    };

    view! {
        <FormShell
            class="card scale-panel"
            labelled_by="scale-title"
            on_submit
            action=Signal::derive(move || if error.with(Option::is_some) { "Retry" } else { "Apply" }.to_owned())
            sending_label="Scaling…"
            pending=scale.pending()
            error=shown_error
            ready
            variant=ButtonVariant::Primary
            actions=std::sync::Arc::new(move || reset().into_any())
        >
            <h2 id="scale-title" class="card__title">"Scale"</h2>
            <div class="scale-panel__rows">{rows}</div>
            <PreviewBox preview=shown />
            {move || blocked.get().map(|reason| view! { <p class="form__hint">{reason}</p> })}
            {move || {
                (!invalid.with(|rows| rows.is_empty()))
                    .then(|| view! { <p class="form__hint">"Correct the number of containers above to apply."</p> })
            }}
            <ConfirmDialog
                open=confirm_stop
                id="scale-stop"
                title="Stop the app?"
                message="Every container type goes to 0: the app stops serving requests until it is scaled up again."
                confirm_label="Scale to 0 and stop"
                on_confirm=apply
            />
        </FormShell>
    }
}

fn type_row(
    index: usize,
    name: String,
    drafts: RwSignal<Vec<Draft>>,
    sizes: StoredValue<Vec<ContainerSize>>,
    invalid: RwSignal<std::collections::BTreeSet<usize>>,
    autoscaled: Signal<Option<(u32, u32, String)>>,
    current: u32,
) -> impl IntoView {
    let amount = move || drafts.with(|d| d.get(index).map_or(0, |draft| draft.amount));
    let size = move || {
        drafts.with(|d| {
            d.get(index)
                .map(|draft| draft.size.clone())
                .unwrap_or_default()
        })
    };
    // The number field keeps what is typed (the page never writes into it
    // while the user types: a "-" on its way to "-1" reads as "" and would
    // be wiped); the slider and the preview follow it only when it is an
    // amount, and the row says why not.
    let number = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let set_amount = move |amount: u32| {
        drafts.update(|d| {
            if let Some(draft) = d.get_mut(index) {
                draft.amount = amount;
            }
        });
        problem.set(None);
        invalid.update(|rows| {
            rows.remove(&index);
        });
    };
    // A reset or a slider moves the number too, unless it is being typed;
    // an amount said wrong stays until it is corrected, reset or replaced
    // by the slider (each takes the row out of `invalid`).
    Effect::new(move |_| {
        let current = amount().to_string();
        let flagged = invalid.with(|rows| rows.contains(&index));
        let Some(field) = number.get() else {
            return;
        };
        if flagged {
            return;
        }
        if problem.get_untracked().is_some() {
            problem.set(None);
        }
        let typing = document().active_element().is_some_and(|e| {
            let field: &web_sys::Element = &field;
            e == *field
        });
        if !typing && field.value() != current {
            field.set_value(&current);
        }
    });
    let on_typed = move |value: String| match parse_amount(&value) {
        Ok(amount) => set_amount(amount),
        Err(message) => {
            problem.set(Some(message));
            invalid.update(|rows| {
                rows.insert(index);
            });
        }
    };
    let set_size = move |value: String| {
        drafts.update(|d| {
            if let Some(draft) = d.get_mut(index) {
                draft.size = value;
            }
        });
    };
    let slider_id = format!("scale-{name}-amount");
    let problem_id = format!("scale-{name}-problem");
    let autoscale_id = format!("scale-{name}-autoscaler");
    // The autoscaler's range as a band under the slider's track.
    let band = move |(low, high): (u32, u32)| {
        let at = |n: u32| {
            format!(
                "{:.2}%",
                f64::from(n.min(MAX_AMOUNT)) * 100.0 / f64::from(MAX_AMOUNT)
            )
        };
        let width = format!(
            "{:.2}%",
            f64::from(high.min(MAX_AMOUNT).saturating_sub(low.min(MAX_AMOUNT))) * 100.0
                / f64::from(MAX_AMOUNT)
        );
        view! { <span class="scale-row__autoscaled" aria-hidden="true" style:left=at(low) style:width=width></span> }
    };
    let current_size = untrack(size);
    let options = sizes.with_value(|sizes| {
        let mut names: Vec<String> = sizes.iter().map(|s| s.name.clone()).collect();
        // A size the catalogue does not list (custom or retired) stays selectable.
        if !names.contains(&current_size) {
            names.insert(0, current_size.clone());
        }
        names
            .into_iter()
            .map(|option| {
                let label = sizes
                    .iter()
                    .find(|s| s.name == option)
                    .map(|s| format!("{option} · {}", bytes(s.memory)))
                    .unwrap_or_else(|| option.clone());
                let selected = option == current_size;
                view! { <option value=option selected=selected>{label}</option> }
            })
            .collect_view()
    });
    view! {
        <div class="scale-row">
            <label class="scale-row__name mono" for=slider_id.clone()>{name.clone()}</label>
            <div class="scale-row__track">
                {move || autoscaled.get().map(|(low, high, _)| band((low, high)))}
                <input
                    id=slider_id
                    class="scale-row__slider"
                    type="range"
                    min="0"
                    max=MAX_AMOUNT.to_string()
                    step="1"
                    aria-describedby=autoscale_id.clone()
                    aria-valuetext=move || match amount() {
                        1 => "1 container".to_owned(),
                        n => format!("{n} containers"),
                    }
                    prop:value=move || amount().to_string()
                    on:input:target=move |ev| {
                        if let Ok(amount) = parse_amount(&ev.target().value()) {
                            set_amount(amount);
                        }
                    }
                />
            </div>
            <input
                id=format!("scale-{name}-number")
                class="input scale-row__number"
                type="number"
                min="0"
                max=MAX_AMOUNT.to_string()
                step="1"
                inputmode="numeric"
                aria-label=format!("Number of {name} containers")
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=problem_id.clone()
                node_ref=number
                value=untrack(amount).to_string()
                on:input:target=move |ev| on_typed(ev.target().value())
            />
            <select
                id=format!("scale-{name}-size")
                class="input scale-row__size"
                aria-label=format!("Size of {name} containers")
                prop:value=size
                on:change:target=move |ev| set_size(ev.target().value())
            >
                {options}
            </select>
            <p id=problem_id class="scale-row__problem field__errors" aria-live="polite">
                {move || problem.get()}
            </p>
            <p
                id=autoscale_id
                class="scale-row__autoscaler"
                class:scale-row__autoscaler--warning=move || autoscaled.with(Option::is_some) && amount() != current
            >
                {move || autoscaled.get().map(|(_, _, warning)| warning)}
            </p>
        </div>
    }
}

/// The preview of a draft: what changes, memory, price.
#[component]
fn PreviewBox(preview: Memo<Preview>) -> impl IntoView {
    move || {
        let preview = preview.get();
        if preview.is_empty() {
            return view! { <p class="scale-preview scale-preview--idle muted">"Move a slider or pick a size to preview a change."</p> }
                .into_any();
        }
        let changes = preview
            .changes
            .iter()
            .map(|change| {
                view! {
                    <li>
                        <span class="mono">{change.name.clone()}</span>
                        " "
                        <strong>{change.summary()}</strong>
                    </li>
                }
            })
            .collect_view();
        let memory = format!(
            "{} → {}",
            bytes(preview.memory_before),
            bytes(preview.memory_after)
        );
        let price = match (
            preview.monthly_before,
            preview.monthly_after,
            preview.monthly_difference(),
        ) {
            (Some(before), Some(after), Some(difference)) => format!(
                "{} → {} per month ({})",
                euros(before),
                euros(after),
                euros_difference(difference)
            ),
            _ => "Unknown: a size has no price in the catalogue".to_owned(),
        };
        view! {
            <div class="scale-preview" aria-live="polite">
                <ul class="scale-preview__changes">{changes}</ul>
                <dl class="facts">
                    <dt>"Memory"</dt>
                    <dd>{memory}</dd>
                    <dt>"Price"</dt>
                    <dd class="scale-preview__price">{price}</dd>
                </dl>
                {preview
                    .stops_app
                    .then(|| view! { <p class="form__hint">"Every type at 0 stops the app."</p> })}
            </div>
        }
        .into_any()
    }
}

/// A failed scale in words, the API's message first.
fn scale_error_message(error: &ApiError) -> String {
    match error.status() {
        Some(409) => format!(
            "{error} Another operation (a scale, a restart or a deployment) is running on this app: wait for it to end, then retry."
        ),
        Some(402) => format!("{error} Add a payment method to the account to scale beyond the free usage."),
        _ => error.to_string(),
    }
}
