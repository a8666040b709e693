//! Requests per bearer token: always counted (`GET /_sim/requests`, so a
//! test can check that a browsing session stays within the platform's
//! budget), and limited when `SimConfig::rate_limit` is set.
//!
//! The limit is a sliding window per bearer token, as the reference
//! suggests (§1.4): a request is refused when the token already made
//! `limit` accepted requests in the last `window`; the 429 carries
//! `Retry-After` (the seconds until the oldest of them leaves the window)
//! and `{"error": "Too Many Requests", "code": "rate_limited"}`. Refused
//! requests do not take a place in the window: a client that waits as told
//! gets through.
//!
//! Counted: requests with `Authorization: Bearer …`, wherever they go (the
//! regional APIs, `/v1/users/self`, `/v1/regions`). Not counted: CORS
//! preflights (answered before), the token exchange (Basic auth),
//! `/config.json`, `/_sim/…`, the dashboard files, and the logs URLs (they
//! carry a signed token, not a bearer).
//!
//! Applied as a middleware layer around the whole router ([`middleware`]),
//! inside CORS so that a browser can read a 429.

use std::{
    collections::{BTreeMap, HashMap, VecDeque},
    sync::{Arc, Mutex, RwLock},
    time::{Duration, Instant},
};

use axum::{
    extract::{Request, State},
    http::{header, Method},
    middleware::Next,
    response::Response,
};

use crate::http::response::rate_limited;

/// What one bearer token did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenCount {
    /// Accepted requests in the current window (a minute by default).
    pub last_minute: u64,
    /// The most accepted requests the window ever held: the busiest
    /// minute, even between two looks.
    pub peak_last_minute: u64,
    /// Requests seen, refused ones included.
    pub total: u64,
    /// Requests refused by the rate limit.
    pub refused: u64,
}

/// The counts since the start or the last reset, per token (labelled
/// `<username>:<last 8 characters of the token>`, or `invalid:…` for a
/// bearer this simulator did not issue).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestCounts {
    /// Requests seen, refused ones included.
    pub total: u64,
    /// Requests refused by the rate limit.
    pub refused: u64,
    /// The largest `last_minute` of any token now.
    pub max_last_minute: u64,
    /// The largest `peak_last_minute` of any token: the busiest minute
    /// since the start or the reset, which is what the platform's limit
    /// (60 per minute) is compared with.
    pub peak_last_minute: u64,
    pub by_token: BTreeMap<String, TokenCount>,
}

#[derive(Debug, Default)]
struct TokenTraffic {
    /// When the accepted requests of the window arrived, oldest first.
    recent: VecDeque<Instant>,
    peak: u64,
    total: u64,
    refused: u64,
}

impl TokenTraffic {
    fn forget_before(&mut self, start: Option<Instant>) {
        while self
            .recent
            .front()
            .is_some_and(|at| start.is_some_and(|start| *at <= start))
        {
            self.recent.pop_front();
        }
    }
}

pub enum Admission {
    Allowed,
    Refused { retry_after: u64 },
}

pub struct Traffic {
    limit: RwLock<Option<u32>>,
    window: Duration,
    tokens: Mutex<HashMap<String, TokenTraffic>>,
}

impl Traffic {
    pub fn new(limit: Option<u32>, window: Duration) -> Self {
        Traffic {
            limit: RwLock::new(limit),
            window,
            tokens: Mutex::new(HashMap::new()),
        }
    }

    pub fn limit(&self) -> Option<u32> {
        *self.limit.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_limit(&self, limit: Option<u32>) {
        *self.limit.write().unwrap_or_else(|e| e.into_inner()) = limit;
    }

    pub fn window(&self) -> Duration {
        self.window
    }

    /// Counts a request of `bearer` and says whether it may go on.
    pub fn admit(&self, bearer: &str, now: Instant) -> Admission {
        let limit = self.limit();
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let token = tokens.entry(bearer.to_owned()).or_default();
        token.forget_before(now.checked_sub(self.window));
        token.total += 1;
        if let Some(limit) = limit {
            if token.recent.len() >= limit as usize {
                token.refused += 1;
                let frees_at = token.recent.front().map_or(now, |at| *at + self.window);
                let wait = frees_at.saturating_duration_since(now).as_secs_f64();
                return Admission::Refused {
                    retry_after: (wait.ceil() as u64).max(1),
                };
            }
        }
        token.recent.push_back(now);
        token.peak = token.peak.max(token.recent.len() as u64);
        Admission::Allowed
    }

    /// The counts per raw bearer token.
    fn raw_counts(&self, now: Instant) -> Vec<(String, TokenCount)> {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        tokens
            .iter_mut()
            .map(|(bearer, token)| {
                token.forget_before(now.checked_sub(self.window));
                let count = TokenCount {
                    last_minute: token.recent.len() as u64,
                    peak_last_minute: token.peak,
                    total: token.total,
                    refused: token.refused,
                };
                (bearer.clone(), count)
            })
            .collect()
    }

    /// The counts since the start or the last reset, each raw bearer token
    /// given its `label` (tokens of one label are added up).
    pub fn counts(&self, label: impl Fn(&str) -> String) -> RequestCounts {
        let mut counts = RequestCounts::default();
        for (bearer, count) in self.raw_counts(Instant::now()) {
            counts.total += count.total;
            counts.refused += count.refused;
            let entry = counts.by_token.entry(label(&bearer)).or_default();
            entry.last_minute += count.last_minute;
            entry.peak_last_minute = entry.peak_last_minute.max(count.peak_last_minute);
            entry.total += count.total;
            entry.refused += count.refused;
        }
        let busiest = |of: fn(&TokenCount) -> u64| counts.by_token.values().map(of).max();
        counts.max_last_minute = busiest(|c| c.last_minute).unwrap_or(0);
        counts.peak_last_minute = busiest(|c| c.peak_last_minute).unwrap_or(0);
        counts
    }

    pub fn reset(&self) {
        self.tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// The bearer token of a request, if it has one.
fn bearer(request: &Request) -> Option<&str> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

fn is_counted_path(path: &str) -> bool {
    !(path == "/_sim" || path.starts_with("/_sim/") || path == "/v1/tokens/exchange")
}

/// The rate limit layer: counts the request and refuses it with a 429 when
/// over the limit.
pub async fn middleware(
    State(traffic): State<Arc<Traffic>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::OPTIONS || !is_counted_path(request.uri().path()) {
        return next.run(request).await;
    }
    let admission = match bearer(&request) {
        Some(key) => traffic.admit(key, Instant::now()),
        None => Admission::Allowed,
    };
    match admission {
        Admission::Allowed => next.run(request).await,
        Admission::Refused { retry_after } => rate_limited(retry_after),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_slides() {
        let traffic = Traffic::new(Some(2), Duration::from_secs(60));
        let start = Instant::now();
        let at = |s: u64| start + Duration::from_secs(s);
        assert!(matches!(traffic.admit("a", at(0)), Admission::Allowed));
        assert!(matches!(traffic.admit("a", at(10)), Admission::Allowed));
        assert!(matches!(traffic.admit("b", at(10)), Admission::Allowed));
        assert!(matches!(
            traffic.admit("a", at(30)),
            Admission::Refused { retry_after: 30 }
        ));
        assert!(matches!(traffic.admit("a", at(61)), Admission::Allowed));
        let counts: HashMap<_, _> = traffic.raw_counts(at(61)).into_iter().collect();
        assert_eq!(
            counts["a"],
            TokenCount {
                last_minute: 2,
                peak_last_minute: 2,
                total: 4,
                refused: 1
            }
        );
        traffic.set_limit(None);
        for _ in 0..10 {
            assert!(matches!(traffic.admit("a", at(62)), Admission::Allowed));
        }
    }
}
