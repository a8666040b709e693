//! The timeline: app events, user events, and the demo history.

use serde_json::{json, Value};

use crate::{
    harness::TestSim,
    polling::{fast_sim, process},
};

fn kinds(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["type"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_scale_and_a_restart_are_on_the_timeline() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let (amount, size) = process(&ada.formation("shop-api").await, "web");
    let reply = ada
        .post(
            "/v1/apps/shop-api/scale",
            &json!({"containers": [{"name": "web", "amount": 3, "size": "L"}, {"name": "clock", "amount": 0}]}),
        )
        .await;
    reply.expect(202);
    ada.finished_operation(&sim.location_path(&reply)).await;
    ada.post("/v1/apps/shop-api/restart", &json!({"scope": ["web"]}))
        .await
        .expect(202);

    let reply = ada.get("/v1/apps/shop-api/events?per_page=2").await;
    let body = reply.expect(200).clone();
    let events = body["events"].as_array().unwrap();
    assert_eq!(kinds(events), ["restart", "scale"]);
    let (restart, scale) = (&events[0], &events[1]);
    assert_eq!(
        restart["type_data"],
        json!({"scope": ["web"], "reason": "user_restart"})
    );
    assert_eq!(
        scale["type_data"]["containers"],
        json!({"web": "3:L", "clock": "0:S"})
    );
    assert_eq!(
        scale["type_data"]["previous_containers"]["web"],
        format!("{amount}:{size}")
    );
    assert_eq!(scale["type_data"]["previous_containers"]["clock"], "1:S");
    let app = ada.app("shop-api").await;
    for event in events {
        assert!(event["id"].as_str().unwrap().len() == 24);
        assert!(event["created_at"].as_str().unwrap().ends_with('Z'));
        assert_eq!(event["app_id"], app["id"]);
        assert_eq!(event["app_name"], "shop-api");
        assert_eq!(event["project_id"], app["project"]["id"]);
        assert_eq!(event["project_name"], "storefront");
        assert_eq!(
            event["user"],
            json!({"id": app["owner"]["id"], "username": "ada", "email": "ada@example.com"})
        );
    }
    assert!(restart["created_at"].as_str() >= scale["created_at"].as_str());
    let pagination = &body["meta"]["pagination"];
    assert_eq!(pagination["current_page"], 1);
    assert_eq!(pagination["prev_page"], Value::Null);
    assert_eq!(pagination["previous_page"], Value::Null);
    assert_eq!(pagination["next_page"], 2);
    let total = pagination["total_count"].as_u64().unwrap();
    assert!(total > 5, "the demo history is there: {total}");

    // One event by id.
    let id = restart["id"].as_str().unwrap();
    let one = ada.get(&format!("/v1/apps/shop-api/events/{id}")).await;
    assert_eq!(&one.expect(200)["event"], restart);
    assert_eq!(
        ada.get("/v1/apps/shop-web/events/65f0000000000000000000aa")
            .await
            .expect(404),
        &json!({"resource": "event", "error": "not found"})
    );
}

#[tokio::test]
async fn settings_changes_are_recorded() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let app = ada.app("shop-web").await;
    let force_https = app["force_https"].as_bool().unwrap();
    let stacks = sim.anonymous().get("/v1/features/stacks").await.json["stacks"].clone();
    let other_stack = stacks
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] != app["stack_id"])
        .unwrap()
        .clone();
    let projects = ada.get("/v1/projects").await.json["projects"].clone();
    let other_project = projects
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] != app["project"]["id"])
        .unwrap()
        .clone();
    let update = json!({
        "force_https": !force_https,
        "stack_id": other_stack["id"],
        "project_id": other_project["id"],
    });
    ada.patch("/v1/apps/shop-web", &json!({ "app": update }))
        .await
        .expect(200);
    let events = ada.events("shop-web", 3).await;
    let find = |kind: &str| events.iter().find(|e| e["type"] == kind).cloned();
    assert_eq!(
        find("edit_app").unwrap()["type_data"],
        json!({"force_https": !force_https})
    );
    let stack = find("stack_changed").unwrap();
    assert_eq!(stack["type_data"]["previous_stack_id"], app["stack_id"]);
    assert_eq!(
        stack["type_data"]["current_stack_name"],
        other_stack["name"]
    );
    let moved = find("update_app_project").unwrap();
    assert_eq!(moved["type_data"]["new_project_id"], other_project["id"]);
    assert_eq!(moved["type_data"]["old_project_id"], app["project"]["id"]);
}

#[tokio::test]
async fn the_demo_history_matches_the_apps() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    for name in [
        "shop-api",
        "shop-web",
        "admin-portal",
        "legacy-crm",
        "image-resizer",
    ] {
        let app = ada.app(name).await;
        let events = ada.events(name, 100).await;
        let deployments: Vec<&Value> = events
            .iter()
            .filter(|e| e["type"] == "deployment")
            .collect();
        assert!(!deployments.is_empty(), "{name}");
        let last = deployments[0];
        assert_eq!(
            last["type_data"]["deployment_id"], app["last_deployment_id"],
            "{name}"
        );
        assert_eq!(
            last["type_data"]["pusher"], app["last_deployed_by"],
            "{name}"
        );
        assert!(last["type_data"]["git_ref"].as_str().unwrap().len() == 40);
        assert!(deployments
            .iter()
            .all(|d| d["type_data"]["duration"].is_u64() && d["type_data"]["status"].is_string()));
        assert_eq!(events.last().unwrap()["type"], "new_app", "{name}");
        // The last scale of a type left it as it is now.
        let formation = ada.formation(name).await;
        for t in &formation {
            let type_name = t["name"].as_str().unwrap();
            let last_scale = events.iter().find(|e| {
                e["type"] == "scale" && e["type_data"]["containers"].get(type_name).is_some()
            });
            if let Some(scale) = last_scale {
                assert_eq!(
                    scale["type_data"]["containers"][type_name],
                    format!("{}:{}", t["amount"], t["size"].as_str().unwrap()),
                    "{name} {type_name}"
                );
            }
        }
        assert!(events.iter().any(|e| e["type"] == "restart"), "{name}");
    }
    let crashed = ada.events("image-resizer", 100).await;
    assert!(crashed.iter().any(|e| e["type"] == "repeated_crash"));
    // The last two days have restarts to draw on charts.
    let recent = ada.get("/v1/apps/shop-api/events?from=48").await;
    let recent = recent.expect(200)["events"].as_array().unwrap().clone();
    assert!(recent.iter().any(|e| e["type"] == "restart"));
    let never = ada.events("marketing-site", 100).await;
    assert_eq!(kinds(&never), ["new_app"]);
}

#[tokio::test]
async fn event_pages_and_windows() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let all = ada.get("/v1/apps/shop-api/events?per_page=100").await;
    let all = all.expect(200)["events"].as_array().unwrap().clone();
    let dates: Vec<&str> = all
        .iter()
        .map(|e| e["created_at"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    // Default page: 30 at most.
    let default = ada.get("/v1/apps/shop-api/events").await;
    let default = default.expect(200).clone();
    assert_eq!(
        default["events"].as_array().unwrap().len(),
        all.len().min(30)
    );
    assert_eq!(default["meta"]["pagination"]["total_count"], all.len());
    let second = ada.get("/v1/apps/shop-api/events?page=2&per_page=3").await;
    let second = second.expect(200).clone();
    assert_eq!(second["events"].as_array().unwrap()[..], all[3..6]);
    assert_eq!(second["meta"]["pagination"]["prev_page"], 1);
    assert_eq!(second["meta"]["pagination"]["previous_page"], 1);
    // Capped at 100.
    let big = ada.get("/v1/events?per_page=1000").await;
    assert!(big.expect(200)["events"].as_array().unwrap().len() <= 100);
    for query in ["page=0", "per_page=x", "from=x", "from=0"] {
        ada.get(&format!("/v1/apps/shop-api/events?{query}"))
            .await
            .expect(400);
    }
    // A window: only recent events, all on one page.
    let window = ada.get("/v1/apps/shop-api/events?from=24&per_page=1").await;
    let window = window.expect(200).clone();
    let day_ago = hours_ago(24);
    for event in window["events"].as_array().unwrap() {
        assert!(event["created_at"].as_str().unwrap() >= day_ago.as_str());
    }
    assert_eq!(
        window["meta"]["pagination"]["total_count"],
        window["events"].as_array().unwrap().len()
    );
    ada.get("/v1/apps/nope-nope/events").await.expect(404);
}

/// A date in the API's format, `hours` ago (with a minute of slack).
fn hours_ago(hours: i64) -> String {
    let at = chrono::Utc::now() - chrono::Duration::hours(hours) - chrono::Duration::minutes(1);
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[tokio::test]
async fn user_events_span_apps_and_survive_deletions() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    ada.delete("/v1/apps/status-page?current_name=status-page")
        .await
        .expect(204);
    let reply = ada.get("/v1/events?per_page=100").await;
    let body = reply.expect(200).clone();
    let events = body["events"].as_array().unwrap();
    assert_eq!(events[0]["type"], "delete_app");
    assert_eq!(events[0]["app_name"], "status-page");
    let apps: std::collections::HashSet<&str> = events
        .iter()
        .map(|e| e["app_name"].as_str().unwrap())
        .collect();
    assert!(apps.len() > 3, "{apps:?}");
    // Grace sees the apps she works on, not Ada's others.
    let grace = sim.grace().await;
    let reply = grace.get("/v1/events?per_page=100").await;
    let theirs = reply.expect(200)["events"].as_array().unwrap().clone();
    assert!(theirs.iter().any(|e| e["app_name"] == "shop-api"));
    assert!(theirs.iter().all(|e| e["app_name"] != "marketing-site"));
    sim.anonymous().get("/v1/events").await.expect(401);
}
