//! `scalingo-gateway`: serves the dashboard and forwards its requests to
//! Scalingo until Ctrl-C (see the library's documentation).

use std::{net::IpAddr, path::PathBuf, process::ExitCode};

use clap::Parser;
use scalingo_gateway::{ApiToken, GatewayConfig, SCALINGO_AUTH};

/// Where the API token is read: never a command-line argument, which any
/// user of the machine can read in the process list.
const TOKEN_VARIABLE: &str = "SCALINGO_API_TOKEN";

/// The Scalingo dashboard for one account: serves the built app and
/// forwards its API requests with the API token found in the
/// SCALINGO_API_TOKEN environment variable, which the browser never sees.
#[derive(Parser, Debug)]
#[command(name = "scalingo-gateway", version)]
struct Cli {
    /// Address to listen on. Whoever reaches the gateway acts with its
    /// token: keep loopback unless your portal's authentication is in
    /// front of it.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Directory of the built dashboard.
    #[arg(long, value_name = "DIR", default_value = "dist")]
    dist: PathBuf,
    /// Serve everything (the dashboard, its config.json, the forwarded
    /// API) under this path, e.g. `/portal/scalingo/`, for a build made
    /// with trunk's `--public-url`.
    #[arg(long, value_name = "PATH", default_value = "/")]
    base_path: String,
    /// The Scalingo auth service; the regions and their APIs are read from
    /// it.
    #[arg(long, value_name = "URL", default_value = SCALINGO_AUTH)]
    upstream: String,
    /// Forward reads only: every request but GET and HEAD is refused with
    /// a 403, and the dashboard hides its actions.
    #[arg(long)]
    read_only: bool,
}

fn token() -> Result<ApiToken, String> {
    let token = std::env::var(TOKEN_VARIABLE)
        .map_err(|_| format!("set the API token in the {TOKEN_VARIABLE} environment variable"))?;
    ApiToken::new(&token).map_err(|e| format!("{TOKEN_VARIABLE}: {e}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        // Colours for a terminal only, not for a log file.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    let token = match token() {
        Ok(token) => token,
        Err(message) => {
            eprintln!("scalingo-gateway: {message}");
            return ExitCode::FAILURE;
        }
    };
    let config = GatewayConfig {
        host: cli.host,
        port: cli.port,
        upstream: cli.upstream.clone(),
        base_path: cli.base_path,
        read_only: cli.read_only,
        ..GatewayConfig::new(token, cli.dist)
    };
    let gateway = match scalingo_gateway::start(config).await {
        Ok(gateway) => gateway,
        Err(error) => {
            eprintln!("scalingo-gateway: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "Scalingo gateway to {} listening on {}",
        cli.upstream,
        gateway.base_url()
    );
    println!("Dashboard:  {}", gateway.dashboard_url());
    if cli.read_only {
        println!("Read-only:  every request but GET and HEAD is refused");
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("scalingo-gateway: cannot wait for Ctrl-C: {error}");
    }
    gateway.shutdown().await;
    ExitCode::SUCCESS
}
