//! `scalingo-sim`: runs the simulator until Ctrl-C.

use std::{net::IpAddr, path::PathBuf, process::ExitCode, time::Duration};

use clap::Parser;
use scalingo_sim::SimConfig;

/// A local Scalingo platform with demo data, which can also serve the
/// dashboard.
#[derive(Parser, Debug)]
#[command(name = "scalingo-sim", version)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Directory of the built dashboard, served on every non-API path.
    #[arg(long, value_name = "DIR")]
    dist: Option<PathBuf>,
    /// File the platform state is loaded from and saved to after each change.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Seed of the demo data (same seed, same apps and ids).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// A large demo for benchmarks: add generated apps so that the demo
    /// user lists N apps in the default region (0: the normal demo).
    #[arg(long, value_name = "N", default_value_t = 0)]
    demo_apps: usize,
    /// Enforce the free-usage rule: without a payment method, one app (402).
    #[arg(long)]
    free_usage_limits: bool,
    /// Lifetime of the bearer tokens issued by the exchange, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    token_ttl: u64,
    /// Speed-up of operations (scale, restart, one-offs): 1 is realistic,
    /// 10 makes a scale take well under a second.
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0)]
    op_speed: f64,
    /// Log lines per second written by each running container (0 to 1000).
    #[arg(long, value_name = "LINES", default_value_t = 0.5)]
    log_rate: f64,
    /// Seconds between the ping frames of a logs stream.
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    log_ping_interval: f64,
    /// Longest life of a logs stream before the server closes it, in
    /// seconds (each stream gets 40% to 100% of it, at random).
    #[arg(long, value_name = "SECONDS", default_value_t = 300.0)]
    log_stream_max_age: f64,
    /// How long a logs URL stays valid, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    logs_url_ttl: u64,
    /// How long an archive download URL stays valid, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    archive_url_ttl: u64,
}

/// Seconds from the command line as a duration (0 for what is not a
/// finite positive number: the simulator refuses it with a message).
fn seconds(value: f64) -> Duration {
    Duration::try_from_secs_f64(value).unwrap_or(Duration::ZERO)
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let cli = Cli::parse();
    let serves_dashboard = cli.dist.is_some();
    let config = SimConfig {
        host: cli.host,
        port: cli.port,
        dist: cli.dist,
        data: cli.data,
        seed: cli.seed,
        demo_apps: cli.demo_apps,
        free_usage_limits: cli.free_usage_limits,
        token_ttl: Duration::from_secs(cli.token_ttl),
        op_speed: cli.op_speed,
        log_rate: cli.log_rate,
        log_ping_interval: seconds(cli.log_ping_interval),
        log_stream_max_age: seconds(cli.log_stream_max_age),
        logs_url_ttl: Duration::from_secs(cli.logs_url_ttl),
        archive_url_ttl: Duration::from_secs(cli.archive_url_ttl),
    };
    let sim = match scalingo_sim::start(config).await {
        Ok(sim) => sim,
        Err(error) => {
            eprintln!("scalingo-sim: {error}");
            return ExitCode::FAILURE;
        }
    };
    let url = sim.base_url();
    println!("Scalingo simulator listening on {url}");
    if serves_dashboard {
        println!("Dashboard:  {url}/");
    }
    println!("API token:  {}", sim.demo_token);
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("scalingo-sim: cannot wait for Ctrl-C: {error}");
    }
    sim.shutdown().await;
    ExitCode::SUCCESS
}
