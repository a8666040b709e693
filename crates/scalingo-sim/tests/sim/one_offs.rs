//! One-off containers: `run` (detached and attached), `stop`, `kill`.

use serde_json::{json, Value};

use crate::polling::{fast_sim, sim_at, wait_for};

fn one_offs(ps: &[Value]) -> Vec<Value> {
    ps.iter()
        .filter(|c| c["type"] == "one-off")
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_detached_one_off_runs_then_ends_by_itself() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    // Ten seconds at speed 20: half a second of running.
    let reply = ada
        .post(
            "/v1/apps/shop-api/run",
            &json!({"command": "sleep 10", "detached": true, "env": {"FOO": "bar"}}),
        )
        .await;
    let body = reply.expect(200).clone();
    assert!(reply.header("location").is_none());
    assert!(body.get("operation").is_none() && body.get("operation_url").is_none());
    let container = &body["container"];
    let index = container["type_index"].as_u64().unwrap();
    assert!(index >= 1000, "{index}");
    assert_eq!(container["type"], "one-off");
    assert_eq!(container["label"], format!("one-off-{index}"));
    assert_eq!(container["state"], "booting");
    assert_eq!(container["command"], "sleep 10");
    assert_eq!(container["app"], json!({"name": "shop-api"}));
    assert!(container["created_at"].as_str().unwrap().ends_with('Z'));
    // A float, as the platform sends it; the default size is M.
    assert!(container["memory"].is_f64());
    assert_eq!(container["memory"].as_f64(), Some(536_870_912.0));

    let id = container["id"].as_str().unwrap().to_owned();
    let listed = one_offs(&ada.ps("shop-api").await);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["command"], "sleep 10");
    assert_eq!(listed[0]["container_size"]["name"], "M");
    wait_for("the one-off to run", || async {
        let ps = ada.ps("shop-api").await;
        one_offs(&ps)
            .iter()
            .any(|c| c["id"] == id.as_str() && c["state"] == "running")
            .then_some(())
    })
    .await;
    wait_for("the one-off to exit", || async {
        one_offs(&ada.ps("shop-api").await).is_empty().then_some(())
    })
    .await;

    let run = &ada.events("shop-api", 1).await[0];
    assert_eq!(run["type"], "run");
    assert_eq!(
        run["type_data"],
        json!({"command": "sleep 10", "detached": true})
    );
    // The next one counts up.
    let next = ada
        .post(
            "/v1/apps/shop-api/run",
            &json!({"command": "rake db:migrate", "detached": true, "size": "L"}),
        )
        .await;
    let next = next.expect(200)["container"].clone();
    assert_eq!(next["type_index"], index + 1);
    assert_eq!(next["memory"].as_f64(), Some(1_073_741_824.0));
}

#[tokio::test]
async fn an_attached_one_off_gets_an_operation_with_an_attach_url() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let reply = ada
        .post("/v1/apps/shop-api/run", &json!({"command": "bash"}))
        .await;
    let body = reply.expect(200).clone();
    let url = body["operation_url"].as_str().unwrap();
    assert_eq!(reply.header("location"), Some(url));
    let path = sim.location_path(&reply);
    assert_eq!(
        path,
        format!(
            "/v1/apps/shop-api/operations/{}",
            body["operation"].as_str().unwrap()
        )
    );
    let container_id = body["container"]["id"].as_str().unwrap().to_owned();
    let op = ada.finished_operation(&path).await;
    assert_eq!(op["status"], "done");
    assert_eq!(op["type"], "start-one-off");
    let data = &op["start_one_off_data"];
    assert_eq!(data["container_id"], container_id.as_str());
    let attach_url = data["attach_url"].as_str().unwrap();
    assert!(attach_url.starts_with(&sim.base), "{attach_url}");
    // It waits for a terminal that never comes.
    let listed = one_offs(&ada.ps("shop-api").await);
    assert_eq!(listed[0]["state"], "booting");
    let attach = sim
        .anonymous()
        .get(attach_url.strip_prefix(&sim.base).unwrap())
        .await;
    assert!(attach.expect(501)["error"]
        .as_str()
        .unwrap()
        .contains("detached"));
    let run = &ada.events("shop-api", 1).await[0];
    assert_eq!(
        run["type_data"],
        json!({"command": "bash", "detached": false})
    );
    // A console waiting for its terminal does not block operations.
    ada.post("/v1/apps/shop-api/restart", &json!({}))
        .await
        .expect(202);
}

#[tokio::test]
async fn a_failed_attached_start_removes_the_container() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    sim.sim
        .fail_next_operation("no capacity left for one-off containers");
    let reply = ada
        .post(
            "/v1/apps/shop-api/run",
            &json!({"command": "bash", "detached": false}),
        )
        .await;
    reply.expect(200);
    let op = ada.finished_operation(&sim.location_path(&reply)).await;
    assert_eq!(op["status"], "error");
    assert_eq!(op["error"], "no capacity left for one-off containers");
    assert!(op.get("start_one_off_data").is_none());
    assert!(one_offs(&ada.ps("shop-api").await).is_empty());
}

#[tokio::test]
async fn runs_that_are_refused() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    assert_eq!(
        ada.post("/v1/apps/shop-api/run", &json!({"detached": true}))
            .await
            .expect(422),
        &json!({"errors": {"command": ["can't be blank"]}})
    );
    assert_eq!(
        ada.post(
            "/v1/apps/shop-api/run",
            &json!({"command": "  ", "size": "XXL"})
        )
        .await
        .expect(422),
        &json!({"errors": {
            "command": ["can't be blank"],
            "size": ["'XXL' → no such container size"]
        }})
    );
    assert_eq!(
        ada.post("/v1/apps/marketing-site/run", &json!({"command": "bash"}))
            .await
            .expect(400),
        &json!({"error": "this app has never been deployed: there is no image to run a one-off from"})
    );
    ada.post("/v1/apps/nope-nope/run", &json!({"command": "bash"}))
        .await
        .expect(404);

    let mut indexes = Vec::new();
    for _ in 0..10 {
        let reply = ada
            .post(
                "/v1/apps/status-page/run",
                &json!({"command": "sleep 600", "detached": true}),
            )
            .await;
        indexes.push(
            reply.expect(200)["container"]["type_index"]
                .as_u64()
                .unwrap(),
        );
    }
    assert!(indexes.windows(2).all(|w| w[1] == w[0] + 1));
    assert_eq!(
        ada.post(
            "/v1/apps/status-page/run",
            &json!({"command": "bash", "detached": true})
        )
        .await
        .expect(422),
        &json!({"errors": {"one-off": [
            "can't run more than 10 one-off containers at the same time on an app, \
             contact us at support@scalingo.com if you need more"
        ]}})
    );
    assert_eq!(one_offs(&ada.ps("status-page").await).len(), 10);
    // Another app has its own limit.
    ada.post(
        "/v1/apps/docs-site/run",
        &json!({"command": "bash", "detached": true}),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn a_stopped_one_off_is_stopping_then_gone() {
    // Slow enough to see it stopping.
    let sim = sim_at(2.0).await;
    let ada = sim.ada().await;
    let mut started = Vec::new();
    for _ in 0..2 {
        let reply = ada
            .post(
                "/v1/apps/shop-api/run",
                &json!({"command": "sleep 600", "detached": true}),
            )
            .await;
        started.push(reply.expect(200)["container"].clone());
    }
    // By id.
    let id = started[0]["id"].as_str().unwrap();
    let reply = ada
        .post(
            &format!("/v1/apps/shop-api/containers/{id}/stop"),
            &json!({}),
        )
        .await;
    reply.expect(202);
    assert!(reply.text.is_empty());
    let ps = ada.ps("shop-api").await;
    let stopping = ps.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(stopping["state"], "stopping");
    // Stopping again changes nothing.
    ada.post(
        &format!("/v1/apps/shop-api/containers/{id}/stop"),
        &json!({}),
    )
    .await
    .expect(202);
    // By label.
    let label = started[1]["label"].as_str().unwrap();
    ada.post(
        &format!("/v1/apps/shop-api/containers/{label}/stop"),
        &json!({}),
    )
    .await
    .expect(202);
    wait_for("the one-offs to be gone", || async {
        one_offs(&ada.ps("shop-api").await).is_empty().then_some(())
    })
    .await;
    assert_eq!(
        ada.post(
            &format!("/v1/apps/shop-api/containers/{id}/stop"),
            &json!({})
        )
        .await
        .expect(404),
        &json!({"resource": "container", "error": "not found"})
    );
    assert_eq!(
        ada.post("/v1/apps/shop-api/containers/web-1/stop", &json!({}))
            .await
            .expect(400),
        &json!({"error": "only one-off containers can be stopped"})
    );
    let web = ada.ps("shop-api").await;
    assert!(web.iter().all(|c| c["state"] == "running"));
}

#[tokio::test]
async fn signals_reach_containers() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let ps = ada.ps("shop-api").await;
    let id = ps[0]["id"].as_str().unwrap();
    let kill = |container: String, body: Value| {
        let ada = &ada;
        async move {
            ada.post(
                &format!("/v1/apps/shop-api/containers/{container}/kill"),
                &body,
            )
            .await
        }
    };
    let reply = kill(id.to_owned(), json!({"signal": "SIGUSR1"})).await;
    reply.expect(204);
    assert!(reply.text.is_empty());
    kill("web-1".to_owned(), json!({"signal": "SIGUSR2"}))
        .await
        .expect(204);
    let refused = json!({"errors": {"signal": ["must be one of SIGUSR1, SIGUSR2"]}});
    assert_eq!(
        kill(id.to_owned(), json!({"signal": "SIGKILL"}))
            .await
            .expect(422),
        &refused
    );
    assert_eq!(kill(id.to_owned(), json!({})).await.expect(422), &refused);
    assert_eq!(
        kill("web-99".to_owned(), json!({"signal": "SIGUSR1"}))
            .await
            .expect(404),
        &json!({"resource": "container", "error": "not found"})
    );
}
