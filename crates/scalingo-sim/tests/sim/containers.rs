//! The formation, the containers and the container sizes.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::harness::TestSim;

#[tokio::test]
async fn ps_matches_the_formation_of_every_app() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let apps = ada.get("/v1/apps").await.json["apps"].clone();
    let mut checked_types = 0;
    for app in apps.as_array().unwrap() {
        let name = app["name"].as_str().unwrap();
        let formation = ada.get(&format!("/v1/apps/{name}/containers")).await;
        let formation = formation.expect(200)["containers"]
            .as_array()
            .unwrap()
            .clone();
        let ps = ada.get(&format!("/v1/apps/{name}/ps")).await;
        let ps = ps.expect(200)["containers"].as_array().unwrap().clone();
        let status = app["status"].as_str().unwrap();
        if status == "new" {
            assert!(formation.is_empty() && ps.is_empty(), "{name}");
        } else {
            assert!(!formation.is_empty(), "{name}");
        }
        for process in &formation {
            assert_eq!(process["app_id"], app["id"]);
            assert!(process["command"].is_string());
            let kind = process["name"].as_str().unwrap();
            let amount = process["amount"].as_u64().unwrap();
            let mut of_type: Vec<&Value> = ps.iter().filter(|c| c["type"] == kind).collect();
            of_type.sort_by_key(|c| c["type_index"].as_u64());
            assert_eq!(of_type.len() as u64, amount, "{name} {kind}");
            for (index, container) in of_type.iter().enumerate() {
                let index = index as u64 + 1;
                assert_eq!(container["type_index"], index);
                assert_eq!(container["label"], format!("{kind}-{index}"));
                assert_eq!(container["container_size"]["name"], process["size"]);
                assert_eq!(container["app_id"], app["id"]);
                assert_eq!(container["size"], "");
                assert_eq!(container["deleted_at"], Value::Null);
                assert!(container["created_at"].as_str().unwrap().ends_with('Z'));
                let expected_state = match status {
                    "crashed" => "crashed",
                    "running" => "running",
                    _ => container["state"].as_str().unwrap(),
                };
                assert_eq!(container["state"], expected_state, "{name}");
            }
            checked_types += 1;
        }
        if status == "stopped" {
            assert!(ps.is_empty(), "{name}");
            assert!(formation.iter().all(|t| t["amount"] == 0), "{name}");
        }
        if status == "booting" {
            assert!(ps.iter().any(|c| c["state"] == "booting"), "{name}");
        }
    }
    assert!(checked_types > 20);
}

#[tokio::test]
async fn formations_vary() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let shop_api = ada.get("/v1/apps/shop-api/containers").await.json["containers"].clone();
    let names: Vec<&str> = shop_api
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["web", "worker", "clock"]);
    let status_page = ada.get("/v1/apps/status-page/containers").await.json["containers"].clone();
    assert_eq!(status_page.as_array().unwrap().len(), 1);
    ada.get("/v1/apps/compiler-lab/ps").await.expect(404);
    ada.get("/v1/apps/compiler-lab/containers")
        .await
        .expect(404);
}

#[tokio::test]
async fn container_sizes_are_public_and_complete() {
    let sim = TestSim::start().await;
    let reply = sim.anonymous().get("/v1/features/container_sizes").await;
    let sizes = reply.expect(200)["container_sizes"]
        .as_array()
        .unwrap()
        .clone();
    let names: Vec<&str> = sizes.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["S", "M", "L", "XL", "2XL", "3XL"]);
    let by_name: HashMap<&str, &Value> = names.iter().copied().zip(sizes.iter()).collect();
    let m = by_name["M"];
    assert_eq!(m["memory"], 512 * 1024 * 1024);
    assert_eq!(m["ordinal"], 3);
    assert_eq!(m["hourly_price"], 20);
    assert_eq!(m["thirtydays_price"], 1440);
    assert_eq!(m["sku"], "osc-fr1-app-M");
    assert_eq!(m["human_cpu"], "standard CPU priority");
    assert_eq!(by_name["S"]["human_cpu"], "low CPU priority");
    assert_eq!(by_name["XL"]["human_cpu"], "high CPU priority");
    assert_eq!(by_name["3XL"]["memory"], 8u64 * 1024 * 1024 * 1024);
    assert_eq!(by_name["3XL"]["pids_limit"], 4096);
    let mut previous = 0;
    for size in &sizes {
        assert!(size["id"].as_str().unwrap().len() == 36);
        assert_eq!(size["human_name"], size["name"]);
        assert!(size["swap"].is_u64());
        let ordinal = size["ordinal"].as_i64().unwrap();
        assert!(ordinal > previous);
        previous = ordinal;
        let pricing = &size["pricings"]["default"];
        assert_eq!(pricing["currency"], "EUR");
        assert_eq!(pricing["period"], "minute");
        let per_minute: f64 = pricing["price"].as_str().unwrap().parse().unwrap();
        let thirty_days = size["thirtydays_price"].as_f64().unwrap() / 100.0;
        assert!((per_minute * 43_200.0 - thirty_days).abs() / thirty_days < 0.01);
    }
    // An authenticated request gets the same list.
    let authenticated = sim.ada().await.get("/v1/features/container_sizes").await;
    assert_eq!(authenticated.json["container_sizes"], json!(sizes));
}
