use leptos::prelude::*;
use scalingo_api::{Addon, AddonProvider, AddonUpdateResponse};

use super::{on_success, write_failure, PlanPicker, QueryView, Write};
use crate::{
    api::use_app_api,
    logic::addons::price_preview,
    state::query::{use_query, QueryOptions},
    ui::{Button, ButtonVariant, Dialog, FormShell},
};

type Providers = Vec<AddonProvider>;

/// Moves an addon to another plan of its provider, with the price and the
/// app's new monthly total before confirming. The provider may refuse
/// (a plan too small for the data): its message shows here.
#[component]
pub fn ChangePlanDialog(
    open: RwSignal<bool>,
    addon: Addon,
    /// What the app's addons cost a month now.
    total: f64,
    on_changed: Callback<AddonUpdateResponse>,
) -> impl IntoView {
    let api = use_app_api();
    let providers = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.client().addon_providers(api.region()).await }
            },
            QueryOptions::default(),
        )
    };
    let current = addon.plan.clone();
    let current_id = current.as_ref().map(|p| p.id.clone());
    let chosen = RwSignal::new(current_id.clone());
    let provider_id = addon.provider_id().to_owned();
    let provider_name = addon
        .addon_provider
        .as_ref()
        .map_or_else(|| provider_id.clone(), |p| p.name.clone());
    let plans = Memo::new({
        let provider_id = provider_id.clone();
        move |_| {
            providers
                .fresh()
                .and_then(|list| list.into_iter().find(|p| p.id == provider_id))
                .map(|p| p.plans)
                .unwrap_or_default()
        }
    });

    let id = addon.id.clone();
    let change: Write<String, AddonUpdateResponse> = Action::new_local(move |plan: &String| {
        let (api, id, plan) = (api.clone(), id.clone(), plan.clone());
        async move { api.change_addon_plan(&id, plan).await }
    });
    let failure = write_failure(change, &["plan_id"]);
    on_success(change, move |answer| {
        open.set(false);
        on_changed.run(answer);
    });
    let chosen_plan = Memo::new(move |_| {
        let id = chosen.get()?;
        plans.with(|all| all.iter().find(|p| p.id == id).cloned())
    });
    let is_change = Memo::new({
        let current_id = current_id.clone();
        move |_| chosen.get().is_some() && chosen.get() != current_id
    });
    let preview = move || {
        if !is_change.get() {
            return "Pick another plan to see its price and the app's new monthly total."
                .to_owned();
        }
        chosen_plan
            .get()
            .map(|plan| price_preview(total, &plan, current.as_ref()))
            .unwrap_or_default()
    };
    let submit = Callback::new(move |()| {
        if let Some(plan) = chosen.get_untracked().filter(|_| is_change.get_untracked()) {
            change.dispatch(plan);
        }
    });
    let legend = format!("Plan of {provider_name}");
    view! {
        <Dialog open title=format!("Change the plan of {provider_name}") id="addon-plan">
            <FormShell
                on_submit=submit
                action="Change the plan"
                sending_label="Changing…"
                pending=change.pending()
                error=failure
                ready=is_change
                variant=ButtonVariant::Primary
                actions=std::sync::Arc::new(move || view! { <Button on:click=move |_| open.set(false)>"Cancel"</Button> }.into_any())
            >
                <QueryView
                    query=providers
                    what="the plans"
                    lines=4
                    once=true
                    render=move |_: Providers| {
                        view! { <PlanPicker plans=plans.get_untracked() chosen current=current_id.clone().unwrap_or_default() legend=legend.clone() /> }
                    }
                />
                <p class="field__help">"The data stays; the addon may be unavailable for a few moments while it moves."</p>
                <p class="scale-preview" role="status" aria-live="polite">{preview}</p>
            </FormShell>
        </Dialog>
    }
}
