use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::components::A;
use scalingo_api::App;

use super::{DateTime, ExternalLink, StatusBadge};
use crate::ui::{Button, ButtonSize, ButtonVariant};
use crate::{
    api::ApiError,
    logic::{
        app_list::{group_by_project, ListQuery, SortKey},
        routes::{app_href, Tab},
    },
    ui::EmptyState,
};

/// Rows rendered at first, and added by each "show more": a list of
/// thousands of apps stays quick to filter because only what can be read
/// is built.
const FIRST_ROWS: usize = 50;
const MORE_ROWS: usize = 500;

/// The columns, with the sort key each header sorts by.
const COLUMNS: [(&str, Option<SortKey>); 6] = [
    ("Name", Some(SortKey::Name)),
    ("Status", Some(SortKey::Status)),
    ("Project", Some(SortKey::Project)),
    ("Owner", Some(SortKey::Owner)),
    ("Last deployment", Some(SortKey::LastDeployed)),
    ("URL", None),
];

/// The key of an app in a selection: apps are unique per region.
pub fn selection_key(app: &App) -> String {
    format!("{}/{}", app.region.as_deref().unwrap_or_default(), app.name)
}

/// A region whose apps could not be listed.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedRegion {
    pub name: String,
    pub error: ApiError,
}

/// How the table is laid out.
#[derive(Clone, Copy)]
struct Layout {
    show_region: bool,
    selection: Option<RwSignal<BTreeSet<String>>>,
    on_sort: Callback<SortKey>,
}

/// The application list: filtered, sorted and optionally grouped by project
/// according to `query`, with sortable column headers, a region column when
/// there are several regions, selection for bulk actions, and a row for
/// each region that did not answer. The apps are a signal: a refresh of the
/// list updates the rows without losing how many are shown.
#[component]
pub fn AppTable(
    #[prop(into)] apps: Signal<Vec<App>>,
    query: Memo<ListQuery>,
    /// A header was activated: sort by this key (toggle if already).
    on_sort: Callback<SortKey>,
    /// The "clear filter" action of the no-match state.
    on_clear_filter: Callback<()>,
    /// The "create an app" action of the empty state.
    on_create: Callback<()>,
    /// Whether that action is offered (not in read-only mode).
    #[prop(into, default = Signal::stored(true))]
    can_create: Signal<bool>,
    #[prop(into, default = Signal::stored(Vec::new()))] failed: Signal<Vec<FailedRegion>>,
    #[prop(default = false)] show_region: bool,
    /// Checkboxes for bulk actions, when given.
    #[prop(default = None)]
    selection: Option<RwSignal<BTreeSet<String>>>,
    /// Retries the regions that failed.
    #[prop(default = None)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let layout = Layout {
        show_region,
        selection,
        on_sort,
    };
    // The first paint of the list, for the cold-load benchmark.
    Effect::new(|_| crate::perf::mark_once("apps-list-rendered"));
    // How many matching rows are built; back to the first page when the
    // filter changes.
    let rendered = RwSignal::new(FIRST_ROWS);
    let last_filter = StoredValue::new(query.get_untracked().filter);
    let body = move || {
        let query = query.get();
        let failures = failed.get();
        if last_filter.with_value(|f| *f != query.filter) {
            last_filter.set_value(query.filter.clone());
            *rendered.write_untracked() = FIRST_ROWS;
        }
        let limit = rendered.get();
        apps.with(|apps| {
            if apps.is_empty() && failures.is_empty() {
                return view! {
                    <EmptyState title="No apps yet" text="Create your first app, then deploy it with git push.">
                        {can_create
                            .get()
                            .then(|| {
                                view! {
                                    <Button variant=ButtonVariant::Primary on:click=move |_| on_create.run(())>
                                        "Create an app"
                                    </Button>
                                }
                            })}
                    </EmptyState>
                }
                .into_any();
            }
            let mut shown = query.apply(apps);
            let matching = shown.len();
            shown.truncate(limit);
            if shown.is_empty() && failures.is_empty() {
                return view! {
                    <div class="empty-state" role="status">
                        <p class="empty-state__title">
                            "No app matches “" <bdi>{query.filter.clone()}</bdi> "”"
                        </p>
                        <p class="empty-state__text">
                            "Names, projects, owners, statuses, regions and URLs are searched."
                        </p>
                        <div class="empty-state__actions">
                            <Button on:click=move |_| on_clear_filter.run(())>
                                "Clear the filter"
                            </Button>
                        </div>
                    </div>
                }
                .into_any();
            }
            let count = list_count(matching, apps.len(), shown.len(), &failures);
            let hidden = matching - shown.len();
            let more = (hidden > 0).then(|| {
                let next = hidden.min(MORE_ROWS);
                view! {
                    <div class="app-table__more">
                        <Button on:click=move |_| rendered.update(|n| *n += MORE_ROWS)>
                            {format!("Show {next} more")}
                        </Button>
                        <Button variant=ButtonVariant::Ghost on:click=move |_| rendered.set(usize::MAX)>
                            {format!("Show all {matching}")}
                        </Button>
                    </div>
                }
            });
            let groups = if query.group_by_project {
                group_by_project(&shown)
                    .into_iter()
                    .map(|group| {
                        let heading = if group.project.is_empty() {
                            "No project".to_owned()
                        } else {
                            group.project.clone()
                        };
                        (Some((heading, group.apps.len())), group.apps)
                    })
                    .collect()
            } else {
                vec![(None, shown)]
            };
            view! {
                <p class="app-table__count" role="status">{count}</p>
                {table(groups, &query, layout, &failures, on_retry)}
                {more}
            }
            .into_any()
        })
    };
    body.into_any()
}

/// "12 of 40 apps", "… · the first 50 shown", and a word when a region is
/// missing, so that a partial list never reads as the whole fleet.
pub fn list_count(
    matching: usize,
    total: usize,
    shown: usize,
    failures: &[FailedRegion],
) -> String {
    let mut count = format!("{matching} of {total} apps");
    if matching > shown {
        count.push_str(&format!(" · the first {shown} shown"));
    }
    match failures {
        [] => {}
        [one] => count.push_str(&format!(" · partial: {} did not answer", one.name)),
        many => count.push_str(&format!(
            " · partial: {} regions did not answer",
            many.len()
        )),
    }
    count
}

/// Apps under an optional project heading with its count.
type Group<'a> = (Option<(String, usize)>, Vec<&'a App>);

/// One table for every group, so that the columns line up from group to
/// group; each group is a `<tbody>` under its heading row.
fn table(
    groups: Vec<Group<'_>>,
    query: &ListQuery,
    layout: Layout,
    failures: &[FailedRegion],
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let grouped = query.group_by_project;
    let all: Vec<&App> = groups
        .iter()
        .flat_map(|(_, apps)| apps.iter().copied())
        .collect();
    let select_all = layout.selection.map(|selection| {
        let keys: Vec<String> = all.iter().map(|app| selection_key(app)).collect();
        let all_keys = keys.clone();
        let checked = move || {
            !all_keys.is_empty() && selection.with(|s| all_keys.iter().all(|k| s.contains(k)))
        };
        view! {
            <th scope="col" class="app-table__select">
                <input
                    type="checkbox"
                    aria-label="Select every app shown"
                    prop:checked=checked
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        selection.update(|s| {
                            for key in &keys {
                                if on {
                                    s.insert(key.clone());
                                } else {
                                    s.remove(key);
                                }
                            }
                        });
                    }
                />
            </th>
        }
    });
    // Grouped by project, the group's heading says the project; the region
    // comes before the URL, which is cut first when room runs out.
    let headers = COLUMNS
        .iter()
        .filter(|(label, _)| !(grouped && *label == "Project"))
        .map(|(label, key)| {
            let region = (*label == "URL" && layout.show_region)
                .then(|| view! { <th scope="col">"Region"</th> });
            view! { {region}{header(label, *key, query, layout.on_sort)} }
        })
        .collect_view();
    let columns = COLUMNS.len() - usize::from(grouped)
        + usize::from(layout.show_region)
        + usize::from(layout.selection.is_some());
    let error_rows = failures
        .iter()
        .map(|failure| {
            let name = failure.name.clone();
            let error = failure.error.to_string();
            view! {
                <tr class="app-table__error">
                    <td colspan=columns.to_string()>
                        <span role="alert">
                            <bdi>{name}</bdi> ": the apps could not be listed. " {error}
                        </span>
                        {on_retry.map(|retry| view! {
                            <Button size=ButtonSize::Small on:click=move |_| retry.run(())>"Retry"</Button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let bodies = groups
        .into_iter()
        .map(|(heading, apps)| {
            let heading = heading.map(|(project, count)| {
                view! {
                    <tr class="app-table__group">
                        <th scope="rowgroup" colspan=columns.to_string()>
                            <bdi class="clip">{project}</bdi>
                            <span class="app-table__group-count">{format!(" · {count} apps")}</span>
                        </th>
                    </tr>
                }
            });
            let rows = apps
                .iter()
                .map(|app| row(app, layout, grouped))
                .collect_view();
            view! { <tbody>{heading}{rows}</tbody> }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table app-table" class:app-table--grouped=grouped>
                <thead>
                    <tr>{select_all}{headers}</tr>
                </thead>
                {(!failures.is_empty()).then(|| view! { <tbody>{error_rows}</tbody> })}
                {bodies}
            </table>
        </div>
    }
}

fn header(
    label: &'static str,
    key: Option<SortKey>,
    query: &ListQuery,
    on_sort: Callback<SortKey>,
) -> impl IntoView {
    let Some(key) = key else {
        let class = (label == "URL").then_some("app-table__url");
        return view! { <th scope="col" class=class>{label}</th> }.into_any();
    };
    let sorted = query.sort == key;
    let aria_sort = match (sorted, query.descending) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    let arrow = match aria_sort {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button type="button" class="table__sort" on:click=move |_| on_sort.run(key)>
                {label}
                <span class="table__sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
    .into_any()
}

fn row(app: &App, layout: Layout, grouped: bool) -> impl IntoView {
    let href = app_href(&app.name, Tab::Overview);
    let name = app.name.clone();
    let parent = app.parent().map(str::to_owned);
    let project = app
        .project
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let owner = app
        .owner
        .as_ref()
        .map(|o| o.username.clone())
        .unwrap_or_default();
    let select = layout.selection.map(|selection| {
        let key = selection_key(app);
        let label = format!("Select {}", app.name);
        let checked_key = key.clone();
        view! {
            <td class="app-table__select">
                <input
                    type="checkbox"
                    aria-label=label
                    prop:checked=move || selection.with(|s| s.contains(&checked_key))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        selection.update(|s| {
                            if on {
                                s.insert(key.clone());
                            } else {
                                s.remove(&key);
                            }
                        });
                    }
                />
            </td>
        }
    });
    let (project_title, owner_title) = (project.clone(), owner.clone());
    let region = layout
        .show_region
        .then(|| view! { <td class="mono app-table__region">{app.region.clone().unwrap_or_default()}</td> });
    view! {
        <tr>
            {select}
            <th scope="row" class="app-table__name">
                <A href=link(&href)><bdi>{name}</bdi></A>
                {parent.map(|parent| view! { <span class="app-table__parent">"child of " <bdi>{parent}</bdi></span> })}
            </th>
            <td>
                <StatusBadge status=app.status.clone() />
            </td>
            {(!grouped).then(|| view! {
                <td class="app-table__project">
                    <bdi class="clip" title=project_title>{project}</bdi>
                </td>
            })}
            <td class="app-table__owner">
                <bdi class="clip" title=owner_title>{owner}</bdi>
            </td>
            <td>
                <DateTime value=app.last_deployed_at.clone() fallback="never" />
            </td>
            {region}
            <td class="app-table__url">
                <ExternalLink url=app.url.clone() />
            </td>
        </tr>
    }
}
