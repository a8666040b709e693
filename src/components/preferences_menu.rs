use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

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
    // A menu closes on Escape (focus back on its button), when focus
    // leaves it, and on a click elsewhere.
    let menu = NodeRef::<html::Details>::new();
    let summary = NodeRef::<html::Summary>::new();
    let contains = move |target: Option<web_sys::EventTarget>| {
        let (Some(menu), Some(node)) = (
            menu.try_get_untracked().flatten(),
            target.and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
        ) else {
            return false;
        };
        menu.contains(Some(&node))
    };
    let close = move || {
        if let Some(menu) = menu.try_get_untracked().flatten() {
            menu.set_open(false);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && menu.try_get_untracked().flatten().is_some_and(|m| m.open()) {
            ev.prevent_default();
            close();
            if let Some(summary) = summary.try_get_untracked().flatten() {
                let _ = summary.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        }
    };
    let on_focus_out = move |ev: leptos::ev::FocusEvent| {
        if !contains(ev.related_target()) {
            close();
        }
    };
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !contains(ev.target()) {
            close();
        }
    });
    on_cleanup(move || outside.remove());
    view! {
        <details class="menu" node_ref=menu on:keydown=on_key on:focusout=on_focus_out>
            <summary node_ref=summary class="button button--ghost" aria-label="Display preferences">
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
