//! A live logs stream over a WebSocket.
//!
//! Frames are JSON text: `{"event":"log","name":"log","log":"<line>"}` for
//! each new line (in the order lines are produced), and
//! `{"event":"ping","name":"ping","timestamp":"<RFC 3339>"}` every ping
//! interval (the platform sends both keys: clients read `event`, the docs
//! say `name`). The stream starts at the moment of connection (the history
//! is the dump's job).
//!
//! The server closes streams, as the platform does: each one after a random
//! lifetime (40% to 100% of the configured maximum, so clients must
//! reconnect and do not all do it at once), all at once on
//! `POST /_sim/logs/drop-streams`, and when the app is deleted. Chaos mode
//! also cuts some streams without a close frame, as a network failure does
//! (see `layers::chaos`).

use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use rand::Rng;
use serde_json::json;
use tokio::time::{interval_at, sleep, Instant, MissedTickBehavior};

use crate::domain::logs::{collect::AppLogs, filter::Filter};
use crate::{domain::time, layers::chaos::cut_due, state::SharedState};

/// How often new lines are looked for.
const POLL: Duration = Duration::from_millis(200);
/// Close codes: the server is going away (rotation, drop), or the app did.
const GOING_AWAY: u16 = 1001;
const NORMAL: u16 = 1000;

pub struct StreamParams {
    pub app_id: String,
    pub filter: Option<Filter>,
    /// Drop the connection, without a close frame, this long after it opens.
    pub cut_after: Option<Duration>,
}

fn log_frame(line: &str) -> Message {
    Message::Text(
        json!({"event": "log", "name": "log", "log": line})
            .to_string()
            .into(),
    )
}

fn ping_frame() -> Message {
    let now = time::format(&time::now());
    Message::Text(
        json!({"event": "ping", "name": "ping", "timestamp": now})
            .to_string()
            .into(),
    )
}

fn close_frame(code: u16, reason: &str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

/// The lines produced since `since`, rendered; `None` once the app is gone.
fn new_lines(
    state: &SharedState,
    params: &StreamParams,
    since: crate::domain::time::Timestamp,
    now: crate::domain::time::Timestamp,
) -> Option<Vec<String>> {
    let rate = state.settings.logs.rate;
    state.read(|p| {
        let app = p.apps.iter().find(|a| a.id == params.app_id)?;
        let logs = AppLogs::new(p, app, rate, params.filter.as_ref());
        Some(
            logs.between(since, now)
                .iter()
                .map(|l| l.render())
                .collect(),
        )
    })
}

pub async fn run(mut socket: WebSocket, state: SharedState, params: StreamParams) {
    let settings = state.settings.logs.clone();
    let mut drops = state.log_streams.subscribe();
    let lifetime = settings
        .stream_max_age
        .mul_f64(rand::rng().random_range(0.4..=1.0));
    let rotation = sleep(lifetime);
    tokio::pin!(rotation);
    let cut = cut_due(params.cut_after);
    tokio::pin!(cut);
    let start = Instant::now();
    let mut poll = interval_at(start + POLL, POLL);
    poll.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut ping = interval_at(start + settings.ping_interval, settings.ping_interval);
    ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut cursor = time::now();
    loop {
        tokio::select! {
            _ = poll.tick() => {
                let now = time::now();
                let Some(lines) = new_lines(&state, &params, cursor, now) else {
                    let _ = socket.send(close_frame(NORMAL, "the app was deleted")).await;
                    return;
                };
                cursor = now;
                for line in lines {
                    if socket.send(log_frame(&line)).await.is_err() {
                        return;
                    }
                }
            }
            _ = ping.tick() => {
                if socket.send(ping_frame()).await.is_err() {
                    return;
                }
            }
            // Returning drops the socket: the TCP connection ends with no
            // close frame, which clients must treat as a failure to retry.
            _ = &mut cut => return,
            _ = &mut rotation => {
                let _ = socket.send(close_frame(GOING_AWAY, "stream rotated, reconnect")).await;
                return;
            }
            changed = drops.changed() => {
                if changed.is_ok() {
                    let _ = socket.send(close_frame(GOING_AWAY, "streams dropped, reconnect")).await;
                }
                return;
            }
            incoming = socket.recv() => match incoming {
                // Whatever a client sends is ignored; pings are answered by
                // the WebSocket layer.
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            },
        }
    }
}
