//! The sections of the Settings tab, as links: each section is a page of
//! its own (and a chunk), so that every one of them can be linked to.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    chunks::{prefetch, Part},
    logic::routes::{link, settings_href, SettingsSection},
};

#[component]
pub fn SettingsNav(name: String, current: SettingsSection) -> impl IntoView {
    let links = SettingsSection::ALL
        .into_iter()
        .map(|section| {
            let part = match section {
                SettingsSection::General => Part::Tab(crate::logic::routes::Tab::Settings),
                other => Part::Settings(other),
            };
            view! {
                <A
                    href=link(&settings_href(&name, section))
                    exact=true
                    attr:class="subnav__link"
                    attr:aria-current=(section == current).then_some("page")
                    on:mouseenter=move |_| prefetch(part)
                    on:focus=move |_| prefetch(part)
                >
                    {section.label()}
                </A>
            }
        })
        .collect_view();
    view! { <nav class="subnav" aria-label="Settings sections">{links}</nav> }
}
