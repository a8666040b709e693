//! The deployments stream of an app, over a WebSocket, at the URL of its
//! `links.deployments_stream`: `<api, ws scheme>/_deployments/apps/<app>`
//! (the platform serves it from a host of its own).
//!
//! The client sends `{"type": "auth", "data": {"token": "<bearer>"}}`
//! first (an API token is taken too: the documentation says "api token",
//! the clients send the bearer). A frame that is not that, a token that is
//! not valid, a user who cannot see the app, or no frame within
//! [`AUTH_TIMEOUT`], and the server closes the socket (1008, policy
//! violation, with the reason).
//!
//! Then, for every deployment of the app, as it happens (JSON text
//! frames, in the order of their moments):
//! - `{"type": "new", "id", "data": {"deployment": {…}}}` when one is
//!   created (as it was then);
//! - `{"type": "status", "id", "data": {"status"}}` at each step;
//! - `{"type": "log", "id", "data": {"content"}}` for each line of its
//!   output, the line with its `\n`, so the contents put end to end are
//!   the output;
//! - `{"type": "ping", "data": {"ts": <unix seconds>}}` every ping
//!   interval (`--log-ping-interval`).
//!
//! The stream starts at the moment the client is authenticated: a
//! deployment under way is followed from there (its earlier lines are in
//! its output). Frames from the client after the auth frame are ignored.
//! The socket is closed (1000) when the app is deleted. Chaos mode cuts
//! some streams without a close frame, as it does logs streams, and
//! `POST /_sim/deployments/drop-streams` cuts every open one.

use std::time::Duration;

use axum::{
    extract::{
        ws::{
            rejection::WebSocketUpgradeRejection, CloseFrame, Message, WebSocket, WebSocketUpgrade,
        },
        Extension, Path, State,
    },
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::{AuthFrame, StreamFrame};
use tokio::time::{interval_at, timeout, Instant, MissedTickBehavior};

use crate::{
    domain::{
        builds::{happenings, BuildContext, Happening},
        error::{ApiError, ApiResult},
        model::Platform,
        origin::Origin,
        render,
        time::{self, Timestamp},
        tokens::unix_now,
    },
    http::extract::ApiRegion,
    layers::chaos::{cut_due, StreamCut},
    state::SharedState,
};

/// How often new frames are looked for.
const POLL: Duration = Duration::from_millis(200);
/// How long the server waits for the auth frame.
pub const AUTH_TIMEOUT: Duration = Duration::from_secs(10);
const NORMAL: u16 = 1000;
const POLICY_VIOLATION: u16 = 1008;

pub fn routes() -> Router<SharedState> {
    Router::new().route("/_deployments/apps/{app}", get(open))
}

async fn open(
    State(state): State<SharedState>,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    cut: Option<Extension<StreamCut>>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> ApiResult<Response> {
    let app = state.read(|p| {
        p.app_index(region.as_str(), &ident)
            .map(|i| (p.apps[i].id.clone(), p.apps[i].region.clone()))
    });
    // The same 404 for an app that does not exist as for one the client
    // may not see: who the client is is only known from its first frame.
    let Some((app_id, region)) = app else {
        return Err(ApiError::not_found("app"));
    };
    let upgrade = upgrade.map_err(|_| {
        ApiError::bad_request(
            "the deployments stream needs a WebSocket upgrade (Upgrade: websocket)",
        )
    })?;
    let stream = Stream {
        app_id,
        region,
        origin,
        cut_after: cut.map(|Extension(StreamCut(after))| after),
    };
    Ok(upgrade.on_upgrade(move |socket| run(socket, state, stream)))
}

struct Stream {
    app_id: String,
    region: String,
    origin: Origin,
    cut_after: Option<Duration>,
}

fn close_frame(code: u16, reason: &str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

fn text(frame: &StreamFrame) -> Message {
    Message::Text(frame.to_value().to_string().into())
}

/// Whether the auth frame's token is a valid bearer (or API token) of a
/// user who may see the app; why not otherwise.
fn authenticate(state: &SharedState, stream: &Stream, token: &str) -> Result<(), &'static str> {
    let user_id = match state.signer.verify(token, unix_now()) {
        Ok(claims) => Some(claims.uuid),
        Err(_) => state.read(|p| p.user_by_api_token(token).map(|u| u.id.clone())),
    }
    .ok_or("invalid token")?;
    state
        .read(|p| {
            p.accessible_app(&stream.region, &stream.app_id, &user_id)
                .map(|_| ())
        })
        .map_err(|_| "this user cannot see this app")
}

/// The frames of the app's deployments whose moments are in
/// `(since, until]`; `None` once the app is gone.
fn frames(
    p: &Platform,
    stream: &Stream,
    since: Timestamp,
    until: Timestamp,
) -> Option<Vec<StreamFrame>> {
    let app = p.apps.iter().find(|a| a.id == stream.app_id)?;
    let context = BuildContext::new(p, app);
    let mut timed: Vec<(Timestamp, StreamFrame)> = Vec::new();
    for deployment in p.deployments_of(&app.id) {
        if deployment.finishes_at <= since || deployment.created_at > until {
            continue;
        }
        if deployment.created_at > since {
            let mut then = deployment.clone();
            then.status = deployment.status_at(deployment.created_at);
            let shown = render::deployment(&then, &app.name, &stream.origin);
            timed.push((
                deployment.created_at,
                StreamFrame::New {
                    deployment: Box::new(shown),
                },
            ));
        }
        let id = &deployment.id;
        for (at, happening) in happenings(deployment, &context) {
            if at <= since || at > until {
                continue;
            }
            let frame = match happening {
                Happening::Status(status) => StreamFrame::Status {
                    id: id.clone(),
                    status,
                },
                Happening::Line(line) => StreamFrame::Log {
                    id: id.clone(),
                    content: format!("{line}\n"),
                },
            };
            timed.push((at, frame));
        }
    }
    // Stable: a deployment's `new` comes before its first status.
    timed.sort_by_key(|(at, _)| *at);
    Some(timed.into_iter().map(|(_, frame)| frame).collect())
}

async fn run(mut socket: WebSocket, state: SharedState, stream: Stream) {
    let first = timeout(AUTH_TIMEOUT, socket.recv()).await;
    let token = match first {
        Ok(Some(Ok(Message::Text(text)))) => AuthFrame::token_of(text.as_str()),
        Ok(Some(Ok(Message::Binary(bytes)))) => std::str::from_utf8(&bytes)
            .ok()
            .and_then(AuthFrame::token_of),
        // Gone already, or said nothing in time.
        Ok(None | Some(Err(_))) | Ok(Some(Ok(Message::Close(_)))) => return,
        Ok(Some(Ok(_))) | Err(_) => None,
    };
    let authenticated = match token {
        Some(token) => authenticate(&state, &stream, &token),
        None => Err("the first frame must be {\"type\": \"auth\", \"data\": {\"token\": …}}"),
    };
    if let Err(reason) = authenticated {
        let _ = socket.send(close_frame(POLICY_VIOLATION, reason)).await;
        return;
    }
    let mut drops = state.deployment_streams.subscribe();
    let cut = cut_due(stream.cut_after);
    tokio::pin!(cut);
    let start = Instant::now();
    let mut poll = interval_at(start + POLL, POLL);
    poll.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let ping_every = state.settings.logs.ping_interval;
    let mut ping = interval_at(start + ping_every, ping_every);
    ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut cursor = time::now();
    loop {
        tokio::select! {
            _ = poll.tick() => {
                let now = time::now();
                let Some(frames) = state.read(|p| frames(p, &stream, cursor, now)) else {
                    let _ = socket.send(close_frame(NORMAL, "the app was deleted")).await;
                    return;
                };
                cursor = now;
                for frame in &frames {
                    if socket.send(text(frame)).await.is_err() {
                        return;
                    }
                }
            }
            _ = ping.tick() => {
                let frame = StreamFrame::Ping { ts: i64::try_from(unix_now()).ok() };
                if socket.send(text(&frame)).await.is_err() {
                    return;
                }
            }
            // Returning drops the socket without a close frame, as a
            // network failure does.
            _ = &mut cut => return,
            _ = drops.changed() => return,
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

/// `POST /_sim/deployments/drop-streams` (registered with the simulator's
/// controls: it is not regional).
pub async fn drop_streams(State(state): State<SharedState>) -> Response {
    crate::http::response::ok(&serde_json::json!({ "dropped": state.drop_deployment_streams() }))
}
