//! One region down (`/_sim/regions/:name/down`): its API answers 503, the
//! auth routes and the other region do not notice.

use reqwest::Method;
use serde_json::json;

use crate::{
    harness::{Api, Reply, TestSim},
    regions::SECNUM,
};

const ORIGIN: &str = "http://localhost:5173";

async fn get_from_browser(api: &Api, path: &str) -> Reply {
    api.send(Method::GET, path, None, &[("Origin", ORIGIN)])
        .await
}

#[track_caller]
fn assert_unavailable(reply: &Reply) {
    assert_eq!(
        reply.expect(503),
        &json!({"error": "upstream provider returned an error, retry later"})
    );
    assert_eq!(reply.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(
        reply.header("content-type"),
        Some("application/json; charset=utf-8")
    );
}

#[tokio::test]
async fn a_region_down_answers_503_until_it_is_up() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let control = sim.anonymous();
    let down = control
        .post("/_sim/regions/osc-secnum-fr1/down", &json!({}))
        .await;
    assert_eq!(
        down.expect(200),
        &json!({"region": {"name": "osc-secnum-fr1", "down": true}})
    );
    for path in [
        "/v1/apps",
        "/v1/apps/secure-gateway",
        "/v1/events",
        "/v1/features/container_sizes",
        "/v1/nope",
    ] {
        assert_unavailable(&get_from_browser(&ada, &format!("{SECNUM}{path}")).await);
    }
    let post = ada
        .send(
            Method::POST,
            &format!("{SECNUM}/v1/apps"),
            Some(&json!({"app": {"name": "during-outage"}})),
            &[("Origin", ORIGIN)],
        )
        .await;
    assert_unavailable(&post);
    // A browser's preflight still succeeds, so that it can read the 503.
    let preflight = sim
        .client
        .request(Method::OPTIONS, sim.url(&format!("{SECNUM}/v1/apps")))
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());

    // Auth and the other region are fine; a new token can be had.
    let fresh = sim.ada().await;
    fresh.get("/v1/users/self").await.expect(200);
    fresh.get("/v1/regions").await.expect(200);
    get_from_browser(&fresh, "/v1/apps").await.expect(200);
    control.get("/config.json").await.expect(200);

    let up = control
        .post("/_sim/regions/osc-secnum-fr1/up", &json!({}))
        .await;
    assert_eq!(
        up.expect(200),
        &json!({"region": {"name": "osc-secnum-fr1", "down": false}})
    );
    ada.get(&format!("{SECNUM}/v1/apps")).await.expect(200);

    let unknown = control.post("/_sim/regions/mars-1/down", &json!({})).await;
    assert_eq!(
        unknown.expect(404),
        &json!({"resource": "region", "error": "not found"})
    );
}

#[tokio::test]
async fn the_default_region_down_leaves_auth_and_the_dashboard_up() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<title>Dashboard</title>").unwrap();
    let dist_path = dist.path().to_path_buf();
    let sim = TestSim::start_with(|c| c.dist = Some(dist_path)).await;
    let ada = sim.ada().await;
    assert!(sim.sim.set_region_down("osc-fr1", true));
    assert!(!sim.sim.set_region_down("mars-1", true));
    for path in [
        "/v1/apps",
        "/v1/apps/shop-api/ps",
        "/regions/osc-fr1/v1/apps",
    ] {
        assert_unavailable(&get_from_browser(&ada, path).await);
    }
    let logs = ada.get(&format!("{SECNUM}/v1/apps/audit-vault/logs")).await;
    logs.expect(200);
    ada.get("/v1/users/self").await.expect(200);
    let regions = ada.get("/v1/regions").await;
    assert_eq!(regions.expect(200)["regions"].as_array().unwrap().len(), 2);
    let page = sim.anonymous().get("/apps/shop-api").await;
    assert!(page.expect(200).is_null() && page.text.contains("Dashboard"));
    sim.anonymous().get("/config.json").await.expect(200);

    sim.sim.set_region_down("osc-fr1", false);
    ada.get("/v1/apps").await.expect(200);
}
