//! Starting and stopping a simulator on a socket.

use std::{
    io,
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
};

use axum::Extension;
use serde_json::Value;
use tokio::net::TcpListener;

use super::{app::router, build};
use crate::{
    config::{ChaosConfig, SimConfig},
    domain::demo::DEMO_TOKEN,
    http::extract::ListeningOn,
    layers::rate_limit::RequestCounts,
    state::SharedState,
};

/// A simulator serving on `addr` until [`RunningSim::shutdown`].
pub struct RunningSim {
    pub addr: SocketAddr,
    /// The API token of the demo user.
    pub demo_token: String,
    state: SharedState,
    serving: scalingo_dist::Serving,
}

impl RunningSim {
    /// `http://<addr>`; a wildcard bind address is replaced by loopback, the
    /// address a local client can reach.
    pub fn base_url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    /// The live state (to inspect it in tests).
    pub fn state(&self) -> &SharedState {
        &self.state
    }

    /// Makes the next operation created (scale, restart, attached one-off)
    /// end in `error` with `message` (an empty message: a default one about
    /// a container that failed to start). The same as
    /// `POST /_sim/fail-next-operation`.
    pub fn fail_next_operation(&self, message: &str) {
        self.state.arm_failure(message);
    }

    /// Closes every open logs stream now, as the platform does from time to
    /// time (clients must reconnect); returns how many were open. The same
    /// as `POST /_sim/logs/drop-streams`.
    pub fn drop_log_streams(&self) -> usize {
        self.state.drop_log_streams()
    }

    /// Closes every open deployments stream now, without a close frame,
    /// as a network failure does (clients must reconnect); returns how
    /// many were open. The same as `POST /_sim/deployments/drop-streams`.
    pub fn drop_deployment_streams(&self) -> usize {
        self.state.drop_deployment_streams()
    }

    /// Takes a region's API down (every request to it answers 503 with the
    /// platform's "upstream provider" error) or brings it back up; the
    /// auth routes and the other regions are not affected. The same as
    /// `POST /_sim/regions/:name/down` and `…/up`. Returns false for a
    /// region the platform does not have.
    pub fn set_region_down(&self, name: &str, down: bool) -> bool {
        self.state.set_region_down(name, down)
    }

    /// Where the dashboard is served: `/` or `/<prefix>/` (see
    /// `SimConfig::base_path`).
    pub fn base_path(&self) -> &str {
        &self.state.settings.base_path
    }

    /// Turns chaos mode on with `config`, its counters reset, or off with
    /// `None`. The same as `POST /_sim/chaos`.
    pub fn set_chaos(&self, config: Option<ChaosConfig>) {
        self.state.chaos.set(config);
    }

    /// The chaos settings in force, if any.
    pub fn chaos(&self) -> Option<ChaosConfig> {
        self.state.chaos.config()
    }

    /// The requests made per bearer token since the start or the last
    /// reset: totals, refusals, and the busiest token's count in the rate
    /// window, now (`max_last_minute`) and at its highest
    /// (`peak_last_minute`, to compare with the platform's 60 per minute).
    /// The same as `GET /_sim/requests`.
    pub fn requests(&self) -> RequestCounts {
        self.state.request_counts()
    }

    /// Forgets the request counts (and the rate limit's window). The same
    /// as `DELETE /_sim/requests`.
    pub fn reset_requests(&self) {
        self.state.traffic.reset();
    }

    /// Sets the requests allowed per bearer token in the rate window, or
    /// removes the limit. The same as `POST /_sim/rate-limit`.
    pub fn set_rate_limit(&self, limit: Option<u32>) {
        self.state.traffic.set_limit(limit.filter(|l| *l > 0));
    }

    /// The Content-Security-Policy violations browsers reported (the last
    /// 200, oldest first, as sent). The same as `GET /_sim/csp-reports`.
    pub fn csp_reports(&self) -> Vec<Value> {
        self.state.csp_reports.list()
    }

    /// Forgets the reported violations.
    pub fn clear_csp_reports(&self) {
        self.state.csp_reports.clear();
    }

    /// Stops accepting connections, lets requests in flight finish (every
    /// change is saved before its response), and returns when the server is
    /// down.
    pub async fn shutdown(self) {
        self.serving.shutdown().await;
    }
}

/// Loads or generates the platform, binds the socket (port 0 picks a free
/// one) and serves on the current runtime. Returns once it is listening.
pub async fn start(config: SimConfig) -> io::Result<RunningSim> {
    let state = build::state(&config)?;
    let listener = TcpListener::bind((config.host, config.port)).await?;
    let addr = listener.local_addr()?;
    // The host of absolute URLs for a request that names none.
    let app = router(state.clone()).layer(Extension(ListeningOn(addr)));
    let serving = scalingo_dist::Serving::start(listener, app, "the simulator");
    Ok(RunningSim {
        addr,
        demo_token: DEMO_TOKEN.to_owned(),
        state,
        serving,
    })
}
