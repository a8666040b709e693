//! The metrics tab: charts over a time range, live usage, and the
//! autoscaling hint.
//!
//! Its requests are planned for the API's 60 a minute: each chart reads
//! only what its own choice needs (a type change leaves the request charts
//! alone), series are reused or cut from a longer range read in the last
//! minute (`store`), rapid changes make one read, and a newer choice stops
//! the reads of the one before.

mod hint;
mod store;

use leptos::prelude::*;
use scalingo_api::ContainerType;

pub use store::MetricsStore;
use store::{LineSpec, MetricsTarget};

use super::use_app_data;
use crate::{
    api::use_api,
    components::{ChartEvent, Guide, GuideKind, QueryView, StatsPanel, TimeChart},
    logic::{
        axis::Unit,
        chart_data::Series,
        metric_cache::SeriesId,
        metrics::{chart_events, five_xx_rate, target_line, MetricsQuery, RANGES, STATUS_CLASSES},
        routes::{app_href, Tab},
    },
    pages::url_query::use_url_query,
    state::query::{use_query, Query, QueryOptions},
    ui::EmptyState,
};

/// Changes of choice closer together than this make one read.
const SETTLE_MS: u64 = 400;
/// Containers drawn one by one at most (the platform's cap per type).
const MAX_LINES: u32 = 10;

/// What the CPU and memory charts show.
#[derive(Debug, Clone, PartialEq)]
struct TypeChoice {
    hours: u32,
    kind: String,
    /// Containers drawn one by one, or 0 for the type's mean.
    containers: u32,
}

/// A chart's lines and the window they were read for.
#[derive(Debug, Clone, PartialEq)]
struct ChartData {
    series: Vec<Series>,
    hours: u32,
    /// When the window ends (the read's time).
    end: f64,
}

fn has_data(series: &[Series]) -> bool {
    series
        .iter()
        .any(|s| s.points.iter().any(|p| p.1.is_some()))
}

fn line(metric: &str, kind: Option<&str>, index: Option<u32>, variant: Option<&str>) -> SeriesId {
    SeriesId {
        metric: metric.to_owned(),
        container_type: kind.map(str::to_owned),
        index,
        variant: variant.map(str::to_owned),
    }
}

/// The lines of a per-type metric: the mean, or one per container.
fn type_lines(metric: &str, choice: &TypeChoice) -> Vec<LineSpec> {
    let kind = choice.kind.as_str();
    if choice.containers > 1 {
        (1..=choice.containers.min(MAX_LINES))
            .map(|i| LineSpec {
                id: line(metric, Some(kind), Some(i), None),
                name: format!("{kind}-{i}"),
                colour: (i - 1) as usize,
            })
            .collect()
    } else {
        vec![LineSpec {
            id: line(metric, Some(kind), None, None),
            name: format!("{kind} (mean)"),
            colour: 0,
        }]
    }
}

/// Lines computed from a chart's data.
type Derive = fn(Vec<Series>) -> Vec<Series>;

/// The 5XX rate chart's line, from the requests by class.
fn error_rate_line(series: Vec<Series>) -> Vec<Series> {
    vec![Series {
        name: "5XX rate".to_owned(),
        colour: 12,
        points: five_xx_rate(&series),
    }]
}

fn router_lines() -> Vec<LineSpec> {
    STATUS_CLASSES
        .iter()
        .map(|(class, colour)| LineSpec {
            id: line("router", None, None, Some(class)),
            name: (*class).to_owned(),
            colour: *colour,
        })
        .collect()
}

#[component]
pub fn MetricsTab() -> impl IntoView {
    let data = use_app_data();
    let client = use_api();
    let store = expect_context::<MetricsStore>();
    let query = use_url_query::<MetricsQuery>(app_href(&data.name(), Tab::Metrics));
    let target = MetricsTarget {
        client,
        region: data.region(),
        app: data.name(),
    };

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
    let cpu: Query<TypeChoice, ChartData> = {
        let target = target.clone();
        use_query(
            type_choice,
            move |choice: TypeChoice| {
                let target = target.clone();
                async move {
                    let series = store
                        .lines(&target, type_lines("cpu", &choice), choice.hours)
                        .await?;
                    Ok(ChartData {
                        series,
                        hours: choice.hours,
                        end: js_sys::Date::now(),
                    })
                }
            },
            settle,
        )
    };
    let memory: Query<TypeChoice, ChartData> = {
        let target = target.clone();
        use_query(
            type_choice,
            move |choice: TypeChoice| {
                let target = target.clone();
                async move {
                    let mut lines = type_lines("memory", &choice);
                    // Swap is the type's mean, whatever the breakdown.
                    lines.push(LineSpec {
                        id: line("swap", Some(&choice.kind), None, None),
                        name: format!("{} swap", choice.kind),
                        colour: 5,
                    });
                    let series = store.lines(&target, lines, choice.hours).await?;
                    Ok(ChartData {
                        series,
                        hours: choice.hours,
                        end: js_sys::Date::now(),
                    })
                }
            },
            settle,
        )
    };
    let router: Query<u32, ChartData> = {
        let target = target.clone();
        use_query(
            router_choice,
            move |hours: u32| {
                let target = target.clone();
                async move {
                    let series = store.lines(&target, router_lines(), hours).await?;
                    Ok(ChartData {
                        series,
                        hours,
                        end: js_sys::Date::now(),
                    })
                }
            },
            settle,
        )
    };
    let response: Query<u32, ChartData> = {
        let target = target.clone();
        use_query(
            router_choice,
            move |hours: u32| {
                let target = target.clone();
                async move {
                    let lines = vec![LineSpec {
                        id: line("requests", None, None, Some("p95")),
                        name: "p95".to_owned(),
                        colour: 0,
                    }];
                    let series = store.lines(&target, lines, hours).await?;
                    Ok(ChartData {
                        series,
                        hours,
                        end: js_sys::Date::now(),
                    })
                }
            },
            settle,
        )
    };
    let events = {
        let target = target.clone();
        use_query(
            move || Some(hours.get()),
            move |hours: u32| {
                let target = target.clone();
                async move { store.events(&target, hours).await }
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
        let target = target.clone();
        use_query(
            move || Some((kind.get(), hint_choice.get())),
            move |(kind, metric): (String, String)| {
                let target = target.clone();
                async move {
                    store
                        .recommended(&target, kind, metric.clone())
                        .await
                        .map(|value| (metric, value))
                }
            },
            settle,
        )
    };
    // The recommended target on the chart it belongs to, in its unit.
    let target_guides = move |chart: &'static str| {
        Signal::derive(move || {
            let Some((metric, Some(value))) = recommended.fresh() else {
                return Vec::new();
            };
            target_line(&metric, value, memory_limit.get(), web_amount.get())
                .filter(|line| line.chart == chart)
                .map(|line| {
                    vec![Guide {
                        label: "Recommended target".to_owned(),
                        value: line.value,
                        kind: GuideKind::Target,
                    }]
                })
                .unwrap_or_default()
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
                <button type="button" class="button" on:click=move |_| refresh()>
                    "Refresh"
                </button>
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
            <StatsPanel app=data.name() region=data.region() />
        </div>
    }
}

/// One chart of the tab: its data, or what it is waiting for, or why it
/// failed and when it tries again.
#[component]
fn Chart<K>(
    id: &'static str,
    title: &'static str,
    query: Query<K, ChartData>,
    unit: Unit,
    #[prop(optional)] stacked: bool,
    #[prop(into, optional)] guides: Signal<Vec<Guide>>,
    #[prop(into)] events: Signal<Vec<ChartEvent>>,
    /// Lines computed from the data read (the 5XX rate from the classes).
    #[prop(optional, into)]
    derive: Option<Derive>,
) -> impl IntoView
where
    K: Clone + PartialEq + Send + Sync + 'static,
{
    let what = format!("the {} chart", title.to_lowercase());
    view! {
        <div class="chart-slot" data-chart-slot=id>
        <QueryView
            query
            what
            lines=6
            render=move |data: ChartData| {
                let series = match derive {
                    Some(derive) => derive(data.series),
                    None => data.series,
                };
                if !has_data(&series) {
                    return view! {
                        <EmptyState
                            title=format!("{title}: no data")
                            text="No metrics were recorded for this period (the app may have been stopped)."
                        />
                    }
                    .into_any();
                }
                let x_range = (data.end - f64::from(data.hours) * 3_600_000.0, data.end);
                view! {
                    <TimeChart
                        id
                        title
                        series=Signal::stored(series)
                        stacked
                        unit
                        x_range=Signal::stored(x_range)
                        guides
                        events
                    />
                }
                .into_any()
            }
        />
        </div>
    }
}
