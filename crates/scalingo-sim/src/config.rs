//! How a simulator instance is started.

use std::{
    net::{IpAddr, Ipv4Addr},
    path::PathBuf,
    time::Duration,
};

/// Settings of one simulator instance (the CLI flags, and what tests pass to
/// [`crate::start`]).
#[derive(Debug, Clone)]
pub struct SimConfig {
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// A built dashboard to serve on every non-API path.
    pub dist: Option<PathBuf>,
    /// Where the platform state is kept between runs.
    pub data: Option<PathBuf>,
    /// Seed of the demo data: the same seed gives the same apps and ids.
    pub seed: u64,
    /// A large demo, for benchmarks: when above 0, generated apps
    /// (`load-app-0001`…) are added to the default region so that the demo
    /// user lists this many apps there (the normal demo included). 0 is the
    /// normal demo. Ignored when the data file already exists.
    pub demo_apps: usize,
    /// Enforces the free-usage rule (one app without a payment method → 402).
    pub free_usage_limits: bool,
    /// Lifetime of the bearer tokens issued by the exchange.
    pub token_ttl: Duration,
    /// How much faster than the real platform operations (scale, restart,
    /// one-offs) run: 1.0 is realistic (a scale takes seconds), tests use
    /// 20.0 or so. Must be finite and positive.
    pub op_speed: f64,
    /// Log lines per second written by each running container (the router
    /// writes as many again for each web container when router logs are
    /// on). Finite, 0 to 1000; 0 leaves only the manager's lines.
    pub log_rate: f64,
    /// How often a logs stream sends a ping frame.
    pub log_ping_interval: Duration,
    /// The longest a logs stream stays open before the server closes it
    /// (each stream gets a random lifetime of 40% to 100% of this).
    pub log_stream_max_age: Duration,
    /// How long a logs URL (`GET /apps/:app/logs`) stays valid.
    pub logs_url_ttl: Duration,
    /// How long an archive download URL stays valid.
    pub archive_url_ttl: Duration,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            dist: None,
            data: None,
            seed: 42,
            demo_apps: 0,
            free_usage_limits: false,
            token_ttl: Duration::from_secs(3600),
            op_speed: 1.0,
            log_rate: 0.5,
            log_ping_interval: Duration::from_secs(20),
            log_stream_max_age: Duration::from_secs(5 * 60),
            logs_url_ttl: Duration::from_secs(3600),
            archive_url_ttl: Duration::from_secs(3600),
        }
    }
}
