//! What the metrics tab has read, shared by its charts and kept for the
//! app page's lifetime, so that going back to a range, a type or the tab
//! itself within a minute costs no request (see `logic::metric_cache`).

use leptos::prelude::*;
use scalingo_api::Event;

use crate::{
    api::{metrics::MetricQuery, ApiError, AppApi},
    logic::{
        chart_data::Series,
        metric_cache::{SeriesCache, SeriesId, FRESH_FOR_MS},
        metric_lines::LineSpec,
        metrics::to_points,
        time::parse_rfc3339_ms,
    },
};

/// Events read for a range.
#[derive(Debug, Clone)]
struct EventsRead {
    hours: u32,
    read_at: f64,
    events: Vec<Event>,
}

/// Recommended targets read: ((type, metric), read at, value).
type Recommendations = Vec<((String, String), f64, Option<f64>)>;

/// The page's store of metric reads. `Copy`.
#[derive(Clone, Copy)]
pub struct MetricsStore {
    series: StoredValue<SeriesCache, LocalStorage>,
    events: StoredValue<Option<EventsRead>, LocalStorage>,
    /// (type, metric) → (read at, value).
    recommended: StoredValue<Recommendations, LocalStorage>,
}

impl MetricsStore {
    pub fn new() -> Self {
        MetricsStore {
            series: StoredValue::new_local(SeriesCache::default()),
            events: StoredValue::new_local(None),
            recommended: StoredValue::new_local(Vec::new()),
        }
    }

    /// Forgets every read: Refresh asks the API again.
    pub fn clear(&self) {
        self.series.try_update_value(SeriesCache::clear);
        self.events.try_set_value(None);
        self.recommended.try_update_value(Vec::clear);
    }

    /// The lines of a chart over the last `hours`: reused or cut from what
    /// was read, the rest read together.
    pub async fn lines(
        self,
        api: &AppApi,
        lines: Vec<LineSpec>,
        hours: u32,
    ) -> Result<Vec<Series>, ApiError> {
        let now = js_sys::Date::now();
        let reads = lines.iter().map(|line| {
            let reused = self
                .series
                .try_with_value(|cache| cache.reuse(&line.id, hours, now))
                .flatten();
            let api = api.clone();
            let id = line.id.clone();
            async move {
                if let Some(reused) = reused {
                    return Ok(reused.into_points());
                }
                let points = api.metric(&query(&id, hours)).await?;
                let points = to_points(&points);
                self.series.try_update_value(|cache| {
                    cache.insert(id, hours, js_sys::Date::now(), points.clone())
                });
                Ok::<_, ApiError>(points)
            }
        });
        let results = futures::future::join_all(reads).await;
        lines
            .into_iter()
            .zip(results)
            .map(|(line, points)| {
                Ok(Series {
                    name: line.name,
                    colour: line.colour,
                    points: points?,
                })
            })
            .collect()
    }

    /// The app's events of the last `hours`, cut from a longer read when
    /// there is a fresh one (events are instants: any cut is exact).
    pub async fn events(self, api: &AppApi, hours: u32) -> Result<Vec<Event>, ApiError> {
        let now = js_sys::Date::now();
        let since = now - f64::from(hours) * 3_600_000.0;
        let reused = self
            .events
            .try_with_value(|read| {
                read.as_ref()
                    .filter(|r| r.hours >= hours && now - r.read_at < FRESH_FOR_MS)
                    .map(|r| r.events.clone())
            })
            .flatten();
        if let Some(events) = reused {
            return Ok(events
                .into_iter()
                .filter(|e| {
                    e.created_at
                        .as_deref()
                        .and_then(parse_rfc3339_ms)
                        .is_some_and(|t| t as f64 >= since)
                })
                .collect());
        }
        let events = api.recent_events(hours).await?;
        self.events.try_set_value(Some(EventsRead {
            hours,
            read_at: js_sys::Date::now(),
            events: events.clone(),
        }));
        Ok(events)
    }

    /// The recommended autoscaling target of `metric` for `kind`; it is
    /// computed over a day, so a read is kept for ten minutes.
    pub async fn recommended(
        self,
        api: &AppApi,
        kind: String,
        metric: String,
    ) -> Result<Option<f64>, ApiError> {
        const KEEP_MS: f64 = 600_000.0;
        let now = js_sys::Date::now();
        let key = (kind, metric);
        let kept = self
            .recommended
            .try_with_value(|all| {
                all.iter()
                    .find(|(k, at, _)| *k == key && now - at < KEEP_MS)
                    .map(|(_, _, value)| *value)
            })
            .flatten();
        if let Some(value) = kept {
            return Ok(value);
        }
        let value = api.recommended_value(&key.1, &key.0).await?;
        self.recommended.try_update_value(|all| {
            all.retain(|(k, _, _)| *k != key);
            all.push((key, js_sys::Date::now(), value));
        });
        Ok(value)
    }
}

impl Default for MetricsStore {
    fn default() -> Self {
        Self::new()
    }
}

/// The request for a series over `hours`.
fn query(id: &SeriesId, hours: u32) -> MetricQuery {
    let (status_code, statistics_type) = match id.metric.as_str() {
        "router" => (id.variant.clone(), None),
        "requests" => (None, id.variant.clone()),
        _ => (None, None),
    };
    MetricQuery {
        metric: id.metric.clone(),
        container_type: id.container_type.clone(),
        index: id.index,
        since_hours: hours,
        status_code,
        statistics_type,
    }
}
