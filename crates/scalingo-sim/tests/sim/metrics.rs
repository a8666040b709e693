//! Metric series: `GET /apps/:app/stats/:metric[/:type[/:index]]`.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::{
    harness::{Api, TestSim},
    polling::{process, sim_at},
};

pub async fn series(api: &Api, path: &str) -> Vec<Value> {
    let reply = api.get(path).await;
    reply.expect(200).as_array().expect("a bare array").clone()
}

fn time(point: &Value) -> DateTime<Utc> {
    let text = point["time"].as_str().unwrap();
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn values(points: &[Value]) -> Vec<Option<f64>> {
    points.iter().map(|p| p["value"].as_f64()).collect()
}

/// Time → value of every point but the newest (its value moves with the
/// clock until its minute is over), to compare series fetched one after
/// the other (a minute may have turned in between).
fn settled(points: &[Value]) -> std::collections::BTreeMap<String, Option<f64>> {
    points[..points.len() - 1]
        .iter()
        .map(|p| (p["time"].as_str().unwrap().to_owned(), p["value"].as_f64()))
        .collect()
}

/// Memory of a size, from the catalogue.
async fn memory_of(api: &Api, size: &str) -> f64 {
    let sizes = api.get("/v1/features/container_sizes").await;
    sizes.expect(200)["container_sizes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == size)
        .unwrap()["memory"]
        .as_f64()
        .unwrap()
}

#[tokio::test]
async fn three_hours_of_minutes_by_default() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let points = series(&ada, "/v1/apps/shop-api/stats/cpu/web").await;
    assert_eq!(points.len(), 181);
    for point in &points {
        let text = point["time"].as_str().unwrap();
        assert_eq!(text.len(), 20, "no fraction: {text}");
        assert!(text.ends_with('Z'));
        assert!(point["value"].as_f64().unwrap() > 0.0);
    }
    for pair in points.windows(2) {
        assert_eq!((time(&pair[1]) - time(&pair[0])).num_seconds(), 60);
    }
    let newest = time(points.last().unwrap());
    assert!((Utc::now() - newest).num_seconds() < 61);
    assert_eq!(
        series(&ada, "/v1/apps/shop-api/stats/cpu/web?since=3")
            .await
            .len(),
        181
    );
    assert_eq!(
        series(&ada, "/v1/apps/shop-api/stats/cpu/web?since=1")
            .await
            .len(),
        61
    );
}

#[tokio::test]
async fn longer_windows_have_coarser_points() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let day = series(&ada, "/v1/apps/shop-api/stats/memory/web?since=72").await;
    assert_eq!(day.len(), 181);
    for pair in day.windows(2) {
        assert_eq!((time(&pair[1]) - time(&pair[0])).num_minutes(), 24);
    }
    let twelve = series(&ada, "/v1/apps/shop-api/stats/memory/web?since=12").await;
    assert_eq!(twelve.len(), 181);
    assert_eq!((time(&twelve[1]) - time(&twelve[0])).num_minutes(), 4);
    // Beyond 72 hours is 72 hours.
    let capped = series(&ada, "/v1/apps/shop-api/stats/memory/web?since=500").await;
    assert_eq!(capped.len(), 181);
    assert_eq!(capped[0]["time"], day[0]["time"]);
    for bad in ["0", "-3", "abc"] {
        let reply = ada
            .get(&format!("/v1/apps/shop-api/stats/cpu/web?since={bad}"))
            .await;
        assert!(reply.expect(400)["error"].is_string());
    }
}

#[tokio::test]
async fn per_container_metrics_need_a_known_type() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    for metric in ["cpu", "memory", "swap"] {
        let reply = ada.get(&format!("/v1/apps/shop-api/stats/{metric}")).await;
        assert_eq!(
            reply.expect(400),
            &json!({"error": "'container' should be defined"})
        );
    }
    let no_metrics = json!({"error": "no metrics found"});
    for path in [
        "/v1/apps/shop-api/stats/cpu/nope",
        "/v1/apps/shop-api/stats/cpu/web/99",
        "/v1/apps/shop-api/stats/cpu/web/0",
        "/v1/apps/shop-api/stats/cpu/web/abc",
        "/v1/apps/shop-api/stats/cpu/one-off",
        "/v1/apps/marketing-site/stats/cpu/web",
        "/v1/apps/marketing-site/stats/router",
        "/v1/apps/data-pipeline/stats/router",
    ] {
        assert_eq!(ada.get(path).await.expect(404), &no_metrics, "{path}");
    }
    let unknown = ada.get("/v1/apps/shop-api/stats/disk/web").await;
    assert!(unknown.expect(400)["error"]
        .as_str()
        .unwrap()
        .contains("disk"));
    ada.get("/v1/apps/nope-nope/stats/cpu/web")
        .await
        .expect(404);
    sim.anonymous()
        .get("/v1/apps/shop-api/stats/cpu/web")
        .await
        .expect(401);
}

#[tokio::test]
async fn without_an_index_a_type_is_the_mean_of_its_containers() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let (amount, size) = process(&ada.formation("shop-api").await, "web");
    assert!(amount >= 2);
    let mean = settled(&series(&ada, "/v1/apps/shop-api/stats/memory/web?since=1").await);
    let mut each = Vec::new();
    for index in 1..=amount {
        let path = format!("/v1/apps/shop-api/stats/memory/web/{index}?since=1");
        each.push(settled(&series(&ada, &path).await));
    }
    let limit = memory_of(&ada, &size).await;
    let mut compared = 0;
    for (time, value) in &mean {
        let all: Option<Vec<f64>> = each
            .iter()
            .map(|e| e.get(time).copied().flatten())
            .collect();
        let (Some(all), Some(value)) = (all, value) else {
            continue;
        };
        let expected = all.iter().sum::<f64>() / all.len() as f64;
        assert!((value - expected).abs() < 1.0, "{value} vs {expected}");
        assert!(all.iter().all(|v| *v > 0.0 && *v < limit));
        compared += 1;
    }
    assert!(compared > 50, "{compared} points compared");
    // The containers differ from each other.
    assert_ne!(each[0], each[1]);
}

#[tokio::test]
async fn memory_stays_under_the_limit_of_the_size() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    for app in ["shop-api", "patient-records", "data-pipeline"] {
        for t in ada.formation(app).await {
            let (kind, size) = (t["name"].as_str().unwrap(), t["size"].as_str().unwrap());
            if t["amount"] == 0 {
                continue;
            }
            let limit = memory_of(&ada, size).await;
            let points = series(&ada, &format!("/v1/apps/{app}/stats/memory/{kind}/1")).await;
            for value in values(&points[points.len() - 10..]).into_iter().flatten() {
                assert!(
                    value > limit * 0.05 && value < limit,
                    "{app} {kind}: {value}"
                );
            }
            let swap = series(&ada, &format!("/v1/apps/{app}/stats/swap/{kind}?since=72")).await;
            let swap = values(&swap);
            let zero = swap.iter().flatten().filter(|v| **v == 0.0).count();
            assert!(zero * 2 > swap.len(), "swap is mostly 0");
            assert!(swap.iter().flatten().all(|v| *v < limit * 0.05));
        }
    }
}

#[tokio::test]
async fn router_series_count_requests_by_status_class() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let all = settled(&series(&ada, "/v1/apps/shop-api/stats/router?since=3").await);
    let mut classes = Vec::new();
    for class in ["1XX", "2XX", "3XX", "4XX", "5XX"] {
        let path = format!("/v1/apps/shop-api/stats/router?since=3&status_code={class}");
        classes.push(settled(&series(&ada, &path).await));
    }
    let mut sums = [0.0; 5];
    let mut total = 0.0;
    for (time, value) in &all {
        let found: Option<Vec<f64>> = classes
            .iter()
            .map(|c| c.get(time).copied().flatten())
            .collect();
        let (Some(found), Some(value)) = (found, value) else {
            continue;
        };
        assert_eq!(*value, found.iter().sum::<f64>(), "at {time}");
        assert_eq!(value.fract(), 0.0, "whole requests");
        total += value;
        for (sum, v) in sums.iter_mut().zip(found) {
            *sum += v;
        }
    }
    assert!(total > 0.0);
    assert!(sums[1] > total * 0.8, "mostly 2XX");
    assert!(sums[2] > 0.0 && sums[3] > 0.0);
    assert!(sums[4] < total * 0.2);
    // The container path is ignored; classes are read in any case.
    let same_times = |a: &std::collections::BTreeMap<String, Option<f64>>,
                      b: &std::collections::BTreeMap<String, Option<f64>>| {
        let common: Vec<&String> = a.keys().filter(|k| b.contains_key(*k)).collect();
        assert!(common.len() > 100);
        for key in common {
            assert_eq!(a[key], b[key], "at {key}");
        }
    };
    let with_path = settled(&series(&ada, "/v1/apps/shop-api/stats/router/web/1?since=3").await);
    same_times(&with_path, &all);
    let lower = settled(&series(&ada, "/v1/apps/shop-api/stats/router?status_code=5xx").await);
    same_times(&lower, &classes[4]);
    let bad = ada
        .get("/v1/apps/shop-api/stats/router?status_code=6XX")
        .await;
    assert!(bad.expect(400)["error"].is_string());
    // Response times, the other router series.
    let p95 = values(&series(&ada, "/v1/apps/shop-api/stats/requests").await);
    let median = values(
        &series(
            &ada,
            "/v1/apps/shop-api/stats/requests?statistics_type=median",
        )
        .await,
    );
    assert!(p95[0].unwrap() > median[0].unwrap());
    ada.get("/v1/apps/shop-api/stats/requests?statistics_type=p42")
        .await
        .expect(400);
}

#[tokio::test]
async fn traffic_follows_the_number_of_web_containers() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    // The demo history scales status-page's web containers in the last
    // three days: traffic between two scales follows the amount.
    let points = series(&ada, "/v1/apps/status-page/stats/router?since=72").await;
    let scales: Vec<(DateTime<Utc>, f64, f64)> = ada
        .events("status-page", 100)
        .await
        .iter()
        .filter(|e| e["type"] == "scale" && e["type_data"]["containers"]["web"].is_string())
        .map(|e| {
            let at = DateTime::parse_from_rfc3339(e["created_at"].as_str().unwrap())
                .unwrap()
                .with_timezone(&Utc);
            let amount = |key: &str| -> f64 {
                let text = e["type_data"][key]["web"].as_str().unwrap();
                text.split(':').next().unwrap().parse().unwrap()
            };
            (at, amount("previous_containers"), amount("containers"))
        })
        .collect();
    let (at, before, after) = scales[0];
    let since = scales.get(1).map_or(time(&points[0]), |s| s.0);
    let mean = |from: DateTime<Utc>, to: DateTime<Utc>| {
        let v: Vec<f64> = points
            .iter()
            .filter(|p| time(p) > from && time(p) < to)
            .filter_map(|p| p["value"].as_f64())
            .collect();
        assert!(v.len() > 20, "enough points between {from} and {to}");
        v.iter().sum::<f64>() / v.len() as f64
    };
    let ratio = mean(at, Utc::now()) / mean(since, at);
    let expected = after / before;
    assert!(
        ratio > expected * 0.6 && ratio < expected * 1.6,
        "{ratio} vs {expected}"
    );
}

#[tokio::test]
async fn a_stopped_app_has_null_points() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let cpu = series(&ada, "/v1/apps/legacy-crm/stats/cpu/web").await;
    assert_eq!(cpu.len(), 181);
    assert!(cpu.last().unwrap()["value"].is_null());
    let router = series(&ada, "/v1/apps/legacy-crm/stats/router").await;
    assert!(router.last().unwrap()["value"].is_null());
    // Over three days, it ran before it was stopped.
    let long = values(&series(&ada, "/v1/apps/legacy-crm/stats/memory/web?since=72").await);
    assert!(long.first().unwrap().is_some());
    assert!(long.last().unwrap().is_none());
}

#[tokio::test]
async fn scaling_to_zero_and_restarting_show_on_the_charts() {
    let sim = sim_at(20.0).await;
    let ada = sim.ada().await;
    let before = series(&ada, "/v1/apps/status-page/stats/memory/web/1?since=1").await;
    let reply = ada.post("/v1/apps/status-page/restart", &json!({})).await;
    reply.expect(202);
    ada.finished_operation(&sim.location_path(&reply)).await;
    let after = series(&ada, "/v1/apps/status-page/stats/memory/web/1?since=1").await;
    let settled = before[before.len() - 2]["value"].as_f64().unwrap();
    let restarted = after.last().unwrap()["value"].as_f64().unwrap();
    assert!(
        restarted < settled * 0.85,
        "{restarted} after, {settled} before"
    );

    let stop = json!({"containers": [{"name": "web", "amount": 0}]});
    let reply = ada.post("/v1/apps/status-page/scale", &stop).await;
    reply.expect(202);
    ada.finished_operation(&sim.location_path(&reply)).await;
    let cpu = series(&ada, "/v1/apps/status-page/stats/cpu/web").await;
    assert!(cpu.last().unwrap()["value"].is_null());
    assert!(cpu[cpu.len() - 10]["value"].is_number());
    let router = series(&ada, "/v1/apps/status-page/stats/router").await;
    assert!(router.last().unwrap()["value"].is_null());
    let stats = ada.get("/v1/apps/status-page/stats").await;
    assert_eq!(stats.expect(200), &json!({"stats": []}));
    let last = ada
        .get("/v1/apps/status-page/stats/cpu/web?last=true")
        .await;
    assert_eq!(last.expect(200).as_array().unwrap().len(), 1);
}
