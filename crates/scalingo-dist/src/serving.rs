//! A server running on a socket, stopped gracefully: shared by the
//! simulator and the gateway.

use std::time::Duration;

use axum::Router;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

/// How long requests in flight may take to finish when stopping.
const GRACE: Duration = Duration::from_secs(5);

/// `app` served on `listener`, on the current runtime.
pub struct Serving {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Serving {
    /// Starts serving; `name` names the server in the log if serving fails.
    pub fn start(listener: TcpListener, app: Router, name: &'static str) -> Self {
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serving = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(error) = serving.await {
                tracing::error!(%error, "{name} stopped serving");
            }
        });
        Serving { stop, task }
    }

    /// Stops accepting connections, lets requests in flight finish, and
    /// returns when the server is down.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let mut task = self.task;
        if tokio::time::timeout(GRACE, &mut task).await.is_err() {
            // A client holding a connection open must not block the stop.
            task.abort();
        }
    }
}
