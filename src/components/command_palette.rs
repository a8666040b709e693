use leptos::{html, prelude::*};
use leptos_router::{hooks::use_navigate, NavigateOptions};

use super::{use_restarts, RestartRequest};
use crate::{
    logic::{
        fuzzy::rank,
        routes::{app_href, settings_href, SettingsSection, Tab},
    },
    state::{fleet::use_fleet, preferences::use_preferences},
    ui::Dialog,
};

/// Results shown at once.
const SHOWN: usize = 12;

/// What choosing an entry does.
#[derive(Debug, Clone, PartialEq)]
enum Command {
    Go(String),
    Restart { app: String, region: String },
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    label: String,
    hint: &'static str,
    command: Command,
}

fn entries(apps: &[(String, String)], read_only: bool) -> Vec<Entry> {
    let mut out = vec![
        Entry {
            label: "All apps".to_owned(),
            hint: "Page",
            command: Command::Go("/apps".to_owned()),
        },
        Entry {
            label: "Activity of every app".to_owned(),
            hint: "Page",
            command: Command::Go("/activity".to_owned()),
        },
    ];
    for (name, region) in apps {
        out.push(Entry {
            label: name.clone(),
            hint: "App",
            command: Command::Go(app_href(name, Tab::Overview)),
        });
        for tab in Tab::ALL.into_iter().skip(1) {
            out.push(Entry {
                label: format!("{name} › {}", tab.label()),
                hint: "Tab",
                command: Command::Go(app_href(name, tab)),
            });
        }
        for section in SettingsSection::ALL.into_iter().skip(1) {
            out.push(Entry {
                label: format!("{name} › {}", section.label()),
                hint: "Settings",
                command: Command::Go(settings_href(name, section)),
            });
        }
        out.push(Entry {
            label: format!("{name} › Scale"),
            hint: "Action",
            command: Command::Go(app_href(name, Tab::Containers)),
        });
        if !read_only {
            out.push(Entry {
                label: format!("Restart {name}"),
                hint: "Action",
                command: Command::Restart {
                    app: name.clone(),
                    region: region.clone(),
                },
            });
        }
    }
    out
}

/// Ctrl/Cmd+K: jump to any app or tab, or run a common action, by typing a
/// few letters of it.
#[component]
pub fn CommandPalette(open: RwSignal<bool>) -> impl IntoView {
    let fleet = use_fleet();
    let preferences = use_preferences();
    let navigate = use_navigate();
    let restarts = use_restarts();
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let input = NodeRef::<html::Input>::new();

    let all = Memo::new(move |_| {
        let apps: Vec<(String, String)> = fleet
            .apps()
            .into_iter()
            .map(|app| (app.name, app.region.unwrap_or_default()))
            .collect();
        entries(&apps, preferences.read_only())
    });
    let results = Memo::new(move |_| {
        let q = query.get();
        all.with(|all| {
            rank(&q, all, |e| e.label.as_str(), SHOWN)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    // A fresh start each time it opens, focus in the field.
    Effect::new(move |_| {
        if open.get() {
            query.set(String::new());
            active.set(0);
            if let Some(field) = input.get() {
                let _ = field.focus();
            }
        }
    });

    let run = move |entry: Entry| {
        open.set(false);
        match entry.command {
            Command::Go(href) => navigate(&href, NavigateOptions::default()),
            // The same confirmation as everywhere else.
            Command::Restart { app, region } => restarts.ask(RestartRequest {
                app,
                region,
                scope: Vec::new(),
                what: "every container".to_owned(),
            }),
        }
    };

    let on_key = {
        let run = run.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let count = results.with(Vec::len);
            match ev.key().as_str() {
                "ArrowDown" if count > 0 => {
                    ev.prevent_default();
                    active.update(|a| *a = (*a + 1) % count);
                }
                "ArrowUp" if count > 0 => {
                    ev.prevent_default();
                    active.update(|a| *a = (*a + count - 1) % count);
                }
                "Enter" => {
                    ev.prevent_default();
                    if let Some(entry) = results.with(|r| r.get(active.get_untracked()).cloned()) {
                        run(entry);
                    }
                }
                _ => {}
            }
        }
    };

    view! {
        <Dialog open title="Go to…" id="palette">
            <input
                node_ref=input
                // `showModal` focuses the element marked autofocus: the
                // search field, not the dialog's Close button.
                autofocus
                class="input palette__input"
                type="text"
                role="combobox"
                aria-label="Search apps, tabs and actions"
                aria-expanded="true"
                aria-controls="palette-results"
                aria-activedescendant=move || format!("palette-option-{}", active.get())
                placeholder="An app, “shop logs”, “restart billing”…"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || query.get()
                on:input:target=move |ev| {
                    query.set(ev.target().value());
                    active.set(0);
                }
                on:keydown=on_key
            />
            <ul id="palette-results" class="palette__results" role="listbox" aria-label="Results">
                {move || {
                    let run = run.clone();
                    results
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, entry)| {
                            let run = run.clone();
                            let chosen = entry.clone();
                            view! {
                                <li
                                    id=format!("palette-option-{index}")
                                    class="palette__option"
                                    role="option"
                                    aria-selected=move || (active.get() == index).to_string()
                                    on:mousemove=move |_| active.set(index)
                                    on:click=move |_| run(chosen.clone())
                                >
                                    <span class="palette__label">{entry.label.clone()}</span>
                                    <span class="palette__hint">{entry.hint}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="palette__footer muted">"↑↓ to choose, Enter to go, Esc to close"</p>
        </Dialog>
    }
}
