//! A simulator standing for the real platform, and a gateway to it.

use reqwest::{header::HeaderMap, Method, StatusCode};
use scalingo_gateway::{ApiToken, GatewayConfig, RunningGateway};
use scalingo_sim::{RunningSim, SimConfig, DEMO_TOKEN};
use serde_json::Value;
use tempfile::TempDir;

pub const INDEX: &str = "<!doctype html><title>dashboard</title>";

/// A dist directory with an index.
pub fn dist() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), INDEX).unwrap();
    dir
}

pub struct World {
    pub upstream: RunningSim,
    pub gateway: RunningGateway,
    pub base: String,
    client: reqwest::Client,
    _dist: TempDir,
}

impl World {
    /// A simulator and a gateway to it with the demo token.
    pub async fn start() -> World {
        Self::start_with(|_| {}, |_| {}).await
    }

    pub async fn start_with(
        adjust_upstream: impl FnOnce(&mut SimConfig),
        adjust_gateway: impl FnOnce(&mut GatewayConfig),
    ) -> World {
        let mut config = SimConfig {
            port: 0,
            ..SimConfig::default()
        };
        adjust_upstream(&mut config);
        let upstream = scalingo_sim::start(config).await.expect("simulator starts");
        let upstream_url = upstream.base_url();
        Self::to(upstream, &upstream_url, adjust_gateway).await
    }

    /// A gateway to `upstream_url` (`upstream` stays up, or not, beside it).
    pub async fn to(
        upstream: RunningSim,
        upstream_url: &str,
        adjust_gateway: impl FnOnce(&mut GatewayConfig),
    ) -> World {
        let dist = dist();
        let mut config = GatewayConfig {
            upstream: upstream_url.to_owned(),
            ..GatewayConfig::new(ApiToken::new(DEMO_TOKEN).unwrap(), dist.path().to_owned())
        };
        adjust_gateway(&mut config);
        let gateway = scalingo_gateway::start(config)
            .await
            .expect("gateway starts");
        World {
            base: gateway.base_url(),
            upstream,
            gateway,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            _dist: dist,
        }
    }

    /// A request as the dashboard's page sends it: no `Authorization`.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(body);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        Reply {
            status,
            json: serde_json::from_str(&text).unwrap_or(Value::Null),
            headers,
            text,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::POST, path, Some(body), &[]).await
    }

    pub async fn stop(self) {
        self.gateway.shutdown().await;
        self.upstream.shutdown().await;
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    /// `Null` when the body is empty or not JSON.
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status, with the body in the message.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        &self.json
    }
}
