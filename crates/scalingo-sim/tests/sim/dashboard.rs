//! Serving the built dashboard: security headers, caching, precompressed
//! files, CSP reports, and a base path.

use std::path::Path;

use reqwest::{redirect::Policy, Method, StatusCode};
use scalingo_sim::ChaosConfig;
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::harness::TestSim;

const WASM: &str = "app-0123456789abcdef_bg.wasm";
const START: &str = "start-0123456789abcdef.js";
const INDEX: &str = "<!doctype html><title>dashboard</title>";

/// A dist directory like the build's: hashed files with `.br`/`.gz`
/// copies (their content says which one was sent).
fn dist() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write =
        |name: &str, content: &[u8]| std::fs::write(dir.path().join(name), content).unwrap();
    write("index.html", INDEX.as_bytes());
    write("index.html.br", b"brotli index");
    write(WASM, b"\0asm plain");
    write(&format!("{WASM}.br"), b"brotli wasm");
    write(&format!("{WASM}.gz"), b"gzip wasm");
    write(START, b"import init from './app.js';");
    write(&format!("{START}.gz"), b"gzip start");
    write("favicon.svg", b"<svg/>");
    dir
}

async fn dashboard_sim(dist: &Path, adjust: impl FnOnce(&mut scalingo_sim::SimConfig)) -> TestSim {
    let dist = dist.to_owned();
    TestSim::start_with(move |c| {
        c.dist = Some(dist);
        adjust(c);
    })
    .await
}

/// A client that shows redirects instead of following them.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

struct Fetched {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Fetched {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn fetch(sim: &TestSim, path: &str, accept_encoding: Option<&str>) -> Fetched {
    let mut request = client().get(sim.url(path));
    if let Some(encodings) = accept_encoding {
        request = request.header("accept-encoding", encodings);
    }
    let response = request.send().await.unwrap();
    Fetched {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

fn expected_policy(base: &str) -> String {
    let ws = base.replacen("http://", "ws://", 1);
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: https:; connect-src 'self' {base} {ws}; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'self'; \
         report-uri {base}/_sim/csp-reports"
    )
}

#[track_caller]
fn assert_security_headers(fetched: &Fetched, base: &str) {
    assert_eq!(
        fetched.header("content-security-policy"),
        Some(expected_policy(base).as_str())
    );
    assert_eq!(fetched.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(fetched.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(fetched.header("x-frame-options"), Some("SAMEORIGIN"));
    assert_eq!(
        fetched.header("cross-origin-opener-policy"),
        Some("same-origin")
    );
    assert!(fetched
        .header("permissions-policy")
        .is_some_and(|p| p.contains("camera=()")));
}

#[tokio::test]
async fn pages_and_files_carry_the_security_headers() {
    let dist = dist();
    let sim = dashboard_sim(dist.path(), |_| {}).await;
    for path in [
        "/",
        "/apps/shop-api/logs?since=3",
        &format!("/{WASM}"),
        "/favicon.svg",
    ] {
        let fetched = fetch(&sim, path, None).await;
        assert_eq!(fetched.status, StatusCode::OK, "{path}");
        assert_security_headers(&fetched, &sim.base);
    }
    let deep_link = fetch(&sim, "/apps/shop-api/logs", None).await;
    assert_eq!(deep_link.text(), INDEX);
    // The API is not a page: no policy there.
    let api = fetch(&sim, "/config.json", None).await;
    assert!(api.header("content-security-policy").is_none());
    // Unknown paths of the API and the simulator are JSON 404s, not pages.
    for path in ["/v1/nope", "/_sim/nope", "/_logs/x"] {
        let fetched = fetch(&sim, path, None).await;
        assert_eq!(fetched.status, StatusCode::NOT_FOUND, "{path}");
        assert!(fetched.header("content-security-policy").is_none());
    }
}

#[tokio::test]
async fn hashed_files_are_immutable_and_pages_revalidated() {
    let dist = dist();
    let sim = dashboard_sim(dist.path(), |_| {}).await;
    let immutable = "public, max-age=31536000, immutable";
    for path in [format!("/{WASM}"), format!("/{START}")] {
        let fetched = fetch(&sim, &path, None).await;
        assert_eq!(fetched.header("cache-control"), Some(immutable), "{path}");
    }
    for path in ["/", "/index.html", "/apps/x", "/favicon.svg"] {
        let fetched = fetch(&sim, path, None).await;
        assert_eq!(fetched.header("cache-control"), Some("no-cache"), "{path}");
    }
    // A missing file (a chunk of an earlier build) is a 404 that is not
    // kept, even when its name looks hashed; a route is still a page.
    for path in [
        "/app-fedcba9876543210.js",
        "/split_logs_tab-0123456789abcdef.wasm",
    ] {
        let missing = fetch(&sim, path, None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(missing.header("cache-control"), Some("no-cache"), "{path}");
    }
    assert_eq!(fetch(&sim, "/apps/shop-api", None).await.text(), INDEX);
    let config = fetch(&sim, "/config.json", None).await;
    assert_eq!(config.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn precompressed_copies_are_served_to_clients_that_accept_them() {
    let dist = dist();
    let sim = dashboard_sim(dist.path(), |_| {}).await;
    let wasm = format!("/{WASM}");
    let brotli = fetch(&sim, &wasm, Some("gzip, deflate, br")).await;
    assert_eq!(brotli.body, b"brotli wasm");
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert_eq!(brotli.header("content-type"), Some("application/wasm"));
    assert_eq!(brotli.header("vary"), Some("accept-encoding"));
    assert_security_headers(&brotli, &sim.base);
    let gzip = fetch(&sim, &wasm, Some("gzip")).await;
    assert_eq!(gzip.body, b"gzip wasm");
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    let plain = fetch(&sim, &wasm, None).await;
    assert_eq!(plain.body, b"\0asm plain");
    assert!(plain.header("content-encoding").is_none());
    assert_eq!(plain.header("vary"), Some("accept-encoding"));
    // Only what the build wrote: no `.br` of the start-up script.
    let start = fetch(&sim, &format!("/{START}"), Some("br, gzip")).await;
    assert_eq!(start.body, b"gzip start");
    assert!(start
        .header("content-type")
        .is_some_and(|t| t.contains("javascript")));
    // The page too, for a deep link.
    let page = fetch(&sim, "/apps/x", Some("br")).await;
    assert_eq!(page.body, b"brotli index");
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
}

#[tokio::test]
async fn csp_reports_are_kept_and_listed() {
    let sim = TestSim::start_with(|c| {
        c.rate_limit = Some(1);
        c.chaos = Some(ChaosConfig {
            errors: 1.0,
            ..ChaosConfig::with_rate(1, 0.0)
        });
    })
    .await;
    let post = |content_type: &'static str, body: Value| {
        let request = sim
            .client
            .post(sim.url("/_sim/csp-reports"))
            .header("content-type", content_type)
            .body(body.to_string());
        async move { request.send().await.unwrap().status() }
    };
    let legacy = json!({"csp-report": {
        "document-uri": "http://localhost/", "violated-directive": "script-src-elem",
        "blocked-uri": "inline"
    }});
    assert_eq!(post("application/csp-report", legacy.clone()).await, 204);
    let reporting = json!([
        {"type": "csp-violation", "body": {"effectiveDirective": "style-src-attr"}},
        {"type": "csp-violation", "body": {"effectiveDirective": "img-src"}},
    ]);
    // Neither rate limited nor touched by chaos.
    for _ in 0..3 {
        assert_eq!(
            post("application/reports+json", reporting.clone()).await,
            204
        );
    }
    let listed = sim.anonymous().get("/_sim/csp-reports").await;
    let reports = listed.expect(200)["reports"].as_array().unwrap().clone();
    assert_eq!(reports.len(), 7);
    assert_eq!(reports[0], legacy);
    assert_eq!(reports[1]["body"]["effectiveDirective"], "style-src-attr");
    assert_eq!(sim.sim.csp_reports(), reports);
    // An empty body is no report; a body that is not JSON is refused.
    let empty = sim
        .anonymous()
        .send(Method::POST, "/_sim/csp-reports", None, &[])
        .await;
    assert_eq!(empty.status.as_u16(), 204);
    let garbage = sim
        .client
        .post(sim.url("/_sim/csp-reports"))
        .header("content-type", "application/csp-report")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), 400);
    assert_eq!(sim.sim.csp_reports().len(), 7);
    sim.anonymous()
        .delete("/_sim/csp-reports")
        .await
        .expect(204);
    assert!(sim.sim.csp_reports().is_empty());
}

#[tokio::test]
async fn the_dashboard_lives_under_its_base_path() {
    let dist = dist();
    let sim = dashboard_sim(dist.path(), |c| c.base_path = "portal/scalingo".to_owned()).await;
    assert_eq!(sim.sim.base_path(), "/portal/scalingo/");
    for path in ["/", "/portal/scalingo"] {
        let redirect = fetch(&sim, path, None).await;
        assert!(redirect.status.is_redirection(), "{path}");
        assert_eq!(redirect.header("location"), Some("/portal/scalingo/"));
    }
    let page = fetch(&sim, "/portal/scalingo/", None).await;
    assert_eq!(page.text(), INDEX);
    assert_security_headers(&page, &sim.base);
    let deep_link = fetch(&sim, "/portal/scalingo/apps/x", None).await;
    assert_eq!(deep_link.text(), INDEX);
    let wasm = fetch(&sim, &format!("/portal/scalingo/{WASM}"), None).await;
    assert_eq!(wasm.body, b"\0asm plain");
    assert_eq!(
        wasm.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let config = fetch(&sim, "/portal/scalingo/config.json", None).await;
    let config: Value = serde_json::from_slice(&config.body).unwrap();
    assert_eq!(config["auth_url"], sim.base);
    assert_eq!(config["regions"][0]["api_url"], sim.base);
    assert_eq!(config["demo_token"], scalingo_sim::DEMO_TOKEN);
    // Outside the base: not the dashboard.
    let outside = fetch(&sim, "/apps/x", None).await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
    // The API, the controls and the regions stay at the root.
    let ada = sim.ada().await;
    ada.get("/v1/apps").await.expect(200);
    ada.get("/regions/osc-secnum-fr1/v1/apps").await.expect(200);
    sim.anonymous().get("/_sim/requests").await.expect(200);
    sim.anonymous().get("/config.json").await.expect(200);
}

#[tokio::test]
async fn base_paths_that_would_hide_the_api_are_refused() {
    for base in ["/v1", "/_sim/x", "/a/../b"] {
        let dir = tempfile::tempdir().unwrap();
        let config = scalingo_sim::SimConfig {
            base_path: base.to_owned(),
            ..crate::harness::config_in(&dir)
        };
        assert!(scalingo_sim::start(config).await.is_err(), "{base}");
    }
}
