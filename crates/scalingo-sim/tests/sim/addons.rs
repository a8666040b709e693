//! Addons: the public catalogue, the demo's addons, provisioning on the
//! clock with the variables it adds, plan changes, deletion, suspension and
//! resumption, tokens and dashboards, their errors and events, and what
//! limited collaborators may do.

use reqwest::Method;
use serde_json::{json, Value};

use crate::{
    harness::{Api, TestSim},
    polling::{fast_sim, wait_for},
};

async fn addons(api: &Api, app: &str) -> Vec<Value> {
    let reply = api.get(&format!("/v1/apps/{app}/addons")).await;
    reply.expect(200)["addons"].as_array().unwrap().clone()
}

fn of_provider<'a>(list: &'a [Value], provider: &str) -> &'a Value {
    list.iter()
        .find(|a| a["addon_provider"]["id"] == provider)
        .unwrap_or_else(|| panic!("no {provider} addon in {list:?}"))
}

async fn variable_names(api: &Api, app: &str) -> Vec<String> {
    let reply = api.get(&format!("/v1/apps/{app}/variables")).await;
    reply.expect(200)["variables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_owned())
        .collect()
}

/// The id of the plan of `provider` called `<provider>-<name>`.
async fn plan_id(api: &Api, provider: &str, name: &str) -> String {
    let reply = api
        .get(&format!(
            "/v1/addon_providers/{provider}/plans?show_all=true"
        ))
        .await;
    reply.expect(200)["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == format!("{provider}-{name}"))
        .unwrap_or_else(|| panic!("no plan {name} of {provider}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn set_payment_method(sim: &TestSim, present: bool) {
    let reply = sim
        .anonymous()
        .post("/_sim/payment-method", &json!({ "present": present }))
        .await;
    assert_eq!(
        reply.expect(200)["payment_method"],
        json!({"user": "ada", "present": present})
    );
}

#[tokio::test]
async fn the_catalogue_is_public_and_grouped_by_category() {
    let sim = TestSim::start().await;
    let anonymous = sim.anonymous();
    let categories = anonymous.get("/v1/addon_categories").await;
    let categories = categories.expect(200)["addon_categories"]
        .as_array()
        .unwrap()
        .clone();
    let ids: Vec<&str> = categories
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["databases", "monitoring", "logging", "email"]);

    let reply = anonymous.get("/v1/addon_providers").await;
    let body = reply.expect(200);
    let parsed: scalingo_api::AddonProvidersResponse =
        serde_json::from_value(body.clone()).unwrap();
    let providers = &parsed.addon_providers;
    for id in [
        "postgresql",
        "mysql",
        "mongodb",
        "redis",
        "elasticsearch",
        "opensearch",
        "influxdb",
    ] {
        let provider = providers.iter().find(|p| p.id == id).unwrap();
        assert_eq!(provider.category.as_ref().unwrap().id, "databases");
        assert!((3..=6).contains(&provider.plans.len()), "{id}");
        // Disabled plans are left out of the list.
        assert!(provider.plans.iter().all(|p| !p.disabled));
        let logo = provider.logo_url.as_deref().unwrap();
        assert_eq!(logo, format!("{}/_sim/addon-logos/{id}.svg", sim.base));
    }
    let postgresql = providers.iter().find(|p| p.id == "postgresql").unwrap();
    let sandbox = &postgresql.plans[0];
    assert_eq!(
        (sandbox.display_name.as_str(), sandbox.is_free()),
        ("Sandbox", true)
    );
    let starter = postgresql
        .plans
        .iter()
        .find(|p| p.name == "postgresql-starter-512")
        .unwrap();
    assert_eq!(starter.monthly_price(), 14.4);
    assert_eq!(starter.currency(), "EUR");
    assert!(starter.description.starts_with("<ul><li>"));
    let raw_plan = &body["addon_providers"][0]["plans"][1];
    assert_eq!(
        raw_plan["pricings"]["default"],
        json!({"price": 14.4, "currency": "EUR", "period": "month"})
    );

    // A bearer is accepted too; a category filters.
    let ada = sim.ada().await;
    let reply = ada.get("/v1/addon_providers?category_id=email").await;
    let email: Vec<&str> = reply.expect(200)["addon_providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(email, ["mailjet", "brevo"]);
    let reply = anonymous
        .get("/v1/addon_providers?category_id=nothing")
        .await;
    assert_eq!(reply.expect(200)["addon_providers"], json!([]));

    // Plans: disabled ones with `show_all` only.
    let plans = |query: &'static str| {
        let anonymous = &anonymous;
        async move {
            let reply = anonymous
                .get(&format!("/v1/addon_providers/postgresql/plans{query}"))
                .await;
            reply.expect(200)["plans"].as_array().unwrap().len()
        }
    };
    assert_eq!(plans("").await + 1, plans("?show_all=true").await);
    let reply = anonymous.get("/v1/addon_providers/nosql/plans").await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "addon_provider", "error": "not found"})
    );

    // The logos are served.
    let reply = anonymous.get("/_sim/addon-logos/redis.svg").await;
    reply.expect(200);
    assert_eq!(reply.header("content-type"), Some("image/svg+xml"));
    assert!(reply.text.starts_with("<svg"));
    anonymous
        .get("/_sim/addon-logos/nosql.svg")
        .await
        .expect(404);
}

#[tokio::test]
async fn the_demo_apps_have_the_addons_of_their_environments() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let list = addons(&ada, "shop-api").await;
    let app = ada.app("shop-api").await;
    let postgresql = of_provider(&list, "postgresql");
    assert!(postgresql["id"].as_str().unwrap().starts_with("ad-"));
    assert_eq!(postgresql["app_id"], app["id"]);
    assert_eq!(postgresql["status"], "running");
    assert_eq!(postgresql["plan"]["display_name"], "Business 1G");
    assert_eq!(postgresql["plan"]["price"], 57.6);
    assert_eq!(postgresql["addon_provider"]["name"], "PostgreSQL");
    assert!(postgresql["provisioned_at"].is_string());
    assert_eq!(postgresql["deprovisioned_at"], Value::Null);
    let redis = of_provider(&list, "redis");
    assert_eq!(redis["plan"]["display_name"], "Starter 512M");
    // Each variable of the environment leads to its addon.
    let parsed: Vec<scalingo_api::Addon> = serde_json::from_value(json!(list)).unwrap();
    let url = scalingo_api::addon_of_variable("SCALINGO_POSTGRESQL_URL", &parsed).unwrap();
    assert_eq!(url.resource_id, postgresql["resource_id"].as_str().unwrap());
    assert!(scalingo_api::addon_of_variable("DATABASE_URL", &parsed).is_none());
    let shown = ada
        .get(&format!(
            "/v1/apps/shop-api/addons/{}",
            redis["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(&shown.expect(200)["addon"], redis);

    let legacy = addons(&ada, "legacy-crm").await;
    assert_eq!(of_provider(&legacy, "postgresql")["status"], "suspended");
    let review = addons(&ada, "shop-api-pr-419").await;
    if !review.is_empty() {
        assert_eq!(of_provider(&review, "postgresql")["plan"]["price"], 0.0);
    }
    let reply = ada.get("/v1/apps/shop-api/addons/ad-nothing").await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "addon", "error": "not found"})
    );
}

#[tokio::test]
async fn provisioning_ends_on_the_clock_and_adds_the_variables() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let plan = plan_id(&ada, "mysql", "starter-512").await;
    let reply = ada
        .post(
            "/v1/apps/shop-api/addons",
            &json!({"addon": {"addon_provider_id": "mysql", "plan_id": plan, "options": {"version": "8"}}}),
        )
        .await;
    let body = reply.expect(201).clone();
    let addon = &body["addon"];
    assert_eq!(addon["status"], "provisioning");
    assert_eq!(addon["provisioned_at"], Value::Null);
    assert_eq!(addon["plan"]["id"], plan);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("being provisioned"));
    let id = addon["id"].as_str().unwrap().to_owned();
    assert!(!variable_names(&ada, "shop-api")
        .await
        .contains(&"SCALINGO_MYSQL_URL".to_owned()));
    let events = ada.events("shop-api", 1).await;
    assert_eq!(events[0]["type"], "new_addon");
    assert_eq!(
        events[0]["type_data"],
        json!({
            "addon_provider_name": "MySQL",
            "plan_name": "Starter 512M",
            "resource_id": addon["resource_id"],
        })
    );

    let running = wait_for("the addon to be provisioned", || async {
        let reply = ada.get(&format!("/v1/apps/shop-api/addons/{id}")).await;
        let addon = reply.expect(200)["addon"].clone();
        (addon["status"] == "running").then_some(addon)
    })
    .await;
    assert!(running["provisioned_at"].is_string());
    let reply = ada.get("/v1/apps/shop-api/variables").await;
    let variables = reply.expect(200)["variables"].as_array().unwrap().clone();
    let url = variables
        .iter()
        .find(|v| v["name"] == "SCALINGO_MYSQL_URL")
        .unwrap()["value"]
        .as_str()
        .unwrap()
        .to_owned();
    let resource = running["resource_id"].as_str().unwrap();
    assert!(url.starts_with(&format!("mysql://{resource}:")), "{url}");
    let event = ada
        .events("shop-api", 5)
        .await
        .into_iter()
        .find(|e| e["type"] == "new_variable")
        .unwrap();
    assert_eq!(event["type_data"]["name"], "SCALINGO_MYSQL_URL");
    assert_eq!(event["type_data"]["addon_name"], "MySQL");
    assert_eq!(event["user"]["username"], "ada");

    // One addon per provider.
    let again = ada
        .post(
            "/v1/apps/shop-api/addons",
            &json!({"addon": {"addon_provider_id": "mysql", "plan_id": plan}}),
        )
        .await;
    assert_eq!(
        again.expect(422),
        &json!({"errors": {"addon_provider_id": ["has already been taken"]}})
    );
}

#[tokio::test]
async fn creations_are_refused_with_the_reference_errors() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let create = |body: Value| {
        let ada = &ada;
        async move { ada.post("/v1/apps/shop-web/addons", &body).await }
    };
    let reply = create(json!({"addon": {"addon_provider_id": "redis"}})).await;
    assert_eq!(reply.expect(400), &json!({"error": "plan_id is required"}));
    let reply = create(json!({"addon": {"plan_id": "x"}})).await;
    assert_eq!(
        reply.expect(400),
        &json!({"error": "addon_provider_id is required"})
    );
    let reply = create(json!({"addon": {"addon_provider_id": "nosql", "plan_id": "x"}})).await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "addon_provider", "error": "not found"})
    );
    let reply = create(json!({"addon": {"addon_provider_id": "redis", "plan_id": "x"}})).await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "plan", "error": "not found"})
    );
    let legacy = plan_id(&ada, "postgresql", "starter-256").await;
    let reply =
        create(json!({"addon": {"addon_provider_id": "postgresql", "plan_id": legacy}})).await;
    assert!(reply.expect(422)["errors"]["plan_id"][0]
        .as_str()
        .unwrap()
        .contains("no longer offered"));

    // Without a payment method: free plans only.
    set_payment_method(&sim, false).await;
    let paid = plan_id(&ada, "mongodb", "starter-512").await;
    let reply = create(json!({"addon": {"addon_provider_id": "mongodb", "plan_id": paid}})).await;
    let body = reply.expect(402);
    assert_eq!(body["name"], "addon-free-trial-exceeded");
    assert!(body["error"].as_str().unwrap().contains("payment method"));
    assert_eq!(body["url"], format!("{}/billing", sim.base));
    let free = plan_id(&ada, "mongodb", "sandbox").await;
    let reply = create(json!({"addon": {"addon_provider_id": "mongodb", "plan_id": free}})).await;
    let id = reply.expect(201)["addon"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A plan change to a paid plan too.
    let reply = ada
        .patch(
            &format!("/v1/apps/shop-web/addons/{id}"),
            &json!({"addon": {"plan_id": paid}}),
        )
        .await;
    reply.expect(402);
    set_payment_method(&sim, true).await;
    let reply = ada
        .patch(
            &format!("/v1/apps/shop-web/addons/{id}"),
            &json!({"addon": {"plan_id": paid}}),
        )
        .await;
    reply.expect(200);
    let reply = sim
        .anonymous()
        .post("/_sim/payment-method", &json!({"present": "no"}))
        .await;
    reply.expect(400);
    let reply = sim
        .anonymous()
        .post(
            "/_sim/payment-method",
            &json!({"present": false, "user": "nobody"}),
        )
        .await;
    reply.expect(404);
    let reply = sim
        .anonymous()
        .post(
            "/_sim/payment-method",
            &json!({"present": false, "user": "grace@example.com"}),
        )
        .await;
    assert_eq!(reply.expect(200)["payment_method"]["user"], "grace");

    // Unknown apps, and no bearer.
    let reply = ada
        .post(
            "/v1/apps/no-such-app/addons",
            &json!({"addon": {"addon_provider_id": "redis", "plan_id": free}}),
        )
        .await;
    assert_eq!(reply.expect(404)["resource"], "app");
    sim.anonymous()
        .get("/v1/apps/shop-web/addons")
        .await
        .expect(401);
}

#[tokio::test]
async fn plans_change_and_addons_leave_with_their_variables() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let list = addons(&ada, "shop-api").await;
    let redis = of_provider(&list, "redis").clone();
    let id = redis["id"].as_str().unwrap().to_owned();
    let path = format!("/v1/apps/shop-api/addons/{id}");
    let business = plan_id(&ada, "redis", "business-1024").await;
    let reply = ada
        .patch(&path, &json!({"addon": {"plan_id": business}}))
        .await;
    let body = reply.expect(200).clone();
    assert_eq!(body["addon"]["plan"]["id"], business);
    assert_eq!(body["addon"]["status"], "running");
    assert_eq!(body["variables"], json!(["SCALINGO_REDIS_URL"]));
    assert!(body["message"].as_str().unwrap().contains("Business 1G"));
    let parsed: scalingo_api::AddonUpdateResponse = serde_json::from_value(body).unwrap();
    assert_eq!(parsed.variable_names(), ["SCALINGO_REDIS_URL"]);
    let event = &ada.events("shop-api", 1).await[0];
    assert_eq!(event["type"], "upgrade_addon");
    assert_eq!(
        event["type_data"],
        json!({
            "addon_provider_name": "Redis",
            "plan_name": "Business 1G",
            "old_plan_name": "Starter 512M",
            "new_plan_name": "Business 1G",
            "resource_id": redis["resource_id"],
        })
    );
    // The same plan, a plan of another provider, no plan.
    let reply = ada
        .patch(&path, &json!({"addon": {"plan_id": business}}))
        .await;
    assert_eq!(
        reply.expect(400),
        &json!({"error": "The addon is already on this plan"})
    );
    let other = plan_id(&ada, "mysql", "sandbox").await;
    let reply = ada
        .patch(&path, &json!({"addon": {"plan_id": other}}))
        .await;
    assert_eq!(reply.expect(404)["resource"], "plan");
    let reply = ada.patch(&path, &json!({"addon": {}})).await;
    assert_eq!(reply.expect(400), &json!({"error": "plan_id is required"}));
    // Unwrapped bodies are read too.
    let starter = plan_id(&ada, "redis", "starter-256").await;
    ada.patch(&path, &json!({"plan_id": starter}))
        .await
        .expect(200);
    let reply = ada
        .patch(
            "/v1/apps/shop-api/addons/ad-nothing",
            &json!({"addon": {"plan_id": starter}}),
        )
        .await;
    assert_eq!(reply.expect(404)["resource"], "addon");

    assert!(variable_names(&ada, "shop-api")
        .await
        .contains(&"SCALINGO_REDIS_URL".to_owned()));
    let reply = ada.delete(&path).await;
    reply.expect(204);
    assert!(reply.text.is_empty());
    let names = variable_names(&ada, "shop-api").await;
    assert!(!names.contains(&"SCALINGO_REDIS_URL".to_owned()));
    ada.get(&path).await.expect(404);
    let events = ada.events("shop-api", 3).await;
    assert_eq!(events[0]["type"], "delete_addon");
    assert_eq!(events[0]["type_data"]["addon_provider_name"], "Redis");
    assert_eq!(events[1]["type"], "delete_variable");
    assert_eq!(events[1]["type_data"]["addon_name"], "Redis");
    ada.delete(&path).await.expect(404);
}

#[tokio::test]
async fn suspended_addons_are_resumed() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let legacy = addons(&ada, "legacy-crm").await;
    let id = of_provider(&legacy, "postgresql")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let resume = format!("/v1/apps/legacy-crm/addons/{id}/resume");
    let reply = ada.post(&resume, &json!({})).await;
    let body = reply.expect(200);
    assert_eq!(body["addon"]["status"], "running");
    assert!(body["message"].as_str().unwrap().contains("resumed"));
    assert_eq!(ada.events("legacy-crm", 1).await[0]["type"], "resume_addon");
    let reply = ada.post(&resume, &Value::Null).await;
    assert!(reply.expect(400)["error"]
        .as_str()
        .unwrap()
        .contains("not suspended"));

    // The simulator's control suspends a running addon, as the platform
    // would.
    let control = format!("/_sim/addons/{id}/suspend");
    let reply = sim.anonymous().post(&control, &json!({})).await;
    assert_eq!(
        reply.expect(200),
        &json!({"addon": {"id": id, "status": "suspended"}})
    );
    let event = &ada.events("legacy-crm", 1).await[0];
    assert_eq!(event["type"], "suspend_addon");
    assert_eq!(event["user"]["username"], "");
    sim.anonymous().post(&control, &json!({})).await.expect(400);
    sim.anonymous()
        .post("/_sim/addons/ad-nothing/suspend", &json!({}))
        .await
        .expect(404);
    // Tokens and dashboards wait for it to run again.
    let reply = ada
        .post(
            &format!("/v1/apps/legacy-crm/addons/{id}/token"),
            &json!({}),
        )
        .await;
    assert!(reply.expect(400)["error"]
        .as_str()
        .unwrap()
        .contains("suspended"));
    ada.post(&resume, &json!({})).await.expect(200);
}

#[tokio::test]
async fn tokens_and_dashboard_links_last_an_hour() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let list = addons(&ada, "shop-api").await;
    let id = of_provider(&list, "postgresql")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = ada
        .post(&format!("/v1/apps/shop-api/addons/{id}/token"), &json!({}))
        .await;
    let addon = &reply.expect(200)["addon"];
    assert_eq!(addon["id"], id);
    assert!(addon["token"].as_str().unwrap().len() > 40);

    let sso = format!("/v1/apps/shop-api/addons/{id}/sso");
    let first = ada.get(&sso).await.expect(200)["addon"]["sso_url"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = ada.send(Method::POST, &sso, None, &[]).await.expect(200)["addon"]["sso_url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(first, second);
    let path = first.strip_prefix(&sim.base).unwrap();
    assert!(path.starts_with(&format!("/_sim/addon-dashboard/{id}?")));
    let page = sim.anonymous().get(path).await;
    page.expect(200);
    assert!(page.text.contains("PostgreSQL"), "{}", page.text);
    let forged = path.replace("nonce=", "nonce=0");
    sim.anonymous().get(&forged).await.expect(401);

    // A new addon has neither until it is provisioned.
    let plan = plan_id(&ada, "influxdb", "sandbox").await;
    let reply = ada
        .post(
            "/v1/apps/shop-api/addons",
            &json!({"addon": {"addon_provider_id": "influxdb", "plan_id": plan}}),
        )
        .await;
    let new = reply.expect(201)["addon"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = ada
        .get(&format!("/v1/apps/shop-api/addons/{new}/sso"))
        .await;
    assert!(reply.expect(400)["error"]
        .as_str()
        .unwrap()
        .contains("provisioned"));
}

#[tokio::test]
async fn limited_collaborators_read_addons_and_change_nothing() {
    let sim = TestSim::start().await;
    // Grace is a limited collaborator of shop-worker.
    let grace = sim.grace().await;
    let list = addons(&grace, "shop-worker").await;
    let id = of_provider(&list, "postgresql")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v1/apps/shop-worker/addons/{id}");
    grace.get(&path).await.expect(200);
    let free = plan_id(&grace, "mysql", "sandbox").await;
    let refusals = [
        grace
            .post(
                "/v1/apps/shop-worker/addons",
                &json!({"addon": {"addon_provider_id": "mysql", "plan_id": free}}),
            )
            .await,
        grace
            .patch(&path, &json!({"addon": {"plan_id": free}}))
            .await,
        grace.delete(&path).await,
        grace.post(&format!("{path}/resume"), &json!({})).await,
        grace.post(&format!("{path}/token"), &json!({})).await,
        grace.get(&format!("{path}/sso")).await,
    ];
    for reply in &refusals {
        let body = reply.expect(403);
        assert_eq!(body["code"], "forbidden");
        assert!(body["error"]
            .as_str()
            .unwrap()
            .contains("limited collaborator"));
    }
    // A full collaborator manages them (Grace on shop-web).
    let reply = grace
        .post(
            "/v1/apps/shop-web/addons",
            &json!({"addon": {"addon_provider_id": "mysql", "plan_id": free}}),
        )
        .await;
    reply.expect(201);
}

#[tokio::test]
async fn the_hostile_catalogue_carries_markup_as_data() {
    let sim = TestSim::start_with(|c| c.demo = scalingo_sim::DemoKind::Hostile).await;
    let ada = sim.ada().await;
    let reply = ada.get("/v1/addon_providers").await;
    let parsed: scalingo_api::AddonProvidersResponse =
        serde_json::from_value(reply.expect(200).clone()).unwrap();
    let hostile = parsed
        .addon_providers
        .iter()
        .find(|p| p.id == "hostile-db")
        .unwrap();
    assert!(hostile.description.contains("<script>"));
    assert!(hostile.description.contains("onerror"));
    assert!(hostile.logo_url.as_deref().unwrap().starts_with("http://"));
    assert_eq!(hostile.provider_url.as_deref(), Some("javascript:alert(1)"));
    let list = addons(&ada, "xss-probe-app").await;
    let addon = of_provider(&list, "hostile-db");
    assert!(addon["resource_id"].as_str().unwrap().contains("<script>"));
    assert_eq!(addon["plan"]["price"], 1_000_000_000.0);
}
