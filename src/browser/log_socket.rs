//! The live log stream: a WebSocket to the signed logs URL, reconnected
//! with exponential backoff (and a fresh URL: the signed one expires) when
//! the server closes it, which it does from time to time.

use std::{cell::RefCell, future::Future, pin::Pin, rc::Rc, time::Duration};

use gloo_timers::callback::Timeout;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// The connection as the user sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum SocketState {
    Connecting,
    Live,
    /// Lost; the next attempt is in this many seconds.
    Reconnecting {
        attempt: u32,
        delay_secs: u32,
    },
    /// Given up, with the reason.
    Failed(String),
}

/// Gets a fresh logs URL (`wss://…&stream=true`).
pub type UrlProvider = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<String, String>>>>>;

/// Backoff before attempt `attempt` (1-based): 1, 2, 4, 8, 16, then 30 s,
/// with up to a quarter of jitter so that many tabs do not reconnect at once.
pub fn backoff(attempt: u32, jitter: f64) -> Duration {
    let base = 2u64.saturating_pow(attempt.saturating_sub(1)).min(30) as f64;
    Duration::from_secs_f64(base * (1.0 + 0.25 * jitter.clamp(0.0, 1.0)))
}

/// The text of a log frame (`{"event":"log","log":"…"}`, or `name` as the
/// docs spell the key); `None` for pings and anything else.
pub fn frame_line(frame: &str) -> Option<String> {
    match serde_json::from_str::<serde_json::Value>(frame) {
        Ok(value) => {
            let kind = value
                .get("event")
                .or_else(|| value.get("name"))
                .and_then(|k| k.as_str());
            match kind {
                Some("log") => value.get("log").and_then(|l| l.as_str()).map(str::to_owned),
                _ => None,
            }
        }
        // A server that sends plain text lines is read as such.
        Err(_) => (!frame.trim().is_empty()).then(|| frame.to_owned()),
    }
}

struct Handlers {
    on_lines: Box<dyn Fn(Vec<String>)>,
    on_state: Box<dyn Fn(SocketState)>,
    /// Called after a reconnection, to fetch what was missed.
    on_reopened: Box<dyn Fn()>,
}

struct Inner {
    url: UrlProvider,
    handlers: Handlers,
    socket: Option<WebSocket>,
    closures: Vec<Box<dyn std::any::Any>>,
    attempt: u32,
    ever_opened: bool,
    retry: Option<Timeout>,
    stopped: bool,
}

/// An open (or reopening) stream; closing it or dropping it stops it.
#[derive(Clone)]
pub struct LogSocket {
    inner: Rc<RefCell<Inner>>,
}

impl LogSocket {
    pub fn open(
        url: UrlProvider,
        on_lines: impl Fn(Vec<String>) + 'static,
        on_state: impl Fn(SocketState) + 'static,
        on_reopened: impl Fn() + 'static,
    ) -> LogSocket {
        let socket = LogSocket {
            inner: Rc::new(RefCell::new(Inner {
                url,
                handlers: Handlers {
                    on_lines: Box::new(on_lines),
                    on_state: Box::new(on_state),
                    on_reopened: Box::new(on_reopened),
                },
                socket: None,
                closures: Vec::new(),
                attempt: 0,
                ever_opened: false,
                retry: None,
                stopped: false,
            })),
        };
        socket.connect();
        socket
    }

    /// Stops for good.
    pub fn close(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.stopped = true;
        inner.retry = None;
        if let Some(ws) = inner.socket.take() {
            ws.set_onmessage(None);
            ws.set_onclose(None);
            ws.set_onopen(None);
            let _ = ws.close();
        }
        inner.closures.clear();
    }

    fn state(&self, state: SocketState) {
        (self.inner.borrow().handlers.on_state)(state);
    }

    fn connect(&self) {
        self.state(SocketState::Connecting);
        let provider = self.inner.borrow().url.clone();
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let url = provider().await;
            if this.inner.borrow().stopped {
                return;
            }
            match url {
                Ok(url) => this.attach(&url),
                Err(reason) => this.retry_later(Some(reason)),
            }
        });
    }

    fn attach(&self, url: &str) {
        let ws = match WebSocket::new(url) {
            Ok(ws) => ws,
            Err(_) => return self.retry_later(Some("the stream URL was refused".to_owned())),
        };
        let on_open = {
            let this = self.clone();
            Closure::<dyn FnMut()>::new(move || {
                let reopened = {
                    let mut inner = this.inner.borrow_mut();
                    inner.attempt = 0;
                    std::mem::replace(&mut inner.ever_opened, true)
                };
                this.state(SocketState::Live);
                if reopened {
                    (this.inner.borrow().handlers.on_reopened)();
                }
            })
        };
        let on_message = {
            let this = self.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let Some(text) = event.data().as_string() else {
                    return;
                };
                // A frame may carry several lines.
                let lines: Vec<String> = text.lines().filter_map(frame_line).collect();
                if !lines.is_empty() {
                    (this.inner.borrow().handlers.on_lines)(lines);
                }
            })
        };
        let on_close = {
            let this = self.clone();
            Closure::<dyn FnMut(CloseEvent)>::new(move |_event: CloseEvent| {
                if !this.inner.borrow().stopped {
                    this.retry_later(None);
                }
            })
        };
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        inner.closures = vec![Box::new(on_open), Box::new(on_message), Box::new(on_close)];
        inner.socket = Some(ws);
    }

    fn retry_later(&self, reason: Option<String>) {
        let attempt = {
            let mut inner = self.inner.borrow_mut();
            inner.socket = None;
            inner.attempt += 1;
            inner.attempt
        };
        // After many failures in a row, stop and say why; the user can retry.
        if attempt > 12 {
            self.state(SocketState::Failed(
                reason.unwrap_or_else(|| "the stream keeps closing".to_owned()),
            ));
            return;
        }
        let delay = backoff(attempt, js_sys::Math::random());
        self.state(SocketState::Reconnecting {
            attempt,
            delay_secs: delay.as_secs_f64().ceil() as u32,
        });
        let this = self.clone();
        let timer = Timeout::new(delay.as_millis() as u32, move || this.connect());
        self.inner.borrow_mut().retry = Some(timer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames() {
        assert_eq!(
            frame_line(r#"{"event":"log","log":"a line"}"#).as_deref(),
            Some("a line")
        );
        assert_eq!(
            frame_line(r#"{"name":"log","log":"b"}"#).as_deref(),
            Some("b")
        );
        assert_eq!(frame_line(r#"{"event":"ping","timestamp":"x"}"#), None);
        assert_eq!(frame_line(r#"{"event":"log"}"#), None);
        assert_eq!(frame_line("plain text").as_deref(), Some("plain text"));
        assert_eq!(frame_line("  "), None);
    }

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(backoff(1, 0.0), Duration::from_secs(1));
        assert_eq!(backoff(3, 0.0), Duration::from_secs(4));
        assert_eq!(backoff(10, 0.0), Duration::from_secs(30));
        assert_eq!(backoff(2, 1.0), Duration::from_secs_f64(2.5));
    }
}
