//! `GET /apps/:app/logs` and the dump behind the signed URL.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::{
    harness::{Api, TestSim},
    polling::{sim_at, wait_for},
};

/// A simulator whose containers write fast enough for tests to see lines
/// arrive within a second.
pub async fn chatty_sim() -> TestSim {
    TestSim::start_with(|c| {
        c.op_speed = 20.0;
        c.log_rate = 20.0;
    })
    .await
}

/// The signed logs URL of an app.
pub async fn logs_url(api: &Api, app: &str) -> String {
    let reply = api.get(&format!("/v1/apps/{app}/logs")).await;
    reply.expect(200)["logs_url"].as_str().unwrap().to_owned()
}

pub struct Dump {
    pub status: StatusCode,
    pub content_type: String,
    pub text: String,
}

impl Dump {
    pub fn lines(&self) -> Vec<&str> {
        self.text.lines().collect()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }
}

/// `GET <url>` with extra query parameters.
pub async fn dump(sim: &TestSim, url: &str, params: &[(&str, &str)]) -> Dump {
    let response = sim
        .client
        .get(url)
        .query(params)
        .send()
        .await
        .expect("dump");
    Dump {
        status: response.status(),
        content_type: response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        text: response.text().await.expect("dump body"),
    }
}

/// The `[label]` of a line.
pub fn label(line: &str) -> &str {
    let start = line.find(" UTC [").expect("a label") + 6;
    let end = start + line[start..].find("] ").expect("end of label");
    &line[start..end]
}

/// Checks `2024-03-02 10:21:07.123456789 +0000 UTC [web-1] message`.
pub fn assert_line_format(line: &str) {
    let bytes = line.as_bytes();
    assert!(line.len() > 41, "{line}");
    for (i, c) in bytes[..29].iter().enumerate() {
        let expected_digit = !matches!(i, 4 | 7 | 10 | 13 | 16 | 19);
        assert_eq!(c.is_ascii_digit(), expected_digit, "{line}");
    }
    assert_eq!(&line[29..40], " +0000 UTC ", "{line}");
    assert!(!label(line).is_empty(), "{line}");
}

#[tokio::test]
async fn the_logs_url_is_signed_and_points_at_the_simulator() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let reply = ada.get("/v1/apps/shop-api/logs").await;
    let body = reply.expect(200);
    assert_eq!(body["app"]["name"], "shop-api");
    let id = body["app"]["id"].as_str().unwrap();
    let url = body["logs_url"].as_str().unwrap();
    let prefix = format!("{}/_logs/apps/{id}/logs?token=", sim.base);
    assert!(url.starts_with(&prefix), "{url}");
    let timestamp = url.split("&timestamp=").nth(1).expect("a timestamp");
    assert!(timestamp.parse::<u64>().is_ok(), "{url}");
    // By name or id, for those who may see the app only.
    ada.get(&format!("/v1/apps/{id}/logs")).await.expect(200);
    ada.get("/v1/apps/nope-nope/logs").await.expect(404);
    sim.grace()
        .await
        .get("/v1/apps/admin-portal/logs")
        .await
        .expect(404);
    sim.anonymous()
        .get("/v1/apps/shop-api/logs")
        .await
        .expect(401);
}

#[tokio::test]
async fn a_dump_is_the_last_n_lines_oldest_first() {
    let sim = TestSim::start().await;
    let url = logs_url(&sim.ada().await, "shop-api").await;
    let default = dump(&sim, &url, &[]).await;
    assert_eq!(default.status, 200);
    assert_eq!(default.content_type, "text/plain; charset=utf-8");
    assert_eq!(default.lines().len(), 100);
    for line in default.lines() {
        assert_line_format(line);
    }
    let stamps: Vec<&str> = default.lines().iter().map(|l| &l[..29]).collect();
    assert!(stamps.windows(2).all(|w| w[0] <= w[1]), "sorted by time");

    assert_eq!(dump(&sim, &url, &[("n", "10")]).await.lines().len(), 10);
    let big = dump(&sim, &url, &[("n", "20000")]).await;
    assert_eq!(big.lines().len(), 10_000, "capped at 10,000");
    let labels: std::collections::HashSet<&str> = big.lines().into_iter().map(label).collect();
    for expected in ["router", "web-1", "worker-1", "clock-1"] {
        assert!(labels.contains(expected), "{labels:?}");
    }
    let bad = dump(&sim, &url, &[("n", "ten")]).await;
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].is_string());
}

#[tokio::test]
async fn filters_take_a_label_a_type_or_an_expression() {
    let sim = TestSim::start().await;
    let url = logs_url(&sim.ada().await, "shop-api").await;
    let by_label = dump(&sim, &url, &[("n", "50"), ("filter", "web-1")]).await;
    assert_eq!(by_label.lines().len(), 50);
    assert!(by_label.lines().iter().all(|l| label(l) == "web-1"));

    let by_type = dump(&sim, &url, &[("n", "300"), ("filter", "web")]).await;
    assert!(by_type.lines().iter().all(|l| label(l).starts_with("web-")));
    let webs: std::collections::HashSet<&str> = by_type.lines().into_iter().map(label).collect();
    assert!(webs.len() >= 2, "{webs:?}");

    let either = dump(&sim, &url, &[("n", "300"), ("filter", "worker|clock")]).await;
    assert!(!either.lines().is_empty());
    assert!(either.lines().iter().all(|l| {
        let label = label(l);
        label.starts_with("worker-") || label.starts_with("clock-")
    }));
    let router = dump(&sim, &url, &[("n", "30"), ("filter", "router")]).await;
    assert_eq!(router.lines().len(), 30);
    assert!(router.lines().iter().all(|l| label(l) == "router"));
    for line in router.lines() {
        let text = &line[line.find("] ").unwrap() + 2..];
        assert!(text.starts_with("method="), "{line}");
        for key in [
            " path=\"",
            " host=",
            " request_id=",
            " status=",
            " duration=",
        ] {
            assert!(text.contains(key), "{line}");
        }
    }

    let invalid = dump(&sim, &url, &[("filter", "web[")]).await;
    assert_eq!(invalid.status, 400);
    assert!(invalid.json()["error"].as_str().unwrap().contains("filter"));
    let nothing = dump(&sim, &url, &[("filter", "postdeploy")]).await;
    assert_eq!(nothing.status, 204);
}

#[tokio::test]
async fn lines_test_what_a_viewer_must_survive() {
    let sim = TestSim::start().await;
    let url = logs_url(&sim.ada().await, "shop-api").await;
    let text = dump(&sim, &url, &[("n", "10000")]).await.text;
    assert!(text.contains("\u{1b}["), "ANSI colours");
    assert!(
        text.contains("<script>") || text.contains("<img src=x"),
        "markup"
    );
    assert!(text.lines().any(|l| l.len() > 2000), "long lines");
    assert!(!text.is_ascii(), "unicode");
}

#[tokio::test]
async fn router_lines_follow_the_router_logs_setting() {
    let sim = chatty_sim().await;
    let ada = sim.ada().await;
    // shop-api has router logs on; status-page is switched on and off.
    let url = logs_url(&ada, "shop-api").await;
    let lines = dump(&sim, &url, &[("n", "200")]).await;
    assert!(lines.lines().iter().any(|l| label(l) == "router"));

    let app = ada.app("status-page").await;
    if app["router_logs"] == true {
        let body = json!({"app": {"router_logs": false}});
        ada.patch("/v1/apps/status-page", &body).await.expect(200);
    }
    let url = logs_url(&ada, "status-page").await;
    let last_router = || async {
        let router = dump(&sim, &url, &[("n", "1"), ("filter", "router")]).await;
        router.lines().first().map(|l| l[..29].to_owned())
    };
    let before = last_router().await;
    let body = json!({"app": {"router_logs": true}});
    ada.patch("/v1/apps/status-page", &body).await.expect(200);
    let on = wait_for("router lines once router logs are on", || async {
        let latest = last_router().await;
        (latest.is_some() && latest != before).then_some(latest)
    })
    .await;

    let body = json!({"app": {"router_logs": false}});
    ada.patch("/v1/apps/status-page", &body).await.expect(200);
    let off = last_router().await;
    assert!(off >= on);
    // Other lines keep coming; the router's do not.
    let newest = || async {
        let all = dump(&sim, &url, &[("n", "1")]).await;
        all.lines().first().map(|l| l[..29].to_owned())
    };
    let now = newest().await;
    wait_for("more lines from the web containers", || async {
        (newest().await > now).then_some(())
    })
    .await;
    assert_eq!(last_router().await, off);
}

#[tokio::test]
async fn an_app_that_never_ran_has_no_lines() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    for app in ["legacy-crm", "marketing-site"] {
        let url = logs_url(&ada, app).await;
        let reply = dump(&sim, &url, &[("n", "100")]).await;
        assert_eq!(reply.status, 204, "{app}: {}", reply.text);
        assert!(reply.text.is_empty());
    }
}

#[tokio::test]
async fn forged_and_expired_urls_are_refused() {
    let sim = TestSim::start().await;
    let url = logs_url(&sim.ada().await, "shop-api").await;
    let forged = url.replace("token=", "token=x");
    let reply = dump(&sim, &forged, &[]).await;
    assert_eq!(reply.status, 401);
    assert!(reply.json()["error"].is_string());
    // Another timestamp is a forgery, not an extension.
    let (base, timestamp) = url.split_once("&timestamp=").unwrap();
    let later = timestamp.parse::<u64>().unwrap() + 3600;
    let moved = dump(&sim, &format!("{base}&timestamp={later}"), &[]).await;
    assert_eq!(moved.status, 401);
    let unsigned = url.split('?').next().unwrap();
    assert_eq!(dump(&sim, unsigned, &[]).await.status, 401);

    // URLs that live no time at all are expired as soon as they are made.
    let short = TestSim::start_with(|c| c.logs_url_ttl = Duration::ZERO).await;
    let url = logs_url(&short.ada().await, "shop-api").await;
    let reply = dump(&short, &url, &[]).await;
    assert_eq!(reply.status, 403);
    assert!(reply.json()["error"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn a_deleted_app_has_no_logs() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let url = logs_url(&ada, "docs-site").await;
    assert_eq!(dump(&sim, &url, &[("n", "5")]).await.status, 200);
    ada.delete("/v1/apps/docs-site?current_name=docs-site")
        .await
        .expect(204);
    assert_eq!(dump(&sim, &url, &[("n", "5")]).await.status, 404);
}

#[tokio::test]
async fn browsers_may_fetch_a_dump_from_another_origin() {
    let sim = TestSim::start().await;
    let url = logs_url(&sim.ada().await, "shop-api").await;
    let response = sim
        .client
        .get(&url)
        .header("Origin", "http://localhost:5173")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://localhost:5173"
    );
}

#[tokio::test]
async fn the_manager_tells_when_containers_start_and_stop() {
    let sim = chatty_sim().await;
    let ada = sim.ada().await;
    let before = ada.formation("status-page").await;
    let amount = before[0]["amount"].as_u64().unwrap();
    let grow = json!({"containers": [{"name": "web", "amount": amount + 1}]});
    let reply = ada.post("/v1/apps/status-page/scale", &grow).await;
    reply.expect(202);
    ada.finished_operation(&sim.location_path(&reply)).await;
    let url = logs_url(&ada, "status-page").await;
    let new_label = format!("container [web-{}] (", amount + 1);
    let manager = dump(&sim, &url, &[("n", "50"), ("filter", "manager")]).await;
    let started = manager
        .lines()
        .into_iter()
        .any(|l| l.contains(&new_label) && l.ends_with(" started"));
    assert!(started, "{}", manager.text);
    // The new container writes, after its boot lines.
    let own = dump(
        &sim,
        &url,
        &[("n", "10000"), ("filter", &format!("web-{}", amount + 1))],
    )
    .await;
    assert!(
        own.lines().iter().any(|l| l.contains("Booting Puma")),
        "{}",
        own.text
    );

    let shrink = json!({"containers": [{"name": "web", "amount": amount}]});
    let reply = ada.post("/v1/apps/status-page/scale", &shrink).await;
    reply.expect(202);
    ada.finished_operation(&sim.location_path(&reply)).await;
    let manager = wait_for("the stopped container's last line", || async {
        let manager = dump(&sim, &url, &[("n", "50"), ("filter", "manager")]).await;
        let stopped = manager
            .lines()
            .iter()
            .any(|l| l.contains(&new_label) && l.ends_with(" stopped"));
        stopped.then_some(manager)
    })
    .await;
    assert!(manager.lines().iter().any(|l| l.ends_with(" stopping")));
}

#[tokio::test]
async fn one_offs_write_their_output_and_exit() {
    let sim = sim_at(20.0).await;
    let ada = sim.ada().await;
    let body = json!({"command": "rake db:migrate", "detached": true});
    let reply = ada.post("/v1/apps/shop-api/run", &body).await;
    let container = reply.expect(200)["container"].clone();
    let label = format!("one-off-{}", container["type_index"]);
    let url = logs_url(&ada, "shop-api").await;
    let output = wait_for("the one-off to exit", || async {
        let lines = dump(&sim, &url, &[("n", "200"), ("filter", &label)]).await;
        lines.text.contains("exited with status").then_some(lines)
    })
    .await;
    let first = output.lines()[0];
    assert!(
        first.ends_with("Running rake db:migrate (detached)"),
        "{first}"
    );
    let last = output.lines().last().copied().unwrap();
    assert!(
        last.contains("Process `rake db:migrate` exited with status"),
        "{last}"
    );
    // The expression form of the same filter.
    let all = dump(&sim, &url, &[("n", "200"), ("filter", "one-off-.*")]).await;
    assert!(all.text.contains(&format!("[{label}] ")));
}
