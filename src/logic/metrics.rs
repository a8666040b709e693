//! The metrics tab's view state (in the URL) and the shaping of API data
//! into chart series and event markers.

use scalingo_api::{Event, MetricPoint, ScaleValue};

use super::{decimate::Point, query_string::QueryString, time::parse_rfc3339_ms};

/// Time ranges offered, in hours (the platform keeps 72 hours).
pub const RANGES: [u32; 5] = [3, 12, 24, 48, 72];

/// Router status classes, bottom of the stack first, with their palette
/// entry (`--chart-9` … `--chart-13`: colours that stay apart when
/// stacked, in both themes).
pub const STATUS_CLASSES: [(&str, usize); 5] = [
    ("1XX", 8),
    ("2XX", 9),
    ("3XX", 10),
    ("4XX", 11),
    ("5XX", 12),
];

/// A metric the platform can recommend an autoscaling target for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintMetric {
    /// The API's name.
    pub id: &'static str,
    pub label: &'static str,
    /// Router metrics only exist for `web`: the router reaches no other type.
    pub web_only: bool,
}

pub const HINT_METRICS: [HintMetric; 4] = [
    HintMetric {
        id: "cpu",
        label: "CPU",
        web_only: false,
    },
    HintMetric {
        id: "memory",
        label: "memory",
        web_only: false,
    },
    HintMetric {
        id: "rpm_per_container",
        label: "requests per minute per container",
        web_only: true,
    },
    HintMetric {
        id: "p95_response_time",
        label: "95th percentile response time",
        web_only: true,
    },
];

/// The hint metrics that apply to a container type.
pub fn hint_metrics(container_type: &str) -> Vec<HintMetric> {
    HINT_METRICS
        .iter()
        .filter(|m| !m.web_only || container_type == "web")
        .copied()
        .collect()
}

/// The chart a recommended target is drawn on, and the value drawn there.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetLine {
    /// `cpu`, `memory`, `router` or `response`.
    pub chart: &'static str,
    pub value: f64,
    /// "the CPU chart"
    pub chart_name: &'static str,
}

/// Where the recommended `value` of `metric` goes: resource targets are
/// ratios (0.8 = 80 %) drawn against the type's limit; a per-container
/// request rate is drawn on the app's requests chart multiplied by the web
/// containers running. `None` when it cannot be drawn (no limit known, no
/// web container).
pub fn target_line(
    metric: &str,
    value: f64,
    memory_limit: Option<f64>,
    web_containers: u32,
) -> Option<TargetLine> {
    match metric {
        "cpu" => Some(TargetLine {
            chart: "cpu",
            value: if value <= 1.5 { value * 100.0 } else { value },
            chart_name: "the CPU chart",
        }),
        "memory" => {
            let value = match memory_limit {
                _ if value > 1.5 => value,
                Some(limit) => value * limit,
                None => return None,
            };
            Some(TargetLine {
                chart: "memory",
                value,
                chart_name: "the memory chart",
            })
        }
        "rpm_per_container" if web_containers > 0 => Some(TargetLine {
            chart: "router",
            value: value * f64::from(web_containers),
            chart_name: "the requests chart",
        }),
        // An alert on the app's request rate (`all`).
        "all" => Some(TargetLine {
            chart: "router",
            value,
            chart_name: "the requests chart",
        }),
        "p95_response_time" => Some(TargetLine {
            chart: "response",
            value,
            chart_name: "the response time chart",
        }),
        _ => None,
    }
}

/// The autoscaling hint in words: the recommendation, and where it is
/// drawn (or why it is not).
pub fn hint_sentence(
    container_type: &str,
    metric: &str,
    value: Option<f64>,
    memory_limit: Option<f64>,
    web_containers: u32,
) -> String {
    let Some(value) = value else {
        return format!("No recommendation for {container_type} yet: it needs a day of data.");
    };
    let label = HINT_METRICS
        .iter()
        .find(|m| m.id == metric)
        .map_or(metric, |m| m.label);
    let shown = match metric {
        "cpu" | "memory" if value <= 1.5 => format!("{:.0} %", value * 100.0),
        "p95_response_time" => format!("{value:.0} ms"),
        _ => format!("{value:.0}"),
    };
    let recommendation = format!(
        "For {container_type}, Scalingo recommends an autoscaling target of {shown} {label} (from the last 24 hours)."
    );
    let placement = match target_line(metric, value, memory_limit, web_containers) {
        Some(line) if line.chart == "router" => format!(
            "Drawn on the requests chart as {:.0} requests per minute: the target times the {web_containers} web container{} running.",
            line.value,
            if web_containers == 1 { "" } else { "s" }
        ),
        Some(line) => format!("Drawn on {}.", line.chart_name),
        None if metric == "rpm_per_container" => {
            "Not drawn: no web container is running.".to_owned()
        }
        None => "Not drawn: the container size's memory is not known.".to_owned(),
    };
    format!("{recommendation} {placement}")
}

/// The share of requests answered with a 5XX, from the stacked classes.
pub fn five_xx_rate(series: &[super::chart_data::Series]) -> Vec<Point> {
    let mut totals: Vec<Point> = series.first().map(|s| s.points.clone()).unwrap_or_default();
    for s in series.iter().skip(1) {
        for (i, point) in totals.iter_mut().enumerate() {
            if let Some(Some(v)) = s.points.get(i).map(|p| p.1) {
                point.1 = Some(point.1.unwrap_or(0.0) + v);
            }
        }
    }
    let errors = series
        .iter()
        .find(|s| s.name == "5XX")
        .map(|s| s.points.clone())
        .unwrap_or_default();
    error_rate(&errors, &totals)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricsQuery {
    pub hours: u32,
    /// The container type of the CPU and memory charts; empty for the first.
    pub container_type: String,
    /// One line per container instead of the type's mean.
    pub breakdown: bool,
}

impl Default for MetricsQuery {
    fn default() -> Self {
        MetricsQuery {
            hours: RANGES[0],
            container_type: String::new(),
            breakdown: false,
        }
    }
}

impl MetricsQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        MetricsQuery {
            hours: get("range")
                .and_then(|r| r.trim_end_matches('h').parse().ok())
                .filter(|h| RANGES.contains(h))
                .unwrap_or(RANGES[0]),
            container_type: get("type").unwrap_or_default(),
            breakdown: get("breakdown").as_deref() == Some("1"),
        }
    }

    pub fn to_query_string(&self) -> String {
        QueryString::new()
            .unless_default(
                "range",
                format!("{}h", self.hours),
                format!("{}h", RANGES[0]),
            )
            .text("type", &self.container_type)
            .flag("breakdown", self.breakdown)
            .finish()
    }
}

/// API points as chart points; unreadable times are dropped, order kept.
pub fn to_points(points: &[MetricPoint]) -> Vec<Point> {
    let mut out: Vec<Point> = points
        .iter()
        .filter_map(|p| parse_rfc3339_ms(&p.time).map(|t| (t as f64, p.value)))
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// Percent of requests answered with a 5XX, minute by minute.
pub fn error_rate(errors: &[Point], all: &[Point]) -> Vec<Point> {
    all.iter()
        .map(|&(time, total)| {
            let failed = errors
                .binary_search_by(|p| p.0.total_cmp(&time))
                .ok()
                .and_then(|i| errors[i].1);
            let rate = match (failed, total) {
                (_, Some(total)) if total <= 0.0 => Some(0.0),
                (Some(failed), Some(total)) => Some((failed / total * 100.0).min(100.0)),
                (None, Some(_)) => Some(0.0),
                _ => None,
            };
            (time, rate)
        })
        .collect()
}

fn scale_value(value: &Option<ScaleValue>) -> String {
    match value {
        Some(ScaleValue { amount, size }) if size.is_empty() => amount.to_string(),
        Some(ScaleValue { amount, size }) => format!("{amount}×{size}"),
        None => "0".to_owned(),
    }
}

/// The events drawn on charts (scale, restart, deployment, crash), as
/// (time, kind, label), with who did it. Failures are drawn as such (kind
/// `failed`), with why.
pub fn chart_events(events: &[Event]) -> Vec<(f64, String, String)> {
    let failures = super::activity::failures(events);
    events
        .iter()
        .zip(failures)
        .filter_map(|(event, failure)| {
            let time = parse_rfc3339_ms(event.created_at.as_deref()?)? as f64;
            let who = event
                .user
                .as_ref()
                .map(|u| format!(" by {}", u.username))
                .unwrap_or_default();
            let text = |key: &str| {
                event
                    .type_data
                    .get(key)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            let label = match event.kind.as_str() {
                "scale" => {
                    let changes: Vec<String> = event
                        .scale_changes()
                        .iter()
                        .map(|c| {
                            format!(
                                "{} {} → {}",
                                c.process_type,
                                scale_value(&c.before),
                                scale_value(&c.after)
                            )
                        })
                        .collect();
                    format!("Scaled {}{who}", changes.join(", "))
                }
                "restart" => {
                    let scope = event
                        .type_data
                        .get("scope")
                        .and_then(|s| s.as_array())
                        .map(|items| {
                            items
                                .iter()
                                .filter_map(|i| i.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| "all containers".to_owned());
                    format!("Restarted {scope}{who}")
                }
                "deployment" => {
                    let git_ref: String = text("git_ref")
                        .unwrap_or_default()
                        .chars()
                        .take(7)
                        .collect();
                    let status = text("status").unwrap_or_default();
                    let pusher = text("pusher").map(|p| format!(" by {p}")).unwrap_or(who);
                    format!("Deployed {git_ref} ({status}){pusher}")
                }
                "crash" | "repeated_crash" => format!(
                    "{} crashed",
                    text("container_type").unwrap_or_else(|| "A container".to_owned())
                ),
                _ => return None,
            };
            Some(match failure {
                Some(why) if !matches!(event.kind.as_str(), "crash" | "repeated_crash") => (
                    time,
                    "failed".to_owned(),
                    format!("{label}: failed ({why})"),
                ),
                Some(why) => (time, "failed".to_owned(), format!("{label}: {why}")),
                None => (time, event.kind.clone(), label),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hints_fit_the_type() {
        let ids = |kind: &str| hint_metrics(kind).iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(
            ids("web"),
            ["cpu", "memory", "rpm_per_container", "p95_response_time"]
        );
        assert_eq!(ids("worker"), ["cpu", "memory"]);
    }

    #[test]
    fn targets_go_on_their_chart_in_its_unit() {
        assert_eq!(target_line("cpu", 0.8, None, 0).unwrap().value, 80.0);
        let memory = target_line("memory", 0.5, Some(512.0 * 1024.0 * 1024.0), 0).unwrap();
        assert_eq!(
            (memory.chart, memory.value),
            ("memory", 256.0 * 1024.0 * 1024.0)
        );
        assert_eq!(target_line("memory", 0.5, None, 0), None);
        let rpm = target_line("rpm_per_container", 300.0, None, 3).unwrap();
        assert_eq!((rpm.chart, rpm.value), ("router", 900.0));
        assert_eq!(target_line("rpm_per_container", 300.0, None, 0), None);
        assert_eq!(
            target_line("p95_response_time", 250.0, None, 2)
                .unwrap()
                .chart,
            "response"
        );
    }

    #[test]
    fn hint_sentences_say_where_the_line_is() {
        assert_eq!(
            hint_sentence("web", "rpm_per_container", Some(300.0), None, 3),
            "For web, Scalingo recommends an autoscaling target of 300 requests per minute per container (from the last 24 hours). Drawn on the requests chart as 900 requests per minute: the target times the 3 web containers running."
        );
        assert!(hint_sentence("web", "cpu", Some(0.8), None, 1)
            .ends_with("80 % CPU (from the last 24 hours). Drawn on the CPU chart."));
        assert!(
            hint_sentence("web", "rpm_per_container", Some(300.0), None, 0)
                .ends_with("Not drawn: no web container is running.")
        );
        assert_eq!(
            hint_sentence("worker", "cpu", None, None, 0),
            "No recommendation for worker yet: it needs a day of data."
        );
    }

    #[test]
    fn url_round_trip() {
        let q = MetricsQuery {
            hours: 24,
            container_type: "worker".into(),
            breakdown: true,
        };
        assert_eq!(q.to_query_string(), "?range=24h&type=worker&breakdown=1");
        let parsed = MetricsQuery::from_params(|k| match k {
            "range" => Some("24h".into()),
            "type" => Some("worker".into()),
            "breakdown" => Some("1".into()),
            _ => None,
        });
        assert_eq!(parsed, q);
        assert_eq!(MetricsQuery::from_params(|_| Some("7".into())).hours, 3);
        assert_eq!(MetricsQuery::default().to_query_string(), "");
    }

    #[test]
    fn points_and_rates() {
        let api = vec![
            MetricPoint {
                time: "2024-03-02T10:01:00Z".into(),
                value: Some(10.0),
            },
            MetricPoint {
                time: "bad".into(),
                value: Some(1.0),
            },
            MetricPoint {
                time: "2024-03-02T10:00:00Z".into(),
                value: None,
            },
        ];
        let points = to_points(&api);
        assert_eq!(points.len(), 2);
        assert!(points[0].0 < points[1].0);
        let all = vec![
            (0.0, Some(200.0)),
            (1.0, Some(0.0)),
            (2.0, None),
            (3.0, Some(10.0)),
        ];
        let errors = vec![(0.0, Some(5.0)), (3.0, None)];
        assert_eq!(
            error_rate(&errors, &all)
                .iter()
                .map(|p| p.1)
                .collect::<Vec<_>>(),
            [Some(2.5), Some(0.0), None, Some(0.0)]
        );
    }

    #[test]
    fn event_labels() {
        let event = |kind: &str, data: serde_json::Value| -> Event {
            serde_json::from_value(json!({
                "id": "1", "created_at": "2024-03-02T10:00:00Z", "type": kind,
                "user": {"username": "ada"}, "type_data": data
            }))
            .unwrap()
        };
        let labels: Vec<String> = chart_events(&[
            event(
                "scale",
                json!({"previous_containers": {"web": "2:M"}, "containers": {"web": "3:L"}}),
            ),
            event(
                "restart",
                json!({"scope": ["web"], "reason": "user_restart"}),
            ),
            event("restart", json!({"scope": null})),
            event(
                "deployment",
                json!({"git_ref": "0123456789abcdef", "status": "success", "pusher": "grace"}),
            ),
            event("edit_app", json!({})),
        ])
        .into_iter()
        .map(|e| e.2)
        .collect();
        assert_eq!(
            labels,
            [
                "Scaled web 2×M → 3×L by ada",
                "Restarted web by ada",
                "Restarted all containers by ada",
                "Deployed 0123456 (success) by grace",
            ]
        );
        let failed = chart_events(&[
            event(
                "crash",
                json!({"container_type": "web", "crash_logs": "boom"}),
            ),
            event(
                "deployment",
                json!({"git_ref": "abcdef0123", "status": "build-error", "pusher": "grace"}),
            ),
        ]);
        assert_eq!(failed[0].1, "failed");
        assert_eq!(failed[0].2, "web crashed: boom");
        assert_eq!(
            failed[1].2,
            "Deployed abcdef0 (build-error) by grace: failed (build error)"
        );
    }
}
