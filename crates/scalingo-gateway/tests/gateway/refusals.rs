//! What the gateway will not forward, whoever asks.

use reqwest::Method;
use serde_json::json;

use crate::harness::World;

#[tokio::test]
async fn token_routes_are_refused() {
    let world = World::start().await;
    let before = world.upstream.requests().total;
    for path in ["/_proxy/auth/v1/tokens/exchange", "/_proxy/auth/v1/tokens"] {
        for method in [Method::GET, Method::POST] {
            let reply = world.send(method, path, Some(&json!({})), &[]).await;
            assert_eq!(reply.expect(403)["code"], "token_routes_refused");
            assert!(!reply.text.contains("eyJ"), "a bearer leaked");
        }
    }
    assert_eq!(
        world.upstream.requests().total,
        before,
        "nothing reached upstream"
    );
    world.stop().await;
}

#[tokio::test]
async fn requests_from_other_sites_are_refused_and_get_no_cors() {
    let world = World::start().await;
    let before = world.upstream.requests().total;
    let path = "/_proxy/regions/osc-fr1/v1/apps/shop-api/restart";
    for headers in [
        [("Origin", "https://evil.example"), ("X-Any", "1")],
        [
            ("Sec-Fetch-Site", "cross-site"),
            ("Origin", "https://evil.example"),
        ],
        [("Sec-Fetch-Site", "same-site"), ("X-Any", "1")],
    ] {
        let reply = world
            .send(Method::POST, path, Some(&json!({})), &headers)
            .await;
        assert_eq!(reply.expect(403)["code"], "cross_site_request");
        assert!(reply.header("access-control-allow-origin").is_none());
    }
    // A preflight gets nothing that would let a browser go on.
    let preflight = world
        .send(
            Method::OPTIONS,
            "/_proxy/regions/osc-fr1/v1/apps",
            None,
            &[
                ("Origin", "https://evil.example"),
                ("Access-Control-Request-Method", "GET"),
            ],
        )
        .await;
    assert!(preflight.header("access-control-allow-origin").is_none());
    assert_eq!(
        world.upstream.requests().total,
        before,
        "nothing reached upstream"
    );
    // The page's own requests pass.
    let same = world
        .send(
            Method::GET,
            "/_proxy/regions/osc-fr1/v1/apps",
            None,
            &[("Sec-Fetch-Site", "same-origin")],
        )
        .await;
    same.expect(200);
    world.stop().await;
}

#[tokio::test]
async fn dot_segments_are_refused() {
    let world = World::start().await;
    // Sent as is (an HTTP client library would resolve the dots first).
    let dotted = raw_get(&world, "/_proxy/regions/osc-fr1/v1/%2e%2e/v1/apps").await;
    assert!(dotted.starts_with("HTTP/1.1 400"), "{dotted}");
    let plain = raw_get(&world, "/_proxy/regions/osc-fr1/v1/../../auth/v1/tokens").await;
    assert!(plain.starts_with("HTTP/1.1 400"), "{plain}");
    world.stop().await;
}

/// The status line and headers of a `GET` of `path`, exactly as written.
async fn raw_get(world: &World, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = world.gateway.addr;
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    String::from_utf8_lossy(&response).into_owned()
}
