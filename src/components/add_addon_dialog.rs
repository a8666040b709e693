use leptos::prelude::*;
use scalingo_api::{Addon, AddonProvider};

use super::{on_success, write_failure, AddonLogo, PlanPicker, QueryView, Write};
use crate::{
    api::use_app_api,
    logic::{
        addons::{by_category, price_preview, selectable_plans},
        html_text::html_to_text,
    },
    state::query::{use_query, QueryOptions},
    ui::{Button, ButtonVariant, Dialog, FormShell},
};

type Providers = Vec<AddonProvider>;

/// Adds an addon: a provider picked from the catalogue (by category), then
/// one of its plans, with its price and the app's new monthly total before
/// confirming.
#[component]
pub fn AddAddonDialog(
    open: RwSignal<bool>,
    /// What the app's addons cost a month now.
    total: f64,
    /// Providers the app already has an addon of (one each).
    taken: Vec<String>,
    on_added: Callback<Addon>,
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
    let provider = RwSignal::new(None::<AddonProvider>);
    let plan = RwSignal::new(None::<String>);

    let add: Write<(String, String), Addon> =
        Action::new_local(move |(provider, plan): &(String, String)| {
            let (api, provider, plan) = (api.clone(), provider.clone(), plan.clone());
            async move { api.create_addon(provider, plan).await }
        });
    let failure = write_failure(add, &["plan_id", "addon_provider_id"]);
    on_success(add, move |added| {
        open.set(false);
        on_added.run(added);
    });
    let chosen_plan = Memo::new(move |_| {
        let id = plan.get()?;
        provider.with(|p| p.as_ref()?.plans.iter().find(|plan| plan.id == id).cloned())
    });
    let preview = move || {
        chosen_plan
            .get()
            .map(|plan| price_preview(total, &plan, None))
    };
    let submit = Callback::new(move |()| {
        let (Some(provider), Some(plan)) = (provider.get_untracked(), plan.get_untracked()) else {
            return;
        };
        add.dispatch((provider.id, plan));
    });
    let action = Signal::derive(move || {
        provider.with(|p| {
            p.as_ref()
                .map_or_else(|| "Add the addon".to_owned(), |p| format!("Add {}", p.name))
        })
    });

    let catalogue = move |list: Providers| {
        let taken = taken.clone();
        by_category(&list)
            .into_iter()
            .map(|(category, providers)| {
                let taken = taken.clone();
                let items = providers
                    .into_iter()
                    .map(|each| {
                        let already = taken.contains(&each.id);
                        let summary = html_to_text(&each.short_description);
                        let name = each.name.clone();
                        let pick = each.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="provider"
                                    disabled=already
                                    on:click=move |_| {
                                        let cheapest = selectable_plans(&pick.plans).first().map(|p| p.id.clone());
                                        plan.set(cheapest);
                                        provider.set(Some(pick.clone()));
                                    }
                                >
                                    <AddonLogo name=name.clone() logo_url=each.logo_url.clone() />
                                    <span class="provider__text">
                                        <strong class="provider__name">{name}</strong>
                                        <span class="muted">
                                            {if already { "Already on this app".to_owned() } else { summary }}
                                        </span>
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="catalogue__group">
                        <h3 class="catalogue__category">{category}</h3>
                        <ul class="catalogue__list">{items}</ul>
                    </section>
                }
            })
            .collect_view()
    };
    let step = move || {
        match provider.get() {
        None => view! {
            <p class="muted">"Pick a service: its plans come next."</p>
            <QueryView query=providers what="the addon catalogue" lines=5 render=catalogue.clone() />
        }
        .into_any(),
        Some(chosen) => {
            let description = html_to_text(&chosen.description);
            view! {
                <div class="provider provider--chosen">
                    <AddonLogo name=chosen.name.clone() logo_url=chosen.logo_url.clone() />
                    <span class="provider__text">
                        <strong class="provider__name">{chosen.name.clone()}</strong>
                        <span class="muted">{description}</span>
                    </span>
                    <Button on:click=move |_| {
                        provider.set(None);
                        plan.set(None);
                    }>
                        "Another service"
                    </Button>
                </div>
                <PlanPicker plans=chosen.plans.clone() chosen=plan legend=format!("Plan of {}", chosen.name) />
            }
            .into_any()
        }
    }
    };
    view! {
        <Dialog open title="Add an addon" id="addon-add">
            <FormShell
                on_submit=submit
                action
                sending_label="Adding…"
                pending=add.pending()
                error=failure
                ready=Signal::derive(move || chosen_plan.with(Option::is_some))
                variant=ButtonVariant::Primary
                actions=std::sync::Arc::new(move || view! { <Button on:click=move |_| open.set(false)>"Cancel"</Button> }.into_any())
            >
                {step}
                <p class="scale-preview" role="status" aria-live="polite">
                    {move || preview().unwrap_or_else(|| "Pick a plan to see its price and the app's new monthly total.".to_owned())}
                </p>
            </FormShell>
        </Dialog>
    }
}
