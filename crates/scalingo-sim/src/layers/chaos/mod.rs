//! Chaos mode: random faults on the regional API and the logs URLs, so that
//! a client's error handling can be seen at work (`--chaos`, or
//! `POST /_sim/chaos` while running).
//!
//! What is affected: every request that reaches a region's API (`/v1/…` at
//! the root or under `/regions/<name>`) or a logs URL (`/_logs/…`). Never
//! the simulator's controls (`/_sim`), `/config.json`, the dashboard files,
//! CORS preflights (answered before), nor the auth service's routes
//! (`/v1/tokens/exchange`, `/v1/users/self`, `/v1/regions`): a client that
//! cannot connect exercises nothing else, and a region outage
//! (`/_sim/regions/:name/down`) already covers a failing API as a whole.
//!
//! Applied as a middleware layer around the regional API (see
//! [`middleware`]), inside the region dispatch: a region that is down
//! answers its 503 before chaos is consulted.
//!
//! Each request draws, in arrival order, one decision from the seed (see
//! `decision`): the same seed and the same sequence of requests give the
//! same faults. A decision is:
//! - a server error (probability `errors`): 500 `{"error": "Internal error
//!   occured, we're on it!"}` (half of them), 502 or 503 `{"error":
//!   "upstream provider returned an error, retry later"}` (a quarter each);
//! - or a 429 (`rate_limited`) with `Retry-After: 1` to `3` and `{"error":
//!   "Too Many Requests", "code": "rate_limited"}`;
//! - or a corrupted body (`malformed`): applied only to a `GET` answered
//!   200 with JSON, cut in the middle or replaced by `{"apps": [`. Never to
//!   a mutation: a client must be able to trust the body of a change that
//!   succeeded; a corrupted read is always safe to retry;
//! - plus a delay, uniform from 0 to `latency_max`, on every request;
//! - plus, for a logs stream (`stream=true`) or a deployments stream
//!   (`/_deployments/…`), with probability `ws_drops`, a connection cut
//!   without a close frame 0.2 s to 5 s after it opens.
//!
//! Errors and 429s are decided and sent before the request reaches its
//! handler: a mutation refused by chaos has changed nothing, so a client
//! can safely offer to retry it. They carry the CORS headers like every
//! response.

mod config;
mod decision;
mod faults;

use std::sync::{
    atomic::{AtomicU64, Ordering},
    Arc, RwLock,
};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use serde_json::{json, Value};

pub use config::ChaosConfig;
use decision::{decide, Corruption, Decision, Fault};
use faults::Plan;
pub use faults::{cut_due, StreamCut};

use crate::http::paths::is_regional_api;

/// Faults applied since chaos was configured.
#[derive(Debug, Default)]
struct Counters {
    requests: AtomicU64,
    server_errors: AtomicU64,
    rate_limited: AtomicU64,
    malformed: AtomicU64,
    stream_cuts: AtomicU64,
}

/// One configuration of chaos and the requests it has seen.
#[derive(Debug)]
pub struct Run {
    config: ChaosConfig,
    counters: Counters,
}

impl Run {
    fn count(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// The chaos of a running simulator: off, or a configuration with its
/// request counter (reset whenever it is configured).
#[derive(Debug, Default)]
pub struct Chaos {
    current: RwLock<Option<Arc<Run>>>,
}

impl Chaos {
    pub fn new(config: Option<ChaosConfig>) -> Self {
        let chaos = Chaos::default();
        chaos.set(config);
        chaos
    }

    pub fn set(&self, config: Option<ChaosConfig>) {
        let run = config.map(|config| {
            Arc::new(Run {
                config,
                counters: Counters::default(),
            })
        });
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = run;
    }

    fn current(&self) -> Option<Arc<Run>> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn config(&self) -> Option<ChaosConfig> {
        self.current().map(|run| run.config.clone())
    }

    /// The plan for the next request, when chaos is on.
    fn next(&self) -> Option<Plan> {
        let run = self.current()?;
        let index = run.counters.requests.fetch_add(1, Ordering::Relaxed);
        let decision = decide(&run.config, index);
        Some(Plan::new(run, decision))
    }

    /// `{"enabled", …settings, "requests", "injected": {…}}` for `/_sim/chaos`.
    pub fn report(&self) -> Value {
        let Some(run) = self.current() else {
            return json!({ "enabled": false });
        };
        let read = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let c = &run.counters;
        let mut report = run.config.to_json();
        report["enabled"] = json!(true);
        report["requests"] = json!(read(&c.requests));
        report["injected"] = json!({
            "server_errors": read(&c.server_errors),
            "rate_limited": read(&c.rate_limited),
            "malformed": read(&c.malformed),
            "stream_cuts": read(&c.stream_cuts),
        });
        report
    }
}

/// The chaos layer: latency and refusals before the handler, a corrupted
/// body after it, on the regional API's requests only (the dashboard's
/// files, served by the same router's fallback, are left alone).
pub async fn middleware(
    State(chaos): State<Arc<Chaos>>,
    mut request: Request,
    next: Next,
) -> Response {
    if !is_regional_api(request.uri().path()) {
        return next.run(request).await;
    }
    let Some(plan) = chaos.next() else {
        return next.run(request).await;
    };
    if let Some(refusal) = plan.before(&mut request).await {
        return refusal;
    }
    let method = request.method().clone();
    let response = next.run(request).await;
    plan.after(&method, response).await
}
