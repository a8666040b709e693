//! What chaos does to one request, decided from the seed and the request's
//! rank alone, so that the same seed and the same sequence of requests
//! give the same faults.

use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::ChaosConfig;

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
