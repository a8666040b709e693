use std::time::Duration;

use leptos::prelude::*;
use scalingo_api::ContainerStats;

use crate::{api::use_api, logic::format::bytes, ui::ErrorPanel};

/// How often the panel refreshes (as the CLI's `stats --stream`).
const REFRESH: Duration = Duration::from_secs(10);

fn document_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

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
pub fn StatsPanel(app: String, region: String) -> impl IntoView {
    let client = use_api();
    let budget = client.clone();
    let stats = LocalResource::new(move || {
        let (client, app, region) = (client.clone(), app.clone(), region.clone());
        async move { client.realtime_stats(&region, &app).await }
    });
    let ticks = StoredValue::new(0u32);
    let handle = set_interval_with_handle(
        move || {
            // A hidden tab spends none of the API's request budget, and a
            // busy minute makes the refresh every 20 or 40 s instead.
            ticks.update_value(|t| *t += 1);
            let every = budget.polling_factor().max(1.0) as u32;
            if !document_hidden() && ticks.get_value() % every == 0 {
                stats.refetch();
            }
        },
        REFRESH,
    );
    on_cleanup(move || {
        if let Ok(handle) = handle {
            handle.clear();
        }
    });

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

    view! {
        <section class="card stats-panel" aria-labelledby="stats-title">
            <div class="section__header">
                <h2 id="stats-title" class="card__title">"Right now"</h2>
                <span class="muted">"Refreshed every 10 s"</span>
            </div>
            {move || match stats.get() {
                None => view! { <p class="muted">"Loading the containers' usage…"</p> }.into_any(),
                Some(Err(error)) => {
                    let detail = error.status().map(|s| format!("HTTP {s}")).unwrap_or_default();
                    view! {
                        <ErrorPanel
                            title="Could not load the current usage"
                            message=error.to_string()
                            detail
                            on_retry=Callback::new(move |_| stats.refetch())
                        />
                    }
                    .into_any()
                }
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">"No container is running."</p> }.into_any(),
                Some(Ok(list)) => view! {
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
                .into_any(),
            }}
        </section>
    }
}
