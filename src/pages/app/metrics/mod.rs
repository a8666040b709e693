//! The metrics tab: charts over a time range, live usage, and the
//! autoscaling hint.
//!
//! Its requests are planned for the API's 60 a minute: each chart reads
//! only what its own choice needs (a type change leaves the request charts
//! alone), series are reused or cut from a longer range read in the last
//! minute (`store`), rapid changes make one read, and a newer choice stops
//! the reads of the one before.

mod chart;
mod hint;
mod store;

use leptos::prelude::*;
use scalingo_api::ContainerType;

use chart::{Chart, ChartData};
pub use store::MetricsStore;

use super::use_app_data;
use crate::ui::Button;
use crate::{
    api::{use_app_api, AppApi},
    components::{ChartEvent, Guide, GuideKind, StatsPanel},
    logic::{
        axis::Unit,
        metric_lines::{
            error_rate_line, memory_lines, response_lines, router_lines, type_lines, Derive,
            LineSpec, TypeChoice,
        },
        metrics::{chart_events, target_line, MetricsQuery, RANGES},
        routes::{app_href, Tab},
    },
    pages::url_query::use_url_query,
    state::query::{use_query, Query, QueryOptions},
};

/// Changes of choice closer together than this make one read.
const SETTLE_MS: u64 = 400;

/// A chart's query: the lines of `lines(choice)` over `hours(choice)`,
/// read through the page's store, for each choice of `choose`.
fn chart_query<K>(
    store: MetricsStore,
    api: &AppApi,
    choose: impl Fn() -> Option<K> + Send + Sync + 'static,
    lines: fn(&K) -> Vec<LineSpec>,
    hours: fn(&K) -> u32,
) -> Query<K, ChartData>
where
    K: Clone + PartialEq + Send + Sync + 'static,
{
    let api = api.clone();
    use_query(
        choose,
        move |choice: K| {
            let api = api.clone();
            async move {
                let hours = hours(&choice);
                let series = store.lines(&api, lines(&choice), hours).await?;
                Ok(ChartData {
                    series,
                    hours,
                    end: js_sys::Date::now(),
                })
            }
        },
        QueryOptions::debounced(SETTLE_MS),
    )
}
#[component]
pub fn MetricsTab() -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let store = expect_context::<MetricsStore>();
    let query = use_url_query::<MetricsQuery>(app_href(api.name(), Tab::Metrics));

    // Derived values here are closures over one memo, not memos of memos:
    // an effect reading a memo and another memo it depends on may miss the
    // change of the second (reactive_graph 0.2.16; see ARCHITECTURE.md).
    let formation = Memo::new(move |_| data.formation.fresh());
    let types = Signal::derive(move || -> Vec<ContainerType> {
        formation.get().map(|(f, _)| f).unwrap_or_default()
    });
    // The chosen type, or the first one running (web first).
    let kind = Signal::derive(move || {
        let chosen = query.get().container_type;
        let types = types.get();
        if !chosen.is_empty() {
            return chosen;
        }
        types
            .iter()
            .find(|t| t.name == "web" && t.amount > 0)
            .or_else(|| types.iter().find(|t| t.amount > 0))
            .or_else(|| types.first())
            .map(|t| t.name.clone())
            .unwrap_or_else(|| "web".to_owned())
    });
    let amount_of = move |name: &str| {
        types
            .get()
            .iter()
            .find(|t| t.name == name)
            .map_or(0, |t| t.amount)
    };
    let amount = Signal::derive(move || amount_of(&kind.get()));
    let web_amount = Signal::derive(move || amount_of("web"));
    let memory_limit = Signal::derive(move || {
        let kind = kind.get();
        formation.get().and_then(|(f, sizes)| {
            let size = f.iter().find(|t| t.name == kind)?.size.clone();
            sizes
                .iter()
                .find(|s| s.name == size)
                .map(|s| s.memory as f64)
        })
    });
    let hours = Signal::derive(move || query.get().hours);
    // The router reaches web containers only: an app without a web type has
    // no request metrics, and asking would only spend requests on 404s.
    let has_web = Signal::derive(move || types.get().iter().any(|t| t.name == "web"));
    let router_choice = move || {
        formation.get()?;
        has_web.get().then(|| hours.get())
    };

    // Each chart's choice: only what it depends on.
    let type_choice = move || {
        formation.get()?;
        let q = query.get();
        let amount = amount.get();
        Some(TypeChoice {
            hours: q.hours,
            kind: kind.get(),
            containers: if q.breakdown && amount > 1 { amount } else { 0 },
        })
    };
    let settle = QueryOptions::debounced(SETTLE_MS);
    let cpu = chart_query(
        store,
        &api,
        type_choice,
        |c| type_lines("cpu", c),
        |c| c.hours,
    );
    let memory = chart_query(store, &api, type_choice, memory_lines, |c| c.hours);
    let router = chart_query(store, &api, router_choice, |_| router_lines(), |h| *h);
    let response = chart_query(store, &api, router_choice, |_| response_lines(), |h| *h);
    let events = {
        let api = api.clone();
        use_query(
            move || Some(hours.get()),
            move |hours: u32| {
                let api = api.clone();
                async move { store.events(&api, hours).await }
            },
            settle,
        )
    };
    let refresh = move || {
        store.clear();
        cpu.refetch();
        memory.refetch();
        router.refetch();
        response.refetch();
        events.refetch();
    };

    let chart_events = Signal::derive(move || {
        events
            .fresh()
            .map(|list| {
                chart_events(&list)
                    .into_iter()
                    .map(|(time, kind, label)| ChartEvent { time, kind, label })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });

    let hint_choice = RwSignal::new("cpu".to_owned());
    let recommended = {
        let api = api.clone();
        use_query(
            move || Some((kind.get(), hint_choice.get())),
            move |(kind, metric): (String, String)| {
                let api = api.clone();
                async move {
                    store
                        .recommended(&api, kind, metric.clone())
                        .await
                        .map(|value| (metric, value))
                }
            },
            settle,
        )
    };
    // The type's autoscaler and alerts, whose target and limits the
    // charts draw: read once per visit.
    let autoscalers = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.autoscalers().await }
            },
            QueryOptions::default(),
        )
    };
    let alerts = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.alerts().await }
            },
            QueryOptions::default(),
        )
    };
    let rule_guides = move |chart: &'static str| -> Vec<Guide> {
        let kind = kind.get();
        let (memory, web) = (memory_limit.get(), web_amount.get());
        let mut guides = Vec::new();
        // A limit far beyond anything a chart shows (the API's data is not
        // to be trusted: 1e300) is left out rather than squash the chart.
        let on_chart = |metric: &str, value: f64| {
            target_line(metric, value, memory, web)
                .filter(|line| line.chart == chart)
                .map(|line| line.value)
                .filter(|v| v.is_finite() && v.abs() < 1e15)
        };
        for autoscaler in autoscalers.fresh().unwrap_or_default() {
            if autoscaler.container_type != kind || !autoscaler.is_enabled() {
                continue;
            }
            if let Some(value) = on_chart(autoscaler.metric.as_str(), autoscaler.target) {
                guides.push(Guide {
                    label: format!("Autoscaler target {}", autoscaler.target_text()),
                    value,
                    kind: GuideKind::Target,
                });
            }
        }
        for alert in alerts.fresh().unwrap_or_default() {
            if alert.container_type != kind || alert.disabled {
                continue;
            }
            if let Some(value) = on_chart(alert.metric.as_str(), alert.limit) {
                let side = if alert.send_when_below {
                    "below"
                } else {
                    "above"
                };
                guides.push(Guide {
                    label: format!("Alert {side} {}", alert.limit_text()),
                    value,
                    kind: GuideKind::Limit,
                });
            }
        }
        guides
    };
    // The recommended target on the chart it belongs to, in its unit, and
    // the autoscaler's target and the alerts' limits.
    let target_guides = move |chart: &'static str| {
        Signal::derive(move || {
            let mut guides = rule_guides(chart);
            let Some((metric, Some(value))) = recommended.fresh() else {
                return guides;
            };
            if let Some(line) = target_line(&metric, value, memory_limit.get(), web_amount.get())
                .filter(|line| line.chart == chart)
            {
                guides.push(Guide {
                    label: "Recommended target".to_owned(),
                    value: line.value,
                    kind: GuideKind::Target,
                });
            }
            guides
        })
    };
    let memory_guides = Signal::derive(move || {
        let mut guides = target_guides("memory").get();
        if let Some(limit) = memory_limit.get() {
            guides.push(Guide {
                label: "Limit".to_owned(),
                value: limit,
                kind: GuideKind::Limit,
            });
        }
        guides
    });

    let range_buttons = RANGES
        .iter()
        .map(|hours| {
            let hours = *hours;
            view! {
                <button
                    type="button"
                    class="segmented__item"
                    aria-pressed=move || (query.get().hours == hours).to_string()
                    on:click=move |_| {
                        query.update(|next| {
                            next.hours = hours;
                        });
                    }
                >
                    {format!("{hours} h")}
                </button>
            }
        })
        .collect_view();

    let type_options = move || {
        let current = kind.get();
        types
            .get()
            .into_iter()
            .map(|t| {
                let selected = t.name == current;
                view! { <option value=t.name.clone() selected=selected>{t.name.clone()}</option> }
            })
            .collect_view()
    };

    view! {
        <div class="metrics">
            <div class="metrics__toolbar" role="toolbar" aria-label="Metrics view">
                <div class="segmented" role="group" aria-label="Time range">{range_buttons}</div>
                <label class="field__inline">
                    <span>"Container type"</span>
                    <select
                        class="input"
                        on:change:target=move |ev| {
                            query.update(|next| {
                                next.container_type = ev.target().value();
                            });
                        }
                    >
                        {type_options}
                    </select>
                </label>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || query.get().breakdown
                        disabled=move || amount.get() < 2
                        on:change:target=move |ev| {
                            query.update(|next| {
                                next.breakdown = ev.target().checked();
                            });
                        }
                    />
                    "One line per container"
                </label>
                <Button on:click=move |_| refresh()>
                    "Refresh"
                </Button>
            </div>
            <hint::AutoscalingHint
                kind
                metric=hint_choice
                recommended
                memory_limit
                web_amount
            />
            <div class="charts">
                <Chart id="cpu" title="CPU" query=cpu unit=Unit::Percent guides=target_guides("cpu") events=chart_events />
                <Chart id="memory" title="Memory and swap" query=memory unit=Unit::Bytes guides=memory_guides events=chart_events />
                <Show
                    when=move || has_web.get() || formation.get().is_none()
                    fallback=|| view! {
                        <section class="card chart-card">
                            <h2 class="card__title">"Requests"</h2>
                            <p class="muted">
                                "This app has no web process type: the router sends it no traffic, so there are no request, error or response time metrics."
                            </p>
                        </section>
                    }
                >
                    <Chart id="router" title="Requests per minute by status" query=router unit=Unit::PerMinute stacked=true guides=target_guides("router") events=chart_events />
                    <Chart
                        id="errors"
                        title="5XX rate"
                        query=router
                        unit=Unit::Percent
                        events=chart_events
                        derive={ let line: Derive = error_rate_line; line }
                    />
                    <Chart id="response" title="Response time (95th percentile)" query=response unit=Unit::Milliseconds guides=target_guides("response") events=chart_events />
                </Show>
            </div>
            <StatsPanel />
        </div>
    }
}
