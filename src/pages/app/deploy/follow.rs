//! Following a deployment: its output read once over HTTP and, while it
//! runs, its `log` and `status` frames from the app's deployments stream
//! (a WebSocket authenticated by its first frame). Each time the stream
//! opens, the output is read again and joined without duplicates. Without
//! a stream (behind a gateway that holds the token, or a stream that keeps
//! failing) the deployment and its output are polled instead, within the
//! request budget.

use std::{future::Future, pin::Pin, rc::Rc, time::Duration};

use leptos::prelude::*;
use scalingo_api::{AuthFrame, Deployment, DeploymentStatus, StreamFrame};

use crate::{
    api::AppApi,
    browser::socket::{ReconnectingSocket, SocketState, Target},
    logic::build_output::Output,
};

/// Polling interval without a stream, before the budget's slowdown.
const POLL_EVERY: Duration = Duration::from_secs(5);

/// The followed deployment. `Copy`.
#[derive(Clone, Copy)]
pub struct Follow {
    pub output: RwSignal<Output>,
    pub status: RwSignal<DeploymentStatus>,
    /// The stream's state; `None` when the deployment is over or polled.
    pub stream: RwSignal<Option<SocketState>>,
    /// Why the output could not be read, if so.
    pub error: RwSignal<Option<String>>,
}

/// A stream address the page may open: `wss:` (or `ws:` for a local
/// platform), never anything a hostile API could slip in.
fn stream_address(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("wss://") || lower.starts_with("ws://")).then(|| url.trim().to_owned())
}

/// Follows `deployment` of the page's app until it ends or the page goes.
pub fn follow(api: AppApi, deployment: &Deployment, stream_url: Option<String>) -> Follow {
    let follow = Follow {
        output: RwSignal::new(Output::default()),
        status: RwSignal::new(deployment.status.clone()),
        stream: RwSignal::new(None),
        error: RwSignal::new(None),
    };
    let id = deployment.id.clone();
    let bearer = api.client().session().bearer().filter(|b| !b.is_empty());
    let stream_url = stream_url.as_deref().and_then(stream_address);
    if deployment.status.is_finished() {
        read_output(api, id, follow, false);
        return follow;
    }
    match (stream_url, bearer) {
        (Some(url), Some(_)) => open_stream(api, id, url, follow),
        _ => poll(api, id, follow),
    }
    follow
}

/// Reads the whole output; with `refresh_status`, the deployment too.
fn read_output(api: AppApi, id: String, follow: Follow, refresh_status: bool) {
    leptos::task::spawn_local(async move {
        if refresh_status {
            if let Ok(deployment) = api.deployment(&id).await {
                follow.status.try_set(deployment.status);
            }
        }
        match api.deployment_output(&id).await {
            Ok(text) => {
                follow.error.try_set(None);
                follow.output.try_update(|o| o.replace(&text));
            }
            Err(error) => {
                follow.output.try_update(Output::give_up_resync);
                follow
                    .error
                    .try_set(Some(format!("Could not read the build output: {error}")));
            }
        }
    });
}

fn open_stream(api: AppApi, id: String, url: String, follow: Follow) {
    let target = {
        let api = api.clone();
        Rc::new(move || {
            let (api, url) = (api.clone(), url.clone());
            Box::pin(async move {
                // The bearer of this attempt: it is renewed over time.
                let bearer = api
                    .client()
                    .session()
                    .bearer()
                    .ok_or_else(|| "the session ended".to_owned())?;
                let hello =
                    serde_json::to_string(&AuthFrame::new(bearer)).map_err(|e| e.to_string())?;
                Ok(Target {
                    url,
                    hello: Some(hello),
                })
            }) as Pin<Box<dyn Future<Output = Result<Target, String>>>>
        })
    };
    let socket = StoredValue::new_local(None::<ReconnectingSocket>);
    // The socket's callbacks run outside of any view: polling, if it
    // takes over, belongs to the page that opened the stream.
    let owner = Owner::current();
    let on_text = {
        let (api, id) = (api.clone(), id.clone());
        move |text: String| match StreamFrame::parse(&text) {
            StreamFrame::Log { id: of, content } if of == id => {
                follow.output.try_update(|o| o.push(&content));
            }
            StreamFrame::Status { id: of, status } if of == id => {
                let over = status.is_finished();
                follow.status.try_set(status);
                if over {
                    // The end: the complete output, and no more stream.
                    socket.try_update_value(|s| s.take().map(|s| s.close()));
                    follow.stream.try_set(None);
                    follow.output.try_update(Output::resync);
                    read_output(api.clone(), id.clone(), follow, true);
                }
            }
            _ => {}
        }
    };
    let on_state = {
        let (api, id) = (api.clone(), id.clone());
        move |state: SocketState| {
            if state == SocketState::Live {
                // Opened (or reopened): read what was written meanwhile.
                follow.output.try_update(Output::resync);
                read_output(api.clone(), id.clone(), follow, true);
            }
            if let SocketState::Failed(_) = state {
                // The stream cannot be had: poll instead.
                socket.try_update_value(|s| s.take().map(|s| s.close()));
                follow.stream.try_set(None);
                let start = || poll(api.clone(), id.clone(), follow);
                match &owner {
                    Some(owner) => owner.with(start),
                    None => start(),
                }
                return;
            }
            follow.stream.try_set(Some(state));
        }
    };
    let opened = ReconnectingSocket::open(target, on_text, on_state, || {});
    socket.set_value(Some(opened));
    on_cleanup(move || {
        socket.try_update_value(|s| s.take().map(|s| s.close()));
    });
}

/// Reads the deployment and its output every few seconds (slower when the
/// request budget runs low) until it ends or the page goes.
fn poll(api: AppApi, id: String, follow: Follow) {
    leptos::task::spawn_local_scoped_with_cancellation(async move {
        loop {
            if let Ok(deployment) = api.deployment(&id).await {
                follow.status.try_set(deployment.status.clone());
                if let Ok(text) = api.deployment_output(&id).await {
                    follow.output.try_update(|o| o.replace(&text));
                }
                if deployment.status.is_finished() {
                    return;
                }
            }
            let wait = POLL_EVERY.mul_f64(api.client().polling_factor());
            gloo_timers::future::sleep(wait).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::stream_address;

    #[test]
    fn only_websocket_addresses_are_opened() {
        assert_eq!(
            stream_address(" wss://deployments.example/apps/x ").as_deref(),
            Some("wss://deployments.example/apps/x")
        );
        assert!(stream_address("ws://127.0.0.1:8080/x").is_some());
        assert_eq!(stream_address("javascript:alert(1)"), None);
        assert_eq!(stream_address("https://example"), None);
    }
}
