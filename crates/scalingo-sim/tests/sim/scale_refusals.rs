//! Scales that are refused, wait, or fail.

use serde_json::{json, Value};

use crate::{
    harness::TestSim,
    polling::{fast_sim, of_type, process},
};

#[tokio::test]
async fn invalid_scales_are_refused_and_change_nothing() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let formation = ada.formation("shop-api").await;
    let events = ada.events("shop-api", 100).await.len();
    let scale = |containers: Value| {
        let ada = &ada;
        async move {
            ada.post(
                "/v1/apps/shop-api/scale",
                &json!({ "containers": containers }),
            )
            .await
        }
    };
    assert_eq!(
        scale(json!([{"name": "web", "amount": 11}]))
            .await
            .expect(422),
        &json!({"errors": {"container-web-amount": [
            "can't scale over 10 containers, contact us at support@scalingo.com if you need more"
        ]}})
    );
    assert_eq!(
        scale(json!([{"name": "worker", "amount": -1}]))
            .await
            .expect(422),
        &json!({"errors": {"container-worker-amount": ["must be greater than or equal to 0"]}})
    );
    assert_eq!(
        scale(json!([{"name": "web", "amount": "many"}]))
            .await
            .expect(422),
        &json!({"errors": {"container-web-amount": ["is not a number"]}})
    );
    assert_eq!(
        scale(json!([{"name": "nope", "amount": 1}]))
            .await
            .expect(404),
        &json!({"resource": "container_type", "error": "not found"})
    );
    assert_eq!(
        scale(json!([{"name": "web", "amount": 1, "size": "XXL"}]))
            .await
            .expect(422),
        &json!({"errors": {"container-web-size": ["'XXL' → no such container size"]}})
    );
    // Several errors come together.
    let both = scale(json!([
        {"name": "web", "amount": 12, "size": "XXL"},
        {"name": "worker", "amount": -2}
    ]))
    .await;
    let errors = both.expect(422)["errors"].as_object().unwrap().clone();
    let mut keys: Vec<&String> = errors.keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "container-web-amount",
            "container-web-size",
            "container-worker-amount"
        ]
    );
    assert_eq!(
        scale(json!([])).await.expect(422),
        &json!({"errors": {"containers": ["can't be blank"]}})
    );
    let reply = ada.post("/v1/apps/shop-api/scale", &json!({})).await;
    reply.expect(422);
    let same: Vec<Value> = formation
        .iter()
        .map(|t| json!({"name": t["name"], "amount": t["amount"], "size": t["size"]}))
        .collect();
    assert_eq!(
        scale(json!(same)).await.expect(400),
        &json!({"error": "no change in containers formation"})
    );
    // Without a size, the size stays.
    let (amount, _) = process(&formation, "web");
    assert_eq!(
        scale(json!([{"name": "web", "amount": amount}]))
            .await
            .expect(400),
        &json!({"error": "no change in containers formation"})
    );
    assert_eq!(
        ada.post(
            "/v1/apps/nope-nope/scale",
            &json!({"containers": [{"name": "web", "amount": 1}]})
        )
        .await
        .expect(404),
        &json!({"resource": "app", "error": "not found"})
    );

    // The app is looked up before the body is read.
    ada.post("/v1/apps/nope-nope/scale", &json!({}))
        .await
        .expect(404);

    assert_eq!(ada.formation("shop-api").await, formation);
    assert_eq!(ada.app("shop-api").await["status"], "running");
    assert_eq!(ada.events("shop-api", 100).await.len(), events);
}

#[tokio::test]
async fn a_second_operation_waits_for_the_first() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let scale_to = |amount: u32| {
        let ada = &ada;
        async move {
            ada.post(
                "/v1/apps/shop-web/scale",
                &json!({"containers": [{"name": "web", "amount": amount}]}),
            )
            .await
        }
    };
    let first = scale_to(5).await;
    first.expect(202);
    let busy = json!({"error": "an operation is already in progress on this app"});
    assert_eq!(scale_to(6).await.expect(409), &busy);
    assert_eq!(
        ada.post("/v1/apps/shop-web/restart", &json!({}))
            .await
            .expect(409),
        &busy
    );
    // Other apps are not concerned.
    ada.post("/v1/apps/shop-api/restart", &json!({}))
        .await
        .expect(202);
    ada.finished_operation(&sim.location_path(&first)).await;
    scale_to(6).await.expect(202);
}

#[tokio::test]
async fn free_usage_allows_one_small_web_container() {
    let sim = TestSim::start_with(|c| {
        c.op_speed = 20.0;
        c.free_usage_limits = true;
    })
    .await;
    let ada = sim.ada().await;
    let scale = |app: &'static str, containers: Value| {
        let ada = &ada;
        async move {
            ada.post(
                &format!("/v1/apps/{app}/scale"),
                &json!({ "containers": containers }),
            )
            .await
        }
    };
    let refused = scale("docs-site", json!([{"name": "web", "amount": 3}])).await;
    let body = refused.expect(402);
    assert_eq!(body["name"], "containers-free-trial-exceeded");
    assert!(body["error"].as_str().unwrap().contains("payment method"));
    assert_eq!(body["url"], format!("{}/billing", sim.base));
    scale(
        "docs-site",
        json!([{"name": "web", "amount": 1, "size": "L"}]),
    )
    .await
    .expect(402);
    // Within the allowance, or shrinking an app that is over it: allowed.
    scale(
        "docs-site",
        json!([{"name": "web", "amount": 1, "size": "M"}]),
    )
    .await
    .expect(202);
    scale("shop-api", json!([{"name": "worker", "amount": 0}]))
        .await
        .expect(202);
    // Grace has a payment method.
    let grace = sim.grace().await;
    grace
        .post(
            "/v1/apps/compiler-lab/scale",
            &json!({"containers": [{"name": "web", "amount": 3}]}),
        )
        .await
        .expect(202);
}

#[tokio::test]
async fn an_injected_failure_ends_in_error_and_keeps_the_formation() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let formation = ada.formation("shop-web").await;
    let (amount, size) = process(&formation, "web");
    let ids: Vec<String> = of_type(&ada.ps("shop-web").await, "web")
        .into_iter()
        .map(|c| c.2)
        .collect();
    let armed = sim
        .anonymous()
        .post(
            "/_sim/fail-next-operation",
            &json!({"message": "container web-3 failed to start: exit status 137"}),
        )
        .await;
    assert_eq!(
        armed.expect(200)["fail_next_operation"]["message"],
        "container web-3 failed to start: exit status 137"
    );
    let reply = ada
        .post(
            "/v1/apps/shop-web/scale",
            &json!({"containers": [{"name": "web", "amount": amount + 2}]}),
        )
        .await;
    // The request itself is accepted: the failure comes later.
    assert_eq!(
        process(reply.expect(202)["containers"].as_array().unwrap(), "web"),
        (amount + 2, size.clone())
    );
    let op = ada.finished_operation(&sim.location_path(&reply)).await;
    assert_eq!(op["status"], "error");
    assert_eq!(
        op["error"],
        "container web-3 failed to start: exit status 137"
    );
    assert!(op["finished_at"].is_string());
    assert_eq!(ada.formation("shop-web").await, formation);
    let after: Vec<String> = of_type(&ada.ps("shop-web").await, "web")
        .into_iter()
        .map(|c| c.2)
        .collect();
    assert_eq!(after, ids);
    assert_eq!(ada.app("shop-web").await["status"], "running");
    // The timeline says so, as the platform does: a crash of the type that
    // failed to start, right after the scale.
    let events = ada.get("/v1/apps/shop-web/events?page=1&per_page=5").await;
    let events = events.expect(200)["events"].as_array().unwrap().clone();
    let crash = events
        .iter()
        .find(|e| e["type"] == "crash")
        .expect("a crash event after the failed scale");
    assert_eq!(crash["type_data"]["container_type"], "web");
    assert_eq!(
        crash["type_data"]["crash_logs"],
        "container web-3 failed to start: exit status 137"
    );

    // One failure only: the next scale works.
    let reply = ada
        .post(
            "/v1/apps/shop-web/scale",
            &json!({"containers": [{"name": "web", "amount": amount + 1}]}),
        )
        .await;
    reply.expect(202);
    let op = ada.finished_operation(&sim.location_path(&reply)).await;
    assert_eq!(op["status"], "done");
    assert_eq!(
        of_type(&ada.ps("shop-web").await, "web").len() as u64,
        amount + 1
    );
}

#[tokio::test]
async fn a_failure_can_be_disarmed() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let control = sim.anonymous();
    control
        .post("/_sim/fail-next-operation", &json!({}))
        .await
        .expect(200);
    control
        .delete("/_sim/fail-next-operation")
        .await
        .expect(204);
    let reply = ada.post("/v1/apps/shop-api/restart", &json!({})).await;
    reply.expect(202);
    let op = ada.finished_operation(&sim.location_path(&reply)).await;
    assert_eq!(op["status"], "done");
}
