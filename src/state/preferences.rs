//! Preferences kept in the browser (`localStorage`): the theme and the
//! read-only switch. They hold no credentials.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{closure::Closure, JsCast};

const STORAGE_KEY: &str = "scalingo-dashboard.preferences";

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
struct Stored {
    #[serde(default)]
    theme: Theme,
    #[serde(default)]
    read_only: bool,
}

/// The preferences context. `Copy`.
#[derive(Clone, Copy)]
pub struct Preferences {
    pub theme: RwSignal<Theme>,
    read_only_chosen: RwSignal<bool>,
    /// Set by the deployment's `config.json`; the user cannot turn it off.
    read_only_forced: bool,
    system_dark: RwSignal<bool>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load() -> Stored {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save(stored: Stored) {
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(&stored)) {
        // Storage full or disabled: the preference lasts for this page only.
        let _ = storage.set_item(STORAGE_KEY, &text);
    }
}

fn dark_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

impl Preferences {
    /// Reads the stored preferences, applies the theme to the document and
    /// keeps both in sync from now on.
    pub fn install(read_only_forced: bool) -> Self {
        let stored = load();
        let preferences = Preferences {
            theme: RwSignal::new(stored.theme),
            read_only_chosen: RwSignal::new(stored.read_only),
            read_only_forced,
            system_dark: RwSignal::new(dark_query().is_some_and(|q| q.matches())),
        };
        // The system theme can change while the page is open.
        if let Some(query) = dark_query() {
            let system_dark = preferences.system_dark;
            let listener = Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
                move |event: web_sys::MediaQueryListEvent| {
                    system_dark.set(event.matches());
                },
            );
            let _ =
                query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
            // The page lives as long as the app: the listener does too.
            listener.forget();
        }
        Effect::new(move |_| {
            let theme = preferences.theme.get();
            save(Stored {
                theme,
                read_only: preferences.read_only_chosen.get(),
            });
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = match theme {
                    Theme::System => root.remove_attribute("data-theme"),
                    other => root.set_attribute("data-theme", other.as_str()),
                };
            }
        });
        preferences
    }

    /// Whether the dark theme is showing (for canvases, which redraw).
    pub fn dark(&self) -> bool {
        match self.theme.get() {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::System => self.system_dark.get(),
        }
    }

    /// Whether every change is hidden and refused.
    pub fn read_only(&self) -> bool {
        self.read_only_forced || self.read_only_chosen.get()
    }

    pub fn read_only_forced(&self) -> bool {
        self.read_only_forced
    }

    pub fn set_read_only(&self, on: bool) {
        self.read_only_chosen.set(on);
    }
}

pub fn use_preferences() -> Preferences {
    expect_context::<Preferences>()
}
