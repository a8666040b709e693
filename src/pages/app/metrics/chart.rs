//! One chart of the metrics tab: its data, or what it is waiting for, or
//! why it failed and when it tries again.

use leptos::prelude::*;

use crate::{
    components::{ChartEvent, Guide, QueryView, TimeChart},
    logic::{
        axis::Unit,
        metric_lines::{has_data, Derive},
    },
    state::query::Query,
    ui::EmptyState,
};

/// A chart's lines and the window they were read for.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub series: Vec<crate::logic::chart_data::Series>,
    pub hours: u32,
    /// When the window ends (the read's time).
    pub end: f64,
}

/// One chart of the tab: its data, or what it is waiting for, or why it
/// failed and when it tries again.
#[component]
pub fn Chart<K>(
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
