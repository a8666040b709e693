use leptos::prelude::*;
use scalingo_api::AddonPlan;

use crate::logic::{
    addons::{plan_price, selectable_plans},
    html_text::html_to_text,
};

/// The plans of a provider as radio buttons, cheapest first, each with its
/// price and description (the API's HTML shown as text).
#[component]
pub fn PlanPicker(
    plans: Vec<AddonPlan>,
    /// The id of the plan picked.
    chosen: RwSignal<Option<String>>,
    /// The plan the addon has now, marked as such.
    #[prop(optional)]
    current: Option<String>,
    /// The legend, e.g. "Plan of PostgreSQL".
    #[prop(into)]
    legend: String,
) -> impl IntoView {
    let options = selectable_plans(&plans)
        .into_iter()
        .map(|plan| {
            let id = plan.id.clone();
            let is_current = current.as_deref() == Some(plan.id.as_str());
            let name = if plan.display_name.trim().is_empty() {
                plan.name.clone()
            } else {
                plan.display_name.clone()
            };
            let description = html_to_text(&plan.description);
            let checked = {
                let id = id.clone();
                Signal::derive(move || chosen.with(|c| c.as_deref() == Some(id.as_str())))
            };
            view! {
                <label class="plan" class:plan--chosen=checked>
                    <input
                        type="radio"
                        name="addon-plan"
                        value=id.clone()
                        prop:checked=checked
                        on:change=move |_| chosen.set(Some(id.clone()))
                    />
                    <span class="plan__body">
                        <span class="plan__head">
                            <strong>{name}</strong>
                            {is_current.then(|| view! { <span class="badge badge--info">"Current"</span> })}
                            <span class="plan__price">{plan_price(&plan)}</span>
                        </span>
                        {(!description.is_empty()).then(|| view! { <span class="plan__description muted">{description}</span> })}
                    </span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="plans">
            <legend class="field__label">{legend}</legend>
            {options}
        </fieldset>
    }
}
