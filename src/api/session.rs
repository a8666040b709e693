//! The session: API token → bearer exchange, the current user, renewal
//! before expiry, and disconnection.
//!
//! The bearer and the API token live in memory only. The API token goes to
//! `sessionStorage` (tab-scoped, gone when the tab closes) only when the user
//! ticks "remember in this tab". Neither ever goes into a URL or a log.

use std::{fmt, sync::Arc, time::Duration};

use leptos::prelude::*;
use scalingo_api::{bearer_claims, User};

use super::{ApiClient, ApiError};

const REMEMBERED_TOKEN_KEY: &str = "scalingo-dashboard.api-token";
/// Renew this long before the bearer expires, as the official clients do.
const RENEW_BEFORE: Duration = Duration::from_secs(5 * 60);
/// Retry delay when a renewal could not reach the API.
const RENEW_RETRY: Duration = Duration::from_secs(30);

/// What the session holds once connected.
pub struct Credentials {
    api_token: String,
    bearer: String,
    /// Milliseconds since the epoch; 0 when the bearer does not say.
    pub expires_at_ms: i64,
    pub user: User,
    pub remembered: bool,
}

// Tokens never go into logs, even through a debug print.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user.username)
            .field("expires_at_ms", &self.expires_at_ms)
            .finish_non_exhaustive()
    }
}

/// The session's state.
#[derive(Debug, Clone)]
pub enum SessionState {
    Connecting,
    /// `notice` explains why, when the session ended on its own.
    Disconnected {
        notice: Option<String>,
    },
    Connected(Arc<Credentials>),
}

/// The coarse phase, which is all most views need: it changes only on
/// connect and disconnect, not on every renewal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Connecting,
    Disconnected,
    Connected,
}

/// The session context. `Copy`: it only holds signals.
#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    renewal: StoredValue<Option<TimeoutHandle>>,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    pub fn new() -> Self {
        Session {
            state: RwSignal::new(SessionState::Connecting),
            renewal: StoredValue::new(None),
        }
    }

    pub fn state(&self) -> SessionState {
        self.state.get()
    }

    pub fn phase(&self) -> Phase {
        self.state.with(|state| match state {
            SessionState::Connecting => Phase::Connecting,
            SessionState::Disconnected { .. } => Phase::Disconnected,
            SessionState::Connected(_) => Phase::Connected,
        })
    }

    /// The connected user, if any.
    pub fn user(&self) -> Option<User> {
        self.state.with(|state| match state {
            SessionState::Connected(credentials) => Some(credentials.user.clone()),
            _ => None,
        })
    }

    /// The connected user's id, without tracking (for the client's cache).
    pub fn user_id_untracked(&self) -> Option<String> {
        self.state.with_untracked(|state| match state {
            SessionState::Connected(credentials) => Some(credentials.user.id.clone()),
            _ => None,
        })
    }

    /// Why the session ended, for the connect screen.
    pub fn notice(&self) -> Option<String> {
        self.state.with(|state| match state {
            SessionState::Disconnected { notice } => notice.clone(),
            _ => None,
        })
    }

    pub(crate) fn bearer(&self) -> Option<String> {
        self.state.with_untracked(|state| match state {
            SessionState::Connected(credentials) => Some(credentials.bearer.clone()),
            _ => None,
        })
    }

    fn credentials(&self) -> Option<Arc<Credentials>> {
        self.state.with_untracked(|state| match state {
            SessionState::Connected(credentials) => Some(credentials.clone()),
            _ => None,
        })
    }

    fn cancel_renewal(&self) {
        if let Some(handle) = self.renewal.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }

    fn end(&self, notice: Option<String>) {
        self.cancel_renewal();
        forget_token();
        self.state.set(SessionState::Disconnected { notice });
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn remembered_token() -> Option<String> {
    session_storage()?
        .get_item(REMEMBERED_TOKEN_KEY)
        .ok()
        .flatten()
        .filter(|token| !token.is_empty())
}

fn remember_token(token: &str) {
    if let Some(storage) = session_storage() {
        // A full or disabled storage only costs the convenience.
        let _ = storage.set_item(REMEMBERED_TOKEN_KEY, token);
    }
}

fn forget_token() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(REMEMBERED_TOKEN_KEY);
    }
}

fn expiry_ms(bearer: &str) -> i64 {
    bearer_claims(bearer)
        .map(|claims| i64::try_from(claims.exp).unwrap_or(i64::MAX / 2_000) * 1_000)
        .unwrap_or(0)
}

/// Why a token was refused, in the API's words.
fn refusal(error: &ApiError) -> String {
    match error {
        ApiError::Http {
            status: 401, body, ..
        } => format!(
            "The API token was refused: {}",
            body.summary()
                .unwrap_or_else(|| "invalid credentials".to_owned())
        ),
        other => other.to_string(),
    }
}

/// Exchanges `api_token`, loads the user and opens the session.
pub async fn connect(client: &ApiClient, api_token: String, remember: bool) -> Result<(), String> {
    let session = client.session();
    let api_token = api_token.trim().to_owned();
    if api_token.is_empty() {
        return Err("Paste an API token first.".to_owned());
    }
    // The state stays as it is while connecting, so the connect screen (and
    // what was typed in it) stays on screen until the outcome is known.
    session.cancel_renewal();
    let result = async {
        let bearer = client.exchange_token(&api_token).await?;
        let user = client.user_with(Some(&bearer)).await?;
        Ok::<_, ApiError>((bearer, user))
    }
    .await;
    match result {
        Ok((bearer, user)) => {
            if remember {
                remember_token(&api_token);
            } else {
                forget_token();
            }
            let credentials = Credentials {
                expires_at_ms: expiry_ms(&bearer),
                api_token,
                bearer,
                user,
                remembered: remember,
            };
            schedule_renewal(client, credentials.expires_at_ms);
            session
                .state
                .set(SessionState::Connected(Arc::new(credentials)));
            Ok(())
        }
        Err(error) => {
            let message = refusal(&error);
            session.end(Some(message.clone()));
            Err(message)
        }
    }
}

/// Exchanges the API token again for a fresh bearer. If the token is
/// refused, the session ends with the reason.
pub async fn reexchange(client: &ApiClient) -> Result<String, ApiError> {
    let session = client.session();
    let Some(current) = session.credentials() else {
        return Err(ApiError::NotConnected);
    };
    if client.config().proxy {
        // The proxy holds the token and already renewed it once.
        session.end(Some(
            "The dashboard's proxy was refused by the Scalingo API: its token needs attention."
                .to_owned(),
        ));
        return Err(ApiError::NotConnected);
    }
    match client.exchange_token(&current.api_token).await {
        Ok(bearer) => {
            let renewed = Credentials {
                api_token: current.api_token.clone(),
                expires_at_ms: expiry_ms(&bearer),
                bearer: bearer.clone(),
                user: current.user.clone(),
                remembered: current.remembered,
            };
            schedule_renewal(client, renewed.expires_at_ms);
            session
                .state
                .set(SessionState::Connected(Arc::new(renewed)));
            Ok(bearer)
        }
        Err(error @ ApiError::Http { status: 401, .. }) => {
            session.end(Some(format!("Your session ended. {}", refusal(&error))));
            Err(error)
        }
        Err(error) => Err(error),
    }
}

fn schedule_renewal(client: &ApiClient, expires_at_ms: i64) {
    client.session().cancel_renewal();
    if expires_at_ms <= 0 {
        return;
    }
    let remaining = expires_at_ms - js_sys::Date::now() as i64;
    let lead = RENEW_BEFORE.as_millis() as i64;
    // Short-lived bearers (tests use seconds) renew at half their life.
    let delay = (remaining - lead).max(remaining / 2).max(1_000);
    renew_in(client, Duration::from_millis(delay as u64));
}

fn renew_in(client: &ApiClient, delay: Duration) {
    let session = client.session();
    let client = client.clone();
    let handle = set_timeout_with_handle(
        move || {
            leptos::task::spawn_local(async move {
                if let Err(error) = reexchange(&client).await {
                    if error.is_transient() {
                        renew_in(&client, RENEW_RETRY);
                    }
                }
            });
        },
        delay,
    );
    session.renewal.set_value(handle.ok());
}

/// Opens the session at start-up: through the proxy when there is one,
/// else a token remembered in this tab, then the local platform's demo
/// token; otherwise the connect screen.
pub async fn resume(client: &ApiClient) {
    if client.config().proxy {
        connect_through_proxy(client).await;
        return;
    }
    let token = remembered_token().map(|token| (token, true)).or_else(|| {
        client
            .config()
            .demo_token
            .clone()
            .map(|token| (token, false))
    });
    match token {
        Some((token, remember)) => {
            let _ = connect(client, token, remember).await;
        }
        None => client.session().end(None),
    }
}

/// Behind a proxy the dashboard holds no token: it only loads the user.
pub async fn connect_through_proxy(client: &ApiClient) {
    let session = client.session();
    match client.user_with(None).await {
        Ok(user) => session
            .state
            .set(SessionState::Connected(Arc::new(Credentials {
                api_token: String::new(),
                bearer: String::new(),
                expires_at_ms: 0,
                user,
                remembered: false,
            }))),
        Err(error) => session.end(Some(format!(
            "The dashboard's proxy could not open a session: {error}"
        ))),
    }
}

/// Ends the session at the user's request and forgets every token.
pub fn disconnect(client: &ApiClient) {
    client.session().end(None);
}
