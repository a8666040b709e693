use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use scalingo_api::{addon_of_variable, Variable};

use super::use_app_data;
use crate::{
    api::use_app_api,
    components::{
        EnvRestartHint, EnvTextEditor, QueryView, VariableActions, VariableForm, VariableTable,
    },
    logic::{
        env_query::EnvQuery,
        routes::{app_href, Tab},
    },
    pages::url_query::use_url_query,
    state::{
        notices::use_notices,
        operations::use_operations,
        preferences::use_preferences,
        query::{use_query, QueryOptions},
    },
    ui::{Button, ButtonVariant, ConfirmDialog},
};

/// The app's environment variables: a list (filter, order, values masked
/// until revealed, copy, add, edit, delete) or the same as `.env` text
/// with a diff before applying; the view is in the URL.
#[component]
pub fn EnvironmentTab() -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let notices = use_notices();
    let operations = use_operations();
    let read_only = use_preferences().read_only();
    let url = use_url_query::<EnvQuery>(app_href(&data.name(), Tab::Environment));

    let variables = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.variables(false).await }
            },
            QueryOptions::default(),
        )
    };
    // The values aliases stand for, read only when asked.
    let resolved_list = {
        let api = api.clone();
        use_query(
            move || url.get().resolved.then_some(()),
            move |()| {
                let api = api.clone();
                async move { api.variables(true).await }
            },
            QueryOptions::default(),
        )
    };
    let resolved = Signal::derive(move || {
        resolved_list
            .fresh()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| Some((v.id, v.value?)))
            .collect::<HashMap<_, _>>()
    });
    // The addons, to tag the variables they set; the list stands without.
    let addons = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.addons().await }
            },
            QueryOptions::default(),
        )
    };
    let addon_of = Signal::derive(move || {
        let addons = addons.fresh().unwrap_or_default();
        variables
            .fresh()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| {
                let addon = addon_of_variable(&v.name, &addons)?;
                let name = addon
                    .addon_provider
                    .as_ref()
                    .map_or_else(|| addon.provider_id().to_owned(), |p| p.name.clone());
                Some((v.name, name))
            })
            .collect::<HashMap<_, _>>()
    });
    let revealed = RwSignal::new(HashSet::<String>::new());
    let reveal_all = RwSignal::new(false);

    let changed = Callback::new(move |what: String| {
        notices.success(what);
        variables.refetch();
        resolved_list.refetch();
        data.env_changed.set(true);
    });

    // Adding (`Some(None)`) or editing (`Some(Some(variable))`).
    let editing = RwSignal::new(None::<Option<Variable>>);
    let deleting = RwSignal::new(None::<Variable>);
    let delete = {
        let api = api.clone();
        Action::new_local(move |variable: &Variable| {
            let (api, variable) = (api.clone(), variable.clone());
            async move {
                api.delete_variable(&variable.id)
                    .await
                    .map(|()| variable.name)
            }
        })
    };
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(name)) => changed.run(format!("Deleted {name}.")),
        Some(Err(error)) => notices.error(format!("Could not delete the variable: {error}")),
        None => {}
    });
    let actions = (!read_only).then_some(VariableActions {
        on_edit: Callback::new(move |v| editing.set(Some(Some(v)))),
        on_delete: Callback::new(move |v| deleting.set(Some(v))),
    });

    let form = move || {
        editing.get().map(|variable| {
            let open = crate::ui::open_until_closed(editing);
            let existing = variables
                .fresh()
                .unwrap_or_default()
                .into_iter()
                .map(|v| v.name)
                .collect();
            let is_new = variable.is_none();
            let on_saved = Callback::new(move |saved: Variable| {
                let verb = if is_new { "Added" } else { "Changed" };
                changed.run(format!("{verb} {}.", saved.name));
            });
            view! { <VariableForm open editing=variable existing on_saved /> }
        })
    };
    let confirm_delete = move || {
        deleting.get().map(|variable| {
            let open = crate::ui::open_until_closed(deleting);
            let message = format!(
                "Delete {}? Running containers keep it until they restart; new ones start without it.",
                variable.name
            );
            let confirm = Callback::new(move |()| {
                delete.dispatch(variable.clone());
            });
            view! {
                <ConfirmDialog
                    open
                    id="variable-delete"
                    title="Delete the variable?"
                    message
                    confirm_label="Delete"
                    on_confirm=confirm
                />
            }
        })
    };

    // A memo: every change sets the flag again, and the notice must not be
    // drawn anew each time (its buttons would keep the old one's handlers).
    let show_hint = Memo::new(move |_| data.env_changed.get() && !read_only);
    let hint = move || {
        show_hint.get().then(|| {
            view! {
                <EnvRestartHint
                    app=data.name()
                    region=data.region()
                    blocked=Signal::derive(move || data.blocked(operations))
                    on_dismiss=Callback::new(move |()| data.env_changed.set(false))
                />
            }
        })
    };
    let toolbar = move |hidden: bool| {
        let as_text = move || url.get().as_text;
        view! {
            <div class="toolbar env-toolbar">
                <div class="segmented" role="group" aria-label="Show the variables">
                    <button type="button" class="button button--small" aria-pressed=move || (!as_text()).to_string() on:click=move |_| url.update(|q| q.as_text = false)>
                        "List"
                    </button>
                    <button type="button" class="button button--small" aria-pressed=move || as_text().to_string() on:click=move |_| url.update(|q| q.as_text = true)>
                        "Edit as .env"
                    </button>
                </div>
                <Show when=move || !as_text()>
                    <input
                        type="search"
                        class="input toolbar__filter"
                        placeholder="Filter by name"
                        aria-label="Filter the variables by name"
                        maxlength=crate::pages::url_query::MAX_VALUE_CHARS
                        prop:value=move || url.get().filter
                        on:input=move |ev| {
                            let typed = event_target_value(&ev);
                            url.update(|q| q.filter = typed);
                        }
                    />
                    {(!hidden).then(|| view! {
                        <button type="button" class="button button--small" aria-pressed=move || reveal_all.get().to_string() on:click=move |_| reveal_all.update(|r| *r = !*r)>
                            {move || if reveal_all.get() { "Hide all values" } else { "Reveal all values" }}
                        </button>
                        <button type="button" class="button button--small" aria-pressed=move || url.get().resolved.to_string() on:click=move |_| url.update(|q| q.resolved = !q.resolved)>
                            "Resolve aliases"
                        </button>
                    })}
                    {(!read_only && !hidden).then(|| view! {
                        <Button variant=ButtonVariant::Primary on:click=move |_| editing.set(Some(None))>
                            "Add a variable"
                        </Button>
                    })}
                </Show>
            </div>
        }
    };
    let render = move |list: Vec<Variable>| {
        // The API decides what a role sees: without values, only names
        // are shown and nothing can be changed from here.
        let hidden = list.iter().any(Variable::is_hidden);
        let actions = actions.filter(|_| !hidden);
        let role_note = hidden.then(|| {
            view! {
                <p class="notice notice--info" role="note">
                    "Your role on this app shows the names of its variables, not their values."
                </p>
            }
        });
        // Drawn once (see below): what changes later is the list, whose
        // rows stay the same elements when their variable did not change,
        // so that the focus stays where the user left it.
        let all = Memo::new(move |_| variables.fresh().unwrap_or_else(|| list.clone()));
        let as_text = Memo::new(move |_| url.get().as_text && !hidden);
        let body = move || {
            if as_text.get() {
                (move || {
                    view! {
                        <EnvTextEditor
                            variables=all.get()
                            draft=data.env_draft
                            read_only
                            on_applied=Callback::new(move |summary: String| changed.run(format!("Environment updated: {summary}.")))
                        />
                    }
                })
                .into_any()
            } else {
                let shown = Signal::derive(move || all.with(|all| url.get().shown(all)));
                view! {
                    <VariableTable
                        shown
                        resolved
                        revealed
                        reveal_all
                        descending=Signal::derive(move || url.get().descending)
                        on_sort=Callback::new(move |()| url.update(|q| q.descending = !q.descending))
                        actions
                        addon_of
                    />
                }
                .into_any()
            }
        };
        view! {
            {role_note}
            {toolbar(hidden)}
            {body}
        }
    };

    view! {
        <section class="section" aria-labelledby="env-title">
            <h2 id="env-title" class="section__title">"Environment"</h2>
            {hint}
            <QueryView query=variables what="the environment" lines=6 render once=true />
        </section>
        {form}
        {confirm_delete}
    }
}
