//! Browser benchmarks, printed rather than asserted (`scripts/bench.sh`,
//! which builds the release app first): cold load, chart redraw beside
//! uPlot, log viewer throughput and scrolling, archive gunzip and search,
//! filter keystrokes over 5,000 apps, memory over an hour of polling.

use std::path::PathBuf;

use scalingo_e2e::{wait_until, wait_up_to, workspace_root, Result, Session};
use serde_json::{json, Value};

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
    // Over 1,000 lines a second for shop-api's containers and router.
    let session = Session::start_with("bench-logs", |config| config.log_rate = 120.0).await?;
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
        // A large archive may take longer than a test's patience.
        for attempt in 1.. {
            match session.wait_gone(".logs__job").await {
                Ok(()) => break,
                Err(_) if attempt < 9 => {}
                Err(e) => return Err(e),
            }
        }
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
        for attempt in 1.. {
            match session.wait_gone(".logs__job").await {
                Ok(()) => break,
                Err(_) if attempt < 9 => {}
                Err(e) => return Err(e),
            }
        }
        let searched = mark_value(&session, "logs-archive-ms").await?;
        println!("50 MB archive (gzip of stored blocks, as the simulator serves it), download + gunzip in the page:");
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

/// Cold load of an app's metrics tab: the first chart drawn with data,
/// and the last of them.
async fn cold_charts() -> Result {
    let mut first = Vec::new();
    let mut last = Vec::new();
    for run in 0..COLD_RUNS {
        let session = Session::start(&format!("bench-cold-charts-{run}")).await?;
        let outcome = async {
            session.open("/apps/shop-api/metrics").await?;
            first.push(mark(&session, "chart-drawn").await?);
            // Every chart on the page has drawn its data once.
            let all = wait_until("every chart drawn", || async {
                let value = session
                    .client
                    .execute(
                        "const marks = performance.getEntriesByName('chart-drawn'); \
                         const charts = document.querySelectorAll('canvas').length; \
                         return marks.length >= charts && charts > 0 ? marks[charts - 1].startTime : null;",
                        vec![],
                    )
                    .await
                    .ok()?;
                value.as_f64()
            })
            .await?;
            last.push(all);
            Ok(())
        }
        .await;
        session.conclude(outcome).await?;
    }
    println!("cold load of an app's metrics tab, {COLD_RUNS} runs, fresh profile each:");
    println!(
        "  first chart drawn            median {:>7.0} ms",
        median(&mut first)
    );
    println!(
        "  every chart drawn            median {:>7.0} ms",
        median(&mut last)
    );
    Ok(())
}

/// Types into the list filter, one character per step, and times each
/// keystroke until the frame after it (the repaint).
const FILTER_KEYSTROKES: &str = r#"
const [words, done] = arguments;
const input = document.querySelector('input[aria-label="Filter apps"]');
const times = [];
(async () => {
  for (const word of words) {
    const started = performance.now();
    input.value = word;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    times.push(performance.now() - started);
  }
  done(times);
})();
"#;

async fn filter_keystrokes() -> Result {
    const APPS: usize = 5_000;
    let session = Session::start_with("bench-filter", |config| config.demo_apps = APPS).await?;
    let outcome = async {
        session.open("/apps").await?;
        mark(&session, "apps-list-rendered").await?;
        let rows = session
            .client
            .execute(
                "return document.querySelectorAll('tbody tr').length;",
                vec![],
            )
            .await?;
        // Narrowing, then widening again, as people type and correct.
        let words: Vec<Value> = [
            "l", "lo", "loa", "load", "load-", "load-1", "load-12", "load-1", "load-", "load",
            "loa", "lo", "l", "",
        ]
        .iter()
        .map(|w| Value::from(*w))
        .collect();
        let mut all = Vec::new();
        for _ in 0..3 {
            all.extend(numbers(
                &session
                    .client
                    .execute_async(FILTER_KEYSTROKES, vec![Value::from(words.clone())])
                    .await?,
            ));
        }
        println!(
            "filter keystroke to repaint, {} apps listed ({} rows), {} keystrokes:",
            APPS,
            rows,
            all.len()
        );
        println!(
            "  median {:>7.1} ms   p95 {:>7.1} ms   max {:>7.1} ms",
            median(&mut all.clone()),
            percentile(&mut all.clone(), 0.95),
            all.iter().cloned().fold(0.0, f64::max)
        );
        Ok(())
    }
    .await;
    session.conclude(outcome).await
}

/// Speeds the page's clock and timers up 60×, before the app starts: an
/// hour of polling in a minute.
const FAST_CLOCK: &str = r#"
(() => {
  const SPEED = 60;
  const realNow = Date.now.bind(Date), realPerf = performance.now.bind(performance);
  const start = realNow(), perfStart = realPerf();
  Date.now = () => start + (realNow() - start) * SPEED;
  const RealDate = Date;
  window.Date = class extends RealDate {
    constructor(...args) { if (args.length === 0) { super(Date.now()); } else { super(...args); } }
    static now() { return start + (realNow() - start) * SPEED; }
  };
  const setT = window.setTimeout.bind(window), setI = window.setInterval.bind(window);
  window.setTimeout = (f, ms, ...rest) => setT(f, Math.max(0, (ms || 0) / SPEED), ...rest);
  window.setInterval = (f, ms, ...rest) => setI(f, Math.max(1, (ms || 0) / SPEED), ...rest);
  window.__fastClockStart = perfStart;
})();
"#;

async fn heap_sample(session: &Session) -> Result<(f64, f64)> {
    session
        .cdp("HeapProfiler.collectGarbage", json!({}))
        .await?;
    let heap = session.cdp("Runtime.getHeapUsage", json!({})).await?;
    let wasm = session
        .client
        .execute(
            "return window.wasmBindings.bench_wasm_memory_bytes();",
            vec![],
        )
        .await?
        .as_f64()
        .unwrap_or(f64::NAN);
    Ok((heap["usedSize"].as_f64().unwrap_or(f64::NAN), wasm))
}

async fn long_run_memory() -> Result {
    let session = Session::start("bench-heap").await?;
    let outcome = async {
        session.cdp("Runtime.enable", json!({})).await?;
        session
            .cdp("Page.addScriptToEvaluateOnNewDocument", json!({"source": FAST_CLOCK}))
            .await?;
        // The metrics tab: its charts, and the live stats polled every 10 s.
        session.open("/apps/shop-api/metrics").await?;
        session.wait_text(".stats-panel", "web-1").await?;
        println!("memory over 1 hour of polling (metrics tab: charts + live stats every 10 s, clock ×60):");
        let mut samples = Vec::new();
        for minute in [2u64, 10, 20, 30, 40, 50, 60] {
            let already = samples.last().map(|(m, _, _)| *m).unwrap_or(0);
            tokio::time::sleep(std::time::Duration::from_secs(minute - already)).await;
            let (heap, wasm) = heap_sample(&session).await?;
            println!(
                "  after {minute:>2} simulated min   JS heap {:>7.2} MB   wasm memory {:>6.2} MB",
                heap / 1e6,
                wasm / 1e6
            );
            samples.push((minute, heap, wasm));
        }
        let requests = session.sim.requests();
        println!(
            "  API requests: {} in the simulated hour, none refused: {}",
            requests.total,
            requests.refused == 0
        );
        let (_, heap_start, wasm_start) = samples[0];
        let (_, heap_end, wasm_end) = samples[samples.len() - 1];
        println!(
            "  growth from minute 2 to minute 60: JS heap {:+.2} MB, wasm memory {:+.2} MB",
            (heap_end - heap_start) / 1e6,
            (wasm_end - wasm_start) / 1e6
        );
        session.assert_no_panic().await
    }
    .await;
    session.conclude(outcome).await
}

/// Slows the page down to a mid-range phone on a mediocre link (Chromium's
/// emulation): the CPU 4× slower, 10 Mbit/s each way, 40 ms latency.
async fn slow_down(session: &Session) -> Result {
    session.cdp("Network.enable", json!({})).await?;
    session
        .cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": 40,
                "downloadThroughput": 10_000_000 / 8,
                "uploadThroughput": 10_000_000 / 8
            }),
        )
        .await?;
    session
        .cdp("Emulation.setCPUThrottlingRate", json!({"rate": 4}))
        .await?;
    Ok(())
}

/// Clicks the first app of the list and times it until `part` of its page
/// is drawn (a frame after the click).
const OPEN_FIRST_APP: &str = r#"
const [part, done] = arguments;
const link = document.querySelector('tbody th a');
const started = performance.now();
link.click();
const wait = () => document.querySelector(part)
  ? done(performance.now() - started)
  : requestAnimationFrame(wait);
wait();
"#;

/// How many chunk files the page has fetched so far.
const CHUNKS_FETCHED: &str = r#"
return performance.getEntriesByType('resource')
  .filter(e => /\/(split|chunk)_[a-z0-9_]+-[0-9a-f]+\.wasm$/.test(e.name)).length;
"#;

/// The build of an earlier version (`BENCH_OLD_DIST`) against this one, in
/// the same run: cold load on a slowed-down machine and link, and the
/// first visit of an app's page once the page has settled.
async fn compare_builds() -> Result {
    let Some(old) = std::env::var_os("BENCH_OLD_DIST").map(PathBuf::from) else {
        println!(
            "old and new builds: skipped (BENCH_OLD_DIST is not set; scripts/bench.sh sets it)"
        );
        return Ok(());
    };
    let builds = [("old", old), ("new", scalingo_e2e::dist_dir())];
    let mut figures = Vec::new();
    for (label, dist) in &builds {
        let mut cold = Vec::new();
        let mut visit = Vec::new();
        for run in 0..COLD_RUNS {
            let served = dist.clone();
            let session =
                Session::start_with(&format!("bench-compare-{label}-{run}"), move |config| {
                    config.dist = Some(served)
                })
                .await?;
            let outcome = async {
                slow_down(&session).await?;
                session.open("/apps").await?;
                cold.push(mark(&session, "apps-list-rendered").await?);
                // Settled: the idle prefetch (new build) has fetched every
                // chunk, or nothing more is coming (old build).
                let last = std::cell::Cell::new(-1.0);
                wait_up_to(
                    "the page to settle",
                    std::time::Duration::from_secs(60),
                    || async {
                        tokio::time::sleep(std::time::Duration::from_secs(4)).await;
                        let now = session
                            .client
                            .execute(CHUNKS_FETCHED, vec![])
                            .await
                            .ok()?
                            .as_f64()?;
                        (last.replace(now) == now).then_some(())
                    },
                )
                .await?;
                session
                    .cdp("Emulation.setCPUThrottlingRate", json!({"rate": 1}))
                    .await?;
                let took = session
                    .client
                    .execute_async(OPEN_FIRST_APP, vec![Value::from("#formation-title")])
                    .await?;
                visit.push(took.as_f64().unwrap_or(f64::NAN));
                session.assert_no_panic().await
            }
            .await;
            session.conclude(outcome).await?;
        }
        figures.push((*label, median(&mut cold), median(&mut visit)));
    }
    println!("old and new builds, {COLD_RUNS} runs each, fresh profile each:");
    println!("  cold load to the app list (CPU 4× slower, 10 Mbit/s, 40 ms):");
    for (label, cold, _) in &figures {
        println!("    {label:<4} median {cold:>7.0} ms");
    }
    if let [(_, old, _), (_, new, _)] = figures[..] {
        println!("    new / old      {:>7.2} (budget 0.60)", new / old);
    }
    println!("  first visit of an app's overview once settled (CPU not slowed):");
    for (label, _, visit) in &figures {
        println!("    {label:<4} median {visit:>7.0} ms");
    }
    if let [(_, _, old), (_, _, new)] = figures[..] {
        println!("    new − old      {:>7.0} ms (budget 50)", new - old);
    }
    Ok(())
}

/// Runs every benchmark, or those named on the command line (`cold`,
/// `compare`, `charts-cold`, `filter`, `memory`, `charts`, `logs`).
#[tokio::main]
async fn main() -> Result {
    let only: Vec<String> = std::env::args().skip(1).collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    if wanted("cold") {
        cold_load().await?;
    }
    if wanted("compare") {
        compare_builds().await?;
    }
    if wanted("charts-cold") {
        cold_charts().await?;
    }
    if wanted("filter") {
        filter_keystrokes().await?;
    }
    if wanted("memory") {
        long_run_memory().await?;
    }
    if wanted("charts") {
        charts().await?;
    }
    if wanted("logs") {
        logs().await?;
    }
    Ok(())
}
