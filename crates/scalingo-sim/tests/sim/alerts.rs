//! Alerts: the demo's, creation and its refusals, updates wrapped or not
//! (with `remind_every` as nanoseconds, as the Go client sends it),
//! deletion, events and limited collaborators.

use serde_json::{json, Value};

use crate::harness::{Api, Reply, TestSim};

async fn alerts(api: &Api, app: &str) -> Vec<Value> {
    let reply = api.get(&format!("/v1/apps/{app}/alerts")).await;
    reply.expect(200)["alerts"].as_array().unwrap().clone()
}

async fn notifier_named(api: &Api, app: &str, name: &str) -> String {
    let reply = api.get(&format!("/v1/apps/{app}/notifiers")).await;
    reply.expect(200)["notifiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == name)
        .unwrap_or_else(|| panic!("{name}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn errors(reply: &Reply) -> Value {
    reply.expect(422)["errors"].clone()
}

#[tokio::test]
async fn the_demo_watches_shop_api_memory_and_response_time() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let list = alerts(&ada, "shop-api").await;
    assert_eq!(list.len(), 2);
    let memory = list.iter().find(|a| a["metric"] == "memory").unwrap();
    assert_eq!(memory["container_type"], "web");
    assert_eq!(memory["limit"], 0.8);
    assert_eq!(memory["send_when_below"], false);
    assert_eq!(memory["duration_before_trigger"], 300_000_000_000u64);
    assert_eq!(memory["remind_every"], "30m");
    let slack = notifier_named(&ada, "shop-api", "#ops on Slack").await;
    assert!(memory["notifiers"]
        .as_array()
        .unwrap()
        .contains(&json!(slack)));
    let p95 = list
        .iter()
        .find(|a| a["metric"] == "p95_response_time")
        .unwrap();
    assert_eq!(p95["limit"], 800.0);
    let parsed: scalingo_api::Alert = serde_json::from_value(memory.clone()).unwrap();
    assert_eq!(parsed.limit_text(), "80%");
    assert_eq!(parsed.trigger_delay().as_secs(), 300);
    let id = memory["id"].as_str().unwrap();
    assert!(id.starts_with("al-"));
    let one = ada.get(&format!("/v1/apps/shop-api/alerts/{id}")).await;
    assert_eq!(one.expect(200)["alert"], *memory);
    let missing = ada.get("/v1/apps/shop-api/alerts/al-nope").await;
    assert_eq!(
        missing.expect(404).clone(),
        json!({"resource": "alert", "error": "not found"})
    );
    assert!(alerts(&ada, "shop-web").await.is_empty());
}

#[tokio::test]
async fn creating_checks_every_rule() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let default = notifier_named(&ada, "shop-web", "Default notifier").await;
    let reply = ada
        .post(
            "/v1/apps/shop-web/alerts",
            &json!({"alert": {"container_type": "web", "metric": "cpu", "limit": 0.9,
                "send_when_below": false, "duration_before_trigger": 240_000_000_000u64,
                "remind_every": "1h30m", "notifiers": [default]}}),
        )
        .await;
    let created = reply.expect(201)["alert"].clone();
    assert_eq!(created["remind_every"], "1h30m");
    assert_eq!(created["disabled"], false);
    assert_eq!(created["notifiers"], json!([default]));
    let event = &ada.events("shop-web", 1).await[0];
    assert_eq!(event["type"], "new_alert");
    assert_eq!(
        event["type_data"],
        json!({"container_type": "web", "metric": "cpu", "limit": 0.9,
            "limit_text": "90%", "send_when_below": false})
    );

    let empty = ada
        .post("/v1/apps/shop-web/alerts", &json!({"alert": {}}))
        .await;
    assert_eq!(
        errors(&empty),
        json!({"container_type": ["can't be blank"], "metric": ["can't be blank"],
            "limit": ["can't be blank"], "notifiers": ["can't be blank"]})
    );
    let wrong = ada
        .post(
            "/v1/apps/shop-api/alerts",
            &json!({"container_type": "worker", "metric": "5XX", "limit": -3,
                "remind_every": "every day", "notifiers": ["no-elsewhere"]}),
        )
        .await;
    assert_eq!(
        errors(&wrong),
        json!({"metric": ["is only available for web containers"],
            "limit": ["must be greater than 0"],
            "remind_every": ["is not a valid duration (for example 30m or 1h30m)"],
            "notifiers": ["must be notifiers of the app"]})
    );
    let unknown = ada
        .post(
            "/v1/apps/shop-web/alerts",
            &json!({"alert": {"container_type": "ghost", "metric": "load", "limit": 1,
                "notifiers": [default]}}),
        )
        .await;
    assert_eq!(
        errors(&unknown),
        json!({"container_type": ["is not a process type of this app"],
            "metric": ["is not a valid metric (cpu, memory, swap, p95_response_time, 5XX, all, rpm_per_container)"]})
    );
    let typed = ada
        .post(
            "/v1/apps/shop-web/alerts",
            &json!({"alert": {"container_type": "web", "metric": "all", "limit": 100,
                "duration_before_trigger": -1, "notifiers": default}}),
        )
        .await;
    assert_eq!(
        errors(&typed),
        json!({"duration_before_trigger": ["must be greater than or equal to 0"]})
    );
    // A Go duration for the delay, a single notifier id: both read.
    let lenient = ada
        .post(
            "/v1/apps/shop-web/alerts",
            &json!({"alert": {"container_type": "web", "metric": "all", "limit": 100,
                "send_when_below": true, "duration_before_trigger": "5m", "notifiers": default}}),
        )
        .await;
    let alert = lenient.expect(201)["alert"].clone();
    assert_eq!(alert["duration_before_trigger"], 300_000_000_000u64);
    assert_eq!(alert["send_when_below"], true);
    assert_eq!(alert["remind_every"], "");
}

#[tokio::test]
async fn updates_wrapped_or_not_then_deletion() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let list = alerts(&ada, "shop-api").await;
    let memory = list.iter().find(|a| a["metric"] == "memory").unwrap();
    let path = format!(
        "/v1/apps/shop-api/alerts/{}",
        memory["id"].as_str().unwrap()
    );
    let events = ada.events("shop-api", 100).await.len();
    let patched = ada
        .patch(&path, &json!({"alert": {"limit": 0.95, "disabled": true}}))
        .await;
    let alert = patched.expect(200)["alert"].clone();
    assert_eq!(alert["limit"], 0.95);
    assert_eq!(alert["disabled"], true);
    assert_eq!(alert["remind_every"], "30m");
    // No event for an update: the platform has none.
    assert_eq!(ada.events("shop-api", 100).await.len(), events);
    // Unwrapped, `remind_every` in nanoseconds (the Go client's way).
    let put = ada
        .put(
            &path,
            &json!({"remind_every": 5_400_000_000_000u64, "send_when_below": true}),
        )
        .await;
    let alert = put.expect(200)["alert"].clone();
    assert_eq!(alert["remind_every"], "1h30m");
    assert_eq!(alert["send_when_below"], true);
    let refused = ada.patch(&path, &json!({"alert": {"notifiers": []}})).await;
    assert_eq!(errors(&refused), json!({"notifiers": ["can't be blank"]}));
    ada.patch("/v1/apps/shop-api/alerts/al-nope", &json!({"limit": 1}))
        .await
        .expect(404);

    ada.delete(&path).await.expect(204);
    assert_eq!(alerts(&ada, "shop-api").await.len(), 1);
    let event = &ada.events("shop-api", 1).await[0];
    assert_eq!(event["type"], "delete_alert");
    assert_eq!(
        event["type_data"],
        json!({"container_type": "web", "metric": "memory"})
    );
    ada.delete(&path).await.expect(404);
}

#[tokio::test]
async fn limited_collaborators_read_but_do_not_change() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let grace = sim.grace().await;
    let default = notifier_named(&ada, "shop-worker", "Default notifier").await;
    let created = ada
        .post(
            "/v1/apps/shop-worker/alerts",
            &json!({"alert": {"container_type": "worker", "metric": "memory", "limit": 0.9,
                "notifiers": [default]}}),
        )
        .await
        .expect(201)["alert"]
        .clone();
    assert_eq!(alerts(&grace, "shop-worker").await.len(), 1);
    let path = format!(
        "/v1/apps/shop-worker/alerts/{}",
        created["id"].as_str().unwrap()
    );
    grace.patch(&path, &json!({"limit": 0.5})).await.expect(403);
    grace.delete(&path).await.expect(403);
    grace
        .post("/v1/apps/shop-worker/alerts", &json!({"alert": {}}))
        .await
        .expect(403);
    grace.get("/v1/apps/status-page/alerts").await.expect(404);
}
