//! Drawing a time chart on a canvas with plotters: decimated series, time
//! grid, guides (limits, targets) and event markers. Colours come from the
//! CSS variables of the current theme.

use plotters::{
    prelude::*,
    style::{
        text_anchor::{HPos, Pos, VPos},
        RGBColor,
    },
};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use crate::logic::{
    axis::{format_value, ticks_for, time_ticks, Unit},
    chart_data::{stack, Series},
    decimate::{min_max, Point},
};

/// A horizontal line across the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub label: String,
    pub value: f64,
    pub kind: GuideKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuideKind {
    /// A hard limit (the container size's memory).
    Limit,
    /// A recommended autoscaling target.
    Target,
}

/// A platform event on the time axis (deploy, restart, scale).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartEvent {
    pub time: f64,
    pub kind: String,
    pub label: String,
}

/// Everything one drawing needs.
pub struct DrawSpec<'a> {
    pub series: &'a [Series],
    pub stacked: bool,
    pub unit: Unit,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub guides: &'a [Guide],
    pub events: &'a [ChartEvent],
}

/// Pixel bounds of the plotting area, in CSS pixels, for the hover.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlotArea {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// The colour a CSS variable resolves to in the current theme. Tokens are
/// `light-dark()` pairs, which only an element's computed style resolves:
/// a hidden probe element takes the colour and reports `rgb(r, g, b)`.
fn css_colour(name: &str, fallback: RGBColor) -> RGBColor {
    thread_local! {
        static PROBE: Option<web_sys::HtmlElement> = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                let probe = d.create_element("span").ok()?;
                probe.set_attribute("aria-hidden", "true").ok()?;
                probe.set_class_name("colour-probe");
                d.body()?.append_child(&probe).ok()?;
                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(probe).ok()
            });
    }
    PROBE
        .with(|probe| {
            let probe = probe.as_ref()?;
            probe
                .style()
                .set_property("color", &format!("var({name})"))
                .ok()?;
            let computed = web_sys::window()?
                .get_computed_style(probe)
                .ok()??
                .get_property_value("color")
                .ok()?;
            parse_rgb(&computed)
        })
        .unwrap_or(fallback)
}

/// `rgb(1, 2, 3)` or `rgba(1, 2, 3, 0.5)` → the colour.
fn parse_rgb(text: &str) -> Option<RGBColor> {
    let inner = text.trim().strip_prefix("rgb")?.trim_start_matches('a');
    let inner = inner.strip_prefix('(')?.strip_suffix(')')?;
    let mut parts = inner.split([',', ' ', '/']).filter(|p| !p.is_empty());
    let mut channel = || {
        parts
            .next()?
            .trim()
            .parse::<f64>()
            .ok()
            .map(|v| v.clamp(0.0, 255.0) as u8)
    };
    Some(RGBColor(channel()?, channel()?, channel()?))
}

/// The colour of palette entry `index`.
pub fn series_colour(index: usize) -> RGBColor {
    css_colour(
        &format!("--chart-{}", crate::logic::chart_data::palette_entry(index)),
        RGBColor(37, 99, 235),
    )
}

fn time_label(ms: f64, with_date: bool) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    if with_date && date.get_hours() == 0 && date.get_minutes() == 0 {
        format!("{:02}/{:02}", date.get_date(), date.get_month() + 1)
    } else {
        time
    }
}

/// `colour` at `alpha` over `background`, as an opaque colour.
fn blend(colour: RGBColor, background: RGBColor, alpha: f64) -> RGBColor {
    let mix = |c: u8, b: u8| (f64::from(c) * alpha + f64::from(b) * (1.0 - alpha)).round() as u8;
    RGBColor(
        mix(colour.0, background.0),
        mix(colour.1, background.1),
        mix(colour.2, background.2),
    )
}

/// Splits a series at gaps into drawable runs.
fn runs(points: &[Point]) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for &(time, value) in points {
        match value {
            Some(v) if v.is_finite() => run.push((time, v)),
            _ => {
                if !run.is_empty() {
                    out.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// Draws `spec` on `canvas` (already sized in device pixels); returns the
/// plotting area in CSS pixels.
pub fn draw(canvas: &HtmlCanvasElement, spec: &DrawSpec<'_>, dpr: f64) -> Result<PlotArea, String> {
    let failed = |e: &dyn std::fmt::Display| format!("the chart could not be drawn: {e}");
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D context for the chart")?;
    let root = backend.into_drawing_area();
    let text = css_colour("--chart-text", RGBColor(75, 85, 99));
    let grid = css_colour("--chart-grid", RGBColor(229, 231, 235));
    let surface = css_colour("--color-surface", RGBColor(255, 255, 255));
    root.fill(&surface).map_err(|e| failed(&e))?;
    let px = |v: f64| (v * dpr).round() as i32;
    let (x0, x1) = spec.x_range;
    let (y0, y1) = spec.y_range;
    let font = ("sans-serif", 12.0 * dpr).into_font().color(&text);
    let mut chart = ChartBuilder::on(&root)
        .margin_top(px(10.0) as u32)
        .margin_right(px(12.0) as u32)
        .x_label_area_size(px(22.0) as u32)
        .y_label_area_size(px(68.0) as u32)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(|e| failed(&e))?;

    // Value grid and labels.
    let unit = spec.unit;
    let y_ticks = ticks_for(unit, y0, y1, 4);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_y_mesh()
        .disable_x_axis()
        .y_labels(0)
        .axis_style(grid)
        .draw()
        .map_err(|e| failed(&e))?;
    for tick in &y_ticks {
        chart
            .draw_series(LineSeries::new(
                [(x0, *tick), (x1, *tick)],
                grid.stroke_width(1),
            ))
            .map_err(|e| failed(&e))?;
        let (gx, gy) = chart.backend_coord(&(x0, *tick));
        root.draw_text(
            &format_value(*tick, unit),
            &font.clone().pos(Pos::new(HPos::Right, VPos::Center)),
            (gx - px(6.0), gy),
        )
        .map_err(|e| failed(&e))?;
    }
    // Time grid and labels.
    for tick in time_ticks(x0, x1) {
        let (tx, _) = chart.backend_coord(&(tick, y0));
        chart
            .draw_series(LineSeries::new(
                [(tick, y0), (tick, y1)],
                grid.stroke_width(1),
            ))
            .map_err(|e| failed(&e))?;
        let (_, bottom) = chart.backend_coord(&(tick, y0));
        root.draw_text(
            &time_label(tick, true),
            &font.clone().pos(Pos::new(HPos::Center, VPos::Top)),
            (tx, bottom + px(5.0)),
        )
        .map_err(|e| failed(&e))?;
    }

    // Events, under the data.
    for event in spec.events.iter().filter(|e| e.time >= x0 && e.time <= x1) {
        let colour = css_colour(
            &format!("--chart-event-{}", event.kind),
            RGBColor(156, 163, 175),
        );
        chart
            .draw_series(DashedLineSeries::new(
                [(event.time, y0), (event.time, y1)],
                px(4.0) as u32,
                px(3.0) as u32,
                colour.stroke_width(px(1.0).max(1) as u32),
            ))
            .map_err(|e| failed(&e))?;
    }

    // The data, decimated to the pixels available.
    let (x_pixels, _) = chart.plotting_area().get_pixel_range();
    let columns = ((x_pixels.end - x_pixels.start).max(1)) as usize;
    let shown: Vec<Series> = if spec.stacked {
        stack(spec.series)
    } else {
        spec.series.to_vec()
    };
    let line_width = px(1.5).max(1) as u32;
    let order: Vec<&Series> = if spec.stacked {
        shown.iter().rev().collect()
    } else {
        shown.iter().collect()
    };
    for series in order {
        let colour = series_colour(series.colour);
        let reduced = min_max(&series.points, x0, x1, columns);
        for run in runs(&reduced) {
            if spec.stacked {
                // Opaque: each band is drawn over the ones above it in the
                // stack, so a translucent fill would blend into a colour
                // that belongs to no class.
                chart
                    .draw_series(
                        AreaSeries::new(run.clone(), 0.0, blend(colour, surface, 0.55))
                            .border_style(colour.stroke_width(line_width)),
                    )
                    .map_err(|e| failed(&e))?;
            } else {
                chart
                    .draw_series(LineSeries::new(run, colour.stroke_width(line_width)))
                    .map_err(|e| failed(&e))?;
            }
        }
    }

    // Guides, over the data.
    for guide in spec.guides {
        let colour = match guide.kind {
            GuideKind::Limit => css_colour("--chart-limit", RGBColor(220, 38, 38)),
            GuideKind::Target => css_colour("--chart-target", RGBColor(217, 119, 6)),
        };
        chart
            .draw_series(DashedLineSeries::new(
                [(x0, guide.value), (x1, guide.value)],
                px(6.0) as u32,
                px(4.0) as u32,
                colour.stroke_width(px(1.5).max(1) as u32),
            ))
            .map_err(|e| failed(&e))?;
        let (gx, gy) = chart.backend_coord(&(x1, guide.value));
        root.draw_text(
            &format!("{} {}", guide.label, format_value(guide.value, unit)),
            &("sans-serif", 11.0 * dpr)
                .into_font()
                .color(&colour)
                .pos(Pos::new(HPos::Right, VPos::Bottom)),
            (gx - px(4.0), gy - px(3.0)),
        )
        .map_err(|e| failed(&e))?;
    }
    root.present().map_err(|e| failed(&e))?;
    let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
    Ok(PlotArea {
        left: f64::from(x_pixels.start) / dpr,
        right: f64::from(x_pixels.end) / dpr,
        top: f64::from(y_pixels.start) / dpr,
        bottom: f64::from(y_pixels.end) / dpr,
    })
}

/// Sizes the canvas for its CSS box and the screen's pixel ratio.
pub fn fit(canvas: &HtmlCanvasElement, css_width: f64, css_height: f64) -> f64 {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0);
    canvas.set_width((css_width * dpr).round().max(1.0) as u32);
    canvas.set_height((css_height * dpr).round().max(1.0) as u32);
    dpr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_computed_colours() {
        assert_eq!(parse_rgb("rgb(37, 99, 235)"), Some(RGBColor(37, 99, 235)));
        assert_eq!(parse_rgb("rgba(1, 2, 3, 0.5)"), Some(RGBColor(1, 2, 3)));
        assert_eq!(parse_rgb("rgb(1 2 3 / 50%)"), Some(RGBColor(1, 2, 3)));
        assert_eq!(parse_rgb("#fff"), None);
    }
}
