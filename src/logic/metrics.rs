//! The metrics tab's view state (in the URL) and the shaping of API data
//! into chart series and event markers.

use scalingo_api::{Event, MetricPoint, ScaleValue};

use super::{decimate::Point, time::parse_rfc3339_ms};

/// Time ranges offered, in hours (the platform keeps 72 hours).
pub const RANGES: [u32; 5] = [3, 12, 24, 48, 72];

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
        let mut pairs = Vec::new();
        if self.hours != RANGES[0] {
            pairs.push(format!("range={}h", self.hours));
        }
        if !self.container_type.is_empty() {
            let encoded: String = percent_encoding::utf8_percent_encode(
                &self.container_type,
                percent_encoding::NON_ALPHANUMERIC,
            )
            .to_string();
            pairs.push(format!("type={encoded}"));
        }
        if self.breakdown {
            pairs.push("breakdown=1".to_owned());
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
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

/// The events drawn on charts (scale, restart, deployment), as (time, kind,
/// label), with who did it.
pub fn chart_events(events: &[Event]) -> Vec<(f64, String, String)> {
    events
        .iter()
        .filter_map(|event| {
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
                _ => return None,
            };
            Some((time, event.kind.clone(), label))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
    }
}
