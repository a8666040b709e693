//! The autoscalers of the Containers tab: one row per container type, to
//! set one up, change it, turn it off or on, or delete it.

use leptos::prelude::*;
use scalingo_api::{Autoscaler, AutoscalerUpdate};

use super::{use_app_data, FormationData};
use crate::{
    api::use_app_api,
    components::{AutoscalerForm, DateTime, QueryView, RoleNote},
    logic::autoscaler::{price_range, summary},
    state::{notices::use_notices, preferences::use_preferences, query::Query},
    ui::{Button, ButtonSize, ConfirmDialog},
};

/// The autoscaler being set up or changed: its type, and the autoscaler
/// when it exists.
type Editing = (String, Option<Autoscaler>);

#[component]
pub fn AutoscalerSection(autoscalers: Query<(), Vec<Autoscaler>>) -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let notices = use_notices();
    let read_only = use_preferences().read_only();
    let limited = data.limited();
    // Changes are offered unless read-only mode or the role forbids them.
    let locked = move || read_only || limited.get();
    let editing = RwSignal::new(None::<Editing>);
    let deleting = RwSignal::new(None::<Autoscaler>);

    let toggle = {
        let api = api.clone();
        Action::new_local(move |(autoscaler, disabled): &(Autoscaler, bool)| {
            let (api, id, disabled) = (api.clone(), autoscaler.id.clone(), *disabled);
            let kind = autoscaler.container_type.clone();
            async move {
                let update = AutoscalerUpdate {
                    disabled: Some(disabled),
                    ..AutoscalerUpdate::default()
                };
                (kind, disabled, api.update_autoscaler(&id, update).await)
            }
        })
    };
    Effect::new(move |_| match toggle.value().get() {
        Some((kind, disabled, Ok(_))) => {
            let state = if disabled { "off" } else { "on" };
            notices.success(format!("The autoscaler of {kind} is {state}."));
            autoscalers.refetch();
        }
        Some((kind, _, Err(error))) => {
            notices.error(format!("The autoscaler of {kind} did not change: {error}"))
        }
        None => {}
    });
    let delete = Action::new_local(move |autoscaler: &Autoscaler| {
        let (api, id) = (api.clone(), autoscaler.id.clone());
        let kind = autoscaler.container_type.clone();
        async move { (kind, api.delete_autoscaler(&id).await) }
    });
    Effect::new(move |_| match delete.value().get() {
        Some((kind, Ok(()))) => {
            notices.success(format!(
                "The autoscaler of {kind} is deleted: its containers stay as they are."
            ));
            autoscalers.refetch();
        }
        Some((kind, Err(error))) => {
            notices.error(format!("The autoscaler of {kind} was not deleted: {error}"))
        }
        None => {}
    });
    let busy = Signal::derive(move || toggle.pending().get() || delete.pending().get());

    let form = move || {
        editing.get().map(|(kind, autoscaler)| {
            let open = crate::ui::open_until_closed(editing);
            let size = data.formation.fresh().and_then(|(formation, sizes)| {
                let name = formation.iter().find(|t| t.name == kind)?.size.clone();
                sizes.into_iter().find(|s| s.name == name)
            });
            let is_new = autoscaler.is_none();
            let on_saved = Callback::new(move |saved: Autoscaler| {
                let verb = if is_new {
                    "now autoscaled"
                } else {
                    "autoscaled with the new settings"
                };
                notices.success(format!(
                    "{} is {verb}. {}",
                    saved.container_type,
                    summary(&saved)
                ));
                autoscalers.refetch();
            });
            view! { <AutoscalerForm open container_type=kind size editing=autoscaler on_saved /> }
        })
    };
    let confirm_delete = move || {
        deleting.get().map(|autoscaler| {
            let open = crate::ui::open_until_closed(deleting);
            let message = format!(
                "Delete the autoscaler of {}? Its {} containers stay as they are until you scale them.",
                autoscaler.container_type, autoscaler.container_type
            );
            let confirm = Callback::new(move |()| {
                delete.dispatch(autoscaler.clone());
            });
            view! {
                <ConfirmDialog open id="autoscaler-delete" title="Delete the autoscaler?" message confirm_label="Delete" on_confirm=confirm />
            }
        })
    };

    let rows = move |(formation, sizes): FormationData, list: Vec<Autoscaler>| {
        formation
            .into_iter()
            .map(|kind| {
                let autoscaler = list.iter().find(|a| a.container_type == kind.name).cloned();
                let size = sizes.iter().find(|s| s.name == kind.size);
                let name = kind.name.clone();
                let (state, tone) = match &autoscaler {
                    Some(a) if a.is_enabled() => ("On", "ok"),
                    Some(_) => ("Off", "muted"),
                    None => ("None", "muted"),
                };
                let what = autoscaler.as_ref().map_or_else(
                    || "Scaled by hand.".to_owned(),
                    summary,
                );
                let range = autoscaler
                    .as_ref()
                    .and_then(|a| price_range(size, a.min_containers, a.max_containers));
                let last = autoscaler
                    .as_ref()
                    .and_then(|a| a.last_scaled_at().map(str::to_owned));
                let controls = (!locked()).then(|| match autoscaler.clone() {
                    None => {
                        let kind = name.clone();
                        view! {
                            <Button size=ButtonSize::Small attr:aria-label=format!("Set up an autoscaler for {name}") on:click=move |_| editing.set(Some((kind.clone(), None)))>
                                "Set up"
                            </Button>
                        }
                        .into_any()
                    }
                    Some(a) => {
                        let (edit, switch, remove) = (a.clone(), a.clone(), a.clone());
                        let kind = name.clone();
                        let enabled = a.is_enabled();
                        view! {
                            <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("Change the autoscaler of {name}") on:click=move |_| editing.set(Some((kind.clone(), Some(edit.clone()))))>
                                "Change"
                            </Button>
                            <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("Turn {} the autoscaler of {name}", if enabled { "off" } else { "on" }) on:click=move |_| { toggle.dispatch((switch.clone(), enabled)); }>
                                {if enabled { "Turn off" } else { "Turn on" }}
                            </Button>
                            <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("Delete the autoscaler of {name}") on:click=move |_| deleting.set(Some(remove.clone()))>
                                "Delete"
                            </Button>
                        }
                        .into_any()
                    }
                });
                view! {
                    <tr>
                        <th scope="row" class="mono">{kind.name.clone()}</th>
                        <td>
                            {what}
                            {range.map(|range| view! { <span class="block muted">{range}</span> })}
                            {last.map(|at| view! { <span class="block muted">"Last scaled " <DateTime value=Some(at) /></span> })}
                        </td>
                        <td><span class=format!("badge badge--{tone}")>{state}</span></td>
                        <td class="table__actions">{controls}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="section" aria-labelledby="autoscalers-title">
            <h2 id="autoscalers-title" class="section__title">"Autoscalers"</h2>
            <p class="muted">
                "An autoscaler adds and removes containers of a type to keep a metric near its target, within a range of at least 2 containers."
            </p>
            <RoleNote limited what="autoscalers" />
            <QueryView
                query=autoscalers
                what="the autoscalers"
                lines=3
                render=move |list| {
                    move || {
                        let Some(formation) = data.formation.fresh() else {
                            return ().into_any();
                        };
                        if formation.0.is_empty() {
                            return view! { <p class="muted">"Container types appear after the first deployment."</p> }.into_any();
                        }
                        view! {
                            <div class="table-wrap">
                                <table class="table autoscalers">
                                    <caption class="visually-hidden">"Autoscalers by container type"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Type"</th>
                                            <th scope="col">"Autoscaler"</th>
                                            <th scope="col">"State"</th>
                                            <th scope="col" class="table__actions"><span class="visually-hidden">"Actions"</span></th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows(formation, list.clone())}</tbody>
                                </table>
                            </div>
                        }
                        .into_any()
                    }
                }
            />
        </section>
        {form}
        {confirm_delete}
    }
}
