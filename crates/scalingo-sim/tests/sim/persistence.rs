//! The data file, and the determinism of the demo data.

use std::fs;

use serde_json::{json, Value};

use crate::harness::{config_in, TestSim};

#[tokio::test]
async fn changes_survive_a_restart() {
    let sim = TestSim::start().await;
    assert!(sim.data.exists(), "the demo platform is written at start");
    let ada = sim.ada().await;
    ada.post("/v1/apps", &json!({"app": {"name": "persisted-app"}}))
        .await
        .expect(201);
    ada.patch("/v1/apps/shop-web", &json!({"app": {"router_logs": true}}))
        .await
        .expect(200);
    ada.delete("/v1/apps/status-page?current_name=status-page")
        .await
        .expect(204);
    ada.post(
        "/v1/apps/docs-site/rename",
        &json!({"current_name": "docs-site", "new_name": "handbook-site"}),
    )
    .await
    .expect(200);
    let before = without_links(&ada.get("/v1/apps").await.json["apps"]);
    let dir = sim.stop().await;

    // A different seed: the file wins.
    let mut config = config_in(&dir);
    config.seed = 7;
    let again = TestSim::start_config(config, dir).await;
    let ada = again.ada().await;
    // Everything but the links, which name the (new) port.
    let after = without_links(&ada.get("/v1/apps").await.json["apps"]);
    assert_eq!(before, after);
    let names = ada.app_names().await;
    assert!(names.contains(&"persisted-app".to_owned()));
    assert!(names.contains(&"handbook-site".to_owned()));
    assert!(!names.contains(&"status-page".to_owned()));
    assert_eq!(ada.app("shop-web").await["router_logs"], true);
}

#[tokio::test]
async fn variables_and_deployments_survive_a_restart() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    ada.post(
        "/v1/apps/shop-api/variables",
        &json!({"variable": {"name": "KEPT", "value": "across restarts"}}),
    )
    .await
    .expect(201);
    let reply = ada
        .post(
            "/v1/apps/shop-api/deployments",
            &json!({"deployment": {"source_url": "https://example.com/a.tar.gz"}}),
        )
        .await;
    let deployment = reply.expect(201)["deployment"].clone();
    let variables = ada.get("/v1/apps/shop-api/variables").await.json;
    let dir = sim.stop().await;

    let again = TestSim::start_config(config_in(&dir), dir).await;
    let ada = again.ada().await;
    assert_eq!(ada.get("/v1/apps/shop-api/variables").await.json, variables);
    let id = deployment["id"].as_str().unwrap();
    let reply = ada
        .get(&format!("/v1/apps/shop-api/deployments/{id}"))
        .await;
    let shown = &reply.expect(200)["deployment"];
    assert_eq!(shown["created_at"], deployment["created_at"]);
    assert_eq!(shown["type"], "archive");
}

#[tokio::test]
async fn a_corrupt_data_file_stops_the_start_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let config = config_in(&dir);
    let path = config.data.clone().unwrap();
    for content in ["{not json", "", r#"{"format":"other","version":1}"#] {
        fs::write(&path, content).unwrap();
        let error = match scalingo_sim::start(config.clone()).await {
            Ok(_) => panic!("a corrupt file ({content:?}) was accepted"),
            Err(error) => error,
        };
        assert!(error.to_string().contains("state.json"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), content);
    }
}

fn without_links(apps: &Value) -> Vec<Value> {
    let mut apps = apps.as_array().unwrap().clone();
    for app in &mut apps {
        app.as_object_mut().unwrap().remove("links");
    }
    apps
}

fn without_dates(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| {
                    !key.ends_with("_at") && !key.ends_with("_until") && key.as_str() != "links"
                })
                .map(|(key, v)| (key.clone(), without_dates(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_dates).collect()),
        other => other.clone(),
    }
}

async fn demo_apps(seed: u64) -> Value {
    let sim = TestSim::start_with(|c| {
        c.seed = seed;
        c.data = None;
    })
    .await;
    let ada = sim.ada().await;
    let apps = ada.get("/v1/apps").await.json["apps"].clone();
    let mut formations = Vec::new();
    for app in apps.as_array().unwrap() {
        let name = app["name"].as_str().unwrap();
        formations.push(ada.get(&format!("/v1/apps/{name}/containers")).await.json);
    }
    without_dates(&json!({"apps": apps, "formations": formations}))
}

#[tokio::test]
async fn same_seed_same_demo_data() {
    let a = demo_apps(42).await;
    let b = demo_apps(42).await;
    assert_eq!(a, b);
    let c = demo_apps(43).await;
    assert_ne!(a, c);
}

#[tokio::test]
async fn an_operation_in_flight_carries_on_after_a_restart() {
    // Slow enough for the scale to outlive the restart (two seconds at
    // least).
    let sim = TestSim::start_with(|c| c.op_speed = 2.0).await;
    let ada = sim.ada().await;
    let before = ada.ps("status-page").await.len();
    let reply = ada
        .post(
            "/v1/apps/status-page/scale",
            &json!({"containers": [{"name": "web", "amount": before + 2}]}),
        )
        .await;
    reply.expect(202);
    let path = sim.location_path(&reply);
    let dir = sim.stop().await;

    let mut config = config_in(&dir);
    config.op_speed = 2.0;
    let again = TestSim::start_config(config, dir).await;
    let ada = again.ada().await;
    let op = ada.operation(&path).await;
    assert!(
        matches!(op["status"].as_str(), Some("pending" | "running")),
        "{op}"
    );
    assert_eq!(ada.app("status-page").await["status"], "scaling");
    let op = ada.finished_operation(&path).await;
    assert_eq!(op["status"], "done");
    assert_eq!(ada.app("status-page").await["status"], "running");
    let ps = ada.ps("status-page").await;
    assert_eq!(ps.len(), before + 2);
    assert!(ps.iter().all(|c| c["state"] == "running"));
}

#[tokio::test]
async fn an_armed_failure_survives_a_restart() {
    let sim = TestSim::start_with(|c| c.op_speed = 20.0).await;
    sim.anonymous()
        .post(
            "/_sim/fail-next-operation",
            &json!({"message": "disk full"}),
        )
        .await
        .expect(200);
    let dir = sim.stop().await;
    let mut config = config_in(&dir);
    config.op_speed = 20.0;
    let again = TestSim::start_config(config, dir).await;
    let ada = again.ada().await;
    let reply = ada.post("/v1/apps/shop-api/restart", &json!({})).await;
    reply.expect(202);
    let op = ada.finished_operation(&again.location_path(&reply)).await;
    assert_eq!(
        (op["status"].as_str(), op["error"].as_str()),
        (Some("error"), Some("disk full"))
    );
}

#[tokio::test]
async fn an_invalid_operation_speed_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    for speed in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let mut config = config_in(&dir);
        config.op_speed = speed;
        let error = match scalingo_sim::start(config).await {
            Ok(_) => panic!("{speed} was accepted"),
            Err(error) => error,
        };
        assert!(error.to_string().contains("speed"), "{error}");
    }
}
