//! How a simulator instance is started.

use std::{
    net::{IpAddr, Ipv4Addr},
    path::PathBuf,
    time::Duration,
};

pub use crate::layers::chaos::ChaosConfig;

/// Which demo platform is generated when there is no data file yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DemoKind {
    /// Realistic users, projects and apps.
    #[default]
    Normal,
    /// The normal demo plus data made to break careless user interfaces
    /// (markup, right-to-left overrides, 100 KB strings, unknown enum
    /// values, wrong types, deep nesting): see `domain::hostile`.
    Hostile,
}

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
    /// Enforces the free-usage rule (one app without a payment method → 402);
    /// a demo generated with it starts with the demo user (Ada) without a
    /// payment method.
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
    /// Which demo is generated (ignored when the data file already exists:
    /// a hostile data file stays hostile).
    pub demo: DemoKind,
    /// Random faults on the regional API and the logs URLs (see `layers::chaos`);
    /// `None`: none. Can be changed while running (`POST /_sim/chaos`).
    pub chaos: Option<ChaosConfig>,
    /// Requests per `rate_window` allowed per bearer token before 429s
    /// (the real API documents 60 per minute); `None`: no limit. Requests
    /// are counted either way (`GET /_sim/requests`).
    pub rate_limit: Option<u32>,
    /// The sliding window of `rate_limit` (60 s; tests shorten it).
    pub rate_window: Duration,
    /// Where the dashboard and its `config.json` are served: `/`, or a
    /// prefix such as `/portal/scalingo/` (the API stays at the root).
    pub base_path: String,
    /// Origins besides loopback ones allowed to call the API from a browser
    /// (CORS), e.g. `https://portal.example.com`; see `http::cors`.
    pub allowed_origins: Vec<String>,
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
            demo: DemoKind::Normal,
            chaos: None,
            rate_limit: None,
            rate_window: Duration::from_secs(60),
            base_path: "/".to_owned(),
            allowed_origins: Vec::new(),
        }
    }
}

/// Paths the dashboard cannot be served under: the API's and the
/// simulator's own.
const RESERVED: [&str; 6] = ["v1", "_logs", "_deployments", "_sources", "_sim", "regions"];

/// `base` as `/` or `/<segments>/`, `Err` for what cannot be a path
/// prefix of the dashboard or would hide the API.
pub fn normalize_base_path(base: &str) -> Result<String, String> {
    scalingo_dist::normalize_base_path(base, &RESERVED)
}
