//! `POST /v1/apps`: validation, dry runs, free usage, and the created app.

use reqwest::Method;
use serde_json::{json, Value};

use crate::harness::TestSim;

#[tokio::test]
async fn creates_a_new_app_listed_afterwards() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let me = ada.get("/v1/users/self").await.json["user"].clone();
    let reply = ada
        .post("/v1/apps", &json!({"app": {"name": "my-new-app"}}))
        .await;
    let app = reply.expect(201)["app"].clone();
    assert_eq!(
        reply.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(app["name"], "my-new-app");
    assert_eq!(app["status"], "new");
    assert_eq!(app["region"], "osc-fr1");
    assert_eq!(app["last_deployed_at"], Value::Null);
    assert_eq!(app["last_deployed_by"], Value::Null);
    assert_eq!(app["owner"]["id"], me["id"]);
    assert_eq!(app["project"]["name"], "default");
    assert_eq!(app["url"], "https://my-new-app.osc-fr1.scalingo.io");
    assert_eq!(
        app["git_url"],
        "git@ssh.osc-fr1.scalingo.com:my-new-app.git"
    );
    assert!(app["links"]["deployments_stream"]
        .as_str()
        .unwrap()
        .ends_with("/my-new-app"));
    let id = app["id"].as_str().unwrap();
    assert_eq!(id.len(), 24);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    let stacks = ada.get("/v1/features/stacks").await.json["stacks"].clone();
    let default_stack = stacks
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["default"] == true)
        .unwrap();
    assert_eq!(app["stack_id"], default_stack["id"]);

    assert!(ada.app_names().await.contains(&"my-new-app".to_owned()));
    assert_eq!(ada.app("my-new-app").await, app);
    // A new app has no container types yet.
    let formation = ada.get("/v1/apps/my-new-app/containers").await;
    assert_eq!(formation.expect(200)["containers"], json!([]));
    assert_eq!(
        ada.get("/v1/apps/my-new-app/ps").await.json["containers"],
        json!([])
    );
}

#[tokio::test]
async fn creation_accepts_project_stack_and_hds() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let projects = ada.get("/v1/projects").await.json["projects"].clone();
    let storefront = projects
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "storefront")
        .unwrap()
        .clone();
    let stacks = ada.get("/v1/features/stacks").await.json["stacks"].clone();
    let stack = stacks
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "scalingo-24")
        .unwrap()
        .clone();
    let app = ada
        .post(
            "/v1/apps",
            &json!({"app": {"name": "health-portal", "project_id": storefront["id"],
                "stack_id": stack["id"], "hds_resource": true,
                "git_source": "https://github.com/example-org/health-portal"}}),
        )
        .await
        .expect(201)["app"]
        .clone();
    assert_eq!(app["project"]["id"], storefront["id"]);
    assert_eq!(app["project"]["name"], "storefront");
    assert_eq!(app["stack_id"], stack["id"]);
    assert_eq!(app["hds_resource"], true);
    assert_eq!(
        app["git_source"],
        "https://github.com/example-org/health-portal"
    );
}

#[tokio::test]
async fn each_name_rule_has_its_422() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let cases: [(&str, &[&str]); 7] = [
        ("", &["can't be blank"]),
        ("abc", &["is too short (minimum is 6 characters)"]),
        (&"a".repeat(49), &["is too long (maximum is 48 characters)"]),
        (
            "My_App1",
            &["should contain only lowercap letters, digits and hyphens"],
        ),
        ("-myapp", &["can't start with an hyphen"]),
        ("myapp-", &["can't end with an hyphen"]),
        ("my--app", &["can't contain 2 consecutive hyphens"]),
    ];
    for (name, messages) in cases {
        let reply = ada.post("/v1/apps", &json!({"app": {"name": name}})).await;
        assert_eq!(
            reply.expect(422),
            &json!({"errors": {"name": messages}}),
            "{name}"
        );
    }
    let reply = ada.post("/v1/apps", &json!({"app": {"name": "a--"}})).await;
    assert_eq!(
        reply.expect(422)["errors"]["name"],
        json!([
            "is too short (minimum is 6 characters)",
            "can't end with an hyphen",
            "can't contain 2 consecutive hyphens"
        ])
    );
}

#[tokio::test]
async fn taken_names_missing_roots_and_bad_json_are_refused() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    // Taken, even by an app Ada cannot see.
    for name in ["shop-api", "compiler-lab"] {
        let reply = ada.post("/v1/apps", &json!({"app": {"name": name}})).await;
        assert_eq!(
            reply.expect(422),
            &json!({"errors": {"name": ["has already been taken"]}})
        );
    }
    for body in [
        json!({"name": "orphan-app"}),
        json!({"app": "orphan-app"}),
        json!([]),
    ] {
        let reply = ada.post("/v1/apps", &body).await;
        assert_eq!(
            reply.expect(422),
            &json!({"errors": {"app": ["missing field"]}})
        );
    }
    let reply = ada
        .send(
            Method::POST,
            "/v1/apps",
            None,
            &[("content-type", "application/json")],
        )
        .await;
    reply.expect(422);

    let response = sim
        .client
        .post(sim.url("/v1/apps"))
        .bearer_auth(ada.bearer.as_deref().unwrap())
        .header("content-type", "application/json")
        .body(r#"{"app": {"name": "#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"]
        .as_str()
        .unwrap()
        .starts_with("There was a problem in the JSON you submitted: "));
}

#[tokio::test]
async fn unknown_project_or_stack_is_a_404() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let reply = ada
        .post(
            "/v1/apps",
            &json!({"app": {"name": "lost-app", "project_id": "pr-nope"}}),
        )
        .await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "project", "error": "not found"})
    );
    let reply = ada
        .post(
            "/v1/apps",
            &json!({"app": {"name": "lost-app", "stack_id": "st-nope"}}),
        )
        .await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "stack", "error": "not found"})
    );
    // Another user's project is not Ada's to use.
    let graces = sim.grace().await.get("/v1/projects").await.json["projects"][0]["id"].clone();
    let reply = ada
        .post(
            "/v1/apps",
            &json!({"app": {"name": "lost-app", "project_id": graces}}),
        )
        .await;
    reply.expect(404);
    assert!(!ada.app_names().await.contains(&"lost-app".to_owned()));
}

#[tokio::test]
async fn dry_run_validates_without_creating() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let before = std::fs::read(&sim.data).unwrap();
    let body = json!({"app": {"name": "dry-run-app"}});
    let reply = ada
        .send(
            Method::POST,
            "/v1/apps",
            Some(&body),
            &[("X-Dry-Run", "true")],
        )
        .await;
    let app = reply.expect(201)["app"].clone();
    assert_eq!(app["name"], "dry-run-app");
    assert_eq!(app["status"], "new");
    assert!(!ada.app_names().await.contains(&"dry-run-app".to_owned()));
    ada.get("/v1/apps/dry-run-app").await.expect(404);
    assert_eq!(std::fs::read(&sim.data).unwrap(), before);

    let bad = json!({"app": {"name": "Dry"}});
    let reply = ada
        .send(
            Method::POST,
            "/v1/apps",
            Some(&bad),
            &[("X-Dry-Run", "true")],
        )
        .await;
    reply.expect(422);
    // The same name can still be created for real afterwards.
    ada.post("/v1/apps", &body).await.expect(201);
}

#[tokio::test]
async fn free_usage_limits_allow_one_app_without_payment_method() {
    let sim = TestSim::start_with(|c| c.free_usage_limits = true).await;
    let ada = sim.ada().await;
    let reply = ada
        .post("/v1/apps", &json!({"app": {"name": "one-more-app"}}))
        .await;
    let body = reply.expect(402);
    assert!(body["name"]
        .as_str()
        .unwrap()
        .ends_with("free-trial-exceeded"));
    assert!(body["error"].as_str().unwrap().contains("payment method"));
    assert!(body["url"].as_str().unwrap().starts_with(&sim.base));
    let reply = ada
        .send(
            Method::POST,
            "/v1/apps",
            Some(&json!({"app": {"name": "one-more-app"}})),
            &[("X-Dry-Run", "true")],
        )
        .await;
    reply.expect(402);
    // Name errors come first, so that live validation stays useful.
    ada.post("/v1/apps", &json!({"app": {"name": "x"}}))
        .await
        .expect(422);
    // Grace has a payment method.
    sim.grace()
        .await
        .post("/v1/apps", &json!({"app": {"name": "graces-new-app"}}))
        .await
        .expect(201);

    // Without the flag, the same request succeeds.
    let free = TestSim::start().await;
    free.ada()
        .await
        .post("/v1/apps", &json!({"app": {"name": "one-more-app"}}))
        .await
        .expect(201);
}

#[tokio::test]
async fn parent_id_creates_a_child_app() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let parent = ada.app("shop-api").await;
    let child = ada
        .post(
            "/v1/apps",
            &json!({"app": {"name": "shop-api-pr-500", "parent_id": parent["id"]}}),
        )
        .await
        .expect(201)["app"]
        .clone();
    assert_eq!(child["parent_app_name"], "shop-api");
    assert_eq!(child["stack_id"], parent["stack_id"]);
    assert_eq!(child["project"], parent["project"]);
    // Child names are capped at 32 characters.
    let long = "a".repeat(33);
    let reply = ada
        .post(
            "/v1/apps",
            &json!({"app": {"name": long, "parent_id": "shop-api"}}),
        )
        .await;
    assert_eq!(
        reply.expect(422)["errors"]["name"],
        json!(["is too long (maximum is 32 characters)"])
    );
    let reply = ada
        .post(
            "/v1/apps",
            &json!({"app": {"name": "orphan-child", "parent_id": "nope"}}),
        )
        .await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "app", "error": "not found"})
    );
}
