//! `--read-only`: the gateway forwards reads and refuses everything else
//! itself, whatever the page sends.

use reqwest::Method;
use serde_json::json;

use crate::harness::{Reply, World};

#[track_caller]
fn assert_read_only_refusal(reply: &Reply) {
    let body = reply.expect(403);
    assert_eq!(body["code"], "read_only");
    let message = body["error"].as_str().unwrap();
    assert!(message.contains("read-only"), "{message}");
}

#[tokio::test]
async fn a_read_only_gateway_refuses_a_scale_and_a_restart() {
    let world = World::start_with(|_| {}, |c| c.read_only = true).await;
    let config = world.get("/config.json").await;
    assert_eq!(config.expect(200)["read_only"], true);
    let formation = world
        .get("/_proxy/regions/osc-fr1/v1/apps/shop-api/containers")
        .await
        .expect(200)
        .clone();
    let reached = world.upstream.requests().total;

    let scale = world
        .post(
            "/_proxy/regions/osc-fr1/v1/apps/shop-api/scale",
            &json!({"containers": [{"name": "web", "amount": 5, "size": "L"}]}),
        )
        .await;
    assert_read_only_refusal(&scale);
    let restart = world
        .post(
            "/_proxy/regions/osc-fr1/v1/apps/shop-api/restart",
            &json!({"scope": ["web"]}),
        )
        .await;
    assert_read_only_refusal(&restart);
    for (method, path) in [
        (Method::PATCH, "/_proxy/regions/osc-fr1/v1/apps/shop-api"),
        (Method::PUT, "/_proxy/regions/osc-fr1/v1/apps/shop-api"),
        (Method::DELETE, "/_proxy/regions/osc-fr1/v1/apps/shop-api"),
        (Method::POST, "/_proxy/regions/osc-fr1/v1/apps/shop-api/run"),
        (Method::POST, "/_proxy/auth/v1/users/self"),
        (Method::OPTIONS, "/_proxy/regions/osc-fr1/v1/apps"),
        (Method::POST, "/config.json"),
    ] {
        let reply = world
            .send(method.clone(), path, Some(&json!({})), &[])
            .await;
        assert_eq!(reply.status, 403, "{method} {path}: {}", reply.text);
        assert_read_only_refusal(&reply);
    }
    // None of them reached the platform, and nothing changed there.
    assert_eq!(world.upstream.requests().total, reached);
    let after = world
        .get("/_proxy/regions/osc-fr1/v1/apps/shop-api/containers")
        .await;
    assert_eq!(after.expect(200), &formation);
    world.stop().await;
}

#[tokio::test]
async fn a_read_only_gateway_forwards_reads() {
    let world = World::start_with(|_| {}, |c| c.read_only = true).await;
    for path in [
        "/_proxy/auth/v1/users/self",
        "/_proxy/regions/osc-fr1/v1/apps",
        "/_proxy/regions/osc-fr1/v1/apps/shop-api",
        "/_proxy/regions/osc-fr1/v1/apps/shop-api/ps",
        "/_proxy/regions/osc-fr1/v1/apps/shop-api/events",
        "/_proxy/regions/osc-fr1/v1/apps/shop-api/logs",
        "/_proxy/regions/osc-fr1/v1/apps/shop-api/stats/cpu/web?since=1",
        "/_proxy/regions/osc-secnum-fr1/v1/apps",
        "/",
        "/apps/shop-api",
    ] {
        world.get(path).await.expect(200);
    }
    let head = world
        .send(Method::HEAD, "/_proxy/regions/osc-fr1/v1/apps", None, &[])
        .await;
    assert_eq!(head.status, 200);
    // A read the platform refuses is still the platform's answer.
    world
        .get("/_proxy/regions/osc-fr1/v1/apps/nope-nope")
        .await
        .expect(404);
    // Token routes stay closed to reads too.
    world.get("/_proxy/auth/v1/tokens").await.expect(403);
    world.stop().await;
}
