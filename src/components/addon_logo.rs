use leptos::prelude::*;

use crate::logic::addons::{initial, logo_src};

/// A provider's logo: the API's image when its address is https (and it
/// loads), else a letter badge. Decorative: the name is always beside it.
#[component]
pub fn AddonLogo(name: String, logo_url: Option<String>) -> impl IntoView {
    let letter = initial(&name);
    let src = logo_src(logo_url.as_deref()).map(str::to_owned);
    let failed = RwSignal::new(false);
    move || {
        match src.clone().filter(|_| !failed.get()) {
        Some(src) => view! {
            <img
                class="addon-logo"
                src=src
                alt=""
                width="40"
                height="40"
                loading="lazy"
                referrerpolicy="no-referrer"
                on:error=move |_| failed.set(true)
            />
        }
        .into_any(),
        None => view! { <span class="addon-logo addon-logo--letter" aria-hidden="true">{letter.clone()}</span> }
            .into_any(),
    }
    }
}
