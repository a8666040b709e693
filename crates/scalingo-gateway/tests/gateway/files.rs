//! The dashboard as the gateway serves it.

use crate::harness::World;

#[tokio::test]
async fn the_policy_lets_the_browser_reach_upstream_logs() {
    let world = World::start().await;
    let page = world.get("/").await;
    page.expect(200);
    let policy = page.header("content-security-policy").unwrap().to_owned();
    let upstream = world.upstream.base_url();
    let upstream_ws = upstream.replacen("http://", "ws://", 1);
    assert!(
        policy.contains(&format!("connect-src 'self' {upstream} {upstream_ws}")),
        "{policy}"
    );
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{policy}"
    );
    assert!(!policy.contains("report-uri"), "{policy}");
    assert_eq!(page.header("x-frame-options"), Some("SAMEORIGIN"));
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    // The logs URL the upstream hands out is on an allowed origin, and
    // needs nothing from the gateway.
    let logs = world
        .get("/_proxy/regions/osc-fr1/v1/apps/shop-api/logs")
        .await;
    let logs_url = logs.expect(200)["logs_url"].as_str().unwrap().to_owned();
    assert!(logs_url.starts_with(&upstream), "{logs_url}");
    let lines = reqwest::get(&logs_url).await.unwrap();
    assert!(lines.status().is_success());
    world.stop().await;
}

#[tokio::test]
async fn deep_links_are_the_dashboard_and_unknown_files_are_404() {
    let world = World::start().await;
    for path in ["/apps/shop-api/metrics?since=3", "/activity"] {
        let reply = world.get(path).await;
        assert!(reply.expect(200).is_null(), "{path}");
        assert!(reply.text.contains("<title>dashboard</title>"), "{path}");
    }
    // A file of another build (a chunk after a redeploy) is missing, not a
    // page: its loader reports it, and nothing keeps the answer.
    let missing = world.get("/app-0123456789abcdef.js").await;
    missing.expect(404);
    assert_eq!(
        missing
            .headers
            .get("cache-control")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("no-cache")
    );
    world.stop().await;
}
