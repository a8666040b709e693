//! CORS, request ids, unknown routes, and the dashboard files.

use std::fs;

use reqwest::Method;
use scalingo_sim::DEMO_TOKEN;
use serde_json::json;

use crate::harness::TestSim;

#[tokio::test]
async fn preflight_allows_the_dashboard_headers() {
    let sim = TestSim::start().await;
    for path in [
        "/v1/apps",
        "/v1/apps/shop-api",
        "/v1/tokens/exchange",
        "/v1/nope",
    ] {
        let response = sim
            .client
            .request(Method::OPTIONS, sim.url(path))
            .header("Origin", "http://localhost:5173")
            .header("Access-Control-Request-Method", "PATCH")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type,x-dry-run",
            )
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{path}");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        assert_eq!(
            header("access-control-allow-origin"),
            "http://localhost:5173"
        );
        let allowed = header("access-control-allow-headers");
        for name in ["authorization", "content-type", "x-dry-run", "x-request-id"] {
            assert!(allowed.contains(name), "{allowed}");
        }
        let methods = header("access-control-allow-methods");
        for method in ["get", "post", "put", "patch", "delete", "head", "options"] {
            assert!(methods.contains(method), "{methods}");
        }
        assert!(!header("x-request-id").is_empty());
    }
}

#[tokio::test]
async fn responses_expose_location_and_carry_a_request_id() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let reply = ada
        .send(
            Method::GET,
            "/v1/apps",
            None,
            &[("Origin", "http://localhost:5173")],
        )
        .await;
    reply.expect(200);
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    let exposed = reply
        .header("access-control-expose-headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(exposed.contains("location") && exposed.contains("x-request-id"));
    assert!(reply
        .header("x-request-id")
        .is_some_and(|id| !id.is_empty()));

    let reply = ada
        .send(
            Method::GET,
            "/v1/apps",
            None,
            &[("X-Request-ID", "my-request-42")],
        )
        .await;
    assert_eq!(reply.header("x-request-id"), Some("my-request-42"));
    // Errors carry one too.
    let reply = sim.anonymous().get("/v1/apps").await;
    assert!(reply.header("x-request-id").is_some());
    assert_eq!(
        reply.header("content-type"),
        Some("application/json; charset=utf-8")
    );
}

#[tokio::test]
async fn unknown_api_routes_are_json_404s() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    for path in ["/v1/nope", "/v1/apps/shop-api/nope", "/v1", "/v1/"] {
        let reply = ada.get(path).await;
        assert_eq!(reply.expect(404), &json!({"error": "not found"}), "{path}");
        assert_eq!(
            reply.header("content-type"),
            Some("application/json; charset=utf-8")
        );
    }
    // Without --dist, other paths are 404s as well.
    sim.anonymous().get("/apps/shop-api").await.expect(404);
    // A known path with another method.
    let reply = ada
        .send(Method::POST, "/v1/apps/shop-api", Some(&json!({})), &[])
        .await;
    assert!(reply.expect(405)["error"].is_string());
}

#[tokio::test]
async fn head_is_allowed_where_get_is() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let reply = ada.send(Method::HEAD, "/v1/apps/shop-api", None, &[]).await;
    reply.expect(200);
    assert!(reply.text.is_empty());
    let reply = sim
        .anonymous()
        .send(Method::HEAD, "/v1/features/stacks", None, &[])
        .await;
    reply.expect(200);
}

#[tokio::test]
async fn serves_the_dashboard_with_deep_links_and_config() {
    let dist = tempfile::tempdir().unwrap();
    fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>Dashboard</title>",
    )
    .unwrap();
    fs::write(dist.path().join("app.js"), "console.log('hi')").unwrap();
    fs::write(dist.path().join("config.json"), r#"{"stale":true}"#).unwrap();
    let dist_path = dist.path().to_path_buf();
    let sim = TestSim::start_with(|c| c.dist = Some(dist_path)).await;
    let anonymous = sim.anonymous();

    let reply = anonymous.get("/app.js").await;
    reply.expect(200);
    assert_eq!(reply.text, "console.log('hi')");
    for path in [
        "/",
        "/apps/foo/overview",
        "/apps/shop-api/settings?tab=general",
    ] {
        let reply = anonymous.get(path).await;
        reply.expect(200);
        assert!(reply.text.contains("<title>Dashboard</title>"), "{path}");
        assert!(reply
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
    }
    // The API keeps its JSON 404s.
    assert_eq!(
        anonymous.get("/v1/nope").await.expect(404),
        &json!({"error": "not found"})
    );

    let reply = anonymous.get("/config.json").await;
    let config = reply.expect(200).clone();
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_eq!(config["auth_url"], sim.base.as_str());
    assert_eq!(config["demo_token"], DEMO_TOKEN);
    assert_eq!(
        config["regions"][0],
        json!({"name": "osc-fr1", "display_name": "Paris - Outscale", "api_url": sim.base})
    );

    // The origin follows the Host header the client used.
    let reply = anonymous
        .send(
            Method::GET,
            "/config.json",
            None,
            &[("Host", "dashboard.test:9000")],
        )
        .await;
    assert_eq!(reply.json["auth_url"], "http://dashboard.test:9000");
    assert_eq!(
        reply.json["regions"][0]["api_url"],
        "http://dashboard.test:9000"
    );
}

#[tokio::test]
async fn absolute_urls_follow_the_host_header() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let reply = ada
        .send(
            Method::GET,
            "/v1/regions",
            None,
            &[
                ("Host", "sim.example.test:8443"),
                ("X-Forwarded-Proto", "https"),
            ],
        )
        .await;
    assert_eq!(
        reply.expect(200)["regions"][0]["api"],
        "https://sim.example.test:8443"
    );
    let app = ada
        .send(
            Method::GET,
            "/v1/apps/shop-api",
            None,
            &[("Host", "sim.example.test")],
        )
        .await
        .json["app"]
        .clone();
    assert_eq!(
        app["links"]["deployments_stream"],
        "ws://sim.example.test/_deployments/apps/shop-api"
    );
}

#[tokio::test]
async fn a_deep_link_of_any_length_is_the_dashboard() {
    let dist = tempfile::tempdir().unwrap();
    fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>Dashboard</title>",
    )
    .unwrap();
    let dist_path = dist.path().to_path_buf();
    let sim = TestSim::start_with(|c| c.dist = Some(dist_path)).await;
    // Longer than any file name may be: a route, not a file system error.
    let path = format!("/apps/{}/settings", "a".repeat(5_000));
    let reply = sim.anonymous().get(&path).await;
    reply.expect(200);
    assert!(reply.text.contains("<title>Dashboard</title>"));
}

#[tokio::test]
async fn json_is_compressed_for_clients_that_accept_it() {
    let sim = TestSim::start().await;
    let bearer = sim.bearer(DEMO_TOKEN).await;
    let get = |encoding: Option<&'static str>| {
        let mut request = sim.client.get(sim.url("/v1/apps")).bearer_auth(&bearer);
        if let Some(encoding) = encoding {
            request = request.header("Accept-Encoding", encoding);
        }
        request.send()
    };
    let compressed = get(Some("gzip, br")).await.unwrap();
    assert_eq!(compressed.status(), 200);
    assert_eq!(
        compressed.headers().get("content-encoding").unwrap(),
        "gzip"
    );
    let bytes = compressed.bytes().await.unwrap();
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "a gzip stream");
    let plain = get(None).await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let apps: serde_json::Value = plain.json().await.unwrap();
    assert!(apps["apps"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(bytes.len() * 3 < serde_json::to_vec(&apps).unwrap().len());
}

#[tokio::test]
async fn cors_answers_loopback_and_named_origins_only() {
    let sim = TestSim::start_with(|c| {
        c.allowed_origins = vec!["https://portal.example.com".to_owned()];
    })
    .await;
    let ada = sim.ada().await;
    for (origin, allowed) in [
        ("http://localhost:5173", true),
        ("http://127.0.0.1:9000", true),
        ("https://portal.example.com", true),
        ("https://evil.example", false),
        ("http://localhost.evil.example", false),
    ] {
        let reply = ada
            .send(Method::GET, "/v1/apps", None, &[("Origin", origin)])
            .await;
        reply.expect(200);
        assert_eq!(
            reply.header("access-control-allow-origin"),
            allowed.then_some(origin),
            "{origin}"
        );
    }
}
