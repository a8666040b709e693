use std::time::Duration;

use leptos::prelude::*;
use scalingo_api::ContainerStats;

use crate::{
    api::use_app_api,
    components::QueryView,
    logic::format::bytes,
    state::query::{use_query, QueryOptions},
};

/// How often the panel refreshes (as the CLI's `stats --stream`).
const REFRESH: Duration = Duration::from_secs(10);

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 / whole as f64 * 100.0).min(100.0)
    }
}

/// A bar of `usage` against `limit`, with the peak marked.
fn usage_bar(label: &str, usage: u64, peak: u64, limit: u64) -> impl IntoView {
    let used = percent(usage, limit);
    let peak_at = percent(peak.max(usage), limit);
    let tone = match used {
        u if u >= 90.0 => "danger",
        u if u >= 75.0 => "busy",
        _ => "ok",
    };
    let text = if limit > 0 {
        format!(
            "{} of {} ({used:.0} %), peak {}",
            bytes(usage),
            bytes(limit),
            bytes(peak.max(usage))
        )
    } else {
        format!("{}, peak {}", bytes(usage), bytes(peak.max(usage)))
    };
    let meter_label = format!("{label}: {text}");
    view! {
        <div class="usage">
            <div
                class="usage__bar"
                role="meter"
                aria-label=meter_label
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=format!("{used:.0}")
            >
                <span class=format!("usage__fill usage__fill--{tone}") style:width=format!("{used:.1}%")></span>
                <span class="usage__peak" style:left=format!("{peak_at:.1}%") title="Peak"></span>
            </div>
            <span class="usage__text">{text}</span>
        </div>
    }
}

/// Live usage of each running container, refreshed every 10 seconds while
/// the tab is visible.
#[component]
pub fn StatsPanel() -> impl IntoView {
    let api = use_app_api();
    // A busy minute makes the refresh every 20 or 40 s instead, a hidden
    // tab every 40 s.
    let stats = use_query(
        || Some(()),
        move |()| {
            let api = api.clone();
            async move { api.realtime_stats().await }
        },
        QueryOptions::polled(REFRESH),
    );

    let rows = move |list: Vec<ContainerStats>| {
        let mut list = list;
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list.into_iter()
            .map(|c| {
                view! {
                    <tr>
                        <th scope="row" class="mono">{c.id.clone()}</th>
                        <td class="numeric">{format!("{:.0} %", c.cpu_usage)}</td>
                        <td>{usage_bar(&format!("Memory of {}", c.id), c.memory_usage, c.highest_memory_usage, c.memory_limit)}</td>
                        <td>{usage_bar(&format!("Swap of {}", c.id), c.swap_usage, c.highest_swap_usage, c.swap_limit)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    let table = move |list: Vec<ContainerStats>| {
        if list.is_empty() {
            return view! { <p class="muted">"No container is running."</p> }.into_any();
        }
        view! {
            <div class="table-wrap">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">"Container"</th>
                            <th scope="col" class="numeric">"CPU"</th>
                            <th scope="col">"Memory"</th>
                            <th scope="col">"Swap"</th>
                        </tr>
                    </thead>
                    <tbody>{rows(list)}</tbody>
                </table>
            </div>
        }
        .into_any()
    };

    view! {
        <section class="card stats-panel" aria-labelledby="stats-title">
            <div class="section__header">
                <h2 id="stats-title" class="card__title">"Right now"</h2>
                <span class="muted">"Refreshed every 10 s"</span>
            </div>
            <QueryView
                query=stats
                what="the containers' usage"
                render=table
            />
        </section>
    }
}
