//! Regions in the data file, and the large demo (`--demo-apps`).

use std::{
    fs,
    time::{Duration, Instant},
};

use serde_json::{json, Value};

use crate::{
    harness::{config_in, TestSim},
    regions::SECNUM,
};

#[tokio::test]
async fn the_region_of_every_app_is_saved() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    ada.post(
        &format!("{SECNUM}/v1/apps"),
        &json!({"app": {"name": "saved-secnum-app"}}),
    )
    .await
    .expect(201);
    let before = ada.app_names_in(SECNUM).await;
    let dir = sim.stop().await;

    let again = TestSim::start_config(config_in(&dir), dir).await;
    let ada = again.ada().await;
    assert_eq!(ada.app_names_in(SECNUM).await, before);
    assert!(before.contains("saved-secnum-app"));
    assert!(!ada.app_names_in("").await.contains("saved-secnum-app"));
}

/// A data file as written before there were regions: one `region`, and no
/// region on projects and events (apps had one, always the default).
fn as_before_regions(platform: &mut Value) {
    let platform = platform.as_object_mut().unwrap();
    let regions = platform.remove("regions").unwrap();
    platform.insert("region".to_owned(), regions[0].clone());
    platform["apps"]
        .as_array_mut()
        .unwrap()
        .retain(|a| a["region"] == "osc-fr1");
    for key in ["projects", "events"] {
        let records = platform[key].as_array_mut().unwrap();
        records.retain(|r| r["region"] == "osc-fr1");
        for record in records {
            record.as_object_mut().unwrap().remove("region");
        }
    }
}

#[tokio::test]
async fn a_data_file_from_before_regions_loads_in_the_default_region() {
    let sim = TestSim::start().await;
    let path = sim.data.clone();
    let dir = sim.stop().await;
    let mut file: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    as_before_regions(&mut file["platform"]);
    fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();

    let again = TestSim::start_config(config_in(&dir), dir).await;
    let ada = again.ada().await;
    assert_eq!(ada.app_names_in("").await.len(), 17);
    assert!(ada.app_names_in(SECNUM).await.is_empty());
    let events = ada.get("/v1/events?per_page=5").await;
    assert_eq!(events.expect(200)["events"].as_array().unwrap().len(), 5);
    let projects = ada.get("/v1/projects").await;
    assert_eq!(
        projects.expect(200)["projects"].as_array().unwrap().len(),
        3
    );
    // The other region works, and gives Ada a default project there.
    let created = ada
        .post(
            &format!("{SECNUM}/v1/apps"),
            &json!({"app": {"name": "first-secnum"}}),
        )
        .await;
    assert_eq!(created.expect(201)["app"]["project"]["name"], "default");
    let regions = ada.get("/v1/regions").await;
    assert_eq!(regions.expect(200)["regions"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_large_demo_starts_and_lists_fast() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config_in(&dir);
    config.data = None;
    config.demo_apps = 5000;
    let started = Instant::now();
    let sim = TestSim::start_config(config, dir).await;
    let start_time = started.elapsed();
    let ada = sim.ada().await;
    // Generous bounds: debug builds on a busy machine.
    let bound = Duration::from_secs(2);
    assert!(start_time < bound, "started in {start_time:?}");

    let listed = Instant::now();
    let reply = ada.get("/v1/apps").await;
    let list_time = listed.elapsed();
    let apps = reply.expect(200)["apps"].as_array().unwrap().clone();
    assert!(list_time < bound, "listed in {list_time:?}");
    assert_eq!(apps.len(), 5000);
    let generated = apps
        .iter()
        .filter(|a| a["name"].as_str().unwrap().starts_with("load-app-"))
        .count();
    assert_eq!(generated, 5000 - 17, "on top of the normal demo");
    let statuses: std::collections::HashSet<&str> =
        apps.iter().map(|a| a["status"].as_str().unwrap()).collect();
    assert!(statuses.len() >= 4, "{statuses:?}");

    // Their logs, metrics and events are there on demand.
    let app = "/v1/apps/load-app-0001";
    ada.get(app).await.expect(200);
    for path in ["events", "logs", "stats", "logs_archives"] {
        ada.get(&format!("{app}/{path}")).await.expect(200);
    }
    let events = ada.get("/v1/events?per_page=10").await;
    assert_eq!(events.expect(200)["events"].as_array().unwrap().len(), 10);
    // The other region is untouched.
    assert_eq!(ada.app_names_in(SECNUM).await.len(), 4);
}
