//! Browser benchmarks, printed rather than asserted (`scripts/bench.sh`,
//! which builds the release app first): cold load, chart redraw beside
//! uPlot, log viewer throughput and scrolling, archive gunzip and search.

use std::path::PathBuf;

use scalingo_e2e::{wait_until, workspace_root, Result, Session};
use serde_json::Value;

const COLD_RUNS: usize = 7;
const CHART_POINTS: u32 = 100_000;
const CHART_RUNS: u32 = 15;

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let index = ((values.len() as f64 - 1.0) * p).round() as usize;
    values.get(index).copied().unwrap_or(f64::NAN)
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

/// Milliseconds from navigation start to the performance mark `name`.
async fn mark(session: &Session, name: &str) -> Result<f64> {
    let script = format!("const e = performance.getEntriesByName('{name}'); return e.length ? e[0].startTime : null;");
    wait_until(&format!("the mark {name}"), || async {
        session.client.execute(&script, vec![]).await.ok()?.as_f64()
    })
    .await
}

async fn cold_load() -> Result {
    let mut to_list = Vec::new();
    let mut dom_ready = Vec::new();
    for run in 0..COLD_RUNS {
        // A fresh browser profile each time: nothing cached.
        let session = Session::start(&format!("bench-cold-{run}")).await?;
        let outcome = async {
            session.open("/apps").await?;
            to_list.push(mark(&session, "apps-list-rendered").await?);
            let dcl = session
                .client
                .execute("return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd;", vec![])
                .await?;
            dom_ready.push(dcl.as_f64().unwrap_or(f64::NAN));
            Ok(())
        }
        .await;
        session.conclude(outcome).await?;
    }
    println!(
        "cold load, {COLD_RUNS} runs, fresh profile each (headless Chromium, local platform):"
    );
    println!(
        "  DOMContentLoaded             median {:>7.0} ms",
        median(&mut dom_ready)
    );
    let (min, max) = (
        to_list.iter().cloned().fold(f64::INFINITY, f64::min),
        to_list.iter().cloned().fold(0.0, f64::max),
    );
    println!(
        "  app list rendered            median {:>7.0} ms  (min {min:.0}, max {max:.0})",
        median(&mut to_list)
    );
    Ok(())
}

fn uplot_source() -> Result<String> {
    let path: PathBuf =
        workspace_root().join("tools/bench/node_modules/uplot/dist/uPlot.iife.min.js");
    std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (scripts/bench.sh installs it)", path.display()).into())
}

/// The same series as the app's benchmark, drawn by uPlot in the page.
const UPLOT_BENCH: &str = r#"
const [points, runs, done] = arguments;
const host = document.createElement('div');
document.body.appendChild(host);
let state = 0x9e3779b9;
const xs = new Float64Array(points), ys = new Float64Array(points);
for (let i = 0; i < points; i++) {
  state ^= state << 13; state ^= state >>> 17; state ^= state << 5; state >>>= 0;
  xs[i] = i; ys[i] = 40 + 25 * Math.sin(i / 3000) + (state % 1000) / 100;
}
const u = new uPlot({width: 1000, height: 220, series: [{}, {stroke: 'blue'}], scales: {x: {time: false}}}, [xs, ys], host);
const timings = [];
(async () => {
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    u.setData([xs, ys]);
    await Promise.resolve();
    timings.push(performance.now() - t0);
  }
  u.destroy(); host.remove();
  done(timings);
})();
"#;

async fn charts() -> Result {
    let session = Session::start("bench-chart").await?;
    let outcome = async {
        session.open("/apps").await?;
        mark(&session, "apps-list-rendered").await?;
        let ours = session
            .client
            .execute(
                &format!(
                    "return window.wasmBindings.bench_chart_redraw({CHART_POINTS}, {CHART_RUNS});"
                ),
                vec![],
            )
            .await?
            .as_f64()
            .unwrap_or(f64::NAN);
        // The bundle declares `var uPlot`: make it global for the next script.
        session
            .client
            .execute(
                &format!(
                    "{}; window.uPlot = uPlot; return typeof uPlot;",
                    uplot_source()?
                ),
                vec![],
            )
            .await?;
        let mut uplot = numbers(
            &session
                .client
                .execute_async(UPLOT_BENCH, vec![CHART_POINTS.into(), CHART_RUNS.into()])
                .await?,
        );
        println!("chart redraw of {CHART_POINTS} points, 1000×220 canvas, median of {CHART_RUNS}:");
        println!("  dashboard (plotters, min/max decimation)   {ours:>7.1} ms");
        println!(
            "  uPlot 1.6.32 (same page, same data)         {:>7.1} ms",
            median(&mut uplot)
        );
        let ingest = session
            .client
            .execute(
                "return window.wasmBindings.bench_log_ingest(100000);",
                vec![],
            )
            .await?
            .as_f64()
            .unwrap_or(f64::NAN);
        println!("log buffer ingest (filter and search on), 100,000 lines: {ingest:>10.0} lines/s");
        Ok(())
    }
    .await;
    session.conclude(outcome).await
}

/// Frame intervals (ms) for `seconds`, sampled with requestAnimationFrame.
const FRAMES_FOR: &str = r#"
const [seconds, done] = arguments;
const deltas = []; let last = performance.now(); const end = last + seconds * 1000;
function tick(t) { deltas.push(t - last); last = t; if (t < end) requestAnimationFrame(tick); else done(deltas); }
requestAnimationFrame(tick);
"#;

/// Scrolls the log viewer by a screenful per frame; returns frame intervals.
const SCROLL_FRAMES: &str = r#"
const [frames, done] = arguments;
const el = document.querySelector('.log-viewer');
const deltas = []; let last = performance.now(); let n = 0;
function step(t) {
  deltas.push(t - last); last = t;
  el.scrollTop = (el.scrollTop + 1700) % Math.max(1, el.scrollHeight - el.clientHeight);
  if (++n < frames) requestAnimationFrame(step); else done(deltas);
}
requestAnimationFrame(step);
"#;

async fn lines_in_memory(session: &Session) -> Option<f64> {
    let text = session
        .texts(".logs__counts")
        .await
        .ok()?
        .into_iter()
        .next()?;
    let (_, after) = text.split_once(" of ")?;
    after.split_whitespace().next()?.parse().ok()
}

async fn logs() -> Result {
    // About 1,000 lines a second for shop-api's containers and router.
    let session = Session::start_with("bench-logs", |config| config.log_rate = 80.0).await?;
    let outcome = async {
        session.open("/apps/shop-api/logs").await?;
        session.wait_text(".logs__state", "Live").await?;
        wait_until("streaming", || async {
            lines_in_memory(&session).await.filter(|n| *n > 500.0)
        })
        .await?;
        let before = lines_in_memory(&session).await.unwrap_or(0.0);
        let mut frames = numbers(
            &session
                .client
                .execute_async(FRAMES_FOR, vec![10.into()])
                .await?,
        );
        let after = lines_in_memory(&session).await.unwrap_or(0.0);
        println!("log viewer while streaming (10 s, following the end):");
        println!(
            "  lines shown per second       {:>7.0}",
            (after - before) / 10.0
        );
        println!(
            "  frame interval median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            median(&mut frames),
            percentile(&mut frames, 0.95),
            frames.iter().cloned().fold(0.0, f64::max)
        );

        // The 50 MB archive: open it (the viewer keeps the last 100,000 lines).
        session
            .wait_texts(
                "section[aria-labelledby='archives-title'] tbody tr",
                "the archives",
                |rows| !rows.is_empty(),
            )
            .await?;
        session
            .click("button[aria-label^='Open the archive']")
            .await?;
        session.wait_text(".logs__state", "Archive").await?;
        session.wait_gone(".logs__job").await?;
        let opened = mark_value(&session, "logs-archive-ms").await?;
        let lines = lines_in_memory(&session).await.unwrap_or(0.0);
        let mut scroll = numbers(
            &session
                .client
                .execute_async(SCROLL_FRAMES, vec![180.into()])
                .await?,
        );
        println!("log viewer scrolling {lines:.0} lines (a screenful per frame, 180 frames):");
        println!(
            "  frame interval median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            median(&mut scroll),
            percentile(&mut scroll, 0.95),
            scroll.iter().cloned().fold(0.0, f64::max)
        );

        // Search the same archive for one line.
        session
            .click_text(".logs__actions button", "Back to live")
            .await?;
        session.wait_text(".logs__state", "Live").await?;
        session
            .type_into("input[aria-label='Search logs']", "req-archived-marker-42")
            .await?;
        session
            .click("section[aria-labelledby='archives-title'] tbody input[type='checkbox']")
            .await?;
        session
            .click_text(
                "section[aria-labelledby='archives-title'] .section__header button",
                "Search 1 archive",
            )
            .await?;
        session.wait_text(".logs__state", "archives").await?;
        session.wait_gone(".logs__job").await?;
        let searched = mark_value(&session, "logs-archive-ms").await?;
        println!("50 MB archive (about 12 MB gzip), download + gunzip in the page:");
        println!("  open into the viewer         {opened:>7.0} ms");
        println!("  search for one line          {searched:>7.0} ms");
        Ok(())
    }
    .await;
    session.conclude(outcome).await
}

/// The newest `name=value` mark's value.
async fn mark_value(session: &Session, name: &str) -> Result<f64> {
    let script = format!(
        "const m = performance.getEntriesByType('mark').filter(e => e.name.startsWith('{name}=')); \
         return m.length ? Number(m[m.length - 1].name.split('=')[1]) : null;"
    );
    let value = session
        .client
        .execute(&script, vec![])
        .await?
        .as_f64()
        .unwrap_or(f64::NAN);
    session
        .client
        .execute(&format!("performance.getEntriesByType('mark').filter(e => e.name.startsWith('{name}=')).forEach(e => performance.clearMarks(e.name));"), vec![])
        .await?;
    Ok(value)
}

#[tokio::main]
async fn main() -> Result {
    cold_load().await?;
    charts().await?;
    logs().await?;
    Ok(())
}
