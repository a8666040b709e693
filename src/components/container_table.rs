use std::collections::BTreeSet;

use leptos::prelude::*;
use scalingo_api::Container;

use super::{use_ticking_now, DateTime};
use crate::ui::{Button, ButtonSize};
use crate::{
    logic::{
        format::bytes,
        time::{age, parse_rfc3339_ms},
    },
    ui::EmptyState,
};

fn state_tone(state: &str) -> &'static str {
    match state {
        "running" => "ok",
        "booting" | "starting" | "restarting" | "stopping" => "busy",
        "crashed" | "failed" => "danger",
        _ => "muted",
    }
}

/// What can be done from a container's row.
#[derive(Clone, Copy)]
pub struct ContainerActions {
    /// Restart one container, by label (`web-1`).
    pub on_restart: Callback<String>,
    /// Send a signal: (container id, label, signal).
    pub on_signal: Callback<(String, String, &'static str)>,
    /// Stop a one-off: (container id, label).
    pub on_stop: Callback<(String, String)>,
    /// Why restarting is not possible right now.
    pub blocked: Signal<Option<String>>,
    /// Containers asked to stop, shown as stopping before `ps` says so.
    pub stopping: Signal<BTreeSet<String>>,
}

/// The containers that exist right now (`ps`), one-offs included, with
/// per-row actions when `actions` is given.
#[component]
pub fn ContainerTable(
    containers: Vec<Container>,
    #[prop(default = None)] actions: Option<ContainerActions>,
) -> impl IntoView {
    if containers.is_empty() {
        return view! {
            <EmptyState title="No containers running" text="Scale a container type above zero to start containers." />
        }
        .into_any();
    }
    let mut containers = containers;
    containers.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.type_index.cmp(&b.type_index)));
    let now = use_ticking_now();
    let rows = move || containers.clone();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Container"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Size"</th>
                        <th scope="col" class="numeric">"Age"</th>
                        <th scope="col">"Started"</th>
                        <th scope="col">"Command"</th>
                        {actions.map(|_| view! { <th scope="col">"Actions"</th> })}
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=row_key let:container>
                        {row(container, now, actions)}
                    </For>
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn row_actions(container: &Container, label: &str, actions: ContainerActions) -> impl IntoView {
    let id = container.id.clone();
    let label = label.to_owned();
    let one_off = container.kind == "one-off";
    let already_stopping = container.state == "stopping";
    let stopping = {
        let id = id.clone();
        move || already_stopping || actions.stopping.with(|ids| ids.contains(&id))
    };
    let (signal_id, signal_label) = (id.clone(), label.clone());
    let signal_stopping = stopping.clone();
    let signal_button = move |signal: &'static str| {
        let (id, label) = (signal_id.clone(), signal_label.clone());
        let visible = signal.trim_start_matches("SIG");
        // The accessible name starts with the visible text (speech
        // control users say what they see).
        let aria = format!("{visible} {label}");
        let stopping = signal_stopping.clone();
        view! {
            <Button size=ButtonSize::Small attr:aria-label=aria attr:title=format!("Send {signal} to {label}") disabled=stopping on:click=move |_| actions.on_signal.run((id.clone(), label.clone(), signal))>
                {visible}
            </Button>
        }
    };
    let main_action = if one_off {
        let (id, label) = (container.id.clone(), label.clone());
        let aria = format!("Stop {label}");
        let stopping = stopping.clone();
        view! {
            <Button size=ButtonSize::Small attr:aria-label=aria disabled=stopping on:click=move |_| actions.on_stop.run((id.clone(), label.clone()))>
                "Stop"
            </Button>
        }
        .into_any()
    } else {
        let label = label.clone();
        let aria = format!("Restart {label}");
        view! {
            <Button size=ButtonSize::Small attr:aria-label=aria attr:title=move || actions.blocked.get().unwrap_or_default() disabled={
                    let stopping = stopping.clone();
                    move || actions.blocked.get().is_some() || stopping()
                } on:click=move |_| actions.on_restart.run(label.clone())>
                "Restart"
            </Button>
        }
        .into_any()
    };
    view! {
        <td class="table__actions">
            {main_action}
            {signal_button("SIGUSR1")}
            {signal_button("SIGUSR2")}
        </td>
    }
}

/// What a row shows: a row is kept (not rebuilt) while this stays the same.
/// Rows are keyed by it so that a button is never re-used for another
/// container when the list changes between a pointer's aim and its click.
fn row_key(container: &Container) -> (String, String, String, Option<String>, String) {
    (
        container.id.clone(),
        container.state.clone(),
        container.size_name().to_owned(),
        container.created_at.clone(),
        container.command.clone(),
    )
}

fn row(
    container: Container,
    now: ReadSignal<f64>,
    actions: Option<ContainerActions>,
) -> impl IntoView {
    let label = container.display_label();
    let size = container.size_name().to_owned();
    let memory = container
        .container_size
        .as_ref()
        .map(|size| bytes(size.memory))
        .unwrap_or_default();
    // Ages move on while the row stays.
    let created = container.created_at.as_deref().and_then(parse_rfc3339_ms);
    let age = move || {
        created
            .map(|created| age(created, now.get() as i64))
            .unwrap_or_else(|| "—".to_owned())
    };
    let stopping_now = {
        let id = container.id.clone();
        move || actions.is_some_and(|a| a.stopping.with(|ids| ids.contains(&id)))
    };
    let state = container.state.clone();
    let shown_state = {
        let stopping_now = stopping_now.clone();
        move || {
            if stopping_now() {
                "stopping".to_owned()
            } else {
                state.clone()
            }
        }
    };
    let state_class = move || format!("badge badge--{}", state_tone(&shown_state()));
    let state_text = {
        let state = container.state.clone();
        move || {
            if stopping_now() {
                "stopping".to_owned()
            } else {
                state.clone()
            }
        }
    };
    let row_actions = actions.map(|actions| row_actions(&container, &label, actions));
    view! {
        <tr>
            <th scope="row" class="mono">{label}</th>
            <td><span class=state_class>{state_text}</span></td>
            <td>{size} " " <span class="muted">{memory}</span></td>
            <td class="numeric">{age}</td>
            <td><DateTime value=container.created_at.clone() /></td>
            <td class="mono break">{container.command.clone()}</td>
            {row_actions}
        </tr>
    }
}
