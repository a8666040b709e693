//! The gateway's routes, and starting and stopping one on a socket.

use std::{io, net::SocketAddr, sync::Arc};

use axum::{
    middleware,
    routing::{any, get},
    Router,
};
use tokio::net::TcpListener;

use crate::{
    config::{GatewayConfig, PROXY_SEGMENT},
    files, forward, guard,
    state::{Gateway, SharedGateway},
    upstream::Upstream,
};

/// Every route: the forwarded API (same-site requests only), the
/// dashboard's `config.json` and files; with `--read-only`, reads only.
pub fn router(gateway: SharedGateway) -> Router {
    let base = gateway.base_path.clone();
    let forwarded = Router::new()
        .route(
            &format!("{base}{PROXY_SEGMENT}/{{*rest}}"),
            any(forward::forward),
        )
        .route_layer(middleware::from_fn(guard::same_site_only));
    let mut routes = Router::new()
        .merge(forwarded)
        .route(&format!("{base}config.json"), get(files::config_json))
        .fallback(files::dashboard);
    if gateway.read_only {
        routes = routes.layer(middleware::from_fn(guard::reads_only));
    }
    routes
        .layer(middleware::from_fn(guard::log_request))
        .with_state(gateway)
}

fn invalid_input(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.into())
}

/// A gateway serving on `addr` until [`RunningGateway::shutdown`].
pub struct RunningGateway {
    pub addr: SocketAddr,
    base_path: String,
    serving: scalingo_dist::Serving,
}

impl RunningGateway {
    /// `http://<addr>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Where the dashboard is: `http://<addr><base path>`.
    pub fn dashboard_url(&self) -> String {
        format!("{}{}", self.base_url(), self.base_path)
    }

    /// Stops accepting connections and lets requests in flight finish (a
    /// few seconds at most).
    pub async fn shutdown(self) {
        self.serving.shutdown().await;
    }
}

/// Checks the settings, binds the socket and serves on the current
/// runtime. Returns once it is listening; the upstream is first reached
/// when the dashboard asks for something.
pub async fn start(config: GatewayConfig) -> io::Result<RunningGateway> {
    let base_path = scalingo_dist::normalize_base_path(&config.base_path, &[PROXY_SEGMENT])
        .map_err(invalid_input)?;
    if !config.dist.join("index.html").is_file() {
        return Err(invalid_input(format!(
            "{} has no index.html: build the dashboard first (scripts/build.sh)",
            config.dist.display()
        )));
    }
    let upstream = Upstream::new(&config.upstream, &config.token).map_err(invalid_input)?;
    let gateway = Arc::new(Gateway {
        upstream,
        base_path: base_path.clone(),
        dist: config.dist,
        read_only: config.read_only,
    });
    let listener = TcpListener::bind((config.host, config.port)).await?;
    let addr = listener.local_addr()?;
    let app = router(gateway);
    let serving = scalingo_dist::Serving::start(listener, app, "the gateway");
    Ok(RunningGateway {
        addr,
        base_path,
        serving,
    })
}
