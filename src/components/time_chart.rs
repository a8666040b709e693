use std::collections::BTreeSet;

use leptos::{html, prelude::*};

use super::chart_draw::{draw, fit, ChartEvent, DrawSpec, Guide, PlotArea};
use crate::logic::{
    axis::{format_value, Unit},
    chart_data::{nearest, palette_entry, summarise, y_range, Series},
    log_line::format_utc,
};

/// CSS height of every chart.
const HEIGHT: f64 = 220.0;

fn local_time(ms: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:02}/{:02} {:02}:{:02}",
        date.get_date(),
        date.get_month() + 1,
        date.get_hours(),
        date.get_minutes()
    )
}

/// A time-series chart drawn with plotters on a HiDPI canvas, with a hover
/// read-out (mouse or arrow keys), legend toggles, guides and event markers,
/// and a text alternative: a summary and a table.
#[component]
pub fn TimeChart(
    /// Unique id prefix for the chart's elements.
    #[prop(into)]
    id: String,
    #[prop(into)] title: String,
    #[prop(into)] series: Signal<Vec<Series>>,
    #[prop(optional)] stacked: bool,
    unit: Unit,
    #[prop(into)] x_range: Signal<(f64, f64)>,
    #[prop(into, optional)] guides: Signal<Vec<Guide>>,
    #[prop(into, optional)] events: Signal<Vec<ChartEvent>>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let frame_ref = NodeRef::<html::Div>::new();
    let hidden = RwSignal::new(BTreeSet::<String>::new());
    let width = RwSignal::new(0.0);
    let area = RwSignal::new(PlotArea::default());
    let cursor = RwSignal::new(None::<f64>);
    let draw_error = RwSignal::new(None::<String>);
    let draw_ms = RwSignal::new(0.0);

    let visible = Memo::new(move |_| {
        let hidden = hidden.get();
        series
            .get()
            .into_iter()
            .filter(|s| !hidden.contains(&s.name))
            .collect::<Vec<Series>>()
    });

    // The canvas follows its frame's width: on first layout and on resize.
    Effect::new(move |_| {
        if let Some(frame) = frame_ref.get() {
            crate::browser::resize::observe_size(&frame, move |measured, _| {
                if width
                    .try_get_untracked()
                    .is_some_and(|w| (measured - w).abs() >= 1.0)
                {
                    width.try_set(measured);
                }
            });
        }
    });

    let preferences = crate::state::preferences::use_preferences();
    // Redraw when the data, the size, the visible series or the theme change.
    Effect::new(move |_| {
        preferences.dark();
        let (Some(canvas), w) = (canvas_ref.get(), width.get()) else {
            return;
        };
        if w <= 0.0 {
            return;
        }
        let shown = visible.get();
        let guides = guides.get();
        let events = events.get();
        let x = x_range.get();
        let guide_values: Vec<f64> = guides.iter().map(|g| g.value).collect();
        let ys = if stacked {
            y_range(&crate::logic::chart_data::stack(&shown), &guide_values)
        } else {
            y_range(&shown, &guide_values)
        };
        let started = js_sys::Date::now();
        let dpr = fit(&canvas, w, HEIGHT);
        let spec = DrawSpec {
            series: &shown,
            stacked,
            unit,
            x_range: x,
            y_range: ys,
            guides: &guides,
            events: &events,
        };
        match draw(&canvas, &spec, dpr) {
            Ok(plot) => {
                area.set(plot);
                draw_error.set(None);
                if shown.iter().any(|s| !s.points.is_empty()) {
                    crate::perf::mark("chart-drawn");
                }
            }
            Err(message) => draw_error.set(Some(message)),
        }
        draw_ms.set(js_sys::Date::now() - started);
    });

    let time_at = move |offset_x: f64| {
        let plot = area.get_untracked();
        let (x0, x1) = x_range.get_untracked();
        if plot.right <= plot.left {
            return None;
        }
        let ratio = ((offset_x - plot.left) / (plot.right - plot.left)).clamp(0.0, 1.0);
        Some(x0 + ratio * (x1 - x0))
    };
    let on_move = move |ev: leptos::ev::PointerEvent| cursor.set(time_at(f64::from(ev.offset_x())));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let (x0, x1) = x_range.get_untracked();
        let step = (x1 - x0) / 60.0;
        let next = match ev.key().as_str() {
            "ArrowLeft" => cursor.get_untracked().unwrap_or(x1) - step,
            "ArrowRight" => cursor.get_untracked().unwrap_or(x0) + step,
            "Home" => x0,
            "End" => x1,
            "Escape" => {
                cursor.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        cursor.set(Some(next.clamp(x0, x1)));
    };

    let readout = move || {
        let time = cursor.get()?;
        let plot = area.get();
        let (x0, x1) = x_range.get();
        let left = plot.left + (time - x0) / (x1 - x0).max(1.0) * (plot.right - plot.left);
        let rows = visible
            .get()
            .into_iter()
            .map(|s| {
                let value = nearest(&s.points, time)
                    .and_then(|p| p.1)
                    .map(|v| format_value(v, unit))
                    .unwrap_or_else(|| "no data".to_owned());
                let swatch = format!("chart__swatch chart__swatch--{}", palette_entry(s.colour));
                view! {
                    <li>
                        <span class=swatch aria-hidden="true"></span>
                        {s.name.clone()} ": " <strong>{value}</strong>
                    </li>
                }
            })
            .collect_view();
        let flip = left > plot.right - 180.0;
        Some(view! {
            <div class="chart__cursor" style:transform=format!("translateX({left}px)") style:height=format!("{}px", plot.bottom - plot.top) style:top=format!("{}px", plot.top)></div>
            <div
                class="chart__tooltip"
                class:chart__tooltip--left=flip
                style:transform=format!("translateX({}px)", if flip { left - 12.0 } else { left + 12.0 })
                role="status"
            >
                <p class="chart__tooltip-time">{local_time(time)}</p>
                <ul>{rows}</ul>
            </div>
        })
    };

    let event_markers = move || {
        let plot = area.get();
        let (x0, x1) = x_range.get();
        events
            .get()
            .into_iter()
            .filter(|e| e.time >= x0 && e.time <= x1)
            .map(|event| {
                let left = plot.left + (event.time - x0) / (x1 - x0).max(1.0) * (plot.right - plot.left);
                let text = format!("{} · {}", local_time(event.time), event.label);
                let class = format!("chart__event chart__event--{}", event.kind);
                view! {
                    <button type="button" class=class style:transform=format!("translateX({left}px)") title=text.clone() aria-label=text>
                        <span aria-hidden="true">"◆"</span>
                    </button>
                }
            })
            .collect_view()
    };

    let legend = move || {
        series
            .get()
            .into_iter()
            .map(|s| {
                let name = s.name.clone();
                let shown = Memo::new({
                    let name = name.clone();
                    move |_| !hidden.with(|h| h.contains(&name))
                });
                let swatch = format!("chart__swatch chart__swatch--{}", palette_entry(s.colour));
                view! {
                    <button
                        type="button"
                        class="chart__legend-item"
                        aria-pressed=move || shown.get().to_string()
                        on:click=move |_| {
                            hidden.update(|h| {
                                if !h.remove(&name) {
                                    h.insert(name.clone());
                                }
                            })
                        }
                    >
                        <span class=swatch aria-hidden="true"></span>
                        {s.name.clone()}
                    </button>
                }
            })
            .collect_view()
    };

    let summary = move || {
        let parts: Vec<String> = visible
            .get()
            .iter()
            .filter_map(|s| {
                let sum = summarise(&s.points)?;
                Some(format!(
                    "{}: now {}, average {}, peak {} at {}",
                    s.name,
                    format_value(sum.last, unit),
                    format_value(sum.mean, unit),
                    format_value(sum.max, unit),
                    local_time(sum.max_at)
                ))
            })
            .collect();
        let guide_text: Vec<String> = guides
            .get()
            .iter()
            .map(|g| format!("{}: {}", g.label, format_value(g.value, unit)))
            .collect();
        let mut text = if parts.is_empty() {
            "No data in this period.".to_owned()
        } else {
            parts.join(". ") + "."
        };
        if !guide_text.is_empty() {
            text.push(' ');
            text.push_str(&guide_text.join(". "));
            text.push('.');
        }
        text
    };

    let table = move || {
        let shown = visible.get();
        let header = shown
            .iter()
            .map(|s| view! { <th scope="col">{s.name.clone()}</th> })
            .collect_view();
        let times: Vec<f64> = shown
            .first()
            .map(|s| s.points.iter().map(|p| p.0).collect())
            .unwrap_or_default();
        // One row per point of the first series, at most 400 rows.
        let step = (times.len() / 400).max(1);
        let rows = times
            .iter()
            .step_by(step)
            .map(|time| {
                let cells = shown
                    .iter()
                    .map(|s| {
                        let value = nearest(&s.points, *time).and_then(|p| p.1).map(|v| format_value(v, unit)).unwrap_or_else(|| "—".to_owned());
                        view! { <td class="numeric">{value}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{format_utc(*time as i64, true)[..16].to_owned()} " UTC"</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <table class="table table--compact">
                <thead><tr><th scope="col">"Time"</th>{header}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };

    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let summary_id = format!("{id}-summary");
    let described_by = summary_id.clone();
    let legend_label = format!("Series of {title}");
    let canvas_label = format!("{title} chart; arrow keys move the read-out");
    view! {
        <figure class="chart" aria-labelledby=labelled_by data-chart=id>
            <figcaption class="chart__header">
                <h3 id=title_id class="chart__title">{title}</h3>
                <div class="chart__legend" role="group" aria-label=legend_label>{legend}</div>
            </figcaption>
            <div node_ref=frame_ref class="chart__frame">
                <canvas
                    node_ref=canvas_ref
                    class="chart__canvas"
                    tabindex="0"
                    role="img"
                    aria-describedby=described_by
                    aria-label=canvas_label
                    data-draw-ms=move || format!("{:.2}", draw_ms.get())
                    on:pointermove=on_move
                    on:pointerleave=move |_| cursor.set(None)
                    on:keydown=on_key
                    on:blur=move |_| cursor.set(None)
                ></canvas>
                <div class="chart__events">{event_markers}</div>
                {readout}
            </div>
            {move || draw_error.get().map(|e| view! { <p class="form__error">{e}</p> })}
            <p id=summary_id class="chart__summary">{summary}</p>
            <details class="chart__details">
                <summary>"Show the values as a table"</summary>
                <div class="table-wrap chart__table">{table}</div>
            </details>
        </figure>
    }
}
