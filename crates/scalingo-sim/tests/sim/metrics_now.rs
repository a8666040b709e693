//! Real-time stats (`GET /apps/:app/stats`) and recommended values.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::{
    harness::TestSim,
    metrics::series,
    polling::{sim_at, wait_for},
};

#[tokio::test]
async fn stats_list_the_running_containers_with_their_limits() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let ps = ada.ps("shop-api").await;
    let stats = ada.get("/v1/apps/shop-api/stats").await.expect(200)["stats"]
        .as_array()
        .unwrap()
        .clone();
    let running: HashMap<String, &Value> = ps
        .iter()
        .filter(|c| c["state"] == "running")
        .map(|c| (c["label"].as_str().unwrap().to_owned(), c))
        .collect();
    assert_eq!(stats.len(), running.len());
    for stat in &stats {
        let id = stat["id"].as_str().unwrap();
        let container = running
            .get(id)
            .unwrap_or_else(|| panic!("{id} is not running"));
        let size = &container["container_size"];
        assert_eq!(stat["memory_limit"], size["memory"], "{id}");
        assert_eq!(stat["swap_limit"], size["swap"], "{id}");
        assert!(stat["cpu_usage"].is_u64(), "an integer percent: {stat}");
        let memory = stat["memory_usage"].as_u64().unwrap();
        assert!(memory > 0 && memory < stat["memory_limit"].as_u64().unwrap());
        assert!(stat["highest_memory_usage"].as_u64().unwrap() >= memory);
        let swap = stat["swap_usage"].as_u64().unwrap();
        assert!(stat["highest_swap_usage"].as_u64().unwrap() >= swap);
    }
}

#[tokio::test]
async fn stats_agree_with_the_newest_point_of_the_series() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let stats = ada.get("/v1/apps/shop-api/stats").await.expect(200)["stats"].clone();
    let web1 = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "web-1")
        .unwrap()
        .clone();
    let memory = series(&ada, "/v1/apps/shop-api/stats/memory/web/1?since=1").await;
    let newest = memory.last().unwrap()["value"].as_f64().unwrap();
    let now = web1["memory_usage"].as_f64().unwrap();
    assert!((newest - now).abs() < now * 0.05, "{newest} vs {now}");
    let cpu = series(&ada, "/v1/apps/shop-api/stats/cpu/web/1?since=1").await;
    let newest = cpu.last().unwrap()["value"].as_f64().unwrap();
    let now = web1["cpu_usage"].as_f64().unwrap();
    assert!(
        (newest - now).abs() <= newest * 0.25 + 1.0,
        "{newest} vs {now}"
    );
}

#[tokio::test]
async fn one_offs_count_and_booting_containers_do_not() {
    let sim = sim_at(1.0).await;
    let ada = sim.ada().await;
    // shop-worker's containers are booting (a deployment is under way).
    let stats = ada.get("/v1/apps/shop-worker/stats").await;
    assert_eq!(stats.expect(200), &json!({"stats": []}));
    let reply = ada
        .post(
            "/v1/apps/status-page/run",
            &json!({"command": "sleep 60", "detached": true}),
        )
        .await;
    let label = format!("one-off-{}", reply.expect(200)["container"]["type_index"]);
    let booting = ada.get("/v1/apps/status-page/stats").await;
    let ids = |body: &Value| -> Vec<String> {
        body["stats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        !ids(booting.expect(200)).contains(&label),
        "not while booting"
    );
    wait_for("the one-off in the stats", || async {
        let stats = ada.get("/v1/apps/status-page/stats").await;
        ids(stats.expect(200)).contains(&label).then_some(())
    })
    .await;
}

#[tokio::test]
async fn recommended_values_are_drawn_from_the_last_day() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    for metric in ["cpu", "memory", "swap"] {
        let reply = ada
            .get(&format!(
                "/v1/apps/shop-api/stats/{metric}/recommended_value?container_type=web"
            ))
            .await;
        let body = reply.expect(200);
        let time = body["time"].as_str().unwrap();
        assert!(time.ends_with("T00:00:00Z"), "{time}");
        let value = body["value"].as_f64().unwrap();
        assert!((0.05..=0.95).contains(&value), "{metric}: {value}");
    }
    for metric in ["5XX", "all", "rpm_per_container", "p95_response_time"] {
        let reply = ada
            .get(&format!(
                "/v1/apps/shop-api/stats/{metric}/recommended_value"
            ))
            .await;
        let value = reply.expect(200)["value"].as_f64().unwrap();
        assert!(value >= 1.0 && value.fract() == 0.0, "{metric}: {value}");
    }
    let all = ada
        .get("/v1/apps/shop-api/stats/all/recommended_value")
        .await;
    let per_container = ada
        .get("/v1/apps/shop-api/stats/rpm_per_container/recommended_value")
        .await;
    assert!(all.json["value"].as_f64() > per_container.json["value"].as_f64());
}

#[tokio::test]
async fn recommended_values_refuse_what_they_cannot_compute() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let missing = ada
        .get("/v1/apps/shop-api/stats/cpu/recommended_value")
        .await;
    assert_eq!(
        missing.expect(400),
        &json!({"error": "'container_type' should be defined"})
    );
    let unknown = ada
        .get("/v1/apps/shop-api/stats/disk/recommended_value")
        .await;
    assert!(unknown.expect(400)["error"].is_string());
    let no_metrics = json!({"error": "no metrics found"});
    for path in [
        "/v1/apps/shop-api/stats/cpu/recommended_value?container_type=nope",
        "/v1/apps/marketing-site/stats/memory/recommended_value?container_type=web",
        "/v1/apps/marketing-site/stats/all/recommended_value",
        "/v1/apps/data-pipeline/stats/5XX/recommended_value",
    ] {
        assert_eq!(ada.get(path).await.expect(404), &no_metrics, "{path}");
    }
}
