//! Reads a view keeps up to date: one request loop per view, keyed by what
//! the view shows (an app, a container type and a time range…).
//!
//! - A new key starts a new read after a short pause (typing, clicking
//!   through ranges), and stops the read of the key before it, retries
//!   and waits included: a stale choice spends no more of the budget.
//! - The data keeps the key it was read for. A view shows data only for
//!   its current key: never one choice's data under another's labels.
//! - A failure that may pass (network, 5xx, 429) is retried by itself, at
//!   the time the platform asked for or with a growing pause, and the view
//!   says when; the last good data stays on screen meanwhile, marked stale.
//! - Polling, when asked for, slows down in a busy minute or a hidden tab.
//! - Everything stops when the view goes away.

use std::{future::Future, rc::Rc, time::Duration};

use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;

use crate::api::{traffic::later_retry_delay, ApiClient, ApiError};

/// Data read for a key.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<K, T> {
    pub key: K,
    pub value: T,
    /// When it arrived (browser clock, ms).
    pub at: f64,
    /// Bumped with every answer, so that views redraw only on new data.
    pub seq: u64,
}

/// The last read that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure<K> {
    pub key: K,
    pub error: ApiError,
    /// When the query tries again by itself (ms), if it will.
    pub retry_at: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueryState<K, T> {
    pub loaded: Option<Loaded<K, T>>,
    pub failure: Option<Failure<K>>,
    /// A read is under way (or waiting for its debounce or the budget).
    pub loading: bool,
}

impl<K, T> Default for QueryState<K, T> {
    fn default() -> Self {
        QueryState {
            loaded: None,
            failure: None,
            loading: false,
        }
    }
}

/// How a query reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct QueryOptions {
    /// Wait this long after the key changes before reading, so that rapid
    /// changes make one read.
    pub debounce: Duration,
    /// Read again this long after each answer (times the budget's factor).
    pub poll: Option<Duration>,
}

impl QueryOptions {
    pub fn debounced(ms: u64) -> Self {
        QueryOptions {
            debounce: Duration::from_millis(ms),
            ..Self::default()
        }
    }

    pub fn polled(every: Duration) -> Self {
        QueryOptions {
            poll: Some(every),
            ..Self::default()
        }
    }
}

/// A kept-up-to-date read. `Copy`.
pub struct Query<K: Send + Sync + 'static, T: Send + Sync + 'static> {
    key: Memo<Option<K>>,
    state: RwSignal<QueryState<K, T>>,
    fresh_seq: Memo<Option<u64>>,
    failure: Memo<Option<Failure<K>>>,
    restart: RwSignal<u64>,
    client: StoredValue<Option<ApiClient>, LocalStorage>,
}

impl<K: Send + Sync + 'static, T: Send + Sync + 'static> Clone for Query<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K: Send + Sync + 'static, T: Send + Sync + 'static> Copy for Query<K, T> {}

type Fetch<K, T> = Rc<dyn Fn(K) -> std::pin::Pin<Box<dyn Future<Output = Result<T, ApiError>>>>>;

/// A query on `key` (nothing is read while it is `None`), read with
/// `fetch`.
pub fn use_query<K, T, Fut>(
    key: impl Fn() -> Option<K> + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + 'static,
    options: QueryOptions,
) -> Query<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let client = use_context::<ApiClient>();
    let key = Memo::new(move |_| key());
    let state = RwSignal::new(QueryState::<K, T>::default());
    let restart = RwSignal::new(0u64);
    let fresh_seq = Memo::new(move |_| {
        let current = key.get()?;
        state.with(|s| {
            s.loaded
                .as_ref()
                .filter(|loaded| loaded.key == current)
                .map(|loaded| loaded.seq)
        })
    });
    let failure = Memo::new(move |_| {
        let current = key.get()?;
        state.with(|s| s.failure.clone().filter(|failure| failure.key == current))
    });
    let fetch: Fetch<K, T> = Rc::new(move |key| Box::pin(fetch(key)));
    let running = StoredValue::new_local(None::<AbortHandle>);
    let seq = StoredValue::new_local(0u64);
    let stored_client = StoredValue::new_local(client.clone());

    Effect::new(move |previous: Option<(Option<K>, u64)>| {
        let current = key.get();
        let restarted = restart.get();
        if let Some(handle) = running.try_update_value(Option::take).flatten() {
            handle.abort();
        }
        let Some(current_key) = current.clone() else {
            state.try_update(|s| s.loading = false);
            return (current, restarted);
        };
        // A first read or a Refresh goes at once; a changed choice waits
        // for the user to settle.
        let delay = match &previous {
            Some((previous_key, previous_restart))
                if *previous_restart == restarted && previous_key.is_some() =>
            {
                options.debounce
            }
            _ => Duration::ZERO,
        };
        let (handle, registration) = AbortHandle::new_pair();
        running.set_value(Some(handle));
        let task = read_loop(
            current_key,
            fetch.clone(),
            state,
            seq,
            client.clone(),
            delay,
            options.poll,
        );
        leptos::task::spawn_local(async move {
            let _ = Abortable::new(task, registration).await;
        });
        (current, restarted)
    });
    on_cleanup(move || {
        if let Some(handle) = running.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    });

    Query {
        key,
        state,
        fresh_seq,
        failure,
        restart,
        client: stored_client,
    }
}

async fn read_loop<K, T>(
    key: K,
    fetch: Fetch<K, T>,
    state: RwSignal<QueryState<K, T>>,
    seq: StoredValue<u64, LocalStorage>,
    client: Option<ApiClient>,
    delay: Duration,
    poll: Option<Duration>,
) where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    state.try_update(|s| s.loading = true);
    if !delay.is_zero() {
        gloo_timers::future::sleep(delay).await;
    }
    let mut failures = 0u32;
    loop {
        state.try_update(|s| s.loading = true);
        let result = fetch(key.clone()).await;
        let now = js_sys::Date::now();
        match result {
            Ok(value) => {
                failures = 0;
                let next = seq.try_update_value(|n| {
                    *n += 1;
                    *n
                });
                let Some(next) = next else { return };
                state.try_update(|s| {
                    s.loaded = Some(Loaded {
                        key: key.clone(),
                        value,
                        at: now,
                        seq: next,
                    });
                    s.failure = None;
                    s.loading = false;
                });
                let Some(every) = poll else { return };
                let factor = client.as_ref().map_or(1.0, ApiClient::polling_factor);
                gloo_timers::future::sleep(every.mul_f64(factor.max(1.0))).await;
            }
            Err(error) => {
                failures += 1;
                let retry_at = error.is_transient().then(|| {
                    let paused = client.as_ref().and_then(ApiClient::paused_until);
                    // After a pause, a little jitter keeps the views of
                    // the page from all asking in the same millisecond.
                    let after_pause = paused.map(|p| p + 250.0 + js_sys::Math::random() * 750.0);
                    (now + later_retry_delay(failures)).max(after_pause.unwrap_or(0.0))
                });
                state.try_update(|s| {
                    s.failure = Some(Failure {
                        key: key.clone(),
                        error,
                        retry_at,
                    });
                    s.loading = false;
                });
                let Some(at) = retry_at else { return };
                gloo_timers::future::sleep(Duration::from_millis((at - now).max(0.0) as u64)).await;
            }
        }
    }
}

impl<K, T> Query<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    /// The data of the current key, if it has arrived (reactive).
    pub fn fresh(&self) -> Option<T> {
        self.fresh_seq.get()?;
        self.state
            .try_with_untracked(|s| s.loaded.as_ref().map(|l| l.value.clone()))
            .flatten()
    }

    /// Reads again every `every` (slower in a busy minute) while the data
    /// says something is on its way (`changing`): an addon provisioning, a
    /// certificate pending. Stops with the view.
    pub fn refetch_while(self, every: Duration, changing: impl Fn(&T) -> bool + 'static) {
        let client = crate::api::use_api();
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            loop {
                gloo_timers::future::sleep(every.mul_f64(client.polling_factor().max(1.0))).await;
                if untrack(|| self.fresh()).is_some_and(|data| changing(&data)) {
                    self.refetch();
                }
            }
        });
    }

    /// Tracks new data of the current key only.
    pub fn fresh_seq(&self) -> Option<u64> {
        self.fresh_seq.get()
    }

    /// When the data of the current key arrived (reactive).
    pub fn fresh_at(&self) -> Option<f64> {
        self.fresh_seq.get()?;
        self.state
            .try_with_untracked(|s| s.loaded.as_ref().map(|l| l.at))
            .flatten()
    }

    /// The failure of the current key, if its last read failed (reactive).
    pub fn failure(&self) -> Option<Failure<K>> {
        self.failure.get()
    }

    /// Whether a read is under way (reactive).
    pub fn loading(&self) -> bool {
        self.state.with(|s| s.loading)
    }

    /// The current key (reactive).
    pub fn key(&self) -> Option<K> {
        self.key.get()
    }

    /// Reads again now, from the API rather than a recent answer.
    pub fn refetch(&self) {
        if let Some(client) = self.client.try_get_value().flatten() {
            client.recent_reads().forget();
        }
        self.restart.try_update(|n| *n += 1);
    }

    /// Reads again whenever `trigger` (which reads some signals) changes,
    /// keeping the data on screen meanwhile: "the app changed".
    pub fn refetch_when(self, trigger: impl Fn() + 'static) -> Self {
        Effect::new(move |first: Option<()>| {
            trigger();
            if first.is_some() {
                self.restart.try_update(|n| *n += 1);
            }
        });
        self
    }
}
