//! Proxy mode: a simulator that forwards to another one (standing for the
//! real platform), holding the API token.

use std::time::Duration;

use reqwest::Method;
use scalingo_sim::{ProxyConfig, DEMO_TOKEN};
use serde_json::json;

use crate::harness::{Reply, TestSim};

/// An upstream platform and a proxy to it with `token`.
async fn proxied(token: &str) -> (TestSim, TestSim) {
    proxied_with(token, |_| {}).await
}

async fn proxied_with(
    token: &str,
    adjust_upstream: impl FnOnce(&mut scalingo_sim::SimConfig),
) -> (TestSim, TestSim) {
    let upstream = TestSim::start_with(adjust_upstream).await;
    let proxy = proxy_to(&upstream.base, token).await;
    (upstream, proxy)
}

async fn proxy_to(upstream: &str, token: &str) -> TestSim {
    let config = ProxyConfig {
        upstream: upstream.to_owned(),
        token: token.to_owned(),
    };
    TestSim::start_with(move |c| c.proxy = Some(config)).await
}

fn names(reply: &Reply) -> Vec<String> {
    reply.json["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .map(|a| a["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn config_json_points_at_the_proxy() {
    let (_upstream, proxy) = proxied(DEMO_TOKEN).await;
    let reply = proxy.anonymous().get("/config.json").await;
    let config = reply.expect(200);
    let base = &proxy.base;
    assert_eq!(config["proxy"], true);
    assert_eq!(config["auth_url"], format!("{base}/_proxy/auth"));
    assert!(config.get("demo_token").is_none());
    let regions = config["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 2);
    assert_eq!(regions[0]["name"], "osc-fr1");
    assert_eq!(
        regions[1]["api_url"],
        format!("{base}/_proxy/regions/osc-secnum-fr1")
    );
    assert!(regions[0]["display_name"].is_string());
}

#[tokio::test]
async fn apps_are_listed_without_any_authorization() {
    let (_upstream, proxy) = proxied(DEMO_TOKEN).await;
    let browser = proxy.anonymous();
    let fr = browser.get("/_proxy/regions/osc-fr1/v1/apps").await;
    fr.expect(200);
    assert!(names(&fr).contains(&"shop-api".to_owned()));
    let secnum = browser.get("/_proxy/regions/osc-secnum-fr1/v1/apps").await;
    secnum.expect(200);
    assert!(names(&secnum).contains(&"secure-gateway".to_owned()));
    assert!(!names(&secnum).contains(&"shop-api".to_owned()));
    let user = browser.get("/_proxy/auth/v1/users/self").await;
    assert_eq!(user.expect(200)["user"]["username"], "ada");
    // Whatever Authorization the browser sends is replaced.
    let forged = browser
        .send(
            Method::GET,
            "/_proxy/regions/osc-fr1/v1/apps/shop-api",
            None,
            &[("Authorization", "Bearer forged"), ("Cookie", "a=b")],
        )
        .await;
    assert_eq!(forged.expect(200)["app"]["name"], "shop-api");
    // Errors come back as they are.
    let missing = browser
        .get("/_proxy/regions/osc-fr1/v1/apps/nope-nope")
        .await;
    assert_eq!(missing.expect(404)["resource"], "app");
    let region = browser.get("/_proxy/regions/mars-1/v1/apps").await;
    assert_eq!(region.expect(404)["resource"], "region");
    // The proxy simulates nothing itself, and counts what it forwards.
    browser.get("/v1/apps").await.expect(404);
    assert!(proxy.sim.requests().by_token["proxy"].total >= 5);
}

#[tokio::test]
async fn a_scale_through_the_proxy_points_back_at_it() {
    let (_upstream, proxy) = proxied(DEMO_TOKEN).await;
    let browser = proxy.anonymous();
    // X-Dry-Run goes through: the app is validated, not created.
    let dry = browser
        .send(
            Method::POST,
            "/_proxy/regions/osc-fr1/v1/apps",
            Some(&json!({"app": {"name": "dry-run-app"}})),
            &[("X-Dry-Run", "true")],
        )
        .await;
    assert_eq!(dry.expect(201)["app"]["name"], "dry-run-app");
    browser
        .get("/_proxy/regions/osc-fr1/v1/apps/dry-run-app")
        .await
        .expect(404);
    let scaled = browser
        .post(
            "/_proxy/regions/osc-fr1/v1/apps/shop-api/scale",
            &json!({"containers": [{"name": "web", "amount": 4, "size": "M"}]}),
        )
        .await;
    assert!(scaled.expect(202)["containers"].is_array());
    let location = scaled.header("location").unwrap().to_owned();
    let prefix = format!(
        "{}/_proxy/regions/osc-fr1/v1/apps/shop-api/operations/",
        proxy.base
    );
    assert!(location.starts_with(&prefix), "{location}");
    let path = location.strip_prefix(&proxy.base).unwrap();
    let operation = browser.get(path).await;
    assert_eq!(operation.expect(200)["operation"]["type"], "scale");
    // In the other region, the Location names that region.
    let restarted = browser
        .post(
            "/_proxy/regions/osc-secnum-fr1/v1/apps/secure-gateway/restart",
            &json!({}),
        )
        .await;
    restarted.expect(202);
    let location = restarted.header("location").unwrap();
    assert!(
        location.starts_with(&format!(
            "{}/_proxy/regions/osc-secnum-fr1/v1/apps/",
            proxy.base
        )),
        "{location}"
    );
}

#[tokio::test]
async fn a_refused_token_gives_a_clear_error() {
    let (_upstream, proxy) = proxied("tk-us-not-a-real-token").await;
    for path in ["/_proxy/regions/osc-fr1/v1/apps", "/config.json"] {
        let reply = proxy.anonymous().get(path).await;
        let body = reply.expect(502);
        assert_eq!(body["code"], "proxy_token_refused", "{path}");
        let message = body["error"].as_str().unwrap();
        assert!(message.contains("SCALINGO_API_TOKEN"), "{message}");
        assert!(message.contains("Invalid credentials"), "{message}");
        assert!(!reply.text.contains("not-a-real-token"));
    }
}

#[tokio::test]
async fn an_unreachable_upstream_gives_a_clear_error() {
    let upstream = TestSim::start().await;
    let base = upstream.base.clone();
    upstream.stop().await;
    let proxy = proxy_to(&base, DEMO_TOKEN).await;
    let reply = proxy.anonymous().get("/_proxy/auth/v1/users/self").await;
    assert_eq!(reply.expect(502)["code"], "upstream_unreachable");
}

#[tokio::test]
async fn an_expired_bearer_is_exchanged_again() {
    let (_upstream, proxy) =
        proxied_with(DEMO_TOKEN, |c| c.token_ttl = Duration::from_secs(1)).await;
    let browser = proxy.anonymous();
    browser
        .get("/_proxy/regions/osc-fr1/v1/apps")
        .await
        .expect(200);
    // The bearer has expired upstream: its 401 makes the proxy exchange
    // the token again and resend the request.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    browser
        .get("/_proxy/regions/osc-fr1/v1/apps/shop-api")
        .await
        .expect(200);
}

#[tokio::test]
async fn tokens_and_other_sites_are_refused() {
    let (_upstream, proxy) = proxied(DEMO_TOKEN).await;
    let browser = proxy.anonymous();
    for path in ["/_proxy/auth/v1/tokens/exchange", "/_proxy/auth/v1/tokens"] {
        let reply = browser.post(path, &json!({})).await;
        assert_eq!(reply.expect(403)["code"], "token_routes_refused");
        assert!(!reply.text.contains("eyJ"), "a bearer leaked");
    }
    let cross_site = browser
        .send(
            Method::POST,
            "/_proxy/regions/osc-fr1/v1/apps/shop-api/restart",
            Some(&json!({})),
            &[("Origin", "https://evil.example")],
        )
        .await;
    assert_eq!(cross_site.expect(403)["code"], "cross_site_request");
    assert!(cross_site.header("access-control-allow-origin").is_none());
    // Sent as is (an HTTP client library would resolve the dots first).
    let dotted = raw_get(&proxy, "/_proxy/regions/osc-fr1/v1/%2e%2e/v1/apps").await;
    assert!(dotted.starts_with("HTTP/1.1 400"), "{dotted}");
}

/// The status line and headers of a `GET` of `path`, exactly as written.
async fn raw_get(sim: &TestSim, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(sim.sim.addr).await.unwrap();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        sim.sim.addr
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn the_policy_lets_the_browser_reach_upstream_logs() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html>").unwrap();
    let upstream = TestSim::start().await;
    let config = ProxyConfig {
        upstream: upstream.base.clone(),
        token: DEMO_TOKEN.to_owned(),
    };
    let dist_path = dist.path().to_owned();
    let proxy = TestSim::start_with(move |c| {
        c.proxy = Some(config);
        c.dist = Some(dist_path);
    })
    .await;
    let page = proxy.client.get(proxy.url("/")).send().await.unwrap();
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let upstream_ws = upstream.base.replacen("http://", "ws://", 1);
    assert!(policy.contains(&format!(" {} ", upstream.base)), "{policy}");
    assert!(policy.contains(&format!(" {upstream_ws}")), "{policy}");
    // The logs URL upstream hands out is on an allowed origin.
    let logs = proxy
        .anonymous()
        .get("/_proxy/regions/osc-fr1/v1/apps/shop-api/logs")
        .await;
    let logs_url = logs.expect(200)["logs_url"].as_str().unwrap().to_owned();
    assert!(logs_url.starts_with(&upstream.base), "{logs_url}");
    let lines = reqwest::get(&logs_url).await.unwrap();
    assert!(lines.status().is_success());
}

#[tokio::test]
async fn https_upstreams_are_accepted() {
    // The real API is HTTPS: the proxy starts for it (it reaches it only
    // when the dashboard asks, so no network is needed here).
    let dir = tempfile::tempdir().unwrap();
    let config = scalingo_sim::SimConfig {
        proxy: Some(ProxyConfig {
            upstream: "https://auth.scalingo.com".to_owned(),
            token: DEMO_TOKEN.to_owned(),
        }),
        ..crate::harness::config_in(&dir)
    };
    let proxy = scalingo_sim::start(config)
        .await
        .expect("an https upstream is accepted");
    proxy.shutdown().await;
}
