use leptos::prelude::*;
use leptos_router::components::A;

/// Shown for any URL the dashboard does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="page page--narrow">
            <h1>"Page not found"</h1>
            <p>"This address does not match any page of the dashboard."</p>
            <p>
                <A href="/apps">"Go to the app list"</A>
            </p>
        </div>
    }
}
