//! The client's request budget: what was sent in the last minute (the API
//! allows 60 requests per minute), recent reads kept briefly, reads in
//! flight shared by everyone who asks for the same thing, and the pause a
//! 429 imposes.
//!
//! The page never sends more than the budget allows: a request that would
//! go over waits until the oldest request of the window leaves it. Reads
//! keep a few requests of the minute free for changes, so that a click on
//! Scale is never the request that waits behind a chart.

use std::{
    collections::{HashMap, VecDeque},
    time::Duration,
};

use futures::future::{LocalBoxFuture, Shared};

use super::{answer::Answer, ApiError};

/// The API's documented limit.
pub const REQUESTS_PER_MINUTE: usize = 60;
/// Reads stop here, leaving the rest of the minute to changes.
pub const READS_PER_MINUTE: usize = 54;
/// The window the client counts over: a second longer than the platform's,
/// so that a request the platform receives a little after it was sent is
/// still counted in the same minute on both sides.
pub const WINDOW_MS: f64 = 61_000.0;
/// How long a read is reused: long enough to absorb the same resource
/// asked for by several parts of a page, short enough to stay live.
pub const CACHE_FOR_MS: f64 = 1_000.0;
/// The pause after a 429 that did not say how long to wait.
const DEFAULT_PAUSE_MS: f64 = 10_000.0;
/// The longest pause a 429 may impose: a hostile or broken `Retry-After`
/// must not freeze the page for hours.
const LONGEST_PAUSE_MS: f64 = 600_000.0;

pub type SharedRead = Shared<LocalBoxFuture<'static, Result<Answer, ApiError>>>;

#[derive(Default)]
pub struct Traffic {
    sent: VecDeque<f64>,
    cache: HashMap<String, (f64, Answer)>,
    /// Reads in flight, with when they started.
    in_flight: HashMap<String, (f64, SharedRead)>,
    /// No request leaves before this time (ms): the platform said 429.
    paused_until: f64,
}

impl Traffic {
    /// Records a request sent at `now` (ms).
    pub fn record(&mut self, now: f64) {
        self.sent.push_back(now);
        self.forget_before(now - WINDOW_MS);
    }

    fn forget_before(&mut self, limit: f64) {
        while self.sent.front().is_some_and(|t| *t <= limit) {
            self.sent.pop_front();
        }
    }

    /// Requests sent in the minute before `now`.
    pub fn last_minute(&mut self, now: f64) -> usize {
        self.forget_before(now - WINDOW_MS);
        self.sent.len()
    }

    /// Milliseconds to wait before a request may leave at `now`, keeping at
    /// most `limit` requests in the window; 0 when it may leave now, in
    /// which case it is recorded as sent (checking and recording at once,
    /// so that two waiting requests woken together cannot both take the
    /// last slot).
    pub fn take_slot(&mut self, now: f64, limit: usize) -> f64 {
        if self.paused_until > now {
            return self.paused_until - now;
        }
        let count = self.last_minute(now);
        if count >= limit.max(1) {
            // The request that must leave the window first for one to fit.
            let oldest_to_leave = self.sent[count - limit.max(1)];
            return (oldest_to_leave + WINDOW_MS - now).max(1.0);
        }
        self.record(now);
        0.0
    }

    /// The platform refused a request with 429 at `now`: nothing leaves
    /// before the time it asked for (`Retry-After`, as sent), or before a
    /// short default when it did not say. Returns when requests resume.
    pub fn pause(&mut self, now: f64, retry_after: Option<u32>) -> f64 {
        let wait = retry_after.map_or(DEFAULT_PAUSE_MS, |s| f64::from(s.max(1)) * 1_000.0);
        self.paused_until = self.paused_until.max(now + wait.min(LONGEST_PAUSE_MS));
        self.paused_until
    }

    /// When requests resume after a 429, if they are paused at `now`.
    pub fn paused_until(&self, now: f64) -> Option<f64> {
        (self.paused_until > now).then_some(self.paused_until)
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
    /// caller went away and nobody waited for it). A read may wait for the
    /// budget for up to a minute before it leaves.
    pub fn joining(&self, key: &str, now: f64) -> Option<SharedRead> {
        self.in_flight
            .get(key)
            .filter(|(at, _)| now - at < 90_000.0)
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
/// last minute: normal below half of the budget, then slower and slower as
/// the limit nears.
pub fn polling_factor(last_minute: usize) -> f64 {
    match last_minute {
        n if n < REQUESTS_PER_MINUTE / 2 => 1.0,
        n if n < REQUESTS_PER_MINUTE * 3 / 4 => 2.0,
        _ => 4.0,
    }
}

/// Whether a failed read is worth retrying at once, inside the same call:
/// failures of the network or of the platform that usually pass within a
/// second. A 429 is not: the pause it imposes is longer than anyone should
/// wait behind a spinner, so the caller is told when the next try is.
pub fn retryable(error: &ApiError) -> bool {
    matches!(error, ApiError::Network(_) | ApiError::Decode(_))
        || matches!(error.status(), Some(408 | 500 | 502 | 503 | 504))
}

/// The wait before quick retry number `attempt` (1-based): 0.4 s doubling,
/// with up to 50 % random jitter so that clients do not retry in step.
pub fn retry_delay(attempt: u32, jitter: f64) -> Duration {
    let base = 400.0 * 2f64.powi(attempt.saturating_sub(1) as i32);
    Duration::from_millis((base * (1.0 + 0.5 * jitter.clamp(0.0, 1.0))) as u64)
}

/// The wait before a view tries again by itself after failure number
/// `failures` (1-based): 5 s, 10 s, 20 s, then every 60 s.
pub fn later_retry_delay(failures: u32) -> f64 {
    (5_000.0 * 2f64.powi(failures.saturating_sub(1).min(4) as i32)).min(60_000.0)
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
        assert_eq!(polling_factor(35), 2.0);
        assert_eq!(polling_factor(55), 4.0);
    }

    #[test]
    fn a_request_waits_for_a_slot_rather_than_going_over() {
        let mut traffic = Traffic::default();
        // 54 reads in the first 5.4 s.
        for i in 0..54 {
            assert_eq!(
                traffic.take_slot(f64::from(i) * 100.0, READS_PER_MINUTE),
                0.0
            );
        }
        // The 55th read waits until the first leaves the window…
        let wait = traffic.take_slot(6_000.0, READS_PER_MINUTE);
        assert_eq!(wait, 61_000.0 - 6_000.0);
        // …but a change still fits, up to the platform's 60.
        for _ in 0..6 {
            assert_eq!(traffic.take_slot(6_000.0, REQUESTS_PER_MINUTE), 0.0);
        }
        assert!(traffic.take_slot(6_000.0, REQUESTS_PER_MINUTE) > 0.0);
        // Once the first read has left the window, a read fits again only
        // if the count is below the reads' share: here still 59 are in it.
        assert!(traffic.take_slot(61_001.0, READS_PER_MINUTE) > 0.0);
        // A minute after the last of them, there is room again.
        assert_eq!(traffic.take_slot(67_001.0, READS_PER_MINUTE), 0.0);
    }

    #[test]
    fn a_429_pauses_everything_for_as_long_as_it_says() {
        let mut traffic = Traffic::default();
        assert_eq!(traffic.pause(1_000.0, Some(42)), 43_000.0);
        assert_eq!(traffic.paused_until(2_000.0), Some(43_000.0));
        assert_eq!(traffic.take_slot(2_000.0, REQUESTS_PER_MINUTE), 41_000.0);
        assert_eq!(traffic.take_slot(43_000.0, REQUESTS_PER_MINUTE), 0.0);
        assert_eq!(traffic.paused_until(43_000.0), None);
        // Without Retry-After: a short default; absurd values are capped.
        assert_eq!(traffic.pause(100_000.0, None), 110_000.0);
        assert_eq!(traffic.pause(100_000.0, Some(u32::MAX)), 700_000.0);
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
        assert!(!retryable(&http(429, Some(3))));
        assert!(!retryable(&http(422, None)));
        assert!(!retryable(&http(404, None)));
        assert_eq!(retry_delay(1, 0.0), Duration::from_millis(400));
        assert_eq!(retry_delay(3, 1.0), Duration::from_millis(2_400));
        assert_eq!(later_retry_delay(1), 5_000.0);
        assert_eq!(later_retry_delay(3), 20_000.0);
        assert_eq!(later_retry_delay(9), 60_000.0);
    }
}
