use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::components::A;

use super::PreferencesMenu;
use crate::ui::{Button, ButtonVariant};
use crate::{api::session, api::use_api, state::preferences::use_preferences};

/// The bar at the top of every page: the product, the connected user and
/// the way out.
#[component]
pub fn TopBar() -> impl IntoView {
    let client = use_api();
    let session = client.session();
    let user = Memo::new(move |_| session.user());
    let preferences = use_preferences();
    view! {
        <header class="top-bar">
            <A href=link("/apps") attr:class="top-bar__brand" attr:aria-label="Scalingo Dashboard">
                <img src="favicon.svg" alt="" width="24" height="24" />
                <span>"Scalingo Dashboard"</span>
            </A>
            <nav class="top-bar__nav" aria-label="Main">
                <A href=link("/apps")>"Apps"</A>
                <A href=link("/activity")>"Activity"</A>
            </nav>
            <div class="top-bar__tools">
                <Show when={
                    let client = client.clone();
                    move || client.held_until().is_some()
                }>
                    <BudgetNotice />
                </Show>
                {move || preferences.read_only().then(|| view! { <span class="badge badge--info">"Read-only"</span> })}
                <PreferencesMenu />
            </div>
            {move || {
                user.get()
                    .map(|user| {
                        let client = client.clone();
                        view! {
                            <div class="top-bar__user">
                                <span class="top-bar__identity" title=user.email.clone()>
                                    <span class="top-bar__name">{user.display_name().to_owned()}</span>
                                    <span class="top-bar__email">{user.email.clone()}</span>
                                </span>
                                // Behind a proxy there is no token of the user's to drop.
                                {(!client.config().proxy).then(|| view! {
                                    <Button variant=ButtonVariant::Ghost attr:aria-label=format!("Disconnect {}", user.display_name()) on:click=move |_| session::disconnect(&client)>
                                        "Disconnect"
                                    </Button>
                                })}
                            </div>
                        }
                    })
            }}
        </header>
    }
}

/// Says that requests are held back to stay within the API's 60 a minute,
/// and until when: the page is not stuck, it is waiting on purpose.
#[component]
fn BudgetNotice() -> impl IntoView {
    let client = use_api();
    let now = super::use_ticking_now();
    let text = move || {
        // A wait that has passed (its request was abandoned) says nothing.
        let until = client.held_until().filter(|until| *until > now.get())?;
        let wait = crate::logic::time::countdown(until, now.get());
        Some(if client.paused_until().is_some() {
            format!("The API asked to wait: requests resume {wait}")
        } else {
            format!("At the API's 60 requests a minute: the next ones leave {wait}")
        })
    };
    move || {
        text().map(|text| {
            view! { <span class="badge badge--warning budget-notice" role="status">{text}</span> }
        })
    }
}
