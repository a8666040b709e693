//! Chaos mode: random faults on the regional API and the logs URLs, the
//! same for the same seed, never on mutations' bodies nor on what a client
//! needs to connect.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::Method;
use scalingo_sim::ChaosConfig;
use serde_json::{json, Value};
use tokio_tungstenite::{connect_async, tungstenite::Message};

use crate::{
    harness::{Api, Reply, TestSim},
    logs::logs_url,
};

/// Only the faults given, no latency.
fn faults(seed: u64, errors: f64, rate_limited: f64, malformed: f64) -> ChaosConfig {
    ChaosConfig {
        errors,
        rate_limited,
        malformed,
        ws_drops: 0.0,
        ..ChaosConfig::with_rate(seed, 0.0)
    }
}

async fn chaos_sim(config: ChaosConfig) -> TestSim {
    TestSim::start_with(|c| c.chaos = Some(config)).await
}

/// What a client sees of a reply: its status and whether its body is JSON.
async fn outcomes(api: &Api, count: usize) -> Vec<(u16, bool)> {
    let mut seen = Vec::new();
    for _ in 0..count {
        let reply = api.get("/v1/apps").await;
        seen.push((reply.status.as_u16(), !reply.json.is_null()));
    }
    seen
}

#[tokio::test]
async fn the_same_seed_gives_the_same_faults() {
    let config = faults(7, 0.3, 0.2, 0.2);
    let first = chaos_sim(config.clone()).await;
    let second = chaos_sim(config).await;
    let a = outcomes(&first.ada().await, 40).await;
    let b = outcomes(&second.ada().await, 40).await;
    assert_eq!(a, b);
    assert!(a.contains(&(200, true)), "{a:?}");
    assert!(a.iter().any(|(s, _)| *s >= 500), "{a:?}");
    assert!(a.iter().any(|(s, _)| *s == 429), "{a:?}");
    assert!(a.contains(&(200, false)), "{a:?}");
    let other = chaos_sim(faults(8, 0.3, 0.2, 0.2)).await;
    assert_ne!(outcomes(&other.ada().await, 40).await, a);
}

#[tokio::test]
async fn server_errors_have_the_platform_bodies_and_cors() {
    let sim = chaos_sim(faults(3, 1.0, 0.0, 0.0)).await;
    let ada = sim.ada().await;
    let origin = "http://localhost:5173";
    let mut statuses = Vec::new();
    for _ in 0..30 {
        let reply = ada
            .send(Method::GET, "/v1/apps", None, &[("Origin", origin)])
            .await;
        let status = reply.status.as_u16();
        let expected = if status == 500 {
            json!({"error": "Internal error occured, we're on it!"})
        } else {
            json!({"error": "upstream provider returned an error, retry later"})
        };
        assert_eq!(reply.json, expected, "{status}");
        assert_eq!(reply.header("access-control-allow-origin"), Some(origin));
        statuses.push(status);
    }
    for status in [500, 502, 503] {
        assert!(statuses.contains(&status), "{statuses:?}");
    }
    let report = sim.anonymous().get("/_sim/chaos").await;
    assert_eq!(report.expect(200)["injected"]["server_errors"], 30);
}

#[tokio::test]
async fn rate_limited_requests_say_when_to_come_back() {
    let sim = chaos_sim(faults(3, 0.0, 1.0, 0.0)).await;
    let ada = sim.ada().await;
    for _ in 0..5 {
        let reply = ada.get("/v1/apps/shop-api").await;
        assert_eq!(
            reply.expect(429),
            &json!({"error": "Too Many Requests", "code": "rate_limited"})
        );
        let retry_after: u64 = reply.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=3).contains(&retry_after));
    }
}

#[tokio::test]
async fn malformed_bodies_are_not_json() {
    let sim = chaos_sim(faults(3, 0.0, 0.0, 1.0)).await;
    let ada = sim.ada().await;
    for _ in 0..6 {
        let reply = ada.get("/v1/apps").await;
        assert_eq!(reply.status.as_u16(), 200);
        assert!(
            serde_json::from_str::<Value>(&reply.text).is_err(),
            "{}",
            reply.text
        );
    }
    // Errors are never corrupted: a 404 stays readable.
    let missing = ada.get("/v1/apps/no-such-app").await;
    assert_eq!(missing.expect(404)["resource"], "app");
}

#[tokio::test]
async fn mutations_are_never_corrupted() {
    let sim = chaos_sim(faults(3, 0.0, 0.0, 1.0)).await;
    let ada = sim.ada().await;
    let updated = ada
        .patch("/v1/apps/shop-api", &json!({"app": {"force_https": false}}))
        .await;
    assert_eq!(updated.expect(200)["app"]["force_https"], false);
    let scaled = ada
        .post(
            "/v1/apps/shop-api/scale",
            &json!({"containers": [{"name": "web", "amount": 3, "size": "M"}]}),
        )
        .await;
    assert!(scaled.expect(202)["containers"].is_array());
    let created = ada
        .post("/v1/apps", &json!({"app": {"name": "chaos-made-app"}}))
        .await;
    assert_eq!(created.expect(201)["app"]["name"], "chaos-made-app");
}

#[tokio::test]
async fn latency_is_added() {
    let config = ChaosConfig {
        latency_max: Duration::from_millis(400),
        ..faults(5, 0.0, 0.0, 0.0)
    };
    let sim = chaos_sim(config).await;
    let ada = sim.ada().await;
    let mut slowest = Duration::ZERO;
    for _ in 0..8 {
        let started = Instant::now();
        ada.get("/v1/apps/shop-api").await.expect(200);
        slowest = slowest.max(started.elapsed());
    }
    assert!(slowest >= Duration::from_millis(150), "{slowest:?}");
}

#[tokio::test]
async fn logs_streams_are_cut_without_a_close_frame() {
    let config = ChaosConfig {
        ws_drops: 1.0,
        ..faults(5, 0.0, 0.0, 0.0)
    };
    let sim = chaos_sim(config).await;
    let url = logs_url(&sim.ada().await, "shop-api").await;
    let ws = format!("{}&stream=true", url.replacen("http://", "ws://", 1));
    let (mut socket, _) = connect_async(ws).await.expect("the stream opens");
    let started = Instant::now();
    let ending = loop {
        let next = tokio::time::timeout(Duration::from_secs(20), socket.next())
            .await
            .expect("the stream ends within the chaos bound");
        match next {
            Some(Ok(Message::Close(frame))) => break Some(frame),
            Some(Ok(_)) => continue,
            Some(Err(_)) | None => break None,
        }
    };
    assert_eq!(ending, None, "closed with a close frame");
    assert!(started.elapsed() <= Duration::from_secs(6));
    let report = sim.anonymous().get("/_sim/chaos").await;
    assert_eq!(report.expect(200)["injected"]["stream_cuts"], 1);
}

/// Everything a client needs to connect, and the simulator's controls.
async fn spared(sim: &TestSim, ada: &Api) -> Vec<Reply> {
    let anonymous = sim.anonymous();
    let mut replies = vec![
        anonymous.get("/_sim/chaos").await,
        anonymous.get("/_sim/requests").await,
        anonymous.get("/config.json").await,
        ada.get("/v1/users/self").await,
        ada.get("/v1/regions").await,
        anonymous
            .send(
                Method::OPTIONS,
                "/v1/apps",
                None,
                &[
                    ("Origin", "http://localhost:5173"),
                    ("Access-Control-Request-Method", "GET"),
                ],
            )
            .await,
    ];
    // The exchange (`TestSim::bearer` asserts its 200).
    sim.bearer(scalingo_sim::DEMO_TOKEN).await;
    replies.push(anonymous.get("/").await);
    replies
}

#[tokio::test]
async fn controls_connection_and_dashboard_are_spared() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html>").unwrap();
    let sim = TestSim::start_with(|c| {
        c.chaos = Some(faults(3, 0.5, 0.5, 0.0));
        c.dist = Some(dist.path().to_owned());
    })
    .await;
    let ada = sim.ada().await;
    for _ in 0..5 {
        for reply in spared(&sim, &ada).await {
            assert!(
                reply.status.is_success(),
                "{}: {}",
                reply.status,
                reply.text
            );
        }
    }
    let report = sim.anonymous().get("/_sim/chaos").await;
    assert_eq!(report.expect(200)["requests"], 0);
}

#[tokio::test]
async fn chaos_is_set_and_cleared_while_running() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let control = sim.anonymous();
    assert_eq!(
        control.get("/_sim/chaos").await.expect(200),
        &json!({"enabled": false})
    );
    let on = control
        .post("/_sim/chaos", &json!({"seed": 1, "errors": 1}))
        .await;
    let on = on.expect(200);
    assert_eq!(on["enabled"], true);
    assert_eq!(on["errors"], 1.0);
    assert_eq!(on["malformed"], 0.0);
    assert!(ada.get("/v1/apps").await.status.is_server_error());
    for off in [json!(null), json!({}), json!({"enabled": false})] {
        sim.sim.set_chaos(Some(faults(1, 1.0, 0.0, 0.0)));
        let reply = control.post("/_sim/chaos", &off).await;
        assert_eq!(reply.expect(200), &json!({"enabled": false}));
        ada.get("/v1/apps").await.expect(200);
    }
    let bad = control.post("/_sim/chaos", &json!({"errors": 3})).await;
    assert!(bad.expect(422)["errors"]["errors"].is_array());
    let misspelt = control.post("/_sim/chaos", &json!({"eror": 0.5})).await;
    assert!(misspelt.expect(422)["errors"]["eror"].is_array());
    sim.sim.set_chaos(Some(faults(1, 0.0, 1.0, 0.0)));
    assert_eq!(sim.sim.chaos().unwrap().rate_limited, 1.0);
    ada.get("/v1/apps").await.expect(429);
    sim.sim.set_chaos(None);
    ada.get("/v1/apps").await.expect(200);
}
