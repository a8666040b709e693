//! Browser benchmarks, printed rather than asserted: cold load of the
//! dashboard in headless Chromium against the local platform.
//!
//! Run with `scripts/bench.sh`, which builds the release app first.

use scalingo_e2e::{wait_until, Result, Session};
use serde_json::Value;

const RUNS: usize = 7;

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Milliseconds from navigation start to the performance mark `name`.
async fn mark(session: &Session, name: &str) -> Result<f64> {
    let script = format!(
        "const e = performance.getEntriesByName('{name}'); return e.length ? e[0].startTime : null;"
    );
    wait_until(&format!("the mark {name}"), || async {
        match session.client.execute(&script, vec![]).await.ok()? {
            Value::Number(ms) => ms.as_f64(),
            _ => None,
        }
    })
    .await
}

#[tokio::main]
async fn main() -> Result {
    let mut to_list = Vec::new();
    let mut dom_ready = Vec::new();
    for run in 0..RUNS {
        // A fresh browser profile each time: nothing cached.
        let session = Session::start(&format!("bench-cold-{run}")).await?;
        let outcome = async {
            session.open("/apps").await?;
            to_list.push(mark(&session, "apps-list-rendered").await?);
            let dcl = session
                .client
                .execute(
                    "const n = performance.getEntriesByType('navigation')[0]; return n.domContentLoadedEventEnd;",
                    vec![],
                )
                .await?;
            dom_ready.push(dcl.as_f64().unwrap_or(f64::NAN));
            Ok(())
        }
        .await;
        session.conclude(outcome).await?;
    }
    println!("cold load, {RUNS} runs, fresh profile each (headless Chromium, local platform):");
    println!(
        "  DOMContentLoaded        median {:>6.0} ms",
        median(&mut dom_ready)
    );
    let min = to_list.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = to_list.iter().cloned().fold(0.0, f64::max);
    println!(
        "  app list rendered       median {:>6.0} ms  (min {min:.0}, max {max:.0})",
        median(&mut to_list)
    );
    Ok(())
}
