//! The Addons tab: the app's databases and other services, their plans,
//! prices and states; add one, change its plan, resume it, open its
//! dashboard, remove it.

use std::time::Duration;

use leptos::prelude::*;
use scalingo_api::{Addon, AddonStatus, AddonUpdateResponse};

use crate::{
    api::use_app_api,
    components::{
        AddAddonDialog, AddonLogo, ChangePlanDialog, DateTime, QueryView, RemoveAddonDialog,
        RoleNote,
    },
    logic::addons::{money, monthly_total, plan_price, status_badge},
    state::{
        notices::use_notices,
        preferences::use_preferences,
        query::{use_query, QueryOptions},
    },
    ui::{Button, ButtonSize, ButtonVariant, EmptyState},
};

type Addons = Vec<Addon>;

/// How often the list is read again while an addon is being provisioned.
const PROVISIONING_REFRESH: Duration = Duration::from_secs(3);

/// What a dialog of the tab is about.
#[derive(Clone)]
enum Asked {
    Add,
    ChangePlan(Addon),
    Remove(Addon),
}

#[component]
pub fn AddonsTab() -> impl IntoView {
    let api = use_app_api();
    let notices = use_notices();
    let read_only = use_preferences().read_only();
    let data = super::use_app_data();
    let limited = data.limited();
    // Changes are offered unless read-only mode or the role forbids them.
    let locked = move || read_only || limited.get();
    let addons = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.addons().await }
            },
            QueryOptions::default(),
        )
    };
    addons.refetch_while(PROVISIONING_REFRESH, |list| {
        list.iter().any(|a| a.status == AddonStatus::Provisioning)
    });
    let asked = RwSignal::new(None::<Asked>);

    let resume = {
        let api = api.clone();
        Action::new_local(move |addon: &Addon| {
            let (api, addon) = (api.clone(), addon.clone());
            async move {
                let answer = api.resume_addon(&addon.id).await;
                (addon, answer)
            }
        })
    };
    Effect::new(move |_| match resume.value().get() {
        Some((addon, Ok(_))) => {
            notices.success(format!("{} is resuming.", display_name(&addon)));
            addons.refetch();
        }
        Some((addon, Err(error))) => {
            notices.error(format!("{} was not resumed: {error}", display_name(&addon)))
        }
        None => {}
    });
    // The provider's dashboard: its signed address is asked for on each
    // click and opened in a new tab, never kept. The tab is opened at once
    // (a browser blocks one opened after waiting for the API) and sent to
    // the address when it arrives.
    let open_dashboard = Callback::new(move |addon: Addon| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let tab = window
            .open_with_url_and_target("about:blank", "_blank")
            .ok()
            .flatten();
        let api = api.clone();
        leptos::task::spawn_local(async move {
            match api.addon_dashboard_url(&addon.id).await {
                Ok(url) => match (crate::logic::format::safe_http_url(&url), tab) {
                    (Some(url), Some(tab)) => {
                        // The provider's page must not reach back here.
                        let _ = tab.set_opener(&wasm_bindgen::JsValue::NULL);
                        let _ = tab.location().set_href(url);
                    }
                    (Some(_), None) => notices.error(
                        "The browser blocked the new tab of the addon's dashboard: allow pop-ups for this page and try again.",
                    ),
                    (None, tab) => {
                        if let Some(tab) = tab {
                            let _ = tab.close();
                        }
                        notices.error("The addon's dashboard address is not a web address: it was not opened.");
                    }
                },
                Err(error) => {
                    if let Some(tab) = tab {
                        let _ = tab.close();
                    }
                    notices.error(format!(
                        "The dashboard of {} could not be opened: {error}",
                        display_name(&addon)
                    ));
                }
            }
        });
    });

    let total = Memo::new(move |_| {
        addons
            .fresh()
            .map(|list| monthly_total(&list))
            .unwrap_or_default()
    });
    let dialog = move || {
        asked.get().map(|asked_for| {
            let open = crate::ui::open_until_closed(asked);
            let total = total.get_untracked();
            match asked_for {
                Asked::Add => {
                    let taken = addons
                        .fresh()
                        .unwrap_or_default()
                        .iter()
                        .map(|a| a.provider_id().to_owned())
                        .collect();
                    let on_added = Callback::new(move |added: Addon| {
                        notices.success(format!(
                            "{} is being provisioned: its environment variables are added when it is ready.",
                            display_name(&added)
                        ));
                        addons.refetch();
                    });
                    view! { <AddAddonDialog open total taken on_added /> }.into_any()
                }
                Asked::ChangePlan(addon) => {
                    let name = display_name(&addon);
                    let on_changed = Callback::new(move |answer: AddonUpdateResponse| {
                        let message = answer
                            .message
                            .filter(|m| !m.trim().is_empty())
                            .unwrap_or_else(|| format!("{name} is moving to its new plan."));
                        notices.success(message);
                        addons.refetch();
                    });
                    view! { <ChangePlanDialog open addon total on_changed /> }.into_any()
                }
                Asked::Remove(addon) => {
                    let on_removed = Callback::new(move |removed: Addon| {
                        notices.success(format!("{} is removed and its data erased.", display_name(&removed)));
                        addons.refetch();
                    });
                    view! { <RemoveAddonDialog open addon on_removed /> }.into_any()
                }
            }
        })
    };
    let add_button = move || {
        (!locked()).then(|| {
            view! {
                <Button variant=ButtonVariant::Primary on:click=move |_| asked.set(Some(Asked::Add))>
                    "Add an addon"
                </Button>
            }
        })
    };

    let card = move |addon: Addon| {
        let name = display_name(&addon);
        let (tone, status) = status_badge(&addon.status);
        let plan = addon.plan.clone();
        let plan_name = plan
            .as_ref()
            .map(|p| {
                if p.display_name.trim().is_empty() {
                    p.name.clone()
                } else {
                    p.display_name.clone()
                }
            })
            .unwrap_or_else(|| "—".to_owned());
        let price = plan
            .as_ref()
            .map(plan_price)
            .unwrap_or_else(|| "—".to_owned());
        let logo = addon
            .addon_provider
            .as_ref()
            .and_then(|p| p.logo_url.clone());
        let suspended = addon.status == AddonStatus::Suspended;
        let running = addon.status == AddonStatus::Running;
        let controls = (!locked()).then(|| {
            let (for_plan, for_remove, for_resume, for_sso) =
                (addon.clone(), addon.clone(), addon.clone(), addon.clone());
            let label = name.clone();
            view! {
                <div class="button-row">
                    {running.then(|| view! {
                        <Button size=ButtonSize::Small attr:aria-label=format!("Open the dashboard of {label} in a new tab") on:click=move |_| open_dashboard.run(for_sso.clone())>
                            "Dashboard ↗"
                        </Button>
                    })}
                    {suspended.then(|| view! {
                        <Button size=ButtonSize::Small variant=ButtonVariant::Primary disabled=resume.pending() attr:aria-label=format!("Resume {}", name) on:click=move |_| { resume.dispatch(for_resume.clone()); }>
                            "Resume"
                        </Button>
                    })}
                    <Button size=ButtonSize::Small attr:aria-label=format!("Change the plan of {}", name) on:click=move |_| asked.set(Some(Asked::ChangePlan(for_plan.clone())))>
                        "Change plan"
                    </Button>
                    <Button size=ButtonSize::Small attr:aria-label=format!("Remove {}", name) on:click=move |_| asked.set(Some(Asked::Remove(for_remove.clone())))>
                        "Remove"
                    </Button>
                </div>
            }
        });
        let note = match addon.status {
            AddonStatus::Provisioning => {
                Some("Being created: its environment variables come when it is ready.")
            }
            AddonStatus::Suspended => {
                Some("Suspended: the app cannot reach it until it is resumed.")
            }
            _ => None,
        };
        view! {
            <li class="card addon">
                <div class="addon__head">
                    <AddonLogo name=name.clone() logo_url=logo />
                    <div class="addon__title">
                        <h3 class="addon__name">{name.clone()}</h3>
                        <span class="muted">{plan_name}</span>
                    </div>
                    <span class=format!("badge badge--{tone}")>{status}</span>
                </div>
                {note.map(|note| view! { <p class="muted">{note}</p> })}
                <dl class="addon__facts">
                    <dt>"Price"</dt>
                    <dd>{price}</dd>
                    <dt>"Resource"</dt>
                    <dd class="mono">{addon.resource_id.clone()}</dd>
                    <dt>"Since"</dt>
                    <dd><DateTime value=addon.provisioned_at.clone() /></dd>
                </dl>
                {controls}
            </li>
        }
    };

    view! {
        <section class="section" aria-labelledby="addons-title">
            <div class="addons-summary">
                <div>
                    <h2 id="addons-title" class="section__title">"Addons"</h2>
                    <p class="muted" role="status">
                        {move || addons.fresh().map(|list| {
                            let count = list.len();
                            format!(
                                "{count} addon{} · {} a month",
                                if count == 1 { "" } else { "s" },
                                money(monthly_total(&list), "EUR")
                            )
                        })}
                    </p>
                </div>
                {add_button}
            </div>
            <RoleNote limited what="addons" />
            {read_only.then(|| view! {
                <p class="notice notice--info" role="status">"Read-only mode: adding, changing and removing addons are turned off."</p>
            })}
            <QueryView
                query=addons
                what="the addons"
                lines=4
                render=move |list: Addons| {
                    if list.is_empty() {
                        return view! {
                            <EmptyState
                                title="No addons yet"
                                text="Databases, caches, search and monitoring services run beside the app and reach it through environment variables."
                            />
                        }
                        .into_any();
                    }
                    view! { <ul class="addons">{list.into_iter().map(card).collect_view()}</ul> }.into_any()
                }
            />
        </section>
        {dialog}
    }
}

/// The name people know an addon by: its provider's.
fn display_name(addon: &Addon) -> String {
    addon
        .addon_provider
        .as_ref()
        .map(|p| p.name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| addon.provider_id().to_owned())
}
