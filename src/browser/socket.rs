//! A WebSocket that reconnects with exponential backoff when the server
//! closes it (which log and deployment streams do from time to time), with
//! a fresh target each time (a signed URL expires, a bearer is renewed).

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

/// Where to connect, and the first frame to send once open (the
/// deployment stream's authentication), if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub url: String,
    pub hello: Option<String>,
}

/// Gets a fresh target for each attempt.
pub type TargetProvider = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<Target, String>>>>>;

/// Backoff before attempt `attempt` (1-based): 1, 2, 4, 8, 16, then 30 s,
/// with up to a quarter of jitter so that many tabs do not reconnect at once.
pub fn backoff(attempt: u32, jitter: f64) -> Duration {
    let base = 2u64.saturating_pow(attempt.saturating_sub(1)).min(30) as f64;
    Duration::from_secs_f64(base * (1.0 + 0.25 * jitter.clamp(0.0, 1.0)))
}

struct Handlers {
    on_text: Box<dyn Fn(String)>,
    on_state: Box<dyn Fn(SocketState)>,
    /// Called after a reconnection, to fetch what was missed.
    on_reopened: Box<dyn Fn()>,
}

struct Inner {
    target: TargetProvider,
    /// Shared so that a handler runs without the state borrowed: it may
    /// close the socket.
    handlers: Rc<Handlers>,
    socket: Option<WebSocket>,
    closures: Vec<Box<dyn std::any::Any>>,
    attempt: u32,
    ever_opened: bool,
    retry: Option<Timeout>,
    stopped: bool,
}

/// An open (or reopening) socket; [`ReconnectingSocket::close`] stops it.
#[derive(Clone)]
pub struct ReconnectingSocket {
    inner: Rc<RefCell<Inner>>,
}

impl ReconnectingSocket {
    /// Connects to what `target` gives; `on_text` gets each text frame,
    /// `on_reopened` is called after a reconnection (to fetch what was
    /// missed meanwhile).
    pub fn open(
        target: TargetProvider,
        on_text: impl Fn(String) + 'static,
        on_state: impl Fn(SocketState) + 'static,
        on_reopened: impl Fn() + 'static,
    ) -> ReconnectingSocket {
        let socket = ReconnectingSocket {
            inner: Rc::new(RefCell::new(Inner {
                target,
                handlers: Rc::new(Handlers {
                    on_text: Box::new(on_text),
                    on_state: Box::new(on_state),
                    on_reopened: Box::new(on_reopened),
                }),
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
        // Dropped later, not here: `close` may be called from one of these
        // very callbacks (a handler that sees the end of a deployment).
        let closures = std::mem::take(&mut inner.closures);
        Timeout::new(0, move || drop(closures)).forget();
    }

    fn state(&self, state: SocketState) {
        let handlers = self.handlers();
        (handlers.on_state)(state);
    }

    fn handlers(&self) -> Rc<Handlers> {
        self.inner.borrow().handlers.clone()
    }

    fn connect(&self) {
        self.state(SocketState::Connecting);
        let provider = self.inner.borrow().target.clone();
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let target = provider().await;
            if this.inner.borrow().stopped {
                return;
            }
            match target {
                Ok(target) => this.attach(target),
                Err(reason) => this.retry_later(Some(reason)),
            }
        });
    }

    fn attach(&self, target: Target) {
        let ws = match WebSocket::new(&target.url) {
            Ok(ws) => ws,
            Err(_) => return self.retry_later(Some("the stream URL was refused".to_owned())),
        };
        let on_open = {
            let this = self.clone();
            let (ws, hello) = (ws.clone(), target.hello);
            Closure::<dyn FnMut()>::new(move || {
                if let Some(hello) = &hello {
                    // Fails only if the socket closed meanwhile: `onclose`
                    // then reconnects.
                    let _ = ws.send_with_str(hello);
                }
                let reopened = {
                    let mut inner = this.inner.borrow_mut();
                    inner.attempt = 0;
                    std::mem::replace(&mut inner.ever_opened, true)
                };
                this.state(SocketState::Live);
                if reopened {
                    (this.handlers().on_reopened)();
                }
            })
        };
        let on_message = {
            let this = self.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                if let Some(text) = event.data().as_string() {
                    (this.handlers().on_text)(text);
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
    fn backoff_grows_and_caps() {
        assert_eq!(backoff(1, 0.0), Duration::from_secs(1));
        assert_eq!(backoff(3, 0.0), Duration::from_secs(4));
        assert_eq!(backoff(10, 0.0), Duration::from_secs(30));
        assert_eq!(backoff(2, 1.0), Duration::from_secs_f64(2.5));
    }
}
