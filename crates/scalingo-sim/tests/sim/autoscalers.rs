//! Autoscalers: the demo's, creation and its refusals, updates wrapped or
//! not, deletion, events, limited collaborators, and a manual scale that
//! disables one.

use serde_json::{json, Value};

use crate::{
    harness::{Api, Reply, TestSim},
    polling::{fast_sim, process},
};

async fn autoscalers(api: &Api, app: &str) -> Vec<Value> {
    let reply = api.get(&format!("/v1/apps/{app}/autoscalers")).await;
    reply.expect(200)["autoscalers"].as_array().unwrap().clone()
}

async fn create(api: &Api, app: &str, body: Value) -> Reply {
    api.post(&format!("/v1/apps/{app}/autoscalers"), &body)
        .await
}

fn errors(reply: &Reply) -> Value {
    reply.expect(422)["errors"].clone()
}

#[tokio::test]
async fn the_demo_scales_shop_api_web_on_requests_per_container() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let list = autoscalers(&ada, "shop-api").await;
    assert_eq!(list.len(), 1);
    let web = &list[0];
    assert_eq!(web["container_type"], "web");
    assert_eq!(web["metric"], "rpm_per_container");
    assert_eq!(web["min_containers"], 2);
    assert_eq!(web["max_containers"], 6);
    assert_eq!(web["disabled"], false);
    assert_eq!(web["last_scale"], "0001-01-01T00:00:00Z");
    assert!(web["id"].as_str().unwrap().starts_with("au-"));
    assert!(web["alert_id_scale_up"]
        .as_str()
        .unwrap()
        .starts_with("al-"));
    assert_eq!(web["app_id"], ada.app("shop-api").await["id"]);
    let parsed: scalingo_api::Autoscaler = serde_json::from_value(web.clone()).unwrap();
    assert_eq!(parsed.last_scaled_at(), None);
    assert_eq!(parsed.target_text(), "100 rpm");
    let id = web["id"].as_str().unwrap();
    let one = ada
        .get(&format!("/v1/apps/shop-api/autoscalers/{id}"))
        .await;
    assert_eq!(one.expect(200)["autoscaler"], *web);
    assert!(autoscalers(&ada, "shop-web").await.is_empty());
    let missing = ada.get("/v1/apps/shop-api/autoscalers/au-nope").await;
    assert_eq!(
        missing.expect(404).clone(),
        json!({"resource": "autoscaler", "error": "not found"})
    );
}

#[tokio::test]
async fn creating_checks_every_rule() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let reply = create(
        &ada,
        "shop-web",
        json!({"autoscaler": {"container_type": "web", "metric": "cpu", "target": 0.8,
            "min_containers": 2, "max_containers": 5}}),
    )
    .await;
    let created = reply.expect(201)["autoscaler"].clone();
    assert_eq!(created["metric"], "cpu");
    assert_eq!(created["target"], 0.8);
    assert_eq!(created["disabled"], false);
    let event = &ada.events("shop-web", 1).await[0];
    assert_eq!(event["type"], "new_autoscaler");
    assert_eq!(
        event["type_data"],
        json!({"container_type": "web", "min_containers": "2", "max_containers": "5",
            "metric": "cpu", "target": 0.8, "target_text": "80%"})
    );

    let again = create(
        &ada,
        "shop-web",
        json!({"autoscaler": {"container_type": "web", "metric": "memory", "target": 0.5,
            "min_containers": 2, "max_containers": 3}}),
    )
    .await;
    assert_eq!(
        errors(&again),
        json!({"container_type": ["already has an autoscaler"]})
    );
    let empty = create(&ada, "shop-api", json!({"autoscaler": {}})).await;
    assert_eq!(
        errors(&empty),
        json!({"container_type": ["can't be blank"], "metric": ["can't be blank"],
            "target": ["can't be blank"], "min_containers": ["can't be blank"],
            "max_containers": ["can't be blank"]})
    );
    // An unknown metric (the platform answered 500 in 2020), bounds out of
    // range, a router metric on a worker, a type the app does not have.
    let unknown = create(
        &ada,
        "shop-api",
        json!({"container_type": "worker", "metric": "disk", "target": 1,
            "min_containers": 1, "max_containers": 11}),
    )
    .await;
    assert_eq!(
        errors(&unknown),
        json!({"metric": ["is not a valid metric (rpm_per_container, p95_response_time, 5XX, cpu, memory, swap)"],
            "min_containers": ["must be greater than or equal to 2"],
            "max_containers": ["must be less than or equal to 10"]})
    );
    let router = create(
        &ada,
        "shop-api",
        json!({"container_type": "worker", "metric": "p95_response_time", "target": 300,
            "min_containers": 3, "max_containers": 2}),
    )
    .await;
    assert_eq!(
        errors(&router),
        json!({"metric": ["is only available for web containers"],
            "max_containers": ["must be greater than or equal to min_containers"]})
    );
    let ghost = create(
        &ada,
        "shop-api",
        json!({"container_type": "ghost", "metric": "cpu", "target": 1.5,
            "min_containers": 2, "max_containers": 2}),
    )
    .await;
    assert_eq!(
        errors(&ghost),
        json!({"container_type": ["is not a process type of this app"],
            "target": ["must be at most 100%"]})
    );
    let typed = create(
        &ada,
        "shop-api",
        json!({"container_type": "worker", "metric": "cpu", "target": "high",
            "min_containers": 2.5, "max_containers": 4}),
    )
    .await;
    assert_eq!(
        errors(&typed),
        json!({"target": ["is not a number"], "min_containers": ["must be an integer"]})
    );
}

#[tokio::test]
async fn updates_wrapped_or_not_then_deletion() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let id = autoscalers(&ada, "shop-api").await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v1/apps/shop-api/autoscalers/{id}");
    let patched = ada
        .patch(
            &path,
            &json!({"autoscaler": {"max_containers": 8, "target": 150}}),
        )
        .await;
    let autoscaler = patched.expect(200)["autoscaler"].clone();
    assert_eq!(autoscaler["max_containers"], 8);
    assert_eq!(autoscaler["target"], 150.0);
    let event = &ada.events("shop-api", 1).await[0];
    assert_eq!(event["type"], "edit_autoscaler");
    assert_eq!(event["type_data"]["max_containers"], "8");
    assert_eq!(event["type_data"]["target_text"], "150 rpm");
    // Unwrapped, as the Go client sends it; PUT as well.
    let put = ada
        .put(
            &path,
            &json!({"disabled": true, "metric": "p95_response_time", "target": 400}),
        )
        .await;
    let autoscaler = put.expect(200)["autoscaler"].clone();
    assert_eq!(autoscaler["disabled"], true);
    assert_eq!(autoscaler["metric"], "p95_response_time");
    let refused = ada.patch(&path, &json!({"min_containers": 9})).await;
    assert_eq!(
        errors(&refused),
        json!({"max_containers": ["must be greater than or equal to min_containers"]})
    );
    ada.patch(
        "/v1/apps/shop-api/autoscalers/au-nope",
        &json!({"disabled": true}),
    )
    .await
    .expect(404);

    ada.delete(&path).await.expect(204);
    assert!(autoscalers(&ada, "shop-api").await.is_empty());
    let event = &ada.events("shop-api", 1).await[0];
    assert_eq!(event["type"], "delete_autoscaler");
    assert_eq!(
        event["type_data"],
        json!({"container_type": "web", "metric": "p95_response_time"})
    );
    ada.delete(&path).await.expect(404);
}

#[tokio::test]
async fn limited_collaborators_read_but_do_not_change() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let grace = sim.grace().await;
    // Grace is a limited collaborator of shop-worker.
    create(
        &ada,
        "shop-worker",
        json!({"container_type": "worker", "metric": "cpu", "target": 0.7,
            "min_containers": 2, "max_containers": 4}),
    )
    .await
    .expect(201);
    let list = autoscalers(&grace, "shop-worker").await;
    assert_eq!(list.len(), 1);
    let path = format!(
        "/v1/apps/shop-worker/autoscalers/{}",
        list[0]["id"].as_str().unwrap()
    );
    let refused = grace.patch(&path, &json!({"disabled": true})).await;
    assert_eq!(refused.expect(403)["code"], "forbidden");
    grace.delete(&path).await.expect(403);
    create(&grace, "shop-worker", json!({"container_type": "worker"}))
        .await
        .expect(403);
    // An app she does not see.
    grace
        .get("/v1/apps/status-page/autoscalers")
        .await
        .expect(404);
}

#[tokio::test]
async fn a_manual_scale_disables_the_autoscaler_of_its_type() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let formation = ada.formation("shop-api").await;
    let (amount, _) = process(&formation, "web");
    let reply = ada
        .post(
            "/v1/apps/shop-api/scale",
            &json!({"containers": [{"name": "web", "amount": amount + 1}]}),
        )
        .await;
    reply.expect(202);
    let web = &autoscalers(&ada, "shop-api").await[0];
    assert_eq!(web["disabled"], true);
    // Enabled again, it stays so while other types are scaled.
    let path = format!(
        "/v1/apps/shop-api/autoscalers/{}",
        web["id"].as_str().unwrap()
    );
    ada.patch(&path, &json!({"autoscaler": {"disabled": false}}))
        .await
        .expect(200);
    let path_op = sim.location_path(&reply);
    ada.finished_operation(&path_op).await;
    let (workers, _) = process(&formation, "worker");
    ada.post(
        "/v1/apps/shop-api/scale",
        &json!({"containers": [{"name": "worker", "amount": workers + 1}]}),
    )
    .await
    .expect(202);
    assert_eq!(autoscalers(&ada, "shop-api").await[0]["disabled"], false);
}
