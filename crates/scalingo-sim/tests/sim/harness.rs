//! Starting a simulator and talking to it.

use std::path::PathBuf;

use reqwest::{header::HeaderMap, Method, StatusCode};
use scalingo_api::exchange_authorization;
use scalingo_sim::{RunningSim, SimConfig, DEMO_TOKEN, GRACE_TOKEN};
use serde_json::Value;
use tempfile::TempDir;

pub struct TestSim {
    pub sim: RunningSim,
    pub base: String,
    pub client: reqwest::Client,
    pub data: PathBuf,
    pub dir: TempDir,
}

pub fn config_in(dir: &TempDir) -> SimConfig {
    SimConfig {
        port: 0,
        data: Some(dir.path().join("state.json")),
        ..SimConfig::default()
    }
}

impl TestSim {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut SimConfig)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = config_in(&dir);
        adjust(&mut config);
        Self::start_config(config, dir).await
    }

    pub async fn start_config(config: SimConfig, dir: TempDir) -> Self {
        let data = config.data.clone().unwrap_or_default();
        let sim = scalingo_sim::start(config).await.expect("simulator starts");
        TestSim {
            base: sim.base_url(),
            sim,
            client: reqwest::Client::new(),
            data,
            dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Exchanges an API token for a bearer.
    pub async fn bearer(&self, api_token: &str) -> String {
        let response = self
            .client
            .post(self.url("/v1/tokens/exchange"))
            .header("Authorization", exchange_authorization(api_token))
            .send()
            .await
            .expect("exchange");
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.expect("exchange body");
        body["token"].as_str().expect("token").to_owned()
    }

    /// A client authenticated as the demo user (Ada).
    pub async fn ada(&self) -> Api {
        self.api(Some(self.bearer(DEMO_TOKEN).await))
    }

    /// A client authenticated as Grace.
    pub async fn grace(&self) -> Api {
        self.api(Some(self.bearer(GRACE_TOKEN).await))
    }

    pub fn anonymous(&self) -> Api {
        self.api(None)
    }

    fn api(&self, bearer: Option<String>) -> Api {
        Api {
            client: self.client.clone(),
            base: self.base.clone(),
            bearer,
        }
    }

    pub async fn stop(self) -> TempDir {
        self.sim.shutdown().await;
        self.dir
    }
}

pub struct Api {
    client: reqwest::Client,
    base: String,
    pub bearer: Option<String>,
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

impl Api {
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(bearer) = &self.bearer {
            request = request.bearer_auth(bearer);
        }
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
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            text,
            json,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::POST, path, Some(body), &[]).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::PATCH, path, Some(body), &[]).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::PUT, path, Some(body), &[]).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None, &[]).await
    }

    /// The app as `GET /v1/apps/:app` shows it.
    pub async fn app(&self, ident: &str) -> Value {
        self.get(&format!("/v1/apps/{ident}")).await.expect(200)["app"].clone()
    }

    /// Names of the listed apps.
    pub async fn app_names(&self) -> Vec<String> {
        self.get("/v1/apps").await.expect(200)["apps"]
            .as_array()
            .expect("apps")
            .iter()
            .map(|a| a["name"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}
