//! Sending requests: base URLs, the bearer, error mapping, and the single
//! re-exchange of the token after a 401.

use std::sync::Arc;

use futures::future::{FutureExt, LocalBoxFuture};
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use scalingo_api::ErrorBody;
use serde::de::DeserializeOwned;

pub use super::answer::Answer;
use super::{config::RuntimeConfig, session::Session};
use super::{
    traffic::{
        polling_factor, retry_delay, retryable, Traffic, READS_PER_MINUTE, REQUESTS_PER_MINUTE,
    },
    ApiError,
};

/// Which service a request goes to.
#[derive(Debug, Clone, Copy)]
pub enum Base<'a> {
    /// The auth service: token exchange, current user, regions.
    Auth,
    /// A regional API, by region name.
    Region(&'a str),
}

/// A request before it is sent.
pub struct Call<'a> {
    pub method: Method,
    pub base: Base<'a>,
    pub path: String,
    pub body: Option<String>,
    pub headers: Vec<(&'static str, String)>,
}

impl<'a> Call<'a> {
    pub fn new(method: Method, base: Base<'a>, path: impl Into<String>) -> Self {
        Call {
            method,
            base,
            path: path.into(),
            body: None,
            headers: Vec::new(),
        }
    }

    pub fn json_body(mut self, body: &impl serde::Serialize) -> Self {
        // Serializing our own request types cannot fail.
        self.body = Some(serde_json::to_string(body).unwrap_or_default());
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// A call that owns its region name, for reads that outlive their caller
/// (shared between callers, retried later).
struct OwnedCall {
    method: Method,
    region: Option<String>,
    path: String,
    body: Option<String>,
    headers: Vec<(&'static str, String)>,
}

impl From<&Call<'_>> for OwnedCall {
    fn from(call: &Call<'_>) -> Self {
        OwnedCall {
            method: call.method.clone(),
            region: match call.base {
                Base::Auth => None,
                Base::Region(name) => Some(name.to_owned()),
            },
            path: call.path.clone(),
            body: call.body.clone(),
            headers: call.headers.clone(),
        }
    }
}

impl OwnedCall {
    fn as_call(&self) -> Call<'_> {
        Call {
            method: self.method.clone(),
            base: match &self.region {
                None => Base::Auth,
                Some(name) => Base::Region(name),
            },
            path: self.path.clone(),
            body: self.body.clone(),
            headers: self.headers.clone(),
        }
    }
}

/// The API client, provided as a context. Cheap to clone.
#[derive(Clone)]
pub struct ApiClient {
    config: Arc<RuntimeConfig>,
    session: Session,
    /// When set, every request but reads is refused here.
    read_only: Signal<bool>,
    traffic: StoredValue<Traffic, LocalStorage>,
    /// Until when requests are held back (the budget of the minute is spent,
    /// or the platform answered 429), for the page to say so.
    held_until: RwSignal<Option<f64>>,
}

/// A handle on the client's cache of recent reads, for code that learns
/// the platform changed (an operation ended) without holding the client.
#[derive(Clone, Copy)]
pub struct RecentReads(StoredValue<Traffic, LocalStorage>);

impl RecentReads {
    /// Forgets every cached read: the next reads go to the API.
    pub fn forget(&self) {
        self.0.try_update_value(Traffic::invalidate);
    }
}

/// The client of the current page.
pub fn use_api() -> ApiClient {
    expect_context::<ApiClient>()
}

impl ApiClient {
    pub fn new(config: RuntimeConfig, session: Session) -> Self {
        let traffic = StoredValue::new_local(Traffic::default());
        // A session that starts or ends forgets the reads of the one before
        // (the next user must never get the previous one's answers).
        Effect::new(move |_| {
            session.phase();
            traffic.try_update_value(Traffic::invalidate);
        });
        ApiClient {
            config: Arc::new(config),
            session,
            read_only: Signal::stored(false),
            traffic,
            held_until: RwSignal::new(None),
        }
    }

    /// Until when requests are being held back, if they are: the minute's
    /// budget is spent, or the platform asked to wait (429).
    pub fn held_until(&self) -> Option<f64> {
        self.held_until.get()
    }

    /// When requests may leave again after a 429, if they are paused now.
    pub fn paused_until(&self) -> Option<f64> {
        let now = js_sys::Date::now();
        self.traffic
            .try_with_value(|t| t.paused_until(now))
            .flatten()
    }

    /// Waits until the request may leave without going over the budget,
    /// and counts it as sent.
    async fn take_slot(&self, reading: bool) {
        let limit = if reading {
            READS_PER_MINUTE
        } else {
            REQUESTS_PER_MINUTE
        };
        loop {
            let now = js_sys::Date::now();
            let Some(wait) = self.traffic.try_update_value(|t| t.take_slot(now, limit)) else {
                return;
            };
            if wait <= 0.0 {
                if self
                    .held_until
                    .try_get_untracked()
                    .flatten()
                    .is_some_and(|until| until <= now + 50.0)
                {
                    self.held_until.try_set(None);
                }
                return;
            }
            let until = now + wait;
            if self
                .held_until
                .try_get_untracked()
                .flatten()
                .is_none_or(|held| held < until)
            {
                self.held_until.try_set(Some(until));
            }
            gloo_timers::future::sleep(std::time::Duration::from_millis(wait.ceil() as u64)).await;
        }
    }

    /// Refuses changes while `read_only` holds.
    pub fn with_read_only(mut self, read_only: Signal<bool>) -> Self {
        self.read_only = read_only;
        self
    }

    pub fn config(&self) -> &RuntimeConfig {
        &self.config
    }

    pub fn session(&self) -> Session {
        self.session
    }

    /// The cache of recent reads, to forget it when data is known to have
    /// changed (see [`RecentReads`]).
    pub fn recent_reads(&self) -> RecentReads {
        RecentReads(self.traffic)
    }

    /// The region apps are read from until the fleet view knows each app's.
    pub fn default_region(&self) -> String {
        self.config.default_region().name.clone()
    }

    fn base_url(&self, base: Base<'_>) -> Result<&str, ApiError> {
        match base {
            Base::Auth => Ok(&self.config.auth_url),
            Base::Region(name) => self
                .config
                .region(name)
                .map(|region| region.api_url.as_str())
                .ok_or_else(|| ApiError::Decode(format!("unknown region {name}"))),
        }
    }

    /// Sends `call` with the session's bearer. On a 401 the token is
    /// exchanged again once and the call retried once; if the exchange is
    /// refused the session ends and the connect screen says why.
    ///
    /// Reads are shared while in flight, reused for a second, and retried
    /// with backoff on failures that may pass (network, 429, 5xx, a body
    /// cut short). Changes are never retried: the caller says it failed and
    /// offers to try again.
    ///
    /// The future is boxed on purpose: every endpoint awaits it, and boxing
    /// keeps one copy of this state machine in the WebAssembly instead of
    /// one per caller.
    pub fn send<'a>(&'a self, call: Call<'a>) -> LocalBoxFuture<'a, Result<Answer, ApiError>> {
        Box::pin(async move {
            let reading = matches!(call.method, Method::GET | Method::HEAD);
            if !reading {
                if self.read_only.get_untracked() {
                    return Err(ApiError::ReadOnly);
                }
                self.traffic.update_value(Traffic::invalidate);
                return self.send_authorised(&call).await;
            }
            // Keyed by who asks too: what one user read is never served
            // to the next one connected in the same page.
            let key = format!(
                "{}\u{1f}{}{}",
                self.session.user_id_untracked().unwrap_or_default(),
                self.base_url(call.base)?,
                call.path
            );
            let now = js_sys::Date::now();
            if let Some(answer) = self
                .traffic
                .try_with_value(|t| t.cached(&key, now))
                .flatten()
            {
                return Ok(answer);
            }
            let shared = self
                .traffic
                .try_with_value(|t| t.joining(&key, now))
                .flatten();
            let shared = match shared {
                Some(shared) => shared,
                None => {
                    let owned = OwnedCall::from(&call);
                    let client = self.clone();
                    let read = async move { client.read_with_retries(owned).await }
                        .boxed_local()
                        .shared();
                    self.traffic
                        .update_value(|t| t.start(key.clone(), now, read.clone()));
                    read
                }
            };
            let result = shared.await;
            self.traffic.update_value(|t| {
                t.finish(&key);
                if let Ok(answer) = &result {
                    t.store(key.clone(), js_sys::Date::now(), answer.clone());
                }
            });
            result
        })
    }

    async fn read_with_retries(self, call: OwnedCall) -> Result<Answer, ApiError> {
        const ATTEMPTS: u32 = 3;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let answer = self.send_authorised(&call.as_call()).await;
            // A read that asked for text (a build output) is not JSON.
            let wants_text = call
                .headers
                .iter()
                .any(|(name, value)| *name == "Accept" && value.starts_with("text/"));
            match if wants_text {
                answer
            } else {
                answer.and_then(readable)
            } {
                Err(error) if attempt < ATTEMPTS && retryable(&error) => {
                    gloo_timers::future::sleep(retry_delay(attempt, js_sys::Math::random())).await;
                }
                other => return other,
            }
        }
    }

    async fn send_authorised(&self, call: &Call<'_>) -> Result<Answer, ApiError> {
        let bearer = self.session.bearer().ok_or(ApiError::NotConnected)?;
        match self.send_with(call, Some(&bearer)).await {
            Err(ApiError::Http { status: 401, .. }) => {
                let bearer = self.reauthenticate().await?;
                self.send_with(call, Some(&bearer)).await
            }
            other => other,
        }
    }

    /// Requests sent in the last minute, and how much pollers should slow
    /// down because of it (×1, ×2, ×4), times 4 more in a hidden tab.
    pub fn polling_factor(&self) -> f64 {
        let now = js_sys::Date::now();
        let sent = self
            .traffic
            .try_update_value(|t| t.last_minute(now))
            .unwrap_or(0);
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        polling_factor(sent) * if hidden { 4.0 } else { 1.0 }
    }

    /// Requests sent in the last minute.
    pub fn requests_last_minute(&self) -> usize {
        let now = js_sys::Date::now();
        self.traffic
            .try_update_value(|t| t.last_minute(now))
            .unwrap_or(0)
    }

    /// Sends `call` without a bearer, or with the given authorization.
    pub fn send_with<'a>(
        &'a self,
        call: &'a Call<'a>,
        bearer: Option<&'a str>,
    ) -> LocalBoxFuture<'a, Result<Answer, ApiError>> {
        Box::pin(self.send_once(call, bearer))
    }

    async fn send_once(&self, call: &Call<'_>, bearer: Option<&str>) -> Result<Answer, ApiError> {
        let url = format!("{}{}", self.base_url(call.base)?, call.path);
        self.take_slot(matches!(call.method, Method::GET | Method::HEAD))
            .await;
        let mut builder = RequestBuilder::new(&url)
            .method(call.method.clone())
            .header("Accept", "application/json");
        if let Some(bearer) = bearer.filter(|b| !b.is_empty()) {
            builder = builder.header("Authorization", &format!("Bearer {bearer}"));
        }
        for (name, value) in &call.headers {
            builder = builder.header(name, value);
        }
        let request = match &call.body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body.as_str()),
            None => builder.build(),
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Network(network_detail(&e)))?;
        let status = response.status();
        let location = response.headers().get("Location");
        let retry_after = response
            .headers()
            .get("Retry-After")
            .and_then(|value| value.trim().parse::<u32>().ok());
        let text = response
            .text()
            .await
            .map_err(|e| ApiError::Network(network_detail(&e)))?;
        if status == 429 {
            // Everyone waits, not only this request: the platform counts
            // the page's requests together.
            let now = js_sys::Date::now();
            if let Some(until) = self.traffic.try_update_value(|t| t.pause(now, retry_after)) {
                self.held_until.try_set(Some(until));
            }
        }
        if status >= 400 {
            return Err(ApiError::Http {
                status,
                body: Box::new(ErrorBody::parse(&text)),
                retry_after,
            });
        }
        Ok(Answer {
            status,
            location,
            text,
        })
    }

    /// GET `path` and read the JSON body.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        base: Base<'_>,
        path: impl Into<String>,
    ) -> Result<T, ApiError> {
        self.send(Call::new(Method::GET, base, path)).await?.json()
    }

    async fn reauthenticate(&self) -> Result<String, ApiError> {
        crate::api::session::reexchange(self).await
    }
}

/// A read answered 200 must carry JSON: a body cut short on the way is a
/// failure worth retrying, caught here rather than by each caller (after
/// the answer would have been cached and shared). Skipping a value has no
/// depth limit, so a complete but deeply nested body passes here.
fn readable(answer: Answer) -> Result<Answer, ApiError> {
    if answer.text.trim().is_empty() {
        return Ok(answer);
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(&answer.text) {
        Ok(_) => Ok(answer),
        Err(e) => Err(ApiError::Decode(format!(
            "the response is not complete JSON: {e}"
        ))),
    }
}

/// Browsers give little detail on network failures; keep what they say but
/// never more than a line.
fn network_detail(error: &gloo_net::Error) -> String {
    let text = error.to_string();
    let line = text.lines().next().unwrap_or("network error");
    line.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(text: &str) -> Answer {
        Answer {
            status: 200,
            location: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_body_cut_short_is_a_retryable_failure() {
        assert!(readable(answer(r#"{"apps": [{"name": "a"}]}"#)).is_ok());
        assert!(readable(answer("")).is_ok());
        let cut = readable(answer(r#"{"apps": [{"na"#)).unwrap_err();
        assert!(matches!(cut, ApiError::Decode(_)));
        assert!(retryable(&cut));
    }

    #[test]
    fn a_body_nested_too_deep_still_reads() {
        let deep = format!(
            r#"{{"app": {{"id": "1", "name": "deep-json-app", "x": {}1{}}}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        let answer = readable(answer(&deep)).expect("complete JSON is not retried");
        let app: scalingo_api::AppResponse = answer.json().unwrap();
        assert_eq!(app.app.name, "deep-json-app");
    }
}
