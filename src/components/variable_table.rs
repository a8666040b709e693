use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use scalingo_api::Variable;

use super::{CopyButton, VariableValue};
use crate::ui::{Button, ButtonSize, EmptyState};

/// What can be done from a variable's row (none in read-only mode).
#[derive(Clone, Copy)]
pub struct VariableActions {
    pub on_edit: Callback<Variable>,
    pub on_delete: Callback<Variable>,
}

/// The variables shown: name, value (masked until revealed, one at a time
/// or all), copy, and the row's actions.
#[component]
pub fn VariableTable(
    #[prop(into)] shown: Signal<Vec<Variable>>,
    /// Aliases' values by variable id, when aliases are shown resolved.
    #[prop(into)]
    resolved: Signal<HashMap<String, String>>,
    /// Ids of the values revealed one by one.
    revealed: RwSignal<HashSet<String>>,
    #[prop(into)] reveal_all: Signal<bool>,
    #[prop(into)] descending: Signal<bool>,
    on_sort: Callback<()>,
    #[prop(default = None)] actions: Option<VariableActions>,
    /// The addon each variable comes from, by variable name.
    #[prop(into, default = Signal::stored(HashMap::new()))]
    addon_of: Signal<HashMap<String, String>>,
) -> impl IntoView {
    let row = move |variable: Variable| {
        let id = variable.id.clone();
        let is_revealed = {
            let id = id.clone();
            Signal::derive(move || reveal_all.get() || revealed.with(|r| r.contains(&id)))
        };
        let resolved_value = {
            let id = id.clone();
            Signal::derive(move || resolved.with(|r| r.get(&id).cloned()))
        };
        let toggle = {
            let id = id.clone();
            move |_| {
                revealed.update(|r| {
                    if !r.remove(&id) {
                        r.insert(id.clone());
                    }
                })
            }
        };
        let name = variable.name.clone();
        let has_value = variable.value.is_some();
        let copy_text = Signal::stored(variable.value.clone().unwrap_or_default());
        let row_actions = actions.map(|actions| {
            let (edit, delete) = (variable.clone(), variable.clone());
            view! {
                <Button size=ButtonSize::Small attr:aria-label=format!("Edit {name}") on:click=move |_| actions.on_edit.run(edit.clone())>
                    "Edit"
                </Button>
                <Button size=ButtonSize::Small attr:aria-label=format!("Delete {name}") on:click=move |_| actions.on_delete.run(delete.clone())>
                    "Delete"
                </Button>
            }
        });
        let name = variable.name.clone();
        view! {
            <tr>
                <th scope="row" class="mono variable__name">
                    <span class="variable__key">{name.clone()}</span>
                    {
                        let name = name.clone();
                        move || addon_of.with(|tags| tags.get(&name).cloned()).map(|addon| view! {
                            " "
                            <span class="badge badge--info variable__addon" title=format!("Set by the {addon} addon")>{addon.clone()}</span>
                        })
                    }
                </th>
                <td>
                    <VariableValue variable=variable.clone() revealed=is_revealed resolved=resolved_value />
                </td>
                <td class="table__actions">
                    {has_value.then(|| {
                        let label = name.clone();
                        view! {
                            <Button
                                size=ButtonSize::Small
                                attr:aria-pressed=move || is_revealed.get().to_string()
                                attr:aria-label=move || format!("{} the value of {label}", if is_revealed.get() { "Hide" } else { "Reveal" })
                                disabled=reveal_all
                                on:click=toggle
                            >
                                {move || if is_revealed.get() { "Hide" } else { "Reveal" }}
                            </Button>
                            <CopyButton text=copy_text label=format!("Copy the value of {name}") />
                        }
                    })}
                    {row_actions}
                </td>
            </tr>
        }
    };
    // Keyed rows: a row whose variable did not change is kept as it is
    // (its buttons, the focus on them) when the list is read again.
    let empty = Memo::new(move |_| shown.with(Vec::is_empty));
    move || {
        if empty.get() {
            return view! { <EmptyState title="No variables" text="No variable matches, or the app has none yet." /> }
                .into_any();
        }
        view! {
            <div class="table-wrap">
                <table class="table variables">
                    <thead>
                        <tr>
                            <th scope="col" aria-sort=move || if descending.get() { "descending" } else { "ascending" }>
                                <button type="button" class="table__sort" on:click=move |_| on_sort.run(())>
                                    "Name"
                                    <span class="table__sort-arrow" aria-hidden="true">
                                        {move || if descending.get() { "↓" } else { "↑" }}
                                    </span>
                                </button>
                            </th>
                            <th scope="col">"Value"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || shown.get()
                            key=|v: &Variable| (v.id.clone(), v.name.clone(), v.value.clone())
                            children=row
                        />
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    }
}
