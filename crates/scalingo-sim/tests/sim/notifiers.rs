//! Notifiers and their catalogues: platforms, event types and categories
//! without a token, every app's default notifier, creation and its
//! refusals, updates, deletion, test notifications, events, limited
//! collaborators, and the hostile demo's notifiers.

use scalingo_sim::DemoKind;
use serde_json::{json, Value};

use crate::harness::{Api, Reply, TestSim};

async fn notifiers(api: &Api, app: &str) -> Vec<Value> {
    let reply = api.get(&format!("/v1/apps/{app}/notifiers")).await;
    reply.expect(200)["notifiers"].as_array().unwrap().clone()
}

fn named<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|n| n["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not listed"))
}

async fn platform_id(api: &Api, name: &str) -> String {
    let reply = api
        .get(&format!("/v1/notification_platforms/search?name={name}"))
        .await;
    reply.expect(200)["notification_platforms"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn event_type_id(api: &Api, name: &str) -> String {
    let reply = api.get("/v1/event_types").await;
    reply.expect(200)["event_types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn errors(reply: &Reply) -> Value {
    reply.expect(422)["errors"].clone()
}

#[tokio::test]
async fn catalogues_need_no_token() {
    let sim = TestSim::start().await;
    let anonymous = sim.anonymous();
    let reply = anonymous.get("/v1/notification_platforms").await;
    let platforms = reply.expect(200)["notification_platforms"]
        .as_array()
        .unwrap()
        .clone();
    let names: Vec<&str> = platforms
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["email", "webhook", "slack", "rocket_chat"]);
    for platform in &platforms {
        for key in ["id", "display_name", "logo_url", "description"] {
            assert!(platform[key].is_string(), "{key}: {platform}");
        }
        assert!(!platform["available_event_ids"]
            .as_array()
            .unwrap()
            .is_empty());
    }
    let id = platforms[2]["id"].as_str().unwrap();
    let one = anonymous
        .get(&format!("/v1/notification_platforms/{id}"))
        .await;
    assert_eq!(one.expect(200)["notification_platform"]["name"], "slack");
    let missing = anonymous.get("/v1/notification_platforms/nope").await;
    assert_eq!(
        missing.expect(404).clone(),
        json!({"resource": "notification_platform", "error": "not found"})
    );
    let found = anonymous
        .get("/v1/notification_platforms/search?name=Rocket")
        .await;
    let found = found.expect(200)["notification_platforms"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["name"], "rocket_chat");

    let types = anonymous.get("/v1/event_types").await;
    let types = types.expect(200)["event_types"].as_array().unwrap().clone();
    let categories = anonymous.get("/v1/event_categories").await;
    let categories = categories.expect(200)["event_categories"]
        .as_array()
        .unwrap()
        .clone();
    for name in [
        "app_deployed",
        "app_crashed",
        "app_restarted",
        "app_scaled",
        "addon_provisioned",
        "variable_bulk_edited",
    ] {
        let event_type = types.iter().find(|t| t["name"] == name).unwrap();
        assert!(event_type["display_name"].is_string());
        assert!(
            categories
                .iter()
                .any(|c| c["id"] == event_type["category_id"]),
            "{name}"
        );
    }
    assert!(types.len() > 40);
    let parsed: scalingo_api::EventCategoriesResponse =
        serde_json::from_value(json!({"event_categories": categories})).unwrap();
    assert!(parsed.event_categories.iter().all(|c| c.position > 0));
}

#[tokio::test]
async fn every_app_has_a_default_notifier_and_shop_api_more() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let email = platform_id(&ada, "email").await;
    for app in ada.app_names().await {
        let list = notifiers(&ada, &app).await;
        let default = named(&list, "Default notifier");
        assert_eq!(default["type"], "email", "{app}");
        assert_eq!(default["platform_id"], email.as_str());
        assert_eq!(default["active"], true);
        assert_eq!(default["send_all_alerts"], true);
        assert_eq!(
            default["type_data"]["user_ids"].as_array().unwrap().len(),
            1
        );
    }
    let list = notifiers(&ada, "shop-api").await;
    assert_eq!(list.len(), 3);
    let webhook = named(&list, "Deploy webhook");
    assert_eq!(webhook["type"], "webhook");
    assert_eq!(
        webhook["type_data"]["webhook_url"],
        "https://hooks.example.com/scalingo/shop-api"
    );
    let slack = named(&list, "#ops on Slack");
    assert_eq!(slack["type"], "slack");
    let parsed: scalingo_api::Notifier = serde_json::from_value(slack.clone()).unwrap();
    assert!(parsed
        .webhook_url()
        .unwrap()
        .starts_with("https://hooks.slack.com/"));
    let id = webhook["id"].as_str().unwrap();
    assert!(id.starts_with("no-"));
    let one = ada.get(&format!("/v1/apps/shop-api/notifiers/{id}")).await;
    assert_eq!(one.expect(200)["notifier"], *webhook);
    ada.get("/v1/apps/shop-api/notifiers/no-nope")
        .await
        .expect(404);

    // A new app gets its default notifier too.
    ada.post("/v1/apps", &json!({"app": {"name": "fresh-notified"}}))
        .await
        .expect(201);
    let list = notifiers(&ada, "fresh-notified").await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "Default notifier");
}

#[tokio::test]
async fn creating_checks_every_rule() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let webhook = platform_id(&ada, "webhook").await;
    let deployed = event_type_id(&ada, "app_deployed").await;
    let reply = ada
        .post(
            "/v1/apps/shop-web/notifiers",
            &json!({"notifier": {"platform_id": webhook, "name": "ops", "active": true,
                "send_all_events": false, "send_all_alerts": true,
                "selected_event_ids": [deployed],
                "type_data": {"webhook_url": "https://hooks.example.com/ops"}}}),
        )
        .await;
    let created = reply.expect(201)["notifier"].clone();
    assert_eq!(created["type"], "webhook");
    assert_eq!(created["selected_event_ids"], json!([deployed]));
    assert_eq!(created["app_id"], ada.app("shop-web").await["id"]);
    let event = &ada.events("shop-web", 1).await[0];
    assert_eq!(event["type"], "new_notifier");
    assert_eq!(event["type_data"]["notifier_name"], "ops");
    assert_eq!(event["type_data"]["platform_name"], "webhook");
    assert_eq!(
        event["type_data"]["selected_events"],
        json!(["app_deployed"])
    );

    // The recorded 422, for a body without a name or `active`.
    let empty = ada
        .post("/v1/apps/shop-web/notifiers", &json!({"notifier": {}}))
        .await;
    assert_eq!(
        empty.expect(422).clone(),
        json!({"errors": {"name": ["can't be blank"], "active": ["can't be blank"]}})
    );
    let unknown = ada
        .post(
            "/v1/apps/shop-web/notifiers",
            &json!({"notifier": {"platform_id": "nope", "name": "x", "active": false}}),
        )
        .await;
    assert_eq!(
        unknown.expect(404).clone(),
        json!({"resource": "notification_platform", "error": "not found"})
    );
    let javascript = ada
        .post(
            "/v1/apps/shop-web/notifiers",
            &json!({"platform_id": webhook, "name": "x", "active": true,
                "type_data": {"webhook_url": "javascript:alert(1)"}, "selected_events": ["nope"]}),
        )
        .await;
    assert_eq!(
        errors(&javascript),
        json!({"webhook_url": ["must be an http:// or https:// URL"],
            "selected_event_ids": ["must be event types of the platform"]})
    );
    let email = platform_id(&ada, "email").await;
    let addresses = ada
        .post(
            "/v1/apps/shop-web/notifiers",
            &json!({"notifier": {"platform_id": email, "name": "team", "active": true,
                "type_data": {"emails": ["ok@example.com", "nope"]}}}),
        )
        .await;
    assert_eq!(
        errors(&addresses),
        json!({"emails": ["contains an invalid address: nope"]})
    );
    let typed = ada
        .post(
            "/v1/apps/shop-web/notifiers",
            &json!({"notifier": {"platform_id": email, "name": "team", "active": "yes",
                "type_data": "none"}}),
        )
        .await;
    assert_eq!(
        errors(&typed),
        json!({"active": ["must be true or false"], "type_data": ["must be an object"]})
    );
}

#[tokio::test]
async fn updates_tests_and_deletion() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let list = notifiers(&ada, "shop-api").await;
    let webhook = named(&list, "Deploy webhook");
    let id = webhook["id"].as_str().unwrap().to_owned();
    let path = format!("/v1/apps/shop-api/notifiers/{id}");
    let patched = ada
        .patch(
            &path,
            &json!({"notifier": {"name": "Deploys", "active": false}}),
        )
        .await;
    let notifier = patched.expect(200)["notifier"].clone();
    assert_eq!(notifier["name"], "Deploys");
    assert_eq!(notifier["active"], false);
    assert_eq!(notifier["type_data"], webhook["type_data"]);
    assert_eq!(ada.events("shop-api", 1).await[0]["type"], "edit_notifier");
    let refused = ada
        .patch(
            &path,
            &json!({"type_data": {"webhook_url": "ftp://x.io"}, "name": " "}),
        )
        .await;
    assert_eq!(
        errors(&refused),
        json!({"name": ["can't be blank"], "webhook_url": ["must be an http:// or https:// URL"]})
    );

    // A test: 200 with an empty body, and the simulator keeps it.
    let control = sim.anonymous();
    control.delete("/_sim/notifier-tests").await.expect(204);
    let test = ada.post(&format!("{path}/test"), &Value::Null).await;
    test.expect(200);
    assert!(test.text.is_empty());
    let sent = control.get("/_sim/notifier-tests").await;
    let sent = sent.expect(200)["notifier_tests"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["notifier_id"], id.as_str());
    assert_eq!(sent[0]["notifier_name"], "Deploys");
    assert_eq!(sent[0]["app_name"], "shop-api");
    assert_eq!(sent[0]["type"], "webhook");
    assert_eq!(
        sent[0]["type_data"]["webhook_url"],
        "https://hooks.example.com/scalingo/shop-api"
    );
    assert!(sent[0]["sent_at"].as_str().unwrap().ends_with('Z'));
    ada.post("/v1/apps/shop-api/notifiers/no-nope/test", &Value::Null)
        .await
        .expect(404);

    // Deleting it: the p95 alert no longer sends to it.
    ada.delete(&path).await.expect(204);
    let event = &ada.events("shop-api", 1).await[0];
    assert_eq!(event["type"], "delete_notifier");
    assert_eq!(event["type_data"]["notifier_name"], "Deploys");
    let alerts = ada.get("/v1/apps/shop-api/alerts").await;
    for alert in alerts.expect(200)["alerts"].as_array().unwrap() {
        assert!(!alert["notifiers"].as_array().unwrap().contains(&json!(id)));
    }
    ada.delete(&path).await.expect(404);
}

#[tokio::test]
async fn limited_collaborators_read_but_do_not_change() {
    let sim = TestSim::start().await;
    let grace = sim.grace().await;
    let list = notifiers(&grace, "shop-worker").await;
    let path = format!(
        "/v1/apps/shop-worker/notifiers/{}",
        list[0]["id"].as_str().unwrap()
    );
    grace
        .patch(&path, &json!({"active": false}))
        .await
        .expect(403);
    grace
        .post(&format!("{path}/test"), &Value::Null)
        .await
        .expect(403);
    grace.delete(&path).await.expect(403);
    grace
        .post("/v1/apps/shop-worker/notifiers", &json!({"notifier": {}}))
        .await
        .expect(403);
    grace
        .get("/v1/apps/status-page/notifiers")
        .await
        .expect(404);
}

#[tokio::test]
async fn the_hostile_probe_has_a_javascript_webhook_and_an_absurd_alert() {
    let sim = TestSim::start_with(|c| c.demo = DemoKind::Hostile).await;
    let ada = sim.ada().await;
    let list = notifiers(&ada, "xss-probe-app").await;
    let webhook = list.iter().find(|n| n["type"] == "webhook").unwrap();
    assert!(webhook["name"]
        .as_str()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
    assert_eq!(webhook["type_data"]["webhook_url"], "javascript:alert(1)");
    let parsed: scalingo_api::Notifier = serde_json::from_value(webhook.clone()).unwrap();
    assert!(!scalingo_api::is_web_url(&parsed.webhook_url().unwrap()));
    let alerts = ada.get("/v1/apps/xss-probe-app/alerts").await;
    let alert = alerts.expect(200)["alerts"][0].clone();
    assert_eq!(alert["limit"], 1e300);
    let parsed: scalingo_api::Alert = serde_json::from_value(alert).unwrap();
    assert_eq!(parsed.reminder(), None);
    for probe in scalingo_sim::hostile::PROBE_APPS {
        assert!(!notifiers(&ada, probe).await.is_empty(), "{probe}");
    }
}
