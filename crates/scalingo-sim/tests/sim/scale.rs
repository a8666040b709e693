//! `POST /apps/:app/scale` and the operation it starts.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::{
    harness::TestSim,
    polling::{fast_sim, of_type, process, sim_at, wait_for, Poll},
};

#[tokio::test]
async fn scale_answers_202_with_location_and_the_whole_formation() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let before = ada.formation("shop-api").await;
    let (amount, _) = process(&before, "web");
    let reply = ada
        .post(
            "/v1/apps/shop-api/scale",
            &json!({"containers": [{"name": "web", "amount": amount + 1, "size": "L"}]}),
        )
        .await;
    let body = reply.expect(202).clone();
    let location = reply.header("location").unwrap().to_owned();
    let path = sim.location_path(&reply);
    assert!(
        path.starts_with("/v1/apps/shop-api/operations/"),
        "{location}"
    );
    // Every type, the scaled one changed, the others as they were.
    let formation = body["containers"].as_array().unwrap();
    let names: Vec<&str> = formation
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["web", "worker", "clock"]);
    assert_eq!(process(formation, "web"), (amount + 1, "L".to_owned()));
    assert_eq!(process(formation, "worker"), process(&before, "worker"));
    for t in formation {
        assert!(t["id"].is_string());
    }
    assert_eq!(ada.formation("shop-api").await, *formation);

    let op = ada.finished_operation(&path).await;
    assert_eq!(op["status"], "done");
    assert_eq!(op["type"], "scale");
    assert_eq!(op["app_id"], ada.app("shop-api").await["id"]);
    assert!(op.get("error").is_none());
    assert_eq!(op["message"], Value::Null);
    assert!(op["finished_at"].as_str().unwrap() > op["created_at"].as_str().unwrap());
    assert_eq!(ada.app("shop-api").await["status"], "running");
    let ps = ada.ps("shop-api").await;
    let web = of_type(&ps, "web");
    assert_eq!(web.len() as u64, amount + 1);
    assert!(web.iter().all(|(_, state, _)| state == "running"));
    for c in ps.iter().filter(|c| c["type"] == "web") {
        assert_eq!(c["container_size"]["name"], "L");
    }
}

#[tokio::test]
async fn an_operation_goes_pending_running_done_and_the_app_follows() {
    // Slow enough to see every phase: pending lasts half a second.
    let sim = sim_at(2.0).await;
    let ada = sim.ada().await;
    let before = of_type(&ada.ps("status-page").await, "web");
    let reply = ada
        .post(
            "/v1/apps/status-page/scale",
            &json!({"containers": [{"name": "web", "amount": before.len() + 1}]}),
        )
        .await;
    reply.expect(202);
    let path = sim.location_path(&reply);
    let first = ada.operation(&path).await;
    assert_eq!(first["status"], "pending");
    assert_eq!(first["finished_at"], Value::Null);

    let mut statuses = vec!["pending".to_owned()];
    let mut saw_booting = false;
    let poll = Poll::new();
    let op = loop {
        // The app and its containers before the operation: read the other
        // way round, the operation could finish in between.
        let app_status = ada.app("status-page").await["status"].clone();
        let web = of_type(&ada.ps("status-page").await, "web");
        let op = ada.operation(&path).await;
        let status = op["status"].as_str().unwrap().to_owned();
        if status == "done" {
            break op;
        }
        assert_eq!(app_status, "scaling", "while the operation is {status}");
        assert_eq!(op["finished_at"], Value::Null);
        saw_booting |= web
            .iter()
            .any(|(_, state, id)| state == "booting" && !before.iter().any(|b| &b.2 == id));
        if statuses.last() != Some(&status) {
            statuses.push(status);
        }
        poll.tick("the scale to finish").await;
    };
    assert_eq!(statuses, ["pending", "running"]);
    assert!(saw_booting, "the new container was never seen booting");
    assert!(op["finished_at"].is_string());
    assert_eq!(ada.app("status-page").await["status"], "running");
    let web = of_type(&ada.ps("status-page").await, "web");
    assert_eq!(web.len(), before.len() + 1);
    assert!(web.iter().all(|(_, state, _)| state == "running"));
    // The containers that were there are still there.
    for old in &before {
        assert!(web.iter().any(|c| c.2 == old.2));
    }
}

#[tokio::test]
async fn scaling_every_type_to_zero_stops_the_app() {
    let sim = sim_at(4.0).await;
    let ada = sim.ada().await;
    let reply = ada
        .post(
            "/v1/apps/admin-portal/scale",
            &json!({"containers": [{"name": "web", "amount": 0}]}),
        )
        .await;
    reply.expect(202);
    let path = sim.location_path(&reply);
    wait_for("the container to be stopping", || async {
        let ps = ada.ps("admin-portal").await;
        of_type(&ps, "web")
            .iter()
            .any(|(_, state, _)| state == "stopping")
            .then_some(())
    })
    .await;
    assert_eq!(ada.finished_operation(&path).await["status"], "done");
    assert!(ada.ps("admin-portal").await.is_empty());
    assert_eq!(ada.app("admin-portal").await["status"], "stopped");
    assert_eq!(
        process(&ada.formation("admin-portal").await, "web"),
        (0, process(&ada.formation("admin-portal").await, "web").1)
    );

    // And back up.
    let reply = ada
        .post(
            "/v1/apps/admin-portal/scale",
            &json!({"containers": [{"name": "web", "amount": 1}]}),
        )
        .await;
    reply.expect(202);
    ada.finished_operation(&sim.location_path(&reply)).await;
    assert_eq!(ada.app("admin-portal").await["status"], "running");
    assert_eq!(of_type(&ada.ps("admin-portal").await, "web").len(), 1);
}

#[tokio::test]
async fn a_new_size_replaces_every_container_of_the_type() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let (amount, size) = process(&ada.formation("shop-web").await, "web");
    let other = if size == "L" { "M" } else { "L" };
    let before: HashSet<String> = of_type(&ada.ps("shop-web").await, "web")
        .into_iter()
        .map(|c| c.2)
        .collect();
    let reply = ada
        .post(
            "/v1/apps/shop-web/scale",
            &json!({"containers": [{"name": "web", "amount": amount, "size": other}]}),
        )
        .await;
    reply.expect(202);
    ada.finished_operation(&sim.location_path(&reply)).await;
    let ps = ada.ps("shop-web").await;
    let after = of_type(&ps, "web");
    assert_eq!(after.len() as u64, amount);
    for (index, (label, state, id)) in after.iter().enumerate() {
        assert_eq!(label, &format!("web-{}", index + 1));
        assert_eq!(state, "running");
        assert!(!before.contains(id), "{label} kept its id");
    }
    assert!(ps.iter().all(|c| c["container_size"]["name"] == other));
}

#[tokio::test]
async fn an_app_never_deployed_is_scaled_at_once() {
    // No demo app has a formation without a deployment: write one in the
    // data file (as a deployment that failed before starting would leave).
    let sim = fast_sim().await;
    let data = sim.data.clone();
    let dir = sim.stop().await;
    let mut state: Value = serde_json::from_slice(&std::fs::read(&data).unwrap()).unwrap();
    let apps = state["platform"]["apps"].as_array_mut().unwrap();
    let app = apps
        .iter_mut()
        .find(|a| a["name"] == "marketing-site")
        .unwrap();
    app["formation"] = json!([{
        "id": "65f0000000000000000000f1", "name": "web", "amount": 0, "size": "M",
        "command": "", "created_at": "2024-03-02T10:10:00.000Z"
    }]);
    std::fs::write(&data, serde_json::to_vec(&state).unwrap()).unwrap();
    let mut config = crate::harness::config_in(&dir);
    config.op_speed = 20.0;
    let sim = TestSim::start_config(config, dir).await;
    let ada = sim.ada().await;

    let reply = ada
        .post(
            "/v1/apps/marketing-site/scale",
            &json!({"containers": [{"name": "web", "amount": 2, "size": "S"}]}),
        )
        .await;
    let body = reply.expect(200).clone();
    assert!(reply.header("location").is_none());
    assert_eq!(
        process(body["containers"].as_array().unwrap(), "web"),
        (2, "S".to_owned())
    );
    assert_eq!(
        process(&ada.formation("marketing-site").await, "web"),
        (2, "S".to_owned())
    );
    assert_eq!(ada.app("marketing-site").await["status"], "new");
    assert!(ada.ps("marketing-site").await.is_empty());
    assert_eq!(ada.events("marketing-site", 1).await[0]["type"], "scale");
}
