//! Hardening, in a real browser: the strict Content-Security-Policy, a
//! flaky platform (chaos), hostile data, the token's lifecycle, and the
//! app served under a sub-path.

use std::time::Duration;

use scalingo_e2e::{dist_dir, portal_dist_dir, wait_until, Result, Session};
use scalingo_gateway::{ApiToken, GatewayConfig};
use scalingo_sim::{ChaosConfig, DemoKind};
use serde_json::{json, Value};

/// Console lines about a Content-Security-Policy violation.
fn csp_violations(console: &[String]) -> Vec<&String> {
    console
        .iter()
        .filter(|line| line.contains("Content Security Policy") || line.contains("Refused to"))
        .collect()
}

/// The page's resource timings of requests whose URL contains `part`.
async fn requests_to(session: &Session, part: &str) -> Result<usize> {
    let count = session
        .client
        .execute(
            "return performance.getEntriesByType('resource').filter(e => e.name.includes(arguments[0])).length;",
            vec![Value::from(part)],
        )
        .await?;
    Ok(count.as_u64().unwrap_or(0) as usize)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_runs_under_the_strict_csp() -> Result {
    Session::start_with("csp", |config| config.op_speed = 20.0)
        .await?
        .run(async |session| {
        let header = reqwest::get(format!("{}/apps", session.sim.base_url()))
            .await?
            .headers()
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .ok_or("the dashboard is served without a Content-Security-Policy")?;
        for directive in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "connect-src 'self'",
        ] {
            assert!(header.contains(directive), "{directive} missing from {header}");
        }
        assert!(!header.contains("unsafe-inline"), "{header}");

        // Every view, with what it draws and streams.
        session.open("/apps").await?;
        session.wait_text("tbody", "shop-api").await?;
        session.open("/apps/shop-api").await?;
        session.wait_text("h1", "shop-api").await?;
        for (tab, ready) in [
            ("metrics", ".stats-panel"),
            ("logs", ".logs__state"),
            ("containers", ".scale-panel"),
            ("activity", "main"),
            ("settings", "main"),
        ] {
            session.open(&format!("/apps/shop-api/{tab}")).await?;
            session.find(ready).await?;
        }
        session.open("/apps/shop-api/metrics").await?;
        wait_until("a chart drawn", || async {
            let n = session
                .client
                .execute("return performance.getEntriesByName('chart-drawn').length;", vec![])
                .await
                .ok()?;
            n.as_u64().filter(|n| *n > 0)
        })
        .await?;
        session.open("/activity").await?;
        session.find("main").await?;
        let console = session.console().await?;
        let violations = csp_violations(&console);
        assert!(violations.is_empty(), "CSP violations: {violations:?}");
        assert!(session.sim.csp_reports().is_empty(), "{:?}", session.sim.csp_reports());

        // The policy is live: an inline style injected on purpose is refused
        // and reported, so the silence above means something.
        session
            .client
            .execute(
                "const d = document.createElement('div'); d.innerHTML = '<p style=\"color: red\">probe</p>'; document.body.append(d);",
                vec![],
            )
            .await?;
        wait_until("the probe's violation report", || async {
            (!session.sim.csp_reports().is_empty()).then_some(())
        })
        .await?;
        session.assert_no_panic().await
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn main_flows_hold_under_chaos() -> Result {
    let chaos = ChaosConfig {
        seed: 7,
        errors: 0.12,
        rate_limited: 0.04,
        malformed: 0.04,
        latency_max: Duration::from_millis(200),
        ws_drops: 0.5,
    };
    let session = Session::start_with("chaos", |config| {
        config.op_speed = 20.0;
        config.log_rate = 5.0;
        config.chaos = Some(chaos.clone());
    })
    .await?;
    session
        .run(async |session| {
            // Reads retry: the list, an app, its charts and logs all arrive.
            session.open("/apps").await?;
            session.wait_text("tbody", "admin-portal").await?;
            session.open("/apps/admin-portal/metrics").await?;
            session.wait_text("h1", "admin-portal").await?;
            session.find("canvas").await?;
            session.open("/apps/shop-api/logs").await?;
            session.wait_text(".logs__state", "Live").await?;
            session.screenshot("1-reads").await?;

            // A change the platform refuses: said with the API's message, kept
            // on screen, sent once, and sent again only when asked.
            // This part is about the change itself: the page loads calmly, and
            // the platform refuses exactly the scale request.
            session.sim.set_chaos(None);
            session.open("/apps/admin-portal/containers").await?;
            session.wait_text("#ps-title + * tbody", "web-1").await?;
            wait_until("the web amount typed", || async {
                let number = session.find("#scale-web-number").await.ok()?;
                number.clear().await.ok()?;
                number.send_keys("3").await.ok()?;
                let preview = session.texts(".scale-preview").await.ok()?;
                preview
                    .iter()
                    .any(|p| p.contains("1×M → 3×M"))
                    .then_some(())
            })
            .await?;
            session.sim.set_chaos(Some(ChaosConfig {
                errors: 1.0,
                rate_limited: 0.0,
                malformed: 0.0,
                ws_drops: 0.0,
                latency_max: Duration::ZERO,
                ..chaos.clone()
            }));
            session
                .click_text(".scale-panel button[type='submit']", "Apply")
                .await?;
            let message = session.wait_text(".scale-panel [role='alert']", "").await?;
            assert!(
                message.contains("Internal error occured")
                    || message.contains("upstream provider returned an error"),
                "{message}"
            );
            session
                .wait_text(".scale-panel button[type='submit']", "Retry")
                .await?;
            session.wait_text(".scale-preview", "1×M → 3×M").await?;
            assert_eq!(session.value("#scale-web-number").await?, "3");
            assert_eq!(
                requests_to(session, "/scale").await?,
                1,
                "a failed scale was sent again on its own"
            );
            session.screenshot("2-scale-refused").await?;

            session.sim.set_chaos(None);
            session
                .click_text(".scale-panel button[type='submit']", "Retry")
                .await?;
            session.wait_text(".operation-banner", "Done").await?;
            assert_eq!(requests_to(session, "/scale").await?, 2);
            session.sim.set_chaos(Some(chaos.clone()));

            // The page is still usable: filter, navigate, open the palette.
            session.open("/apps").await?;
            session.wait_text("tbody", "admin-portal").await?;
            session
                .type_into("input[aria-label='Filter apps']", "shop")
                .await?;
            session
                .wait_texts("tbody tr", "only shop apps", |rows| {
                    !rows.is_empty() && rows.iter().all(|r| r.contains("shop"))
                })
                .await?;
            session.screenshot("3-still-usable").await?;
            session.assert_no_panic().await
        })
        .await
}

/// Hrefs that are neither http(s) nor same-page: must be none.
const UNSAFE_LINKS: &str = r#"
return [...document.querySelectorAll('a[href]')]
  .map(a => a.getAttribute('href'))
  .filter(h => !/^(https?:\/\/|\/|#|\?)/i.test(h) && !/^[a-z0-9._~-]+(\/|$)/i.test(h));
"#;

/// Signs that markup from the API was interpreted instead of shown.
const INJECTED: &str = r#"
return {
  alerted: window.__alerted === true,
  images: document.querySelectorAll('img[src="x"]').length,
  scripts: [...document.querySelectorAll('script')].filter(s => !s.src).length,
  overflow: document.documentElement.scrollWidth - window.innerWidth,
};
"#;

async fn assert_inert(session: &Session, page: &str) -> Result {
    let injected = session.client.execute(INJECTED, vec![]).await?;
    assert_eq!(injected["alerted"], json!(false), "{page}: an alert ran");
    assert_eq!(
        injected["images"],
        json!(0),
        "{page}: markup was interpreted"
    );
    assert_eq!(
        injected["scripts"],
        json!(0),
        "{page}: an inline script was added"
    );
    let overflow = injected["overflow"].as_i64().unwrap_or(0);
    assert!(
        overflow <= 1,
        "{page}: the page is {overflow}px wider than the window"
    );
    let unsafe_links = session.client.execute(UNSAFE_LINKS, vec![]).await?;
    assert_eq!(unsafe_links, json!([]), "{page}: links to non-http(s) URLs");
    session.assert_no_panic().await
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_data_is_shown_as_text() -> Result {
    let session = Session::start_with("hostile", |config| {
        config.demo = DemoKind::Hostile;
        config.log_rate = 5.0;
    })
    .await?;
    session
        .run(async |session| {
            // Any alert() that would run is recorded before the app starts.
            session.cdp("Page.enable", json!({})).await?;
            session
                .cdp(
                    "Page.addScriptToEvaluateOnNewDocument",
                    json!({"source": "window.alert = () => { window.__alerted = true; };"}),
                )
                .await?;
            session.open("/apps").await?;
            for name in scalingo_sim::hostile::PROBE_APPS {
                session.wait_text("tbody", name).await?;
            }
            session.screenshot("1-list").await?;
            assert_inert(session, "list").await?;
            for name in scalingo_sim::hostile::PROBE_APPS {
                for tab in [
                    "",
                    "/containers",
                    "/activity",
                    "/settings",
                    "/metrics",
                    "/logs",
                ] {
                    session.open(&format!("/apps/{name}{tab}")).await?;
                    session.wait_text("h1", name).await?;
                    // Let the tab's data arrive (or fail) before looking.
                    wait_until("the tab loaded", || async {
                        let busy = session
                            .client
                            .execute(
                                "return document.querySelectorAll('[aria-busy=\"true\"]').length;",
                                vec![],
                            )
                            .await
                            .ok()?;
                        (busy.as_u64() == Some(0)).then_some(())
                    })
                    .await?;
                    assert_inert(session, &format!("{name}{tab}")).await?;
                }
                session.screenshot(&format!("2-{name}")).await?;
            }
            // The log lines with markup (one every 70 s) are on screen, as
            // text: the last 10,000 lines, only those with a script tag.
            session
                .open(&format!(
                    "/apps/{}/logs?lines=10000&q=%3Cscript%3E&only=1",
                    scalingo_sim::hostile::PROBE_APPS[0]
                ))
                .await?;
            session.wait_text(".log-viewer", "<script>alert(").await?;
            session.screenshot("3-logs").await?;
            assert_inert(session, "logs").await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_token_is_renewed_in_memory_only() -> Result {
    let session = Session::start_with("token", |config| {
        config.token_ttl = Duration::from_secs(8);
    })
    .await?;
    session.run(async |session| {
        session.open("/apps").await?;
        session.wait_text("tbody", "shop-api").await?;
        // Renewed before expiry (short tokens at half their life), more
        // than once, without a connect screen in between.
        wait_until("two renewals", || async {
            requests_to(session, "/tokens/exchange").await.ok().filter(|n| *n >= 3)
        })
        .await?;
        session.open("/apps/shop-api").await?;
        session.wait_text("h1", "shop-api").await?;
        let stored = session
            .client
            .execute("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie + location.href;", vec![])
            .await?;
        let stored = stored.as_str().unwrap_or_default();
        assert!(!stored.contains(&session.sim.demo_token), "the API token was stored: {stored}");
        assert!(!stored.contains("eyJ"), "a bearer was stored: {stored}");
        let console = session.console().await?;
        assert!(
            console.iter().all(|l| !l.contains(&session.sim.demo_token) && !l.contains("Bearer ")),
            "a token reached the console"
        );
        session.assert_no_panic().await
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn served_from_a_sub_path() -> Result {
    let session = Session::start_with("portal", |config| {
        config.dist = Some(portal_dist_dir());
        config.base_path = "/portal/scalingo/".to_owned();
    })
    .await?;
    session.run(async |session| {
        session.open("/portal/scalingo/").await?;
        session.wait_url("/portal/scalingo/apps").await?;
        session.wait_text("tbody", "shop-api").await?;
        session.click_text("tbody a", "shop-api").await?;
        session.wait_url("/portal/scalingo/apps/shop-api").await?;
        session.wait_text("h1", "shop-api").await?;
        // A deep link under the prefix loads on its own.
        session.open("/portal/scalingo/apps/shop-api/metrics").await?;
        session.find(".stats-panel").await?;
        session.screenshot("1-deep-link").await?;
        let outside = session
            .client
            .execute(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => !p.startsWith('/portal/scalingo/') && !p.startsWith('/v1/') && !p.startsWith('/regions/') && !p.startsWith('/_logs/'));",
                vec![],
            )
            .await?;
        assert_eq!(outside, json!([]), "files loaded from outside the sub-path");

        // Hashed files are cached for good and served pre-compressed.
        let wasm = session
            .client
            .execute("return performance.getEntriesByType('resource').map(e => e.name).find(n => n.endsWith('.wasm'));", vec![])
            .await?;
        let wasm = wasm.as_str().ok_or("no wasm loaded")?.to_owned();
        let response = reqwest::Client::new()
            .get(&wasm)
            .header("Accept-Encoding", "br")
            .send()
            .await?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("content-encoding"), "br");
        assert!(header("cache-control").contains("immutable"), "{}", header("cache-control"));
        session.assert_no_panic().await
    })
    .await
}

/// A normal session of five minutes — the list, an app, its metrics, its
/// live logs — against the documented limit of 60 requests a minute: no
/// request refused, and never near the limit in any minute.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a five-minute soak: `.ci/run` runs it (cargo test -p scalingo-e2e --test hardening -- --ignored)"]
async fn a_five_minute_session_stays_under_the_rate_limit() -> Result {
    let session = Session::start_with("budget", |config| {
        config.rate_limit = Some(60);
        config.log_rate = 2.0;
    })
    .await?;
    session
        .run(async |session| {
            let mut peak = 0;
            // Watches the platform's count while the user browses.
            let browse = |path: &'static str, ready: &'static str, seconds: u64| {
                let session = &session;
                async move {
                    session.open(path).await?;
                    session.find(ready).await?;
                    let until = tokio::time::Instant::now() + Duration::from_secs(seconds);
                    let mut peak = 0;
                    while tokio::time::Instant::now() < until {
                        peak = peak.max(session.sim.requests().peak_last_minute);
                        tokio::time::sleep(Duration::from_secs(2)).await;
                    }
                    Result::Ok(peak)
                }
            };
            peak = peak.max(browse("/apps", "tbody", 30).await?);
            peak = peak.max(browse("/apps/shop-api", "h1", 30).await?);
            peak = peak.max(browse("/apps/shop-api/metrics", ".stats-panel", 120).await?);
            peak = peak.max(browse("/apps/shop-api/logs", ".logs__state", 120).await?);
            let requests = session.sim.requests();
            println!("five-minute session: {requests:?}, peak {peak} requests in a minute");
            assert_eq!(requests.refused, 0, "requests were refused: {requests:?}");
            assert!(peak < 60, "{peak} requests in one minute");
            session.wait_text(".logs__state", "Live").await?;
            session.assert_no_panic().await
        })
        .await
}

/// The dashboard behind the gateway, which holds the token: no connect
/// screen, no token exchange by the page, the apps and the live logs of
/// the platform behind it.
#[tokio::test(flavor = "multi_thread")]
async fn works_through_the_gateway_holding_the_token() -> Result {
    let session = Session::start_with("gateway", |config| config.log_rate = 5.0).await?;
    let gateway = scalingo_gateway::start(GatewayConfig {
        upstream: session.sim.base_url(),
        ..GatewayConfig::new(ApiToken::new(scalingo_sim::DEMO_TOKEN)?, dist_dir())
    })
    .await?;
    let outcome = async {
        let base = gateway.base_url();
        session.client.goto(&format!("{base}/apps")).await?;
        session.wait_text("tbody", "shop-api").await?;
        session.wait_text(".top-bar__name", "Ada Lovelace").await?;
        let buttons = session.texts(".top-bar button").await?;
        assert!(!buttons.iter().any(|b| b.contains("Disconnect")), "{buttons:?}");
        // Reads, a change and the logs stream all go through it.
        session.client.goto(&format!("{base}/apps/shop-api/logs")).await?;
        session.wait_text(".logs__state", "Live").await?;
        let exchanged = session
            .client
            .execute("return performance.getEntriesByType('resource').some(e => e.name.includes('/tokens/exchange'));", vec![])
            .await?;
        assert_eq!(exchanged, json!(false), "the page exchanged a token itself");
        session.screenshot("1-through-gateway").await?;
        let console = session.console().await?;
        assert!(csp_violations(&console).is_empty(), "{console:?}");
        session.assert_no_panic().await
    }
    .await;
    gateway.shutdown().await;
    session.conclude(outcome).await
}
