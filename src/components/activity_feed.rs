use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::components::A;
use scalingo_api::Event;

use super::DateTime;
use crate::{
    logic::{activity::describe, routes::app_href},
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
    let items = events
        .into_iter()
        .map(|(region, event)| {
            let kind_class = format!(
                "activity__kind activity__kind--{}",
                crate::logic::activity::kind_of(&event.kind).unwrap_or("other")
            );
            let app = show_app
                .then(|| event.app_name.clone())
                .flatten()
                .filter(|name| !name.is_empty())
                .map(|name| {
                    let href = app_href(&name, Some("activity"));
                    view! {
                        <A href=link(&href) attr:class="activity__app">{name}</A>
                        <span class="muted activity__region">{region.clone()}</span>
                    }
                });
            view! {
                <li class="activity__item">
                    <span class=kind_class aria-hidden="true"></span>
                    <DateTime value=event.created_at.clone() />
                    {app}
                    <span class="activity__text">{describe(&event)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="activity">{items}</ol> }.into_any()
}
