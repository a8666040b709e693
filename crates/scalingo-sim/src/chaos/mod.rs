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
//! Each request draws, in arrival order, one decision from the seed (see
//! [`decide`]): the same seed and the same sequence of requests give the
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
//! - plus, for a logs stream (`stream=true`), with probability `ws_drops`,
//!   a connection cut without a close frame 0.2 s to 5 s after it opens.
//!
//! Errors and 429s are decided and sent before the request reaches its
//! handler: a mutation refused by chaos has changed nothing, so a client
//! can safely offer to retry it. They carry the CORS headers like every
//! response.

mod config;
mod faults;

use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, RwLock,
    },
    time::Duration,
};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

pub use config::ChaosConfig;
pub use faults::{Plan, StreamCut};

/// What chaos does to one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub fault: Option<Fault>,
    /// Added before the request is handled.
    pub latency: Duration,
    /// When the request opens a logs stream: cut it after this long.
    pub stream_cut: Option<Duration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 500, 502 or 503.
    ServerError(u16),
    /// 429 with `Retry-After: <seconds>`.
    RateLimited(u64),
    /// The body of a `GET` 200 JSON response is corrupted.
    Malformed(Corruption),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corruption {
    /// The first half of the body.
    Truncated,
    /// `{"apps": [`.
    Garbage,
}

/// The decision for the `index`-th request since chaos was (re)configured:
/// a function of the seed and the index only (each index reads its own
/// stream of the seed's generator), so it does not depend on what the
/// other requests were.
pub fn decide(config: &ChaosConfig, index: u64) -> Decision {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    rng.set_stream(index);
    // Always five draws, whatever is decided.
    let [roll, kind, delay, cut, cut_after]: [f64; 5] = std::array::from_fn(|_| rng.random());
    let errors_end = config.errors;
    let limited_end = errors_end + config.rate_limited;
    let malformed_end = limited_end + config.malformed;
    let fault = if roll < errors_end {
        Some(Fault::ServerError(match kind {
            k if k < 0.5 => 500,
            k if k < 0.75 => 502,
            _ => 503,
        }))
    } else if roll < limited_end {
        Some(Fault::RateLimited(1 + (kind * 3.0).min(2.0) as u64))
    } else if roll < malformed_end {
        Some(Fault::Malformed(if kind < 0.5 {
            Corruption::Truncated
        } else {
            Corruption::Garbage
        }))
    } else {
        None
    };
    Decision {
        fault,
        latency: config.latency_max.mul_f64(delay),
        stream_cut: (cut < config.ws_drops)
            .then(|| Duration::from_millis(200) + Duration::from_millis(4800).mul_f64(cut_after)),
    }
}

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
    pub fn next(&self) -> Option<Plan> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_depend_on_the_seed_and_index_only() {
        let config = ChaosConfig::with_rate(7, 0.5);
        let a: Vec<_> = (0..200).map(|i| decide(&config, i)).collect();
        let b: Vec<_> = (0..200).rev().map(|i| decide(&config, i)).collect();
        assert!(a.iter().eq(b.iter().rev()));
        let other = ChaosConfig::with_rate(8, 0.5);
        assert!((0..200).any(|i| decide(&other, i) != a[i as usize]));
    }

    #[test]
    fn rates_give_the_expected_mix() {
        let config = ChaosConfig {
            latency_max: Duration::from_millis(100),
            ..ChaosConfig::with_rate(3, 0.4)
        };
        let decisions: Vec<_> = (0..4000).map(|i| decide(&config, i)).collect();
        let share = |f: &dyn Fn(&Decision) -> bool| {
            decisions.iter().filter(|d| f(d)).count() as f64 / decisions.len() as f64
        };
        let errors = share(&|d| matches!(d.fault, Some(Fault::ServerError(_))));
        let limited = share(&|d| matches!(d.fault, Some(Fault::RateLimited(_))));
        let malformed = share(&|d| matches!(d.fault, Some(Fault::Malformed(_))));
        let cuts = share(&|d| d.stream_cut.is_some());
        assert!((errors - 0.2).abs() < 0.03, "{errors}");
        assert!((limited - 0.1).abs() < 0.03, "{limited}");
        assert!((malformed - 0.1).abs() < 0.03, "{malformed}");
        assert!((cuts - 0.4).abs() < 0.03, "{cuts}");
        for d in &decisions {
            assert!(d.latency <= config.latency_max);
            if let Some(Fault::RateLimited(s)) = d.fault {
                assert!((1..=3).contains(&s));
            }
            if let Some(Fault::ServerError(s)) = d.fault {
                assert!([500, 502, 503].contains(&s));
            }
            if let Some(cut) = d.stream_cut {
                assert!(cut >= Duration::from_millis(200) && cut <= Duration::from_secs(5));
            }
        }
        for status in [500, 502, 503] {
            assert!(decisions
                .iter()
                .any(|d| d.fault == Some(Fault::ServerError(status))));
        }
    }
}
