//! `POST /v1/apps/:app/rename` and `DELETE /v1/apps/:app`.

use reqwest::Method;
use serde_json::json;

use crate::harness::TestSim;

#[tokio::test]
async fn rename_rewrites_the_urls() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let before = ada.app("docs-site").await;
    let reply = ada
        .post(
            "/v1/apps/docs-site/rename",
            &json!({"current_name": "docs-site", "new_name": "handbook-site"}),
        )
        .await;
    let app = reply.expect(200)["app"].clone();
    assert_eq!(app["id"], before["id"]);
    assert_eq!(app["name"], "handbook-site");
    assert_eq!(app["url"], "https://handbook-site.osc-fr1.scalingo.io");
    assert_eq!(app["base_url"], "https://handbook-site.osc-fr1.scalingo.io");
    assert_eq!(
        app["git_url"],
        "git@ssh.osc-fr1.scalingo.com:handbook-site.git"
    );
    assert!(app["links"]["deployments_stream"]
        .as_str()
        .unwrap()
        .ends_with("/handbook-site"));
    ada.get("/v1/apps/docs-site").await.expect(404);
    assert_eq!(ada.app("handbook-site").await, app);
    // The old name is free again.
    ada.post("/v1/apps", &json!({"app": {"name": "docs-site"}}))
        .await
        .expect(201);
}

#[tokio::test]
async fn renaming_a_parent_updates_its_children() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    ada.post(
        "/v1/apps/shop-api/rename",
        &json!({"current_name": "shop-api", "new_name": "shop-backend"}),
    )
    .await
    .expect(200);
    let apps = ada.get("/v1/apps").await.json["apps"].clone();
    let children = apps
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["parent_app_name"] == "shop-backend")
        .count();
    assert_eq!(children, 3);
}

#[tokio::test]
async fn rename_errors() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let mismatch = json!({"errors": {"current_name": ["Provided name does not match app name"]}});
    for body in [
        json!({"current_name": "docs", "new_name": "handbook-site"}),
        json!({"new_name": "handbook-site"}),
    ] {
        let reply = ada.post("/v1/apps/docs-site/rename", &body).await;
        assert_eq!(reply.expect(422), &mismatch);
    }
    let reply = ada
        .post(
            "/v1/apps/docs-site/rename",
            &json!({"current_name": "docs-site", "new_name": "Bad--name-"}),
        )
        .await;
    assert_eq!(
        reply.expect(422)["errors"]["name"],
        json!([
            "should contain only lowercap letters, digits and hyphens",
            "can't end with an hyphen",
            "can't contain 2 consecutive hyphens"
        ])
    );
    for taken in ["shop-api", "docs-site", "compiler-lab"] {
        let reply = ada
            .post(
                "/v1/apps/docs-site/rename",
                &json!({"current_name": "docs-site", "new_name": taken}),
            )
            .await;
        assert_eq!(
            reply.expect(422),
            &json!({"errors": {"name": ["has already been taken"]}})
        );
    }
    // Child apps keep the shorter limit.
    let child = ada.get("/v1/apps").await.json["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["parent_app_name"] == "shop-api")
        .unwrap()["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = ada
        .post(
            &format!("/v1/apps/{child}/rename"),
            &json!({"current_name": child, "new_name": "r".repeat(33)}),
        )
        .await;
    assert_eq!(
        reply.expect(422)["errors"]["name"],
        json!(["is too long (maximum is 32 characters)"])
    );
    ada.post(
        "/v1/apps/no-such-app/rename",
        &json!({"current_name": "no-such-app", "new_name": "whatever-app"}),
    )
    .await
    .expect(404);
    assert!(ada.app_names().await.contains(&"docs-site".to_owned()));
}

#[tokio::test]
async fn delete_with_current_name() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let reply = ada
        .delete("/v1/apps/status-page?current_name=status-page")
        .await;
    reply.expect(204);
    assert!(reply.text.is_empty());
    let reply = ada.get("/v1/apps/status-page").await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "app", "error": "not found"})
    );
    assert!(!ada.app_names().await.contains(&"status-page".to_owned()));

    // current_name in a JSON body, and the app named by id.
    let id = ada.app("docs-site").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ada.send(
        Method::DELETE,
        &format!("/v1/apps/{id}"),
        Some(&json!({"current_name": "docs-site"})),
        &[],
    )
    .await
    .expect(204);
    ada.get(&format!("/v1/apps/{id}")).await.expect(404);
}

#[tokio::test]
async fn delete_errors() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let mismatch = json!({"errors": {"current_name": ["Provided name does not match app name"]}});
    for path in [
        "/v1/apps/status-page",
        "/v1/apps/status-page?current_name=status",
    ] {
        assert_eq!(ada.delete(path).await.expect(422), &mismatch);
    }
    ada.app("status-page").await;
    ada.delete("/v1/apps/no-such-app?current_name=no-such-app")
        .await
        .expect(404);
    // Collaborators cannot delete.
    ada.delete("/v1/apps/billing-service?current_name=billing-service")
        .await
        .expect(403);
}

#[tokio::test]
async fn children_survive_their_parent() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    ada.delete("/v1/apps/shop-api?current_name=shop-api")
        .await
        .expect(204);
    let apps = ada.get("/v1/apps").await.json["apps"].clone();
    let children = apps
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["parent_app_name"] == "shop-api")
        .count();
    assert_eq!(children, 3);
}
