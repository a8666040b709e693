//! The client's request budget: what was sent in the last minute (the API
//! allows 60 requests per minute), recent reads kept briefly, and reads in
//! flight shared by everyone who asks for the same thing.

use std::{
    collections::{HashMap, VecDeque},
    time::Duration,
};

use futures::future::{LocalBoxFuture, Shared};

use super::{client::Answer, ApiError};

/// The API's documented limit.
pub const REQUESTS_PER_MINUTE: usize = 60;
/// How long a read is reused: long enough to absorb the same resource
/// asked for by several parts of a page, short enough to stay live.
pub const CACHE_FOR_MS: f64 = 1_000.0;

pub type SharedRead = Shared<LocalBoxFuture<'static, Result<Answer, ApiError>>>;

#[derive(Default)]
pub struct Traffic {
    sent: VecDeque<f64>,
    cache: HashMap<String, (f64, Answer)>,
    /// Reads in flight, with when they started.
    in_flight: HashMap<String, (f64, SharedRead)>,
}

impl Traffic {
    /// Records a request sent at `now` (ms).
    pub fn record(&mut self, now: f64) {
        self.sent.push_back(now);
        self.forget_before(now - 60_000.0);
    }

    fn forget_before(&mut self, limit: f64) {
        while self.sent.front().is_some_and(|t| *t < limit) {
            self.sent.pop_front();
        }
    }

    /// Requests sent in the minute before `now`.
    pub fn last_minute(&mut self, now: f64) -> usize {
        self.forget_before(now - 60_000.0);
        self.sent.len()
    }

    pub fn cached(&self, key: &str, now: f64) -> Option<Answer> {
        self.cache
            .get(key)
            .filter(|(at, _)| now - at < CACHE_FOR_MS)
            .map(|(_, answer)| answer.clone())
    }

    pub fn store(&mut self, key: String, now: f64, answer: Answer) {
        self.cache.retain(|_, (at, _)| now - *at < CACHE_FOR_MS);
        self.cache.insert(key, (now, answer));
    }

    /// The read of `key` in flight, unless it is too old to trust (its first
    /// caller went away and nobody waited for it).
    pub fn joining(&self, key: &str, now: f64) -> Option<SharedRead> {
        self.in_flight
            .get(key)
            .filter(|(at, _)| now - at < 30_000.0)
            .map(|(_, read)| read.clone())
    }

    pub fn start(&mut self, key: String, now: f64, read: SharedRead) {
        self.in_flight.insert(key, (now, read));
    }

    pub fn finish(&mut self, key: &str) {
        self.in_flight.remove(key);
    }

    /// A change was made: no read from before it may be reused, nor
    /// joined while still in flight (it may answer with the old state).
    pub fn invalidate(&mut self) {
        self.cache.clear();
        self.in_flight.clear();
    }
}

/// How much longer than usual pollers should wait, from the requests of the
/// last minute: normal below two thirds of the budget, then slower and
/// slower as the limit nears.
pub fn polling_factor(last_minute: usize) -> f64 {
    match last_minute {
        n if n < REQUESTS_PER_MINUTE * 2 / 3 => 1.0,
        n if n < REQUESTS_PER_MINUTE * 5 / 6 => 2.0,
        _ => 4.0,
    }
}

/// Whether a failed read is worth retrying.
pub fn retryable(error: &ApiError) -> bool {
    matches!(error, ApiError::Network(_) | ApiError::Decode(_))
        || matches!(error.status(), Some(408 | 429 | 500 | 502 | 503 | 504))
}

/// The wait before retry number `attempt` (1-based): what the API asked for
/// (`Retry-After`, capped at 10 s), else 0.4 s doubling, with up to 50 %
/// random jitter so that clients do not retry in step.
pub fn retry_delay(error: &ApiError, attempt: u32, jitter: f64) -> Duration {
    if let ApiError::Http {
        retry_after: Some(seconds),
        ..
    } = error
    {
        return Duration::from_secs(u64::from((*seconds).clamp(1, 10)));
    }
    let base = 400.0 * 2f64.powi(attempt.saturating_sub(1) as i32);
    Duration::from_millis((base * (1.0 + 0.5 * jitter.clamp(0.0, 1.0))) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scalingo_api::ErrorBody;

    fn http(status: u16, retry_after: Option<u32>) -> ApiError {
        ApiError::Http {
            status,
            body: Box::new(ErrorBody::default()),
            retry_after,
        }
    }

    #[test]
    fn budget_window() {
        let mut traffic = Traffic::default();
        for i in 0..50 {
            traffic.record(f64::from(i) * 1_000.0);
        }
        assert_eq!(traffic.last_minute(50_000.0), 50);
        assert_eq!(traffic.last_minute(100_000.0), 10);
        assert_eq!(polling_factor(10), 1.0);
        assert_eq!(polling_factor(45), 2.0);
        assert_eq!(polling_factor(55), 4.0);
    }

    #[test]
    fn cache_expires() {
        let mut traffic = Traffic::default();
        let answer = Answer {
            status: 200,
            location: None,
            text: "{}".into(),
        };
        traffic.store("k".into(), 0.0, answer.clone());
        assert_eq!(traffic.cached("k", 500.0), Some(answer));
        assert_eq!(traffic.cached("k", 1_500.0), None);
        traffic.store(
            "k".into(),
            2_000.0,
            Answer {
                status: 200,
                location: None,
                text: "x".into(),
            },
        );
        traffic.invalidate();
        assert_eq!(traffic.cached("k", 2_100.0), None);
    }

    #[test]
    fn retries() {
        assert!(retryable(&http(503, None)));
        assert!(retryable(&ApiError::Decode("truncated".into())));
        assert!(!retryable(&http(422, None)));
        assert!(!retryable(&http(404, None)));
        assert_eq!(
            retry_delay(&http(429, Some(3)), 1, 0.0),
            Duration::from_secs(3)
        );
        assert_eq!(
            retry_delay(&http(429, Some(600)), 1, 0.0),
            Duration::from_secs(10)
        );
        assert_eq!(
            retry_delay(&http(503, None), 1, 0.0),
            Duration::from_millis(400)
        );
        assert_eq!(
            retry_delay(&http(503, None), 3, 1.0),
            Duration::from_millis(2_400)
        );
    }
}
