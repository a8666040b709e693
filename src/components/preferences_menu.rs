use leptos::prelude::*;

use crate::{
    state::preferences::{use_preferences, Theme},
    ui::Switch,
};

/// The display preferences: theme and read-only mode, in a menu of the top
/// bar. `details` gives keyboard and screen-reader behaviour for free.
#[component]
pub fn PreferencesMenu() -> impl IntoView {
    let preferences = use_preferences();
    let themes = Theme::ALL
        .into_iter()
        .map(|theme| {
            view! {
                <label class="radio">
                    <input
                        type="radio"
                        name="theme"
                        value=theme.as_str()
                        prop:checked=move || preferences.theme.get() == theme
                        on:change=move |_| preferences.theme.set(theme)
                    />
                    {theme.label()}
                </label>
            }
        })
        .collect_view();
    let description = if preferences.read_only_forced() {
        "Set by this dashboard's configuration."
    } else {
        "Hides every action that changes an app."
    };
    view! {
        <details class="menu">
            <summary class="button button--ghost" aria-label="Display preferences">
                <span aria-hidden="true">"◐"</span>
                <span class="menu__label">"Display"</span>
            </summary>
            <div class="menu__panel">
                <fieldset class="menu__group">
                    <legend>"Theme"</legend>
                    {themes}
                </fieldset>
                <Switch
                    label="Read-only"
                    description=description
                    checked=Signal::derive(move || preferences.read_only())
                    disabled=Signal::stored(preferences.read_only_forced())
                    on_toggle=Callback::new(move |on| preferences.set_read_only(on))
                />
            </div>
        </details>
    }
}
