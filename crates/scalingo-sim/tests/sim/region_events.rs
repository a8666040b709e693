//! Events per region, and the `type_data` an activity feed is written from.

use std::collections::HashSet;

use reqwest::Method;
use serde_json::json;

use crate::{harness::TestSim, polling::fast_sim, regions::SECNUM};

#[tokio::test]
async fn events_are_per_region() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let names = |reply: &crate::harness::Reply| -> HashSet<String> {
        reply.json["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["app_name"].as_str().unwrap().to_owned())
            .collect()
    };
    let root = ada.get("/v1/events?per_page=100").await;
    root.expect(200);
    let secnum = ada.get(&format!("{SECNUM}/v1/events?per_page=100")).await;
    secnum.expect(200);
    let secnum_apps = ada.app_names_in(SECNUM).await;
    assert!(names(&secnum).iter().all(|n| secnum_apps.contains(n)));
    assert!(names(&secnum).contains("health-records-api"));
    assert!(names(&root).is_disjoint(&secnum_apps), "{:?}", names(&root));

    // A deleted app's events stay in its region's list.
    ada.delete(&format!(
        "{SECNUM}/v1/apps/kyc-archive?current_name=kyc-archive"
    ))
    .await
    .expect(204);
    let secnum = ada.get(&format!("{SECNUM}/v1/events?per_page=1")).await;
    let newest = secnum.expect(200)["events"][0].clone();
    assert_eq!(
        (newest["type"].as_str(), newest["app_name"].as_str()),
        (Some("delete_app"), Some("kyc-archive"))
    );
    assert_eq!(newest["type_data"], json!({}));
    let root = ada.get("/v1/events?per_page=100").await;
    assert!(!names(&root).contains("kyc-archive"));
}

#[tokio::test]
async fn event_type_data_reads_as_an_activity_feed() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let app = |path: &str| format!("{SECNUM}/v1/apps/{path}");
    ada.post(
        &format!("{SECNUM}/v1/apps"),
        &json!({"app": {"name": "feed-app", "git_source": "https://github.com/example-org/feed"}}),
    )
    .await
    .expect(201);
    ada.post(
        &app("feed-app/rename"),
        &json!({"current_name": "feed-app", "new_name": "feed-app-2"}),
    )
    .await
    .expect(200);
    let run = ada
        .post(
            &app("audit-vault/run"),
            &json!({"command": "rails console", "detached": true}),
        )
        .await;
    run.expect(200);
    ada.send(
        Method::PATCH,
        &app("secure-gateway?current_name=secure-gateway"),
        Some(&json!({"app": {"owner": "grace@example.com"}})),
        &[],
    )
    .await
    .expect(200);

    let events = ada.get(&format!("{SECNUM}/v1/events?from=1")).await;
    let events = events.expect(200)["events"].as_array().unwrap().clone();
    let find = |kind: &str| {
        events
            .iter()
            .find(|e| e["type"] == kind)
            .unwrap_or_else(|| panic!("no {kind} in {events:?}"))
            .clone()
    };
    assert_eq!(
        find("new_app")["type_data"],
        json!({"git_source": "https://github.com/example-org/feed"})
    );
    assert_eq!(
        find("rename_app")["type_data"],
        json!({"old_name": "feed-app", "new_name": "feed-app-2"})
    );
    assert_eq!(
        find("run")["type_data"],
        json!({"command": "rails console", "detached": true})
    );
    let transfer = find("transfer_app");
    assert_eq!(transfer["type_data"]["old_owner"]["username"], "ada");
    assert_eq!(transfer["type_data"]["new_owner"]["username"], "grace");
    assert_eq!(transfer["user"]["username"], "ada");
    // Grace had no project in the region: she has her default one now.
    let grace = sim.grace().await;
    let gateway = grace.get(&app("secure-gateway")).await;
    assert_eq!(gateway.expect(200)["app"]["project"]["name"], "default");
}
