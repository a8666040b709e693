//! The rate limit (a sliding window per bearer token) and the request
//! counts behind `/_sim/requests`.

use std::time::Duration;

use serde_json::json;

use crate::harness::TestSim;

async fn limited_sim(limit: u32, window: Duration) -> TestSim {
    TestSim::start_with(|c| {
        c.rate_limit = Some(limit);
        c.rate_window = window;
    })
    .await
}

#[tokio::test]
async fn over_the_limit_requests_get_429_with_retry_after() {
    let sim = limited_sim(3, Duration::from_secs(60)).await;
    let ada = sim.ada().await;
    for _ in 0..3 {
        ada.get("/v1/apps").await.expect(200);
    }
    let refused = ada.get("/v1/apps").await;
    assert_eq!(
        refused.expect(429),
        &json!({"error": "Too Many Requests", "code": "rate_limited"})
    );
    let retry_after: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((59..=60).contains(&retry_after), "{retry_after}");
    // Per token: another user is not affected, nor the controls.
    sim.grace().await.get("/v1/apps").await.expect(200);
    sim.anonymous().get("/_sim/requests").await.expect(200);
    let counts = sim.sim.requests();
    assert_eq!(counts.total, 5);
    assert_eq!(counts.refused, 1);
    assert_eq!(counts.max_last_minute, 3);
    assert_eq!(counts.peak_last_minute, 3);
}

#[tokio::test]
async fn the_window_slides_and_refusals_take_no_place_in_it() {
    let sim = limited_sim(2, Duration::from_millis(1500)).await;
    let ada = sim.ada().await;
    ada.get("/v1/apps").await.expect(200);
    ada.get("/v1/apps").await.expect(200);
    for _ in 0..3 {
        let refused = ada.get("/v1/apps").await;
        refused.expect(429);
        let retry_after: u64 = refused.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=2).contains(&retry_after), "{retry_after}");
    }
    tokio::time::sleep(Duration::from_millis(1600)).await;
    // The refused requests did not extend the wait.
    ada.get("/v1/apps").await.expect(200);
    ada.get("/v1/apps").await.expect(200);
    ada.get("/v1/apps").await.expect(429);
    let counts = sim.sim.requests();
    assert_eq!((counts.total, counts.refused), (8, 4));
    assert_eq!(counts.max_last_minute, 2);
    assert_eq!(counts.peak_last_minute, 2);
}

#[tokio::test]
async fn requests_are_counted_per_token_without_a_limit() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let grace = sim.grace().await;
    for _ in 0..70 {
        ada.get("/v1/apps/shop-api").await.expect(200);
    }
    grace.get("/v1/users/self").await.expect(200);
    sim.anonymous().get("/config.json").await.expect(200);
    let reply = sim.anonymous().get("/_sim/requests").await;
    let body = reply.expect(200);
    assert_eq!(body["total"], 71);
    assert_eq!(body["refused"], 0);
    assert_eq!(body["max_last_minute"], 70);
    assert_eq!(body["peak_last_minute"], 70);
    assert_eq!(body["limit"], json!(null));
    assert_eq!(body["window_seconds"], 60.0);
    let tokens = body["tokens"].as_object().unwrap();
    assert_eq!(tokens.len(), 2);
    let (ada_label, ada_counts) = tokens.iter().find(|(l, _)| l.starts_with("ada:")).unwrap();
    assert_eq!(ada_label.len(), "ada:".len() + 8);
    assert_eq!(
        ada_counts,
        &json!({"last_minute": 70, "peak_last_minute": 70, "total": 70, "refused": 0})
    );
    let counts = sim.sim.requests();
    assert_eq!(counts.by_token.len(), 2);
    assert_eq!(counts.max_last_minute, 70);
    // Forgotten on request.
    sim.anonymous().delete("/_sim/requests").await.expect(204);
    assert_eq!(sim.sim.requests().total, 0);
}

#[tokio::test]
async fn the_limit_changes_while_running() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let control = sim.anonymous();
    let reply = control.post("/_sim/rate-limit", &json!({"limit": 1})).await;
    assert_eq!(reply.expect(200)["limit"], 1);
    ada.get("/v1/apps").await.expect(200);
    ada.get("/v1/apps").await.expect(429);
    control
        .post("/_sim/rate-limit", &json!({"limit": 0}))
        .await
        .expect(422);
    control
        .post("/_sim/rate-limit", &json!({"limit": null}))
        .await
        .expect(200);
    ada.get("/v1/apps").await.expect(200);
    sim.sim.set_rate_limit(Some(1));
    ada.get("/v1/apps").await.expect(429);
    sim.sim.reset_requests();
    ada.get("/v1/apps").await.expect(200);
}

#[tokio::test]
async fn a_zero_limit_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let config = scalingo_sim::SimConfig {
        rate_limit: Some(0),
        ..crate::harness::config_in(&dir)
    };
    assert!(scalingo_sim::start(config).await.is_err());
}

#[tokio::test]
async fn the_busiest_minute_is_remembered() {
    let sim = TestSim::start_with(|c| c.rate_window = Duration::from_millis(1000)).await;
    let ada = sim.ada().await;
    for _ in 0..3 {
        ada.get("/v1/apps").await.expect(200);
    }
    tokio::time::sleep(Duration::from_millis(1100)).await;
    ada.get("/v1/apps").await.expect(200);
    let counts = sim.sim.requests();
    assert_eq!(counts.max_last_minute, 1);
    assert_eq!(counts.peak_last_minute, 3);
}
