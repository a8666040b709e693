//! Two regions on one origin: the default one's API at the root, the
//! SecNumCloud one's under `/regions/osc-secnum-fr1`; apps live in one.

use std::collections::HashSet;

use scalingo_sim::DEMO_TOKEN;
use serde_json::{json, Value};

use crate::harness::{Api, TestSim};

/// The SecNumCloud region's API, relative to the origin.
pub const SECNUM: &str = "/regions/osc-secnum-fr1";

fn not_found_app() -> Value {
    json!({"resource": "app", "error": "not found"})
}

impl Api {
    /// Names of the apps listed by the API at `prefix` (`""`: the root).
    pub async fn app_names_in(&self, prefix: &str) -> HashSet<String> {
        self.get(&format!("{prefix}/v1/apps")).await.expect(200)["apps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_owned())
            .collect()
    }
}

#[tokio::test]
async fn both_regions_are_listed_with_their_api() {
    let sim = TestSim::start().await;
    let reply = sim.ada().await.get("/v1/regions").await;
    let regions = reply.expect(200)["regions"].clone();
    let api = format!("{}{SECNUM}", sim.base);
    assert_eq!(
        regions,
        json!([
            {
                "name": "osc-fr1",
                "display_name": "Paris - Outscale",
                "api": sim.base,
                "dashboard": sim.base,
                "database_api": sim.base,
                "ssh": "ssh.osc-fr1.scalingo.com:22",
                "default": true,
            },
            {
                "name": "osc-secnum-fr1",
                "display_name": "Paris - SecNumCloud - Outscale",
                "api": api,
                "dashboard": sim.base,
                "database_api": api,
                "ssh": "ssh.osc-secnum-fr1.scalingo.com:22",
                "default": false,
            },
        ])
    );

    let config = sim.anonymous().get("/config.json").await;
    assert_eq!(
        config.expect(200),
        &json!({
            "auth_url": sim.base,
            "regions": [
                {"name": "osc-fr1", "display_name": "Paris - Outscale", "api_url": sim.base},
                {
                    "name": "osc-secnum-fr1",
                    "display_name": "Paris - SecNumCloud - Outscale",
                    "api_url": api,
                },
            ],
            "demo_token": DEMO_TOKEN,
        })
    );
}

#[tokio::test]
async fn an_app_is_known_to_its_region_only() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let root = ada.app_names_in("").await;
    let secnum = ada.app_names_in(SECNUM).await;
    for name in [
        "health-records-api",
        "secure-gateway",
        "audit-vault",
        "kyc-archive",
    ] {
        assert!(secnum.contains(name) && !root.contains(name), "{name}");
    }
    assert!(root.contains("shop-api") && !secnum.contains("shop-api"));
    assert_eq!(root.len(), 17, "the default region's demo is unchanged");
    // The default region is also reachable under its own prefix.
    assert_eq!(ada.app_names_in("/regions/osc-fr1").await, root);

    let app = ada
        .get(&format!("{SECNUM}/v1/apps/health-records-api"))
        .await;
    let app = app.expect(200)["app"].clone();
    assert_eq!(app["region"], "osc-secnum-fr1");
    assert_eq!(
        app["url"],
        "https://health-records-api.osc-secnum-fr1.scalingo.io"
    );
    assert_eq!(
        app["git_url"],
        "git@ssh.osc-secnum-fr1.scalingo.com:health-records-api.git"
    );
    assert_eq!(app["hds_resource"], true);
    assert_eq!(app["project"]["name"], "compliance");
    assert_eq!(app["status"], "running");
    let stopped = ada.get(&format!("{SECNUM}/v1/apps/kyc-archive")).await;
    assert_eq!(stopped.expect(200)["app"]["status"], "stopped");
    assert_eq!(ada.app("shop-api").await["region"], "osc-fr1");

    // 404 on the other region, by name and by id.
    let id = app["id"].as_str().unwrap();
    for path in [
        "/v1/apps/health-records-api".to_owned(),
        format!("/v1/apps/{id}"),
        "/v1/apps/health-records-api/containers".to_owned(),
        format!("{SECNUM}/v1/apps/shop-api"),
        format!("{SECNUM}/v1/apps/shop-api/ps"),
    ] {
        assert_eq!(ada.get(&path).await.expect(404), &not_found_app(), "{path}");
    }
    // Auth is region-independent: at the root only.
    for path in ["/v1/users/self", "/v1/regions"] {
        let reply = ada.get(&format!("{SECNUM}{path}")).await;
        assert_eq!(reply.expect(404), &json!({"error": "not found"}), "{path}");
    }
    let unknown = ada.get("/regions/mars-1/v1/apps").await;
    assert_eq!(unknown.expect(404), &json!({"error": "not found"}));
    ada.get(&format!("{SECNUM}/")).await.expect(404);

    // Grace collaborates on one of them.
    let grace = sim.grace().await;
    assert_eq!(
        grace.app_names_in(SECNUM).await,
        HashSet::from(["secure-gateway".to_owned()])
    );
}

#[tokio::test]
async fn projects_and_sizes_are_regional() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let names = |body: &Value| -> Vec<String> {
        let mut names: Vec<String> = body["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    let root = ada.get("/v1/projects").await;
    assert_eq!(
        names(root.expect(200)),
        ["default", "internal-tools", "storefront"]
    );
    let secnum = ada.get(&format!("{SECNUM}/v1/projects")).await;
    assert_eq!(names(secnum.expect(200)), ["compliance", "default"]);

    let anonymous = sim.anonymous();
    let sizes = anonymous
        .get(&format!("{SECNUM}/v1/features/container_sizes"))
        .await;
    let sizes = sizes.expect(200)["container_sizes"]
        .as_array()
        .unwrap()
        .clone();
    assert!(sizes
        .iter()
        .all(|s| s["sku"] == format!("osc-secnum-fr1-app-{}", s["name"].as_str().unwrap())));
    let root = anonymous.get("/v1/features/container_sizes").await;
    assert_eq!(
        root.expect(200)["container_sizes"][1]["sku"],
        "osc-fr1-app-M"
    );
    let stacks = anonymous.get(&format!("{SECNUM}/v1/features/stacks")).await;
    assert!(!stacks.expect(200)["stacks"].as_array().unwrap().is_empty());
    let ps = ada
        .get(&format!("{SECNUM}/v1/apps/secure-gateway/ps"))
        .await;
    let ps = ps.expect(200)["containers"].as_array().unwrap().clone();
    assert!(ps[0]["container_size"]["sku"]
        .as_str()
        .unwrap()
        .starts_with("osc-secnum-fr1-app-"));
}

#[tokio::test]
async fn names_are_unique_per_region_and_creation_picks_the_region() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let body = json!({"app": {"name": "twin-app"}});
    let created = ada.post(&format!("{SECNUM}/v1/apps"), &body).await;
    let created = created.expect(201)["app"].clone();
    assert_eq!(created["region"], "osc-secnum-fr1");
    assert_eq!(created["project"]["name"], "default");
    assert_eq!(
        created["url"],
        "https://twin-app.osc-secnum-fr1.scalingo.io"
    );
    let again = ada.post(&format!("{SECNUM}/v1/apps"), &body).await;
    assert_eq!(
        again.expect(422),
        &json!({"errors": {"name": ["has already been taken"]}})
    );
    // The same name in the other region is another app.
    let other = ada.post("/v1/apps", &body).await;
    let other = other.expect(201)["app"].clone();
    assert_eq!(other["region"], "osc-fr1");
    assert_ne!(other["id"], created["id"]);
    let delete = format!("{SECNUM}/v1/apps/twin-app?current_name=twin-app");
    ada.delete(&delete).await.expect(204);
    ada.app("twin-app").await;
    ada.get(&format!("{SECNUM}/v1/apps/twin-app"))
        .await
        .expect(404);
    // A project of another region is unknown.
    let projects = ada.get("/v1/projects").await.json["projects"].clone();
    let storefront = projects
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "storefront")
        .unwrap()["id"]
        .clone();
    let body = json!({"app": {"name": "misplaced-app", "project_id": storefront}});
    let reply = ada.post(&format!("{SECNUM}/v1/apps"), &body).await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "project", "error": "not found"})
    );
}
