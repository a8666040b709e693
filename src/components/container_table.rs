use leptos::prelude::*;
use scalingo_api::Container;

use super::{now_ms, DateTime};
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

/// The containers that exist right now (`ps`), one-offs included.
#[component]
pub fn ContainerTable(containers: Vec<Container>) -> impl IntoView {
    if containers.is_empty() {
        return view! {
            <EmptyState title="No containers running" text="Scale a container type above zero to start containers." />
        }
        .into_any();
    }
    let mut containers = containers;
    containers.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.type_index.cmp(&b.type_index)));
    let now = now_ms();
    let rows = containers
        .into_iter()
        .map(|container| {
            let label = container.display_label();
            let size = container.size_name().to_owned();
            let memory = container
                .container_size
                .as_ref()
                .map(|size| bytes(size.memory))
                .unwrap_or_default();
            let age = container
                .created_at
                .as_deref()
                .and_then(parse_rfc3339_ms)
                .map(|created| age(created, now))
                .unwrap_or_else(|| "—".to_owned());
            let state_class = format!("badge badge--{}", state_tone(&container.state));
            view! {
                <tr>
                    <th scope="row" class="mono">{label}</th>
                    <td><span class=state_class>{container.state.clone()}</span></td>
                    <td>{size} " " <span class="muted">{memory}</span></td>
                    <td class="numeric">{age}</td>
                    <td><DateTime value=container.created_at.clone() /></td>
                    <td class="mono break">{container.command.clone()}</td>
                </tr>
            }
        })
        .collect_view();
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
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
