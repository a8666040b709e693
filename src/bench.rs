//! Entry points for the benchmarks (`scripts/bench.sh`), exported to the
//! page's JavaScript by wasm-bindgen. They measure the app's own code paths
//! on synthetic data; nothing in the interface calls them.

use wasm_bindgen::{prelude::wasm_bindgen, JsCast};

use crate::{
    components::chart_draw::{draw, DrawSpec},
    logic::{
        axis::Unit,
        chart_data::Series,
        log_view::{Filter, LogView, TextMatcher},
    },
};

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// A deterministic, noisy series of `points` one-second points.
fn synthetic_series(points: u32) -> Vec<(f64, Option<f64>)> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..points)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = (state % 1_000) as f64 / 100.0;
            let t = f64::from(i);
            (t * 1_000.0, Some(40.0 + 25.0 * (t / 3_000.0).sin() + noise))
        })
        .collect()
}

/// Median milliseconds to redraw a chart of `points` points on a 1000×220
/// canvas (decimation included), over `runs` redraws.
#[wasm_bindgen]
pub fn bench_chart_redraw(points: u32, runs: u32) -> f64 {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return f64::NAN;
    };
    let Some(canvas) = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
    else {
        return f64::NAN;
    };
    canvas.set_width(1000);
    canvas.set_height(220);
    let points = synthetic_series(points);
    let end = points.last().map_or(1.0, |p| p.0);
    let series = vec![Series {
        name: "bench".to_owned(),
        colour: 0,
        points,
    }];
    let spec = DrawSpec {
        series: &series,
        stacked: false,
        unit: Unit::Percent,
        x_range: (0.0, end),
        y_range: (0.0, 100.0),
        guides: &[],
        events: &[],
    };
    let performance = web_sys::window().and_then(|w| w.performance());
    let now = || performance.as_ref().map_or(0.0, |p| p.now());
    let timings: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = now();
            let _ = draw(&canvas, &spec, 1.0);
            now() - start
        })
        .collect();
    median(timings)
}

/// Lines per second the log buffer takes in with a source filter and a
/// search active (the model behind the viewer), over `lines` lines.
#[wasm_bindgen]
pub fn bench_log_ingest(lines: u32) -> f64 {
    let raw: Vec<String> = (0..lines)
        .map(|i| {
            format!(
                "2024-03-02 10:{:02}:{:02}.{:09} +0000 UTC [web-{}] Completed 200 OK in {}ms request {i}",
                (i / 60_000) % 60,
                (i / 1_000) % 60,
                i,
                i % 4 + 1,
                i % 300
            )
        })
        .collect();
    let filter = Filter {
        source: "web".to_owned(),
        only_matching: false,
    };
    let matcher = TextMatcher::new("200 ok");
    let mut view = LogView::default();
    let performance = web_sys::window().and_then(|w| w.performance());
    let now = || performance.as_ref().map_or(0.0, |p| p.now());
    let start = now();
    for batch in raw.chunks(50) {
        view.append(batch.iter().map(String::as_str), &filter, Some(&matcher));
    }
    let seconds = (now() - start) / 1_000.0;
    f64::from(lines) / seconds.max(1e-6)
}

/// Bytes of the WebAssembly linear memory (it only grows: a leak in Rust
/// data shows here, not in the JavaScript heap).
#[wasm_bindgen]
pub fn bench_wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|memory| {
            memory
                .buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map(|b| f64::from(b.byte_length()))
                .unwrap_or(f64::NAN)
        })
        .unwrap_or(f64::NAN)
}
