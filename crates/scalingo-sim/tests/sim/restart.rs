//! `POST /apps/:app/restart`, and operations that are not there.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::polling::{fast_sim, of_type, sim_at, Poll};

fn ids(ps: &[Value], kind: &str) -> HashSet<String> {
    of_type(ps, kind).into_iter().map(|c| c.2).collect()
}

#[tokio::test]
async fn restart_all_rolls_every_container() {
    // Slow enough to watch the roll.
    let sim = sim_at(4.0).await;
    let ada = sim.ada().await;
    let before = ada.ps("shop-api").await;
    let reply = ada.post("/v1/apps/shop-api/restart", &json!({})).await;
    reply.expect(202);
    assert!(reply.text.is_empty());
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/plain"));
    let path = sim.location_path(&reply);
    assert!(path.starts_with("/v1/apps/shop-api/operations/"));

    let (mut saw_booting, mut saw_stopping) = (false, false);
    let poll = Poll::new();
    loop {
        // The app and its containers before the operation: read the other
        // way round, the operation could finish in between.
        let status = ada.app("shop-api").await["status"].clone();
        let ps = ada.ps("shop-api").await;
        let op = ada.operation(&path).await;
        if op["status"] == "done" {
            break;
        }
        assert_eq!(op["type"], "restart");
        assert_eq!(status, "restarting");
        saw_booting |= ps.iter().any(|c| c["state"] == "booting");
        saw_stopping |= ps.iter().any(|c| c["state"] == "stopping");
        poll.tick("the restart to finish").await;
    }
    assert!(saw_booting && saw_stopping);
    assert_eq!(ada.app("shop-api").await["status"], "running");
    let after = ada.ps("shop-api").await;
    assert_eq!(after.len(), before.len());
    for kind in ["web", "worker", "clock"] {
        let (old, new) = (of_type(&before, kind), of_type(&after, kind));
        let labels = |rows: &[(String, String, String)]| -> Vec<String> {
            rows.iter().map(|r| r.0.clone()).collect()
        };
        assert_eq!(labels(&old), labels(&new));
        assert!(ids(&before, kind).is_disjoint(&ids(&after, kind)), "{kind}");
    }
    for container in &after {
        assert_eq!(container["state"], "running");
        let old = before
            .iter()
            .find(|c| c["label"] == container["label"])
            .unwrap();
        assert!(container["created_at"].as_str() > old["created_at"].as_str());
    }
}

#[tokio::test]
async fn restart_by_type_or_label_leaves_the_others() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let before = ada.ps("shop-api").await;
    let reply = ada
        .post("/v1/apps/shop-api/restart", &json!({"scope": ["web"]}))
        .await;
    reply.expect(202);
    ada.finished_operation(&sim.location_path(&reply)).await;
    let after = ada.ps("shop-api").await;
    assert!(ids(&before, "web").is_disjoint(&ids(&after, "web")));
    assert_eq!(ids(&before, "worker"), ids(&after, "worker"));
    assert_eq!(ids(&before, "clock"), ids(&after, "clock"));

    let before = after;
    let reply = ada
        .post("/v1/apps/shop-api/restart", &json!({"scope": ["worker-1"]}))
        .await;
    reply.expect(202);
    ada.finished_operation(&sim.location_path(&reply)).await;
    let after = ada.ps("shop-api").await;
    let worker = |ps: &[Value], label: &str| {
        ps.iter()
            .find(|c| c["label"] == label)
            .map(|c| c["id"].clone())
    };
    assert_ne!(worker(&before, "worker-1"), worker(&after, "worker-1"));
    assert!(worker(&after, "worker-1").is_some());
    assert_eq!(ids(&before, "web"), ids(&after, "web"));
    assert_eq!(ids(&before, "clock"), ids(&after, "clock"));
}

#[tokio::test]
async fn restarts_that_cannot_be() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    assert_eq!(
        ada.post(
            "/v1/apps/shop-api/restart",
            &json!({"scope": ["web", "wrong", "web-9"]})
        )
        .await
        .expect(422),
        &json!({"errors": {"scope": [
            "'wrong' → no such process type",
            "'web-9' → no such process type"
        ]}})
    );
    // Nothing runs: nothing to restart.
    for app in ["legacy-crm", "marketing-site"] {
        let reply = ada
            .post(&format!("/v1/apps/{app}/restart"), &json!({"scope": null}))
            .await;
        assert_eq!(
            reply.expect(400),
            &json!({"error": "this app has no running container to restart"}),
            "{app}"
        );
    }
    let first = ada
        .post("/v1/apps/shop-web/restart", &json!({"scope": []}))
        .await;
    first.expect(202);
    assert_eq!(
        ada.post("/v1/apps/shop-web/restart", &json!({}))
            .await
            .expect(409),
        &json!({"error": "an operation is already in progress on this app"})
    );
    ada.finished_operation(&sim.location_path(&first)).await;
    ada.post("/v1/apps/shop-web/restart", &json!({}))
        .await
        .expect(202);
}

#[tokio::test]
async fn unknown_operations_are_404s() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let not_found = json!({"resource": "operation", "error": "not found"});
    assert_eq!(
        ada.get("/v1/apps/shop-api/operations/65f0000000000000000000aa")
            .await
            .expect(404),
        &not_found
    );
    // An operation is only found under its own app.
    let reply = ada.post("/v1/apps/shop-api/restart", &json!({})).await;
    let path = sim.location_path(&reply);
    let id = path.rsplit('/').next().unwrap();
    assert_eq!(
        ada.get(&format!("/v1/apps/shop-web/operations/{id}"))
            .await
            .expect(404),
        &not_found
    );
    // By app id as well as by name.
    let app_id = ada.app("shop-api").await["id"].as_str().unwrap().to_owned();
    ada.get(&format!("/v1/apps/{app_id}/operations/{id}"))
        .await
        .expect(200);
    // Someone who cannot see the app cannot see its operations.
    sim.grace()
        .await
        .get(&format!("/v1/apps/status-page/operations/{id}"))
        .await
        .expect(404);
}

#[tokio::test]
async fn a_failed_restart_leaves_the_containers_running() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let before = ada.ps("shop-web").await;
    sim.sim.fail_next_operation("");
    let reply = ada.post("/v1/apps/shop-web/restart", &json!({})).await;
    reply.expect(202);
    let op = ada.finished_operation(&sim.location_path(&reply)).await;
    assert_eq!(op["status"], "error");
    assert_eq!(
        op["error"],
        "container web-2 failed to start: exit status 137"
    );
    let after = ada.ps("shop-web").await;
    assert_eq!(ids(&before, "web"), ids(&after, "web"));
    assert!(after.iter().all(|c| c["state"] == "running"));
    assert_eq!(ada.app("shop-web").await["status"], "running");
}
