use leptos::prelude::*;
use scalingo_api::{ContainerSize, ContainerType};

use crate::{logic::format::bytes, ui::EmptyState};

/// The formation: per container type, how many containers of which size.
#[component]
pub fn FormationTable(formation: Vec<ContainerType>, sizes: Vec<ContainerSize>) -> impl IntoView {
    if formation.is_empty() {
        return view! {
            <EmptyState
                title="No container types yet"
                text="Container types appear after the first deployment, from the Procfile."
            />
        }
        .into_any();
    }
    let rows = formation
        .into_iter()
        .map(|kind| {
            let size = sizes.iter().find(|size| size.name == kind.size);
            let memory = size
                .map(|size| bytes(size.memory))
                .unwrap_or_else(|| "—".to_owned());
            let total = size
                .map(|size| bytes(size.memory.saturating_mul(u64::from(kind.amount))))
                .unwrap_or_else(|| "—".to_owned());
            let command = kind.command.clone().filter(|c| !c.is_empty());
            view! {
                <tr>
                    <th scope="row" class="mono">{kind.name.clone()}</th>
                    <td class="numeric">{kind.amount}</td>
                    <td>{kind.size.clone()}</td>
                    <td class="numeric">{memory}</td>
                    <td class="numeric">{total}</td>
                    <td class="mono break">
                        {match command {
                            Some(command) => view! { <span>{command}</span> }.into_any(),
                            None => view! { <span class="muted">"Procfile default"</span> }.into_any(),
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Type"</th>
                        <th scope="col" class="numeric">"Amount"</th>
                        <th scope="col">"Size"</th>
                        <th scope="col" class="numeric">"Memory each"</th>
                        <th scope="col" class="numeric">"Memory total"</th>
                        <th scope="col">"Command"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
