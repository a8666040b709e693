//! What the dashboard reads and changes through the gateway.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::harness::{Reply, World};

fn names(reply: &Reply) -> Vec<String> {
    reply.json["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .map(|a| a["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn config_json_points_the_dashboard_at_the_gateway() {
    let world = World::start().await;
    let reply = world.get("/config.json").await;
    let config = reply.expect(200);
    assert_eq!(config["proxy"], true);
    assert_eq!(config["read_only"], false);
    assert_eq!(config["auth_url"], "/_proxy/auth");
    assert!(config.get("demo_token").is_none());
    let regions = config["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 2);
    assert_eq!(regions[0]["name"], "osc-fr1");
    assert_eq!(regions[0]["display_name"], "Paris - Outscale");
    assert_eq!(regions[1]["api_url"], "/_proxy/regions/osc-secnum-fr1");
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    world.stop().await;
}

#[tokio::test]
async fn apps_are_listed_without_any_authorization() {
    let world = World::start().await;
    let fr = world.get("/_proxy/regions/osc-fr1/v1/apps").await;
    fr.expect(200);
    assert!(names(&fr).contains(&"shop-api".to_owned()));
    let secnum = world.get("/_proxy/regions/osc-secnum-fr1/v1/apps").await;
    secnum.expect(200);
    assert!(names(&secnum).contains(&"secure-gateway".to_owned()));
    assert!(!names(&secnum).contains(&"shop-api".to_owned()));
    let user = world.get("/_proxy/auth/v1/users/self").await;
    assert_eq!(user.expect(200)["user"]["username"], "ada");
    // Whatever Authorization the browser sends is replaced.
    let forged = world
        .send(
            Method::GET,
            "/_proxy/regions/osc-fr1/v1/apps/shop-api",
            None,
            &[("Authorization", "Bearer forged"), ("Cookie", "a=b")],
        )
        .await;
    assert_eq!(forged.expect(200)["app"]["name"], "shop-api");
    // Errors come back as they are.
    let missing = world.get("/_proxy/regions/osc-fr1/v1/apps/nope-nope").await;
    assert_eq!(missing.expect(404)["resource"], "app");
    let region = world.get("/_proxy/regions/mars-1/v1/apps").await;
    assert_eq!(region.expect(404)["resource"], "region");
    // The gateway has no API of its own (other paths are the dashboard's),
    // and counts as one client upstream.
    let own = world.get("/v1/apps").await;
    assert!(own.expect(200).is_null() && own.text.contains("<title>"));
    world.get("/_proxy/v1/apps").await.expect(404);
    let counts = world.upstream.requests();
    assert_eq!(counts.by_token.len(), 1, "{counts:?}");
    assert!(counts.total >= 5, "{counts:?}");
    world.stop().await;
}

#[tokio::test]
async fn a_scale_through_the_gateway_points_back_at_it() {
    let world = World::start().await;
    // X-Dry-Run goes through: the app is validated, not created.
    let dry = world
        .send(
            Method::POST,
            "/_proxy/regions/osc-fr1/v1/apps",
            Some(&json!({"app": {"name": "dry-run-app"}})),
            &[("X-Dry-Run", "true")],
        )
        .await;
    assert_eq!(dry.expect(201)["app"]["name"], "dry-run-app");
    world
        .get("/_proxy/regions/osc-fr1/v1/apps/dry-run-app")
        .await
        .expect(404);
    let scaled = world
        .post(
            "/_proxy/regions/osc-fr1/v1/apps/shop-api/scale",
            &json!({"containers": [{"name": "web", "amount": 4, "size": "M"}]}),
        )
        .await;
    assert!(scaled.expect(202)["containers"].is_array());
    let location = scaled.header("location").unwrap().to_owned();
    assert!(
        location.starts_with("/_proxy/regions/osc-fr1/v1/apps/shop-api/operations/"),
        "{location}"
    );
    let operation = world.get(&location).await;
    assert_eq!(operation.expect(200)["operation"]["type"], "scale");
    // In the other region, the Location names that region.
    let restarted = world
        .post(
            "/_proxy/regions/osc-secnum-fr1/v1/apps/secure-gateway/restart",
            &json!({}),
        )
        .await;
    restarted.expect(202);
    let location = restarted.header("location").unwrap();
    assert!(
        location.starts_with("/_proxy/regions/osc-secnum-fr1/v1/apps/"),
        "{location}"
    );
    world.stop().await;
}

#[tokio::test]
async fn an_expired_bearer_is_exchanged_again() {
    let world = World::start_with(|c| c.token_ttl = Duration::from_secs(1), |_| {}).await;
    world
        .get("/_proxy/regions/osc-fr1/v1/apps")
        .await
        .expect(200);
    // The bearer has expired upstream: its 401 makes the gateway exchange
    // the token again and send the request once more.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    world
        .get("/_proxy/regions/osc-fr1/v1/apps/shop-api")
        .await
        .expect(200);
    world.stop().await;
}

#[tokio::test]
async fn everything_lives_under_the_base_path() {
    let world = World::start_with(|_| {}, |c| c.base_path = "/portal/scalingo".to_owned()).await;
    let config = world.get("/portal/scalingo/config.json").await;
    assert_eq!(
        config.expect(200)["auth_url"],
        "/portal/scalingo/_proxy/auth"
    );
    world
        .get("/portal/scalingo/_proxy/regions/osc-fr1/v1/apps")
        .await
        .expect(200);
    world
        .get("/_proxy/regions/osc-fr1/v1/apps")
        .await
        .expect(404);
    world.get("/config.json").await.expect(404);
    let root = world.get("/").await;
    assert_eq!(root.status, 307);
    assert_eq!(root.header("location"), Some("/portal/scalingo/"));
    let deep = world.get("/portal/scalingo/apps/shop-api/logs").await;
    deep.expect(200);
    assert!(deep.text.contains("<title>dashboard</title>"));
    world.stop().await;
}
