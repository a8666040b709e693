use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::components::A;
use scalingo_api::App;

use super::{DateTime, ExternalLink, StatusBadge};
use crate::ui::{Button, ButtonSize, ButtonVariant};
use crate::{
    api::ApiError,
    chunks::{prefetch, Part},
    logic::{
        app_list::{group_by_project, ListQuery, SearchIndex, SortKey},
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

/// The apps under one project heading (`None`: the list is not grouped).
#[derive(Debug, Clone, PartialEq)]
struct RowGroup {
    project: Option<String>,
    apps: Vec<App>,
}

/// What the table area shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Content {
    NoApps,
    NoMatch,
    Table,
}

/// The application list: filtered, sorted and optionally grouped by project
/// according to `query`, with sortable column headers, a region column when
/// there are several regions, selection for bulk actions, and a row for
/// each region that did not answer. The apps are a signal: a refresh of the
/// list updates the rows without losing how many are shown.
///
/// Typing in the filter must repaint within a frame with thousands of
/// apps: the search text of each app is built once per list, and rows are
/// keyed by their app, so that the rows that stay are not built again.
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
    let index = Memo::new(move |_| apps.with(|apps| SearchIndex::new(apps)));
    // Sorted when the list or the order changes; filtered at each keystroke.
    let ordering = Memo::new(move |_| {
        query.with(|q| ListQuery {
            filter: String::new(),
            ..q.clone()
        })
    });
    let order = Memo::new(move |_| ordering.with(|q| apps.with(|apps| q.order(apps))));
    let matching =
        Memo::new(move |_| query.with(|q| order.with(|o| index.with(|i| q.matching(o, i)))));
    // How many matching rows are built; back to the first page when the
    // filter changes.
    let rendered = RwSignal::new(FIRST_ROWS);
    let last_filter = StoredValue::new(query.get_untracked().filter);
    let shown = Memo::new(move |_| {
        let filter = query.with(|q| q.filter.clone());
        if last_filter.with_value(|last| *last != filter) {
            last_filter.set_value(filter);
            *rendered.write_untracked() = FIRST_ROWS;
        }
        let limit = rendered.get();
        matching.with(|positions| {
            apps.with(|apps| {
                positions
                    .iter()
                    .take(limit)
                    .filter_map(|&position| apps.get(position).cloned())
                    .collect::<Vec<App>>()
            })
        })
    });
    let grouped = Memo::new(move |_| query.with(|q| q.group_by_project));
    let groups = Memo::new(move |_| {
        shown.with(|shown| {
            if !grouped.get() {
                return vec![RowGroup {
                    project: None,
                    apps: shown.clone(),
                }];
            }
            let apps: Vec<&App> = shown.iter().collect();
            group_by_project(&apps)
                .into_iter()
                .map(|group| RowGroup {
                    project: Some(group.project),
                    apps: group.apps.into_iter().cloned().collect(),
                })
                .collect()
        })
    });
    let content = Memo::new(move |_| {
        let none_failed = failed.with(Vec::is_empty);
        if apps.with(Vec::is_empty) && none_failed {
            Content::NoApps
        } else if shown.with(Vec::is_empty) && none_failed {
            Content::NoMatch
        } else {
            Content::Table
        }
    });
    let count = move || {
        failed.with(|failures| {
            list_count(
                matching.with(Vec::len),
                apps.with(Vec::len),
                shown.with(Vec::len),
                failures,
            )
        })
    };
    let more = move || {
        let (matching, shown) = (matching.with(Vec::len), shown.with(Vec::len));
        let hidden = matching.saturating_sub(shown);
        (hidden > 0).then(|| {
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
        })
    };
    let rows = Rows {
        query,
        shown,
        groups,
        failed,
        layout,
        on_retry,
    };
    move || {
        match content.get() {
        Content::NoApps => view! {
            <EmptyState title="No apps yet" text="Create your first app, then deploy it with git push.">
                {move || {
                    can_create
                        .get()
                        .then(|| {
                            view! {
                                <Button variant=ButtonVariant::Primary on:click=move |_| on_create.run(())>
                                    "Create an app"
                                </Button>
                            }
                        })
                }}
            </EmptyState>
        }
        .into_any(),
        Content::NoMatch => view! {
            <div class="empty-state" role="status">
                <p class="empty-state__title">
                    "No app matches “" <bdi>{move || query.with(|q| q.filter.clone())}</bdi> "”"
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
        .into_any(),
        Content::Table => view! {
            <p class="app-table__count" role="status">{count}</p>
            {move || table(rows, grouped.get())}
            {more}
        }
        .into_any(),
    }
    }
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

/// What the table is drawn from.
#[derive(Clone, Copy)]
struct Rows {
    query: Memo<ListQuery>,
    shown: Memo<Vec<App>>,
    groups: Memo<Vec<RowGroup>>,
    failed: Signal<Vec<FailedRegion>>,
    layout: Layout,
    on_retry: Option<Callback<()>>,
}

/// One table for every group, so that the columns line up from group to
/// group; each group is a `<tbody>` under its heading row.
fn table(rows: Rows, grouped: bool) -> impl IntoView {
    let Rows {
        query,
        shown,
        groups,
        failed,
        layout,
        on_retry,
    } = rows;
    let select_all = layout.selection.map(|selection| {
        let checked = move || {
            shown.with(|apps| {
                !apps.is_empty()
                    && selection.with(|s| apps.iter().all(|app| s.contains(&selection_key(app))))
            })
        };
        view! {
            <th scope="col" class="app-table__select">
                <input
                    type="checkbox"
                    aria-label="Select every app shown"
                    prop:checked=checked
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        let keys: Vec<String> = shown.with_untracked(|apps| apps.iter().map(selection_key).collect());
                        selection.update(|s| {
                            for key in keys {
                                if on {
                                    s.insert(key);
                                } else {
                                    s.remove(&key);
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
    let sorting = Memo::new(move |_| query.with(|q| (q.sort, q.descending)));
    let headers = move || {
        let (sort, descending) = sorting.get();
        COLUMNS
            .iter()
            .filter(|(label, _)| !(grouped && *label == "Project"))
            .map(|(label, key)| {
                let region = (*label == "URL" && layout.show_region)
                    .then(|| view! { <th scope="col">"Region"</th> });
                view! { {region}{header(label, *key, sort, descending, layout.on_sort)} }
            })
            .collect_view()
    };
    let columns = COLUMNS.len() - usize::from(grouped)
        + usize::from(layout.show_region)
        + usize::from(layout.selection.is_some());
    let error_rows = move || {
        failed.with(|failures| {
            (!failures.is_empty()).then(|| {
                let failure_rows = failures
                    .iter()
                    .map(|failure| error_row(failure, columns, on_retry))
                    .collect_view();
                view! { <tbody>{failure_rows}</tbody> }
            })
        })
    };
    let projects = move || {
        groups.with(|groups| {
            groups
                .iter()
                .map(|group| group.project.clone())
                .collect::<Vec<_>>()
        })
    };
    // Pointing at the list fetches the code of an app's page.
    let prefetch_app_page = || {
        prefetch(Part::AppPage);
        prefetch(Part::Tab(Tab::Overview));
    };
    view! {
        <div class="table-wrap" on:pointerover=move |_| prefetch_app_page() on:focusin=move |_| prefetch_app_page()>
            <table class="table app-table" class:app-table--grouped=grouped>
                <thead>
                    <tr>{select_all}{headers}</tr>
                </thead>
                {error_rows}
                <For
                    each=projects
                    key=|project| project.clone()
                    children=move |project| group_body(project, groups, layout, grouped, columns)
                />
            </table>
        </div>
    }
}

/// A region that did not answer, with a way to retry.
fn error_row(
    failure: &FailedRegion,
    columns: usize,
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
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
}

/// The rows of one project (or of the whole list), keyed by app: a row is
/// built again only when its app changed.
fn group_body(
    project: Option<String>,
    groups: Memo<Vec<RowGroup>>,
    layout: Layout,
    grouped: bool,
    columns: usize,
) -> impl IntoView {
    let key = project.clone();
    let apps = Memo::new(move |_| {
        groups.with(|groups| {
            groups
                .iter()
                .find(|group| group.project == key)
                .map(|group| group.apps.clone())
                .unwrap_or_default()
        })
    });
    let heading = project.map(|project| {
        let project = if project.is_empty() {
            "No project".to_owned()
        } else {
            project
        };
        view! {
            <tr class="app-table__group">
                <th scope="rowgroup" colspan=columns.to_string()>
                    <bdi class="clip">{project}</bdi>
                    <span class="app-table__group-count">
                        {move || format!(" · {} apps", apps.with(Vec::len))}
                    </span>
                </th>
            </tr>
        }
    });
    view! {
        <tbody>
            {heading}
            <For
                each=move || apps.get()
                key=row_key
                children=move |app| row(&app, layout, grouped)
            />
        </tbody>
    }
}

fn header(
    label: &'static str,
    key: Option<SortKey>,
    sort: SortKey,
    descending: bool,
    on_sort: Callback<SortKey>,
) -> impl IntoView {
    let Some(key) = key else {
        let class = (label == "URL").then_some("app-table__url");
        return view! { <th scope="col" class=class>{label}</th> }.into_any();
    };
    let sorted = sort == key;
    let aria_sort = match (sorted, descending) {
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

/// What a row shows of its app: the row is built again when this changes.
fn row_key(app: &App) -> String {
    let project = app.project.as_ref().map(|p| p.name.as_str());
    let owner = app.owner.as_ref().map(|o| o.username.as_str());
    let status = app.status.as_ref().map(|s| s.as_str());
    format!(
        "{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}",
        selection_key(app),
        status,
        project,
        owner,
        app.last_deployed_at,
        app.url,
        app.parent()
    )
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
