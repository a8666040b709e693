use leptos::prelude::*;
use leptos_router::components::A;
use scalingo_api::App;

use super::{DateTime, ExternalLink, StatusBadge};
use crate::{
    logic::{
        app_list::{group_by_project, ListQuery, SortKey},
        routes::app_href,
    },
    ui::EmptyState,
};

/// The columns, with the sort key each header sorts by.
const COLUMNS: [(&str, Option<SortKey>); 6] = [
    ("Name", Some(SortKey::Name)),
    ("Status", Some(SortKey::Status)),
    ("Project", Some(SortKey::Project)),
    ("Owner", Some(SortKey::Owner)),
    ("Last deployment", Some(SortKey::LastDeployed)),
    ("URL", None),
];

/// The application list: filtered, sorted and optionally grouped by project
/// according to `query`, with sortable column headers.
#[component]
pub fn AppTable(
    apps: Vec<App>,
    query: Memo<ListQuery>,
    /// A header was activated: sort by this key (toggle if already).
    on_sort: Callback<SortKey>,
    /// The "clear filter" action of the no-match state.
    on_clear_filter: Callback<()>,
    /// The "create an app" action of the empty state.
    on_create: Callback<()>,
) -> impl IntoView {
    let apps = StoredValue::new(apps);
    if apps.with_value(Vec::is_empty) {
        return view! {
            <EmptyState
                title="No apps yet"
                text="Create your first app, then deploy it with git push."
            >
                <button type="button" class="button button--primary" on:click=move |_| on_create.run(())>
                    "Create an app"
                </button>
            </EmptyState>
        }
        .into_any();
    }
    // The first paint of the list, for the cold-load benchmark.
    Effect::new(|_| crate::perf::mark_once("apps-list-rendered"));
    let body = move || {
        let query = query.get();
        apps.with_value(|apps| {
            let shown = query.apply(apps);
            if shown.is_empty() {
                return view! {
                    <EmptyState
                        title=format!("No app matches “{}”", query.filter)
                        text="Names, projects, owners, statuses and URLs are searched."
                    >
                        <button type="button" class="button" on:click=move |_| on_clear_filter.run(())>
                            "Clear the filter"
                        </button>
                    </EmptyState>
                }
                .into_any();
            }
            let count = format!(
                "{} of {} apps",
                shown.len(),
                apps.len()
            );
            let tables = if query.group_by_project {
                group_by_project(&shown)
                    .into_iter()
                    .map(|group| {
                        let heading = if group.project.is_empty() {
                            "No project".to_owned()
                        } else {
                            group.project.clone()
                        };
                        let caption = format!("{heading} · {} apps", group.apps.len());
                        table(&group.apps, &query, on_sort, Some(caption))
                    })
                    .collect_view()
                    .into_any()
            } else {
                table(&shown, &query, on_sort, None).into_any()
            };
            view! {
                <p class="app-table__count" role="status">{count}</p>
                {tables}
            }
            .into_any()
        })
    };
    body.into_any()
}

fn table(
    apps: &[&App],
    query: &ListQuery,
    on_sort: Callback<SortKey>,
    caption: Option<String>,
) -> impl IntoView {
    let headers = COLUMNS
        .iter()
        .map(|(label, key)| header(label, *key, query, on_sort))
        .collect_view();
    let rows = apps.iter().map(|app| row(app)).collect_view();
    view! {
        <div class="table-wrap">
            <table class="table app-table">
                {caption.map(|caption| view! { <caption>{caption}</caption> })}
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>{rows}</tbody>
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
        return view! { <th scope="col">{label}</th> }.into_any();
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

fn row(app: &App) -> impl IntoView {
    let href = app_href(&app.name, None);
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
    view! {
        <tr>
            <th scope="row" class="app-table__name">
                <A href=href>{name}</A>
                {parent.map(|parent| view! { <span class="app-table__parent">"child of " {parent}</span> })}
            </th>
            <td>
                <StatusBadge status=app.status.clone() />
            </td>
            <td>{project}</td>
            <td>{owner}</td>
            <td>
                <DateTime value=app.last_deployed_at.clone() fallback="never" />
            </td>
            <td class="app-table__url">
                <ExternalLink url=app.url.clone() />
            </td>
        </tr>
    }
}
