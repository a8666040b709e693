use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::components::A;
use scalingo_api::{App, Stack};
use serde_json::{Map, Value};

use super::{DateTime, ExternalLink, StatusBadge};
use crate::logic::{
    format::json_value,
    routes::{app_href, deployment_href, Tab},
};

fn yes_no(value: bool) -> &'static str {
    if value {
        "Yes"
    } else {
        "No"
    }
}

fn toggle(value: bool) -> impl IntoView {
    let (class, text) = if value {
        ("badge badge--ok", "On")
    } else {
        ("badge badge--muted", "Off")
    };
    view! { <span class=class>{text}</span> }
}

fn text_or_dash(value: Option<String>) -> impl IntoView {
    match value.filter(|v| !v.is_empty()) {
        Some(value) => view! { <span class="break">{value}</span> }.into_any(),
        None => view! { <span class="muted">"—"</span> }.into_any(),
    }
}

fn key_values(map: &Map<String, Value>, empty: &'static str) -> impl IntoView {
    if map.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    let rows = map
        .iter()
        .map(|(key, value)| {
            view! {
                <dt>{key.clone()}</dt>
                <dd>{json_value(value)}</dd>
            }
        })
        .collect_view();
    view! { <dl class="facts">{rows}</dl> }.into_any()
}

/// Every attribute of an application, formatted for people and grouped the
/// way they are looked for.
#[component]
pub fn AppFacts(app: App, stacks: Vec<Stack>) -> impl IntoView {
    let stack = app.stack_id.clone().map(|id| {
        stacks
            .iter()
            .find(|stack| stack.id == id)
            .map(|stack| format!("{} ({id})", stack.name))
            .unwrap_or(id)
    });
    let owner = app
        .owner
        .as_ref()
        .map(|owner| format!("{} <{}>", owner.username, owner.email));
    let project = app.project.as_ref().map(|p| p.name.clone());
    let parent = app.parent().map(str::to_owned);
    let consent = app.data_access_consent.clone().unwrap_or_default();
    let networks = if app.private_networks_ids.is_empty() {
        None
    } else {
        Some(app.private_networks_ids.join(", "))
    };
    let last_deployment = app
        .last_deployment_id
        .clone()
        .filter(|id| !id.is_empty())
        .map(|id| {
            let href = deployment_href(&app.name, &id);
            view! { <A href=link(&href) attr:class="mono">{id}</A> }
        });

    view! {
        <div class="cards">
            <section class="card" aria-labelledby="facts-general">
                <h2 id="facts-general" class="card__title">"General"</h2>
                <dl class="facts">
                    <dt>"Status"</dt>
                    <dd><StatusBadge status=app.status.clone() /></dd>
                    <dt>"ID"</dt>
                    <dd class="mono">{app.id.clone()}</dd>
                    <dt>"Region"</dt>
                    <dd>{text_or_dash(app.region.clone())}</dd>
                    <dt>"Project"</dt>
                    <dd>{text_or_dash(project)}</dd>
                    <dt>"Owner"</dt>
                    <dd>{text_or_dash(owner)}</dd>
                    {parent.map(|parent| {
                        let href = app_href(&parent, Tab::Overview);
                        view! {
                            <dt>"Parent app"</dt>
                            <dd><A href=link(&href)>{parent}</A></dd>
                        }
                    })}
                    <dt>"Stack"</dt>
                    <dd>{text_or_dash(stack)}</dd>
                    <dt>"Created"</dt>
                    <dd><DateTime value=app.created_at.clone() /></dd>
                    <dt>"Updated"</dt>
                    <dd><DateTime value=app.updated_at.clone() /></dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="facts-access">
                <h2 id="facts-access" class="card__title">"Access"</h2>
                <dl class="facts">
                    <dt>"URL"</dt>
                    <dd><ExternalLink url=app.url.clone() /></dd>
                    <dt>"Base URL"</dt>
                    <dd><ExternalLink url=app.base_url.clone() /></dd>
                    <dt>"Git remote"</dt>
                    <dd class="mono">{text_or_dash(app.git_url.clone())}</dd>
                    <dt>"Git source"</dt>
                    <dd><ExternalLink url=app.git_source.clone() /></dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="facts-deployment">
                <h2 id="facts-deployment" class="card__title">"Last deployment"</h2>
                <dl class="facts">
                    <dt>"When"</dt>
                    <dd><DateTime value=app.last_deployed_at.clone() fallback="Never deployed" /></dd>
                    <dt>"By"</dt>
                    <dd>{text_or_dash(app.last_deployed_by.clone())}</dd>
                    <dt>"Deployment ID"</dt>
                    <dd>{last_deployment.map(IntoAny::into_any).unwrap_or_else(|| "—".into_any())}</dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="facts-routing">
                <h2 id="facts-routing" class="card__title">"Routing"</h2>
                <dl class="facts">
                    <dt>"Force HTTPS"</dt>
                    <dd>{toggle(app.force_https)}</dd>
                    <dt>"Sticky sessions"</dt>
                    <dd>{toggle(app.sticky_session)}</dd>
                    <dt>"Router logs"</dt>
                    <dd>{toggle(app.router_logs)}</dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="facts-compliance">
                <h2 id="facts-compliance" class="card__title">"Compliance and data access"</h2>
                <dl class="facts">
                    <dt>"HDS (health data)"</dt>
                    <dd>{yes_no(app.hds_resource)}</dd>
                    <dt>"Private networks"</dt>
                    <dd class="mono">{text_or_dash(networks)}</dd>
                    <dt>"Containers access until"</dt>
                    <dd><DateTime value=consent.containers_until.clone() fallback="No consent" /></dd>
                    <dt>"Databases access until"</dt>
                    <dd><DateTime value=consent.databases_until.clone() fallback="No consent" /></dd>
                    <dt>"Consent given by"</dt>
                    <dd class="mono">{text_or_dash(consent.user_id.clone())}</dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="facts-flags">
                <h2 id="facts-flags" class="card__title">"Flags and limits"</h2>
                <h3 class="card__subtitle">"Flags"</h3>
                {key_values(&app.flags, "No flags set.")}
                <h3 class="card__subtitle">"Limits"</h3>
                {key_values(&app.limits, "Default limits (no operator override).")}
            </section>
        </div>
    }
}
