use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::components::A;
use scalingo_api::Event;

use super::DateTime;
use crate::{
    logic::{
        activity::{describe, failures},
        routes::{app_href, Tab},
    },
    ui::EmptyState,
};

/// Events as a readable feed: when, (which app), who did what.
#[component]
pub fn ActivityFeed(
    /// (region, event), newest first.
    events: Vec<(String, Event)>,
    /// Show the app of each event (the feed across apps).
    #[prop(default = false)]
    show_app: bool,
) -> impl IntoView {
    if events.is_empty() {
        return view! { <EmptyState title="No activity" text="Nothing matches the chosen kinds of events in what is loaded." /> }
            .into_any();
    }
    let failures = {
        let list: Vec<scalingo_api::Event> = events.iter().map(|(_, e)| e.clone()).collect();
        failures(&list)
    };
    let items = events
        .into_iter()
        .zip(failures)
        .map(|((region, event), failure)| {
            let kind_class = format!(
                "activity__kind activity__kind--{}",
                crate::logic::activity::kind_of(&event.kind).unwrap_or("other")
            );
            let app = show_app
                .then(|| event.app_name.clone())
                .flatten()
                .filter(|name| !name.is_empty())
                .map(|name| {
                    let href = app_href(&name, Tab::Activity);
                    view! {
                        <A href=link(&href) attr:class="activity__app"><bdi>{name}</bdi></A>
                        <span class="muted activity__region">{region.clone()}</span>
                    }
                });
            let failed = failure.is_some();
            let outcome = failure.map(|why| {
                view! {
                    <span class="badge badge--danger activity__outcome">"Failed"</span>
                    <span class="activity__why">{why}</span>
                }
            });
            view! {
                <li class="activity__item" class:activity__item--failed=failed>
                    <span class=kind_class aria-hidden="true"></span>
                    <DateTime value=event.created_at.clone() />
                    {app}
                    <span class="activity__text"><bdi>{describe(&event)}</bdi></span>
                    {outcome}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="activity">{items}</ol> }.into_any()
}
