use crate::pages::url_query::use_url_query;
use leptos::prelude::*;
use scalingo_api::ContainerType;

use super::use_app_data;
use crate::{
    api::{metrics::MetricQuery, use_api, ApiError},
    components::{AsyncView, ChartEvent, Guide, GuideKind, StatsPanel, TimeChart},
    logic::{
        axis::Unit,
        chart_data::Series,
        metrics::{chart_events, error_rate, to_points, MetricsQuery, RANGES},
        routes::app_href,
    },
    ui::EmptyState,
};

/// Router status classes, stacked in this order, with their palette index.
const STATUS_CLASSES: [(&str, usize); 5] =
    [("2XX", 1), ("3XX", 2), ("1XX", 7), ("4XX", 3), ("5XX", 4)];

/// The autoscaling metrics the platform can recommend a target for.
const HINT_METRICS: [(&str, &str); 4] = [
    ("cpu", "CPU"),
    ("memory", "memory"),
    ("rpm_per_container", "requests per minute per container"),
    ("p95_response_time", "95th percentile response time"),
];

/// Charts of one metric of a container type: the type's mean, or one line
/// per container.
/// The app whose metrics are read.
struct Target {
    client: crate::api::ApiClient,
    region: String,
    app: String,
}

async fn type_series(
    target: Target,
    metric: &str,
    kind: String,
    amount: u32,
    breakdown: bool,
    hours: u32,
) -> Result<Vec<Series>, ApiError> {
    let Target {
        client,
        region,
        app,
    } = target;
    let query = |index: Option<u32>| MetricQuery {
        metric: metric.to_owned(),
        container_type: Some(kind.clone()),
        index,
        since_hours: hours,
        status_code: None,
    };
    if breakdown && amount > 1 {
        let requests = (1..=amount.min(10)).map(|i| {
            let (client, region, app, q) =
                (client.clone(), region.clone(), app.clone(), query(Some(i)));
            async move { client.metric(&region, &app, &q).await }
        });
        let results = futures::future::join_all(requests).await;
        results
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                r.map(|points| Series {
                    name: format!("{kind}-{}", i + 1),
                    colour: i,
                    points: to_points(&points),
                })
            })
            .collect()
    } else {
        let points = client.metric(&region, &app, &query(None)).await?;
        Ok(vec![Series {
            name: format!("{kind} (mean)"),
            colour: 0,
            points: to_points(&points),
        }])
    }
}

fn has_data(series: &[Series]) -> bool {
    series
        .iter()
        .any(|s| s.points.iter().any(|p| p.1.is_some()))
}

/// The metrics tab: charts over a time range, live usage, and the
/// autoscaling hint.
#[component]
pub fn MetricsTab() -> impl IntoView {
    let data = use_app_data();
    let client = use_api();
    let (query, set_query) = use_url_query::<MetricsQuery>(app_href(&data.name(), Some("metrics")));
    let hint_metric = RwSignal::new("cpu".to_owned());

    let formation = Memo::new(move |_| data.formation.get().and_then(Result::ok));
    let types = Memo::new(move |_| -> Vec<ContainerType> {
        formation.get().map(|(f, _)| f).unwrap_or_default()
    });
    // The chosen type, or the first one running (web first).
    let kind = Memo::new(move |_| {
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
    let amount = Memo::new(move |_| {
        let kind = kind.get();
        types
            .get()
            .iter()
            .find(|t| t.name == kind)
            .map_or(1, |t| t.amount)
    });
    let memory_limit = Memo::new(move |_| {
        let kind = kind.get();
        formation.get().and_then(|(f, sizes)| {
            let size = f.iter().find(|t| t.name == kind)?.size.clone();
            sizes
                .iter()
                .find(|s| s.name == size)
                .map(|s| s.memory as f64)
        })
    });

    let now = RwSignal::new(js_sys::Date::now());
    let x_range = Signal::derive(move || {
        let end = now.get();
        (end - f64::from(query.get().hours) * 3_600_000.0, end)
    });
    let operations = crate::state::operations::use_operations();
    let args = move || {
        operations.data_version(&data.name());
        let q = query.get();
        (
            client.clone(),
            data.region(),
            data.name(),
            q.hours,
            q.breakdown,
        )
    };

    let cpu = LocalResource::new({
        let args = args.clone();
        move || {
            let (client, region, app, hours, breakdown) = args();
            let (kind, amount) = (kind.get(), amount.get());
            // The window ends now each time the charts reload.
            now.set(js_sys::Date::now());
            async move {
                type_series(
                    Target {
                        client,
                        region,
                        app,
                    },
                    "cpu",
                    kind,
                    amount,
                    breakdown,
                    hours,
                )
                .await
            }
        }
    });
    let memory = LocalResource::new({
        let args = args.clone();
        move || {
            let (client, region, app, hours, breakdown) = args();
            let (kind, amount) = (kind.get(), amount.get());
            async move {
                let (memory, swap) = futures::future::join(
                    type_series(
                        Target {
                            client: client.clone(),
                            region: region.clone(),
                            app: app.clone(),
                        },
                        "memory",
                        kind.clone(),
                        amount,
                        breakdown,
                        hours,
                    ),
                    type_series(
                        Target {
                            client,
                            region,
                            app,
                        },
                        "swap",
                        kind,
                        1,
                        false,
                        hours,
                    ),
                )
                .await;
                let mut series = memory?;
                // Swap is secondary: shown when it loads, not required.
                if let Ok(swap) = swap {
                    series.extend(swap.into_iter().map(|s| Series {
                        name: s.name.replace("(mean)", "swap"),
                        colour: 5,
                        points: s.points,
                    }));
                }
                Ok::<_, ApiError>(series)
            }
        }
    });
    let router = LocalResource::new({
        let args = args.clone();
        move || {
            let (client, region, app, hours, _) = args();
            async move {
                let requests = STATUS_CLASSES.iter().map(|(class, colour)| {
                    let (client, region, app) = (client.clone(), region.clone(), app.clone());
                    let query = MetricQuery {
                        metric: "router".to_owned(),
                        container_type: None,
                        index: None,
                        since_hours: hours,
                        status_code: Some((*class).to_owned()),
                    };
                    async move {
                        client
                            .metric(&region, &app, &query)
                            .await
                            .map(|points| Series {
                                name: (*class).to_owned(),
                                colour: *colour,
                                points: to_points(&points),
                            })
                    }
                });
                futures::future::join_all(requests)
                    .await
                    .into_iter()
                    .collect::<Result<Vec<_>, _>>()
            }
        }
    });
    let events = LocalResource::new({
        let args = args.clone();
        move || {
            let (client, region, app, hours, _) = args();
            async move { client.recent_events(&region, &app, hours).await }
        }
    });
    let recommended = LocalResource::new(move || {
        let (client, region, app, _, _) = args();
        let (kind, metric) = (kind.get(), hint_metric.get());
        async move {
            client
                .recommended_value(&region, &app, &metric, &kind)
                .await
                .map(|v| (metric, v))
        }
    });

    let chart_events = Signal::derive(move || {
        events
            .get()
            .and_then(Result::ok)
            .map(|list| {
                chart_events(&list)
                    .into_iter()
                    .map(|(time, kind, label)| ChartEvent { time, kind, label })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    // The recommended target as a guide on the chart it belongs to.
    let target = move |metric: &'static str| {
        Signal::derive(move || {
            let Some(Ok((chosen, Some(value)))) = recommended.get() else {
                return Vec::new();
            };
            if chosen != metric {
                return Vec::new();
            }
            let value = match metric {
                // Resource targets are ratios (0.8 = 80 %).
                "cpu" if value <= 1.5 => value * 100.0,
                "memory" => memory_limit.get().map_or(value, |limit| {
                    if value <= 1.5 {
                        value * limit
                    } else {
                        value
                    }
                }),
                _ => value,
            };
            vec![Guide {
                label: "Recommended target".to_owned(),
                value,
                kind: GuideKind::Target,
            }]
        })
    };
    let memory_guides = Signal::derive(move || {
        let mut guides = target("memory").get();
        if let Some(limit) = memory_limit.get() {
            guides.push(Guide {
                label: "Limit".to_owned(),
                value: limit,
                kind: GuideKind::Limit,
            });
        }
        guides
    });

    let hint_text = move || {
        let kind = kind.get();
        match recommended.get() {
            None => "Looking up the recommended target…".to_owned(),
            Some(Err(error)) => format!("No recommendation: {error}"),
            Some(Ok((_, None))) => {
                format!("No recommendation for {kind} yet: it needs a day of data.")
            }
            Some(Ok((metric, Some(value)))) => {
                let label = HINT_METRICS
                    .iter()
                    .find(|(m, _)| *m == metric)
                    .map_or(metric.as_str(), |(_, l)| *l);
                let shown = match metric.as_str() {
                    "cpu" | "memory" if value <= 1.5 => format!("{:.0} %", value * 100.0),
                    "p95_response_time" => format!("{value:.0} ms"),
                    _ => format!("{value:.0}"),
                };
                format!(
                    "For {kind}, Scalingo recommends an autoscaling target of {shown} {label} (from the last 24 hours). It is drawn on the matching chart."
                )
            }
        }
    };

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
                        let mut next = query.get_untracked();
                        next.hours = hours;
                        set_query.run(next);
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

    let chart = move |id: &'static str,
                      title: &'static str,
                      resource: LocalResource<Result<Vec<Series>, ApiError>>,
                      unit: Unit,
                      stacked: bool,
                      guides: Signal<Vec<Guide>>,
                      derive: fn(Vec<Series>) -> Vec<Series>| {
        view! {
            <AsyncView
                resource
                what=format!("the {} chart", title.to_lowercase())
                lines=6
                render=move |series| {
                    let series = derive(series);
                    if !has_data(&series) {
                        return view! {
                            <EmptyState title=format!("{title}: no data") text="No metrics were recorded for this period (the app may have been stopped)." />
                        }
                            .into_any();
                    }
                    view! {
                        <TimeChart
                            id
                            title
                            series=Signal::stored(series)
                            stacked
                            unit
                            x_range
                            guides
                            events=chart_events
                        />
                    }
                        .into_any()
                }
            />
        }
    };

    let five_xx = |series: Vec<Series>| {
        let all: Vec<(f64, Option<f64>)> = {
            let mut totals: Vec<(f64, Option<f64>)> =
                series.first().map(|s| s.points.clone()).unwrap_or_default();
            for s in series.iter().skip(1) {
                for (i, point) in totals.iter_mut().enumerate() {
                    if let Some(Some(v)) = s.points.get(i).map(|p| p.1) {
                        point.1 = Some(point.1.unwrap_or(0.0) + v);
                    }
                }
            }
            totals
        };
        let errors = series
            .iter()
            .find(|s| s.name == "5XX")
            .map(|s| s.points.clone())
            .unwrap_or_default();
        vec![Series {
            name: "5XX rate".to_owned(),
            colour: 4,
            points: error_rate(&errors, &all),
        }]
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
                            let mut next = query.get_untracked();
                            next.container_type = ev.target().value();
                            set_query.run(next);
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
                            let mut next = query.get_untracked();
                            next.breakdown = ev.target().checked();
                            set_query.run(next);
                        }
                    />
                    "One line per container"
                </label>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        data.reads.forget();
                        cpu.refetch();
                        memory.refetch();
                        router.refetch();
                        events.refetch();
                    }
                >
                    "Refresh"
                </button>
            </div>
            <section class="card metrics__hint" aria-labelledby="hint-title">
                <h2 id="hint-title" class="card__title">"Autoscaling hint"</h2>
                <label class="field__inline">
                    <span>"Metric"</span>
                    <select class="input" on:change:target=move |ev| hint_metric.set(ev.target().value())>
                        {HINT_METRICS
                            .iter()
                            .map(|(value, label)| view! { <option value=*value>{*label}</option> })
                            .collect_view()}
                    </select>
                </label>
                <p class="metrics__hint-text" role="status">{hint_text}</p>
            </section>
            <div class="charts">
                {chart("cpu", "CPU", cpu, Unit::Percent, false, target("cpu"), |s| s)}
                {chart("memory", "Memory and swap", memory, Unit::Bytes, false, memory_guides, |s| s)}
                {chart("router", "Requests per minute by status", router, Unit::PerMinute, true, target("rpm_per_container"), |s| s)}
                {chart("errors", "5XX rate", router, Unit::Percent, false, Signal::stored(Vec::new()), five_xx)}
            </div>
            <StatsPanel app=data.name() region=data.region() />
        </div>
    }
}
