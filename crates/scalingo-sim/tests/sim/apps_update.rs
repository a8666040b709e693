//! Listing and showing apps, settings updates and ownership transfers.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::harness::{Api, TestSim};

#[tokio::test]
async fn list_mixes_owned_and_collaborated_apps() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let apps = ada.get("/v1/apps").await.expect(200)["apps"].clone();
    let apps = apps.as_array().unwrap();
    assert!(apps.len() >= 12);
    let owners: HashSet<&str> = apps
        .iter()
        .map(|a| a["owner"]["username"].as_str().unwrap())
        .collect();
    assert!(owners.contains("ada") && owners.len() >= 3, "{owners:?}");
    let statuses: HashSet<&str> = apps.iter().map(|a| a["status"].as_str().unwrap()).collect();
    for status in ["running", "stopped", "crashed", "new", "booting"] {
        assert!(
            statuses.contains(status),
            "{status} missing from {statuses:?}"
        );
    }
    let projects: HashSet<&str> = apps
        .iter()
        .filter(|a| a["owner"]["username"] == "ada")
        .map(|a| a["project"]["name"].as_str().unwrap())
        .collect();
    assert!(projects.len() >= 3, "{projects:?}");
    let children: Vec<&Value> = apps
        .iter()
        .filter(|a| a["parent_app_name"] == "shop-api")
        .collect();
    assert_eq!(children.len(), 3);
    assert!(apps.iter().any(|a| a["hds_resource"] == true));
    assert!(apps
        .iter()
        .any(|a| !a["limits"].as_object().unwrap().is_empty()));
    assert!(apps.iter().any(|a| a["data_access_consent"].is_object()));
    // Grace's private app is not listed.
    assert!(!apps.iter().any(|a| a["name"] == "compiler-lab"));
    for app in apps {
        let created = app["created_at"].as_str().unwrap();
        assert!(created.ends_with('Z') && created.len() == 24, "{created}");
    }
}

#[tokio::test]
async fn show_by_name_or_id_and_404s() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let by_name = ada.app("shop-web").await;
    let by_id = ada.app(by_name["id"].as_str().unwrap()).await;
    assert_eq!(by_name, by_id);
    assert_eq!(by_name["status"], "running");
    for ident in ["no-such-app", "compiler-lab"] {
        let reply = ada.get(&format!("/v1/apps/{ident}")).await;
        assert_eq!(
            reply.expect(404),
            &json!({"resource": "app", "error": "not found"})
        );
    }
    // Collaborated apps are visible.
    assert_eq!(
        ada.app("billing-service").await["owner"]["username"],
        "grace"
    );
}

async fn check_update(ada: &Api, via_put: bool, wrapped: bool) {
    let before = ada.app("status-page").await;
    // `updated_at` has millisecond precision.
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    let wanted = !before["force_https"].as_bool().unwrap();
    let settings = json!({"force_https": wanted, "sticky_session": true, "router_logs": true});
    let body = if wrapped {
        json!({"app": settings})
    } else {
        settings
    };
    let reply = if via_put {
        ada.put("/v1/apps/status-page", &body).await
    } else {
        ada.patch("/v1/apps/status-page", &body).await
    };
    let app = reply.expect(200)["app"].clone();
    assert_eq!(app["force_https"], wanted);
    assert_eq!(app["sticky_session"], true);
    assert_eq!(app["router_logs"], true);
    assert!(app["updated_at"].as_str() > before["updated_at"].as_str());
    assert_eq!(ada.app("status-page").await, app);
}

#[tokio::test]
async fn settings_update_with_patch_or_put_wrapped_or_not() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    for (via_put, wrapped) in [(false, true), (false, false), (true, true), (true, false)] {
        check_update(&ada, via_put, wrapped).await;
    }
    // Absent fields are left alone.
    let app = ada
        .patch(
            "/v1/apps/status-page",
            &json!({"app": {"router_logs": false}}),
        )
        .await
        .expect(200)["app"]
        .clone();
    assert_eq!(app["router_logs"], false);
    assert_eq!(app["sticky_session"], true);
}

#[tokio::test]
async fn stack_and_project_changes() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let stacks = ada.get("/v1/features/stacks").await.json["stacks"].clone();
    let stack24 = stacks
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "scalingo-24")
        .unwrap()["id"]
        .clone();
    let app = ada
        .patch(
            "/v1/apps/legacy-crm",
            &json!({"app": {"stack_id": stack24}}),
        )
        .await
        .expect(200)["app"]
        .clone();
    assert_eq!(app["stack_id"], stack24);

    let reply = ada
        .patch(
            "/v1/apps/legacy-crm",
            &json!({"app": {"stack_id": "st-unknown"}}),
        )
        .await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "stack", "error": "not found"})
    );

    let projects = ada.get("/v1/projects").await.json["projects"].clone();
    let storefront = projects
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "storefront")
        .unwrap()["id"]
        .clone();
    let app = ada
        .patch(
            "/v1/apps/legacy-crm",
            &json!({"app": {"project_id": storefront}}),
        )
        .await
        .expect(200)["app"]
        .clone();
    assert_eq!(app["project"]["id"], storefront);
    assert_eq!(app["project"]["name"], "storefront");

    let reply = ada
        .patch("/v1/apps/legacy-crm", &json!({"project_id": "pr-unknown"}))
        .await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "project", "error": "not found"})
    );
    // A failed update changes nothing.
    let reply = ada
        .patch(
            "/v1/apps/legacy-crm",
            &json!({"app": {"force_https": true, "stack_id": "st-unknown"}}),
        )
        .await;
    reply.expect(404);
    assert_eq!(ada.app("legacy-crm").await["force_https"], false);
}

#[tokio::test]
async fn updates_need_an_object_and_access() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let reply = ada.patch("/v1/apps/status-page", &json!([1, 2])).await;
    assert_eq!(
        reply.expect(422),
        &json!({"errors": {"app": ["missing field"]}})
    );
    ada.patch(
        "/v1/apps/compiler-lab",
        &json!({"app": {"force_https": true}}),
    )
    .await
    .expect(404);
    // Ada is a limited collaborator of data-pipeline.
    let reply = ada
        .patch(
            "/v1/apps/data-pipeline",
            &json!({"app": {"force_https": true}}),
        )
        .await;
    assert!(reply.expect(403)["error"].is_string());
    // A full collaborator may change settings.
    ada.patch(
        "/v1/apps/billing-service",
        &json!({"app": {"router_logs": true}}),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn transfer_to_a_collaborator() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let grace = sim.grace().await;
    let before = ada.app("shop-web").await;
    let grace_user = grace.get("/v1/users/self").await.json["user"].clone();
    let reply = ada
        .patch(
            "/v1/apps/shop-web?current_name=shop-web",
            &json!({"app": {"owner": "grace@example.com"}}),
        )
        .await;
    let app = reply.expect(200)["app"].clone();
    assert_eq!(app["owner"]["id"], grace_user["id"]);
    assert_eq!(app["owner"]["email"], "grace@example.com");
    assert!(app["updated_at"].as_str() > before["updated_at"].as_str());
    // The app went to Grace's default project; Ada stays as a collaborator.
    assert_eq!(app["project"]["name"], "default");
    assert_ne!(app["project"]["id"], before["project"]["id"]);
    let collaborators = grace
        .get("/v1/apps/shop-web/collaborators")
        .await
        .expect(200)["collaborators"]
        .clone();
    let emails: Vec<&str> = collaborators
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["email"].as_str().unwrap())
        .collect();
    assert!(emails.contains(&"ada@example.com"), "{emails:?}");
    assert!(!emails.contains(&"grace@example.com"), "{emails:?}");
    assert_eq!(ada.app("shop-web").await["owner"]["username"], "grace");

    // By user id, with current_name in the body.
    let linus_id = ada.get("/v1/apps/shop-api/collaborators").await.json["collaborators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["username"] == "linus")
        .unwrap()["user_id"]
        .clone();
    let app = ada
        .patch(
            "/v1/apps/shop-api",
            &json!({"current_name": "shop-api", "app": {"owner": linus_id}}),
        )
        .await
        .expect(200)["app"]
        .clone();
    assert_eq!(app["owner"]["username"], "linus");
}

#[tokio::test]
async fn transfer_errors() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let body = json!({"app": {"owner": "grace@example.com"}});
    let mismatch = json!({"errors": {"current_name": ["Provided name does not match app name"]}});
    for path in [
        "/v1/apps/shop-web",
        "/v1/apps/shop-web?current_name=shop-api",
        "/v1/apps/shop-web?current_name=",
    ] {
        assert_eq!(
            ada.patch(path, &body).await.expect(422),
            &mismatch,
            "{path}"
        );
    }
    let in_body = json!({"current_name": "wrong", "app": {"owner": "grace@example.com"}});
    assert_eq!(
        ada.patch("/v1/apps/shop-web", &in_body).await.expect(422),
        &mismatch
    );

    // Margaret is not a collaborator of shop-web, and only invited on shop-api.
    for (app, owner) in [
        ("shop-web", "margaret@example.com"),
        ("shop-api", "margaret@example.com"),
        ("shop-web", "nobody@example.com"),
    ] {
        let reply = ada
            .patch(
                &format!("/v1/apps/{app}?current_name={app}"),
                &json!({"app": {"owner": owner}}),
            )
            .await;
        assert_eq!(
            reply.expect(422),
            &json!({"errors": {"owner": ["must be a collaborator of the app"]}}),
            "{app} → {owner}"
        );
    }
    assert_eq!(ada.app("shop-web").await["owner"]["username"], "ada");

    // Only the owner may transfer.
    let reply = ada
        .patch(
            "/v1/apps/billing-service?current_name=billing-service",
            &json!({"app": {"owner": "ada@example.com"}}),
        )
        .await;
    reply.expect(403);
}
