//! The live log stream: a WebSocket to the signed logs URL (a fresh one
//! for each attempt: the signed one expires), read as log lines.

use std::{future::Future, pin::Pin, rc::Rc};

pub use super::socket::SocketState;
use super::socket::{ReconnectingSocket, Target};

/// Gets a fresh logs URL (`wss://…&stream=true`).
pub type UrlProvider = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<String, String>>>>>;

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

/// An open (or reopening) log stream; closing it stops it.
#[derive(Clone)]
pub struct LogSocket(ReconnectingSocket);

impl LogSocket {
    pub fn open(
        url: UrlProvider,
        on_lines: impl Fn(Vec<String>) + 'static,
        on_state: impl Fn(SocketState) + 'static,
        on_reopened: impl Fn() + 'static,
    ) -> LogSocket {
        let target = Rc::new(move || {
            let url = url();
            Box::pin(async move { url.await.map(|url| Target { url, hello: None }) })
                as Pin<Box<dyn Future<Output = Result<Target, String>>>>
        });
        let on_text = move |text: String| {
            // A frame may carry several lines.
            let lines: Vec<String> = text.lines().filter_map(frame_line).collect();
            if !lines.is_empty() {
                on_lines(lines);
            }
        };
        LogSocket(ReconnectingSocket::open(
            target,
            on_text,
            on_state,
            on_reopened,
        ))
    }

    /// Stops for good.
    pub fn close(&self) {
        self.0.close();
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
}
