use crate::pages::typed_url_query::use_typed_url_query;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeSet;

use scalingo_api::App;

use crate::ui::{Button, ButtonSize, ButtonVariant};
use crate::{
    api::use_api,
    chunks::{LazyCreateAppDialog, LazyParkDialog},
    components::{AppTable, FailedRegion, ParkMode, ParkedFormations, QueryView},
    logic::{
        app_list::{ListQuery, SortKey},
        routes::{app_href, Tab},
    },
    state::fleet::use_fleet,
};

/// How often the list reads the apps again while it is shown.
const LIST_REFRESH: std::time::Duration = std::time::Duration::from_secs(30);

/// The list of applications, with filter, sort and grouping kept in the URL.
#[component]
pub fn AppListPage() -> impl IntoView {
    let client = use_api();
    let fleet = use_fleet();
    let regions: Vec<(String, String)> = client
        .config()
        .regions
        .iter()
        .map(|r| (r.name.clone(), r.display_name.clone()))
        .collect();
    let several_regions = regions.len() > 1;
    let selection = RwSignal::new(BTreeSet::<String>::new());
    // Statuses change behind the list's back (operations, other users): it
    // reloads each time it is shown, keeping the last list on screen meanwhile.
    if untrack(|| fleet.data.fresh_seq()).is_some() {
        fleet.refetch();
    }
    // …and every half minute while it is shown, less often in a busy
    // minute or a hidden tab.
    let poller = client.clone();
    leptos::task::spawn_local_scoped_with_cancellation(async move {
        loop {
            let every = LIST_REFRESH.mul_f64(poller.polling_factor().max(1.0));
            gloo_timers::future::sleep(every).await;
            fleet.refetch();
        }
    });

    let query = use_typed_url_query::<ListQuery>("/apps".to_owned(), |q| &mut q.filter);
    let on_sort = Callback::new(move |key: SortKey| {
        query.update(|next| {
            next.descending = next.sort == key && !next.descending;
            next.sort = key;
        });
    });
    let on_clear_filter = Callback::new(move |_| {
        query.update(|next| {
            next.filter.clear();
        });
    });

    // The fleet as the table shows it: the apps listed, and the regions
    // that did not answer.
    let listed = Memo::new(move |_| fleet.data.fresh());
    // A memo: the table reads it at every keystroke of the filter, and
    // copying thousands of apps each time would not fit in a frame.
    let apps = Memo::new(move |_| {
        listed.with(|regions| {
            regions
                .iter()
                .flatten()
                .filter_map(|region| region.apps.as_ref().ok())
                .flatten()
                .cloned()
                .collect::<Vec<App>>()
        })
    });
    let failed = Signal::derive(move || {
        listed.with(|regions| {
            regions
                .iter()
                .flatten()
                .filter_map(|region| {
                    let error = region.apps.as_ref().err()?;
                    Some(FailedRegion {
                        name: format!("{} ({})", region.display_name, region.region),
                        error: error.clone(),
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    // A region the configuration does not have (an old or mistyped link)
    // filters nothing: every region is shown, and the page says so.
    let known_regions: Vec<String> = regions.iter().map(|(name, _)| name.clone()).collect();
    let unknown_region = Memo::new(move |_| {
        let region = query.get().region;
        (!region.is_empty() && !known_regions.contains(&region)).then_some(region)
    });
    let shown_query = Memo::new(move |_| {
        let mut q = query.get();
        if unknown_region.get().is_some() {
            q.region.clear();
        }
        q
    });

    let preferences = crate::state::preferences::use_preferences();
    let create_open = RwSignal::new(false);
    let created = RwSignal::new(None::<App>);
    let on_create = Callback::new(move |_| create_open.set(true));
    let park_open = RwSignal::new(false);
    let park_mode = RwSignal::new(ParkMode::Park);
    let open_park = move |mode: ParkMode| {
        park_mode.set(mode);
        park_open.set(true);
    };
    let targets = move || -> Vec<(String, String)> {
        selection.with(|keys| {
            keys.iter()
                .filter_map(|key| key.split_once('/'))
                .map(|(region, app)| (region.to_owned(), app.to_owned()))
                .collect()
        })
    };
    let on_created = Callback::new(move |app: App| {
        created.set(Some(app));
        fleet.refetch();
    });

    view! {
        <div class="page">
            <div class="page__header">
                <h1>"Apps"</h1>
                <div class="page__actions">
                    <Button on:click=move |_| fleet.refetch()>
                        "Refresh"
                    </Button>
                    <Show when=move || !preferences.read_only()>
                        <Button variant=ButtonVariant::Primary on:click=move |_| create_open.set(true)>
                            "Create an app"
                        </Button>
                    </Show>
                </div>
            </div>
            <div class="toolbar" role="search">
                <input
                    class="input toolbar__filter"
                    type="search"
                    maxlength=crate::pages::url_query::MAX_VALUE_CHARS.to_string()
                    aria-label="Filter apps"
                    placeholder="Filter by name, project, owner, status…"
                    prop:value=move || query.text()
                    on:input:target=move |ev| query.type_text(ev.target().value())
                />
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || query.get().group_by_project
                        on:change:target=move |ev| {
                            query.update(|next| {
                                next.group_by_project = ev.target().checked();
                            });
                        }
                    />
                    "Group by project"
                </label>
                {several_regions
                    .then(|| {
                        let options = regions
                            .iter()
                            .map(|(name, display)| {
                                let value = name.clone();
                                let label = name.clone();
                                let title = display.clone();
                                view! {
                                    <option value=value.clone() title=title selected=move || query.get().region == value>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view();
                        view! {
                            <select
                                class="input toolbar__region"
                                aria-label="Region"
                                on:change:target=move |ev| {
                                    query.update(|next| {
                                        next.region = ev.target().value();
                                    });
                                }
                            >
                                <option value="" selected=move || shown_query.get().region.is_empty()>"All regions"</option>
                                {options}
                            </select>
                        }
                    })}
            </div>
            {move || {
                unknown_region
                    .get()
                    .map(|region| {
                        view! {
                            <p class="notice notice--info" role="status">
                                <span>
                                    "There is no region “" <bdi>{region}</bdi>
                                    "”: the apps of every region are shown."
                                </span>
                            </p>
                        }
                    })
            }}
            {move || {
                created
                    .get()
                    .map(|app| {
                        let href = app_href(&app.name, Tab::Overview);
                        view! {
                            <div class="notice notice--success" role="status">
                                <span>
                                    "Created " <A href=href>{app.name.clone()}</A>
                                    ". Deploy it with git push to start it."
                                </span>
                                <Button variant=ButtonVariant::Ghost size=ButtonSize::Icon attr:aria-label="Dismiss" on:click=move |_| created.set(None)>
                                    "✕"
                                </Button>
                            </div>
                        }
                    })
            }}
            <Show when=move || !preferences.read_only() && !selection.with(BTreeSet::is_empty)>
                <div class="bulk-bar" role="region" aria-label="Selected apps">
                    <span class="bulk-bar__count">{move || format!("{} selected", selection.with(BTreeSet::len))}</span>
                    <Button on:click=move |_| open_park(ParkMode::Park)>
                        "Park…"
                    </Button>
                    <Button on:click=move |_| open_park(ParkMode::Unpark)>
                        "Unpark…"
                    </Button>
                    <Button variant=ButtonVariant::Ghost on:click=move |_| selection.set(BTreeSet::new())>
                        "Clear selection"
                    </Button>
                </div>
            </Show>
            <QueryView
                query=fleet.data
                what="the apps"
                lines=8
                once=true
                render=move |_| {
                    let selection = (!preferences.read_only()).then_some(selection);
                    view! {
                        <AppTable
                            apps
                            query=shown_query
                            on_sort
                            on_clear_filter
                            on_create
                            can_create=Signal::derive(move || !preferences.read_only())
                            failed
                            show_region=several_regions
                            selection
                            on_retry=Some(Callback::new(move |_| fleet.refetch()))
                        />
                    }
                }
            />
            <Show when=move || create_open.get()>
                <LazyCreateAppDialog open=create_open on_created />
            </Show>
            <Show when=move || park_open.get()>
                <LazyParkDialog open=park_open mode=park_mode.get_untracked() targets=targets() />
            </Show>
            <Show when=move || !preferences.read_only()>
                <ParkedFormations />
            </Show>
        </div>
    }
}
