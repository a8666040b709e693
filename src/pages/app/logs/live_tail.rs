//! The live tail: the recent lines, then the log stream's socket, reopened
//! with a fresh signed address (and the gap replayed) when the server
//! closes it; closed while the page sits in the back-forward cache.

use std::rc::Rc;

use leptos::prelude::*;

use super::feed::LogFeed;
use crate::{
    api::{logs::stream_url, AppApi},
    browser::log_socket::{LogSocket, SocketState, UrlProvider},
    logic::log_tab::LogSource,
};

/// Lines fetched after a reconnection to fill the gap (deduplicated).
const REPLAY_LINES: u32 = 10_000;

/// The live tail of the tab. `Copy`.
#[derive(Clone, Copy)]
pub struct LiveTail {
    api: StoredValue<AppApi, LocalStorage>,
    feed: LogFeed,
    socket: StoredValue<Option<LogSocket>, LocalStorage>,
    /// Each start has a number: a start superseded while its history was
    /// loading (another history size, an archive opened) must not open its
    /// socket.
    run: StoredValue<u64, LocalStorage>,
    pub state: RwSignal<SocketState>,
}

impl LiveTail {
    /// The tail of the page's app, closed with the tab.
    pub fn new(api: AppApi, feed: LogFeed) -> Self {
        let tail = LiveTail {
            api: StoredValue::new_local(api),
            feed,
            socket: StoredValue::new_local(None),
            run: StoredValue::new_local(0),
            state: RwSignal::new(SocketState::Connecting),
        };
        on_cleanup(move || tail.stop());
        tail.survive_back_forward_cache();
        tail
    }

    /// Starts over: `lines` of history, then the stream.
    pub fn start(&self, lines: u32) {
        let run = self.supersede();
        self.feed.reset(LogSource::Live);
        let (this, feed) = (*self, self.feed);
        let Some(api) = self.api.try_get_value() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(url) = this.logs_url(&api, run).await else {
                return;
            };
            match api.client().logs_dump(&url, lines).await {
                Ok(dump) => feed.apply(dump.lines().map(str::to_owned).collect()),
                Err(error) => {
                    feed.error
                        .try_set(Some(format!("Could not load the recent lines: {error}")));
                }
            }
            let opened = LogSocket::open(
                signed_stream_url(api.clone()),
                move |lines| feed.receive(lines),
                move |state| {
                    this.state.try_set(state);
                },
                move || replay_gap(api.clone(), feed),
            );
            // The tab may have closed, or the view moved on, while the
            // history loaded: a socket nobody holds would stream (and
            // reconnect) for nothing.
            if this.run.try_get_value() != Some(run) {
                opened.close();
            } else if let Some(Some(orphan)) = this.socket.try_set_value(Some(opened)) {
                orphan.close();
            }
        });
    }

    /// The signed logs address for start `run`. A refusal that passes (a
    /// 429, a 5xx, the network) is said and tried again, later and later
    /// (never before the platform's `Retry-After`), as long as this start
    /// is the current one; `None` once it is not, or for a refusal that
    /// stays (the role, a missing app), which is said.
    async fn logs_url(&self, api: &AppApi, run: u64) -> Option<String> {
        let mut failures = 0;
        loop {
            let error = match api.logs_url().await {
                Ok(url) => {
                    self.feed.error.try_set(None);
                    return Some(url);
                }
                Err(error) => error,
            };
            let current = self.run.try_get_value() == Some(run);
            if !current {
                return None;
            }
            if !error.is_transient() {
                self.feed
                    .error
                    .try_set(Some(format!("Could not get the logs address: {error}")));
                return None;
            }
            failures += 1;
            let now = js_sys::Date::now();
            let at = (now + crate::api::traffic::later_retry_delay(failures))
                .max(api.client().paused_until().unwrap_or(0.0) + 500.0);
            let said = error.to_string();
            self.feed.error.try_set(Some(format!(
                "Could not get the logs address: {}. Trying again in {} s.",
                said.trim_end_matches('.'),
                ((at - now) / 1000.0).ceil()
            )));
            gloo_timers::future::sleep(
                std::time::Duration::from_millis((at - now).max(0.0) as u64),
            )
            .await;
            if self.run.try_get_value() != Some(run) {
                return None;
            }
        }
    }

    /// Stops the stream, and any start still loading its history.
    pub fn supersede(&self) -> u64 {
        self.stop();
        self.run
            .try_update_value(|n| {
                *n += 1;
                *n
            })
            .unwrap_or_default()
    }

    fn stop(&self) {
        self.socket.try_update_value(|s| {
            if let Some(s) = s.take() {
                s.close();
            }
        });
    }

    /// Leaving the page for another site (or a full load) may keep it in
    /// the browser's back-forward cache, which cuts open sockets and says
    /// so as an error: the stream is closed when the page is hidden and
    /// started again if the page comes back from that cache.
    fn survive_back_forward_cache(&self) {
        let this = *self;
        let paused_by_hiding = StoredValue::new_local(false);
        let hide = window_event_listener_untyped("pagehide", move |_| {
            if this.socket.try_with_value(Option::is_some) == Some(true) {
                this.stop();
                paused_by_hiding.set_value(true);
            }
        });
        let show = window_event_listener_untyped("pageshow", move |event| {
            let from_cache = js_sys::Reflect::get(&event, &"persisted".into())
                .ok()
                .and_then(|v| v.as_bool())
                == Some(true);
            if from_cache && paused_by_hiding.try_get_value() == Some(true) {
                paused_by_hiding.set_value(false);
                if let Some(q) = this.feed.query.try_get_untracked() {
                    if q.archive.is_none() {
                        this.start(q.lines);
                    }
                }
            }
        });
        on_cleanup(move || {
            hide.remove();
            show.remove();
        });
    }
}

/// A fresh signed address of the stream for each (re)connection.
fn signed_stream_url(api: AppApi) -> UrlProvider {
    Rc::new(move || {
        let api = api.clone();
        Box::pin(async move {
            let url = api.logs_url().await.map_err(|e| e.to_string())?;
            stream_url(&url).ok_or_else(|| "the logs address is not http(s)".to_owned())
        })
    })
}

/// Fetches the recent lines again after a reconnection, to fill the gap.
fn replay_gap(api: AppApi, feed: LogFeed) {
    leptos::task::spawn_local(async move {
        let Ok(url) = api.logs_url().await else {
            return;
        };
        let Ok(dump) = api.client().logs_dump(&url, REPLAY_LINES).await else {
            return;
        };
        feed.merge_replay(&dump);
    });
}
