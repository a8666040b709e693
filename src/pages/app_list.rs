use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use scalingo_api::App;

use crate::{
    api::use_api,
    components::{AppTable, AsyncView, CreateAppDialog},
    logic::{
        app_list::{ListQuery, SortKey},
        routes::app_href,
    },
};

/// The list of applications, with filter, sort and grouping kept in the URL.
#[component]
pub fn AppListPage() -> impl IntoView {
    let client = use_api();
    let region = client.default_region();
    let apps = LocalResource::new(move || {
        let (client, region) = (client.clone(), region.clone());
        async move { client.apps(&region).await }
    });

    let query_map = use_query_map();
    let query =
        Memo::new(move |_| query_map.with(|params| ListQuery::from_params(|key| params.get(key))));
    let navigate = use_navigate();
    let set_query = Callback::new(move |next: ListQuery| {
        navigate(
            &format!("/apps{}", next.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    let on_sort = Callback::new(move |key: SortKey| {
        let mut next = query.get_untracked();
        next.descending = next.sort == key && !next.descending;
        next.sort = key;
        set_query.run(next);
    });
    let on_clear_filter = Callback::new(move |_| {
        let mut next = query.get_untracked();
        next.filter.clear();
        set_query.run(next);
    });

    let create_open = RwSignal::new(false);
    let created = RwSignal::new(None::<App>);
    let on_create = Callback::new(move |_| create_open.set(true));
    let on_created = Callback::new(move |app: App| {
        created.set(Some(app));
        apps.refetch();
    });

    view! {
        <div class="page">
            <div class="page__header">
                <h1>"Apps"</h1>
                <div class="page__actions">
                    <button type="button" class="button" on:click=move |_| apps.refetch()>
                        "Refresh"
                    </button>
                    <button type="button" class="button button--primary" on:click=move |_| create_open.set(true)>
                        "Create an app"
                    </button>
                </div>
            </div>
            <div class="toolbar" role="search">
                <input
                    class="input toolbar__filter"
                    type="search"
                    aria-label="Filter apps"
                    placeholder="Filter by name, project, owner, status…"
                    prop:value=move || query.get().filter
                    on:input:target=move |ev| {
                        let mut next = query.get_untracked();
                        next.filter = ev.target().value();
                        set_query.run(next);
                    }
                />
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || query.get().group_by_project
                        on:change:target=move |ev| {
                            let mut next = query.get_untracked();
                            next.group_by_project = ev.target().checked();
                            set_query.run(next);
                        }
                    />
                    "Group by project"
                </label>
            </div>
            {move || {
                created
                    .get()
                    .map(|app| {
                        let href = app_href(&app.name, None);
                        view! {
                            <div class="notice notice--success" role="status">
                                <span>
                                    "Created " <A href=href>{app.name.clone()}</A>
                                    ". Deploy it with git push to start it."
                                </span>
                                <button
                                    type="button"
                                    class="button button--ghost button--icon"
                                    aria-label="Dismiss"
                                    on:click=move |_| created.set(None)
                                >
                                    "✕"
                                </button>
                            </div>
                        }
                    })
            }}
            <AsyncView
                resource=apps
                what="the apps"
                lines=8
                render=move |apps| {
                    view! { <AppTable apps query on_sort on_clear_filter on_create /> }
                }
            />
            <Show when=move || create_open.get()>
                <CreateAppDialog open=create_open on_created />
            </Show>
        </div>
    }
}
