//! Sending requests: base URLs, the bearer, error mapping, and the single
//! re-exchange of the token after a 401.

use std::sync::Arc;

use futures::future::LocalBoxFuture;
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use scalingo_api::ErrorBody;
use serde::de::DeserializeOwned;

use super::ApiError;
use crate::state::{config::RuntimeConfig, session::Session};

/// Which service a request goes to.
#[derive(Debug, Clone, Copy)]
pub enum Base<'a> {
    /// The auth service: token exchange, current user, regions.
    Auth,
    /// A regional API, by region name.
    Region(&'a str),
}

/// What came back from a successful request.
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub text: String,
}

impl Answer {
    /// Reads the body as `T`. Going through `serde_json::Value` means the
    /// models are compiled for one deserializer only (the lenient helpers
    /// already use `Value`), which keeps the WebAssembly smaller.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        let value: serde_json::Value =
            serde_json::from_str(&self.text).map_err(|e| ApiError::Decode(e.to_string()))?;
        serde_json::from_value(value).map_err(|e| ApiError::Decode(e.to_string()))
    }
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

/// The API client, provided as a context. Cheap to clone.
#[derive(Clone)]
pub struct ApiClient {
    config: Arc<RuntimeConfig>,
    session: Session,
    /// When set, every request but reads is refused here.
    read_only: Signal<bool>,
}

/// The client of the current page.
pub fn use_api() -> ApiClient {
    expect_context::<ApiClient>()
}

impl ApiClient {
    pub fn new(config: RuntimeConfig, session: Session) -> Self {
        ApiClient {
            config: Arc::new(config),
            session,
            read_only: Signal::stored(false),
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
    /// The future is boxed on purpose: every endpoint awaits it, and boxing
    /// keeps one copy of this state machine in the WebAssembly instead of
    /// one per caller.
    pub fn send<'a>(&'a self, call: Call<'a>) -> LocalBoxFuture<'a, Result<Answer, ApiError>> {
        Box::pin(async move {
            let reading = matches!(call.method, Method::GET | Method::HEAD);
            if !reading && self.read_only.get_untracked() {
                return Err(ApiError::ReadOnly);
            }
            let bearer = self.session.bearer().ok_or(ApiError::NotConnected)?;
            match self.send_with(&call, Some(&bearer)).await {
                Err(ApiError::Http { status: 401, .. }) => {
                    let bearer = self.reauthenticate().await?;
                    self.send_with(&call, Some(&bearer)).await
                }
                other => other,
            }
        })
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
        let mut builder = RequestBuilder::new(&url)
            .method(call.method.clone())
            .header("Accept", "application/json");
        if let Some(bearer) = bearer {
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
        let text = response
            .text()
            .await
            .map_err(|e| ApiError::Network(network_detail(&e)))?;
        if status >= 400 {
            return Err(ApiError::Http {
                status,
                body: Box::new(ErrorBody::parse(&text)),
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
        crate::state::session::reexchange(self).await
    }
}

/// Browsers give little detail on network failures; keep what they say but
/// never more than a line.
fn network_detail(error: &gloo_net::Error) -> String {
    let text = error.to_string();
    let line = text.lines().next().unwrap_or("network error");
    line.chars().take(200).collect()
}
