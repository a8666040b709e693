//! Metrics: time series, real-time stats, recommended values, and the
//! events drawn on the charts.

use percent_encoding::utf8_percent_encode;
use scalingo_api::{
    ContainerStats, Event, EventsResponse, MetricPoint, MetricSeries, RecommendedValue,
    StatsResponse,
};

use super::{apps::app_path, ApiClient, ApiError, Base};

/// Which series to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricQuery {
    /// `cpu`, `memory`, `swap` or `router`.
    pub metric: String,
    /// Container type, for cpu/memory/swap.
    pub container_type: Option<String>,
    /// One container of the type (1-based), or the mean of all.
    pub index: Option<u32>,
    /// Hours back (3 to 72).
    pub since_hours: u32,
    /// For `router`: `1XX`…`5XX` or `all`.
    pub status_code: Option<String>,
    /// For `requests` (response times): `median`, `p95` or `p99`.
    pub statistics_type: Option<String>,
}

fn segment(text: &str) -> String {
    utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

impl ApiClient {
    /// A metric's time series. "No metrics found" (404) is an empty series:
    /// the app simply has no data for it.
    pub async fn metric(
        &self,
        region: &str,
        app: &str,
        query: &MetricQuery,
    ) -> Result<Vec<MetricPoint>, ApiError> {
        let mut path = format!("{}/stats/{}", app_path(app), segment(&query.metric));
        if let Some(kind) = &query.container_type {
            path.push('/');
            path.push_str(&segment(kind));
            if let Some(index) = query.index {
                path.push_str(&format!("/{index}"));
            }
        }
        path.push_str(&format!("?since={}", query.since_hours));
        if let Some(code) = &query.status_code {
            path.push_str(&format!("&status_code={}", segment(code)));
        }
        if let Some(statistic) = &query.statistics_type {
            path.push_str(&format!("&statistics_type={}", segment(statistic)));
        }
        match self
            .get_json::<MetricSeries>(Base::Region(region), path)
            .await
        {
            Ok(series) => Ok(series.points),
            Err(ApiError::Http { status: 404, .. }) => Ok(Vec::new()),
            Err(other) => Err(other),
        }
    }

    /// `GET /apps/:app/stats`: current usage of each running container.
    pub async fn realtime_stats(
        &self,
        region: &str,
        app: &str,
    ) -> Result<Vec<ContainerStats>, ApiError> {
        let path = format!("{}/stats", app_path(app));
        let stats: StatsResponse = self.get_json(Base::Region(region), path).await?;
        Ok(stats.stats)
    }

    /// The autoscaling target the platform recommends, if it has one.
    pub async fn recommended_value(
        &self,
        region: &str,
        app: &str,
        metric: &str,
        container_type: &str,
    ) -> Result<Option<f64>, ApiError> {
        let path = format!(
            "{}/stats/{}/recommended_value?container_type={}",
            app_path(app),
            segment(metric),
            segment(container_type)
        );
        match self
            .get_json::<RecommendedValue>(Base::Region(region), path)
            .await
        {
            Ok(value) => Ok(value.value),
            Err(ApiError::Http { status: 404, .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// The app's events of the last `hours` hours.
    pub async fn recent_events(
        &self,
        region: &str,
        app: &str,
        hours: u32,
    ) -> Result<Vec<Event>, ApiError> {
        let path = format!("{}/events?from={hours}", app_path(app));
        let events: EventsResponse = self.get_json(Base::Region(region), path).await?;
        Ok(events.events)
    }
}

/// A page of events.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventsPage {
    pub events: Vec<Event>,
    pub next_page: Option<u64>,
}

impl ApiClient {
    /// `GET /apps/:app/events` or, without an app, `GET /events` (the user's
    /// events on this region), newest first.
    pub async fn events(
        &self,
        region: &str,
        app: Option<&str>,
        page: u64,
    ) -> Result<EventsPage, ApiError> {
        let path = match app {
            Some(app) => format!("{}/events?page={page}&per_page=30", app_path(app)),
            None => format!("/v1/events?page={page}&per_page=30"),
        };
        let response: EventsResponse = self.get_json(Base::Region(region), path).await?;
        Ok(EventsPage {
            next_page: response
                .meta
                .and_then(|m| m.pagination)
                .and_then(|p| p.next_page),
            events: response.events,
        })
    }
}
