//! The token never leaves the gateway: not in a response (body or
//! header), not in a line the gateway writes, during a session that uses
//! every path the token takes (exchange, renewal after expiry, a refused
//! token, reads, changes, refusals).
//!
//! The gateway runs as the real binary, with every log level on, and its
//! standard output and error are kept whole.

use std::{
    process::Stdio,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use base64::Engine as _;
use reqwest::Method;
use scalingo_sim::{RunningSim, SimConfig, DEMO_TOKEN};
use serde_json::json;
use tokio::{
    io::{AsyncBufReadExt, AsyncRead, BufReader},
    process::{Child, Command},
};

/// Every line the process wrote so far, both streams.
type Output = Arc<Mutex<Vec<String>>>;

fn collect(stream: impl AsyncRead + Unpin + Send + 'static, output: Output) {
    tokio::spawn(async move {
        let mut lines = BufReader::new(stream).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            output.lock().unwrap().push(line);
        }
    });
}

struct Gateway {
    child: Child,
    url: String,
    output: Output,
}

/// Starts the binary against `upstream` with `token`, and waits for it to
/// say where it listens.
async fn gateway(upstream: &str, token: &str, dist: &std::path::Path) -> Gateway {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scalingo-gateway"))
        .args(["--port", "0", "--upstream", upstream, "--dist"])
        .arg(dist)
        .env("SCALINGO_API_TOKEN", token)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the gateway starts");
    let output = Output::default();
    collect(child.stdout.take().unwrap(), output.clone());
    collect(child.stderr.take().unwrap(), output.clone());
    let deadline = Instant::now() + Duration::from_secs(20);
    let url = loop {
        let listening = output.lock().unwrap().iter().find_map(|l| {
            l.split_once(" listening on ")
                .map(|(_, url)| url.to_owned())
        });
        if let Some(url) = listening {
            break url;
        }
        assert!(Instant::now() < deadline, "{:?}", output.lock().unwrap());
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    Gateway { child, url, output }
}

/// What was seen of the session: every response's status line, headers
/// and body.
#[derive(Default)]
struct Seen(Vec<String>);

impl Seen {
    async fn send(
        &mut self,
        gateway: &Gateway,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
    ) -> u16 {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut request = client.request(method.clone(), format!("{}{path}", gateway.url));
        if method == Method::POST {
            request = request.json(&json!({"containers": [{"name": "web", "amount": 6}]}));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let mut text = format!("{method} {path} → {status}\n");
        for (name, value) in response.headers() {
            text.push_str(&format!(
                "{name}: {}\n",
                String::from_utf8_lossy(value.as_bytes())
            ));
        }
        text.push_str(&String::from_utf8_lossy(&response.bytes().await.unwrap()));
        self.0.push(text);
        status
    }
}

/// The ways the token, or a bearer made from it, could show: as is, as
/// the exchange's Basic credentials, and the ends of the bearers the
/// upstream issued (it labels each client with one).
fn secrets(upstream: &RunningSim, token: &str) -> Vec<String> {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!(":{token}"));
    let mut secrets = vec![token.to_owned(), basic];
    for label in upstream.requests().by_token.keys() {
        let (_, tail) = label.split_once(':').unwrap();
        secrets.push(tail.to_owned());
    }
    secrets
}

#[tokio::test(flavor = "multi_thread")]
async fn the_token_is_in_no_response_and_no_log_line() {
    let upstream = scalingo_sim::start(SimConfig {
        port: 0,
        token_ttl: Duration::from_secs(2),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html>").unwrap();
    let mut seen = Seen::default();

    let mut good = gateway(&upstream.base_url(), DEMO_TOKEN, dist.path()).await;
    let fr = "/_proxy/regions/osc-fr1/v1/apps";
    for path in [
        "/",
        "/apps/shop-api",
        "/config.json",
        "/_proxy/auth/v1/users/self",
        fr,
        "/_proxy/regions/osc-fr1/v1/apps/shop-api",
        "/_proxy/regions/osc-fr1/v1/apps/shop-api/logs",
        "/_proxy/regions/osc-secnum-fr1/v1/apps",
        "/_proxy/regions/mars-1/v1/apps",
        "/_proxy/auth/v1/tokens",
        "/_proxy/auth/v1/tokens/exchange",
    ] {
        seen.send(&good, Method::GET, path, &[]).await;
    }
    let scaled = seen
        .send(
            &good,
            Method::POST,
            "/_proxy/regions/osc-fr1/v1/apps/shop-api/scale",
            &[],
        )
        .await;
    assert_eq!(scaled, 202);
    seen.send(&good, Method::POST, "/_proxy/auth/v1/tokens/exchange", &[])
        .await;
    seen.send(
        &good,
        Method::POST,
        "/_proxy/regions/osc-fr1/v1/apps/shop-api/restart",
        &[("Origin", "https://evil.example")],
    )
    .await;
    seen.send(
        &good,
        Method::GET,
        fr,
        &[("Authorization", "Bearer forged")],
    )
    .await;
    // The bearer expires upstream: the gateway exchanges the token again.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(seen.send(&good, Method::GET, fr, &[]).await, 200);

    // A gateway whose token the platform refuses.
    let refused_token = "tk-us-refused-0123456789";
    let mut refused = gateway(&upstream.base_url(), refused_token, dist.path()).await;
    assert_eq!(seen.send(&refused, Method::GET, fr, &[]).await, 502);
    seen.send(&refused, Method::GET, "/config.json", &[]).await;

    good.child.kill().await.unwrap();
    refused.child.kill().await.unwrap();
    let mut lines = good.output.lock().unwrap().clone();
    lines.extend(refused.output.lock().unwrap().iter().cloned());
    assert!(
        lines.iter().any(|l| l.contains("exchanged its API token")),
        "the session exchanged the token: {lines:#?}"
    );
    assert!(lines.len() > 20, "every level was on: {lines:#?}");
    let mut secrets = secrets(&upstream, DEMO_TOKEN);
    secrets.extend(secrets_of_refused(refused_token));
    assert!(secrets.len() >= 4, "the upstream saw bearers: {secrets:?}");
    for secret in &secrets {
        for line in &lines {
            assert!(
                !line.contains(secret.as_str()),
                "a log line has a secret: {line}"
            );
        }
        for answer in &seen.0 {
            assert!(
                !answer.contains(secret.as_str()),
                "an answer has a secret: {answer}"
            );
        }
    }
    upstream.shutdown().await;
}

fn secrets_of_refused(token: &str) -> Vec<String> {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!(":{token}"));
    vec![token.to_owned(), basic]
}
