//! Environment variables: the list (with aliases resolved or not), single
//! and bulk changes, their errors and events, and what limited
//! collaborators see and may do.

use reqwest::Method;
use serde_json::{json, Value};

use crate::harness::{Api, TestSim};

async fn variables(api: &Api, app: &str) -> Vec<Value> {
    let reply = api.get(&format!("/v1/apps/{app}/variables")).await;
    reply.expect(200)["variables"].as_array().unwrap().clone()
}

fn named<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not listed"))
}

fn id_of(list: &[Value], name: &str) -> String {
    named(list, name)["id"].as_str().unwrap().to_owned()
}

async fn last_event(api: &Api, app: &str) -> Value {
    api.events(app, 1).await[0].clone()
}

#[tokio::test]
async fn every_app_has_an_environment_with_aliases_secrets_and_urls() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let app = ada.app("shop-api").await;
    let list = variables(&ada, "shop-api").await;
    assert!((5..=30).contains(&list.len()), "{}", list.len());
    for variable in &list {
        assert_eq!(variable["id"].as_str().unwrap().len(), 24);
        assert_eq!(variable["app_id"], app["id"]);
        assert!(variable["value"].is_string(), "{variable}");
        let parsed: scalingo_api::Variable = serde_json::from_value(variable.clone()).unwrap();
        let (name, value) = (parsed.name, parsed.value.unwrap());
        assert!(
            scalingo_api::variable_errors(&name, &value).is_empty(),
            "{name}"
        );
    }
    assert_eq!(
        named(&list, "DATABASE_URL")["value"],
        "$SCALINGO_POSTGRESQL_URL"
    );
    assert!(named(&list, "SCALINGO_POSTGRESQL_URL")["value"]
        .as_str()
        .unwrap()
        .starts_with("postgresql://"));
    assert_eq!(
        named(&list, "SECRET_KEY_BASE")["value"]
            .as_str()
            .unwrap()
            .len(),
        128
    );
    let key = named(&list, "JWT_PRIVATE_KEY")["value"].as_str().unwrap();
    assert!(key.starts_with("-----BEGIN PRIVATE KEY-----\n") && key.lines().count() > 10);
    for app in ada.app_names().await {
        let count = variables(&ada, &app).await.len();
        assert!((5..=30).contains(&count), "{app}: {count}");
    }
}

#[tokio::test]
async fn aliases_are_resolved_on_demand() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let target = named(
        &variables(&ada, "shop-api").await,
        "SCALINGO_POSTGRESQL_URL",
    )["value"]
        .clone();
    for (name, value) in [("SECOND_HOP", "$DATABASE_URL"), ("DANGLING", "$NOWHERE")] {
        ada.post(
            "/v1/apps/shop-api/variables",
            &json!({"variable": {"name": name, "value": value}}),
        )
        .await
        .expect(201);
    }
    let resolved = ada.get("/v1/apps/shop-api/variables?aliases=false").await;
    let resolved = resolved.expect(200)["variables"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(named(&resolved, "DATABASE_URL")["value"], target);
    assert_eq!(named(&resolved, "SECOND_HOP")["value"], target);
    assert_eq!(named(&resolved, "DANGLING")["value"], "$NOWHERE");
    let kept = ada.get("/v1/apps/shop-api/variables?aliases=true").await;
    let kept = kept.expect(200)["variables"].as_array().unwrap().clone();
    assert_eq!(named(&kept, "SECOND_HOP")["value"], "$DATABASE_URL");
}

#[tokio::test]
async fn creating_checks_the_rules_and_records_the_value() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let path = "/v1/apps/shop-api/variables";
    let reply = ada
        .post(
            path,
            &json!({"variable": {"name": "NEW_FLAG", "value": "on"}}),
        )
        .await;
    let variable = reply.expect(201)["variable"].clone();
    assert_eq!(variable["name"], "NEW_FLAG");
    assert_eq!(variable["value"], "on");
    assert_eq!(variable["app_id"], ada.app("shop-api").await["id"]);
    assert!(variables(&ada, "shop-api")
        .await
        .iter()
        .any(|v| v["id"] == variable["id"]));
    let event = last_event(&ada, "shop-api").await;
    assert_eq!(event["type"], "new_variable");
    assert_eq!(
        event["type_data"],
        json!({"name": "NEW_FLAG", "value": "on", "addon_name": null})
    );

    // The recorded answer to an empty body.
    assert_eq!(
        ada.send(Method::POST, path, None, &[]).await.expect(422),
        &json!({"errors": {"name": ["can't be blank", "must start with a letter"], "value": ["can't be blank"]}})
    );
    assert_eq!(
        ada.post(path, &json!({"variable": {}})).await.expect(422),
        &json!({"errors": {"name": ["can't be blank", "must start with a letter"], "value": ["can't be blank"]}})
    );
    assert_eq!(
        ada.post(
            path,
            &json!({"variable": {"name": "NEW_FLAG", "value": "x"}})
        )
        .await
        .expect(422),
        &json!({"errors": {"name": ["has already been taken"]}})
    );
    assert_eq!(
        ada.post(
            path,
            &json!({"variable": {"name": "_HIDDEN", "value": "x"}})
        )
        .await
        .expect(422),
        &json!({"errors": {"name": ["must start with a letter"]}})
    );
    assert_eq!(
        ada.post(
            path,
            &json!({"variable": {"name": "BAD-NAME", "value": "x"}})
        )
        .await
        .expect(422),
        &json!({"errors": {"name": ["should contain only letters, digits and underscores"]}})
    );
    let long_name = "N".repeat(65);
    assert_eq!(
        ada.post(
            path,
            &json!({"variable": {"name": long_name, "value": "x"}})
        )
        .await
        .expect(422),
        &json!({"errors": {"name": ["is too long (maximum is 64 characters)"]}})
    );
    let too_long = "v".repeat(32_769);
    assert_eq!(
        ada.post(
            path,
            &json!({"variable": {"name": "BIG", "value": too_long}})
        )
        .await
        .expect(422),
        &json!({"errors": {"value": ["is too long (maximum is 32768 characters)"]}})
    );
    // At the limits.
    let longest = "L".repeat(64);
    let largest = "v".repeat(32_768);
    let reply = ada
        .post(
            path,
            &json!({"variable": {"name": longest, "value": largest}}),
        )
        .await;
    assert_eq!(
        reply.expect(201)["variable"]["value"]
            .as_str()
            .unwrap()
            .len(),
        32_768
    );
    // An unwrapped body is read too.
    ada.post(path, &json!({"name": "UNWRAPPED", "value": "1"}))
        .await
        .expect(201);
}

#[tokio::test]
async fn updating_and_deleting_one_variable() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let list = variables(&ada, "shop-api").await;
    let id = id_of(&list, "DATABASE_URL");
    let path = format!("/v1/apps/shop-api/variables/{id}");
    let reply = ada
        .patch(
            &path,
            &json!({"variable": {"value": "postgres://elsewhere/db"}}),
        )
        .await;
    let variable = reply.expect(200)["variable"].clone();
    assert_eq!(
        (variable["name"].as_str(), variable["value"].as_str()),
        (Some("DATABASE_URL"), Some("postgres://elsewhere/db"))
    );
    let event = last_event(&ada, "shop-api").await;
    assert_eq!(event["type"], "edit_variable");
    assert_eq!(
        event["type_data"],
        json!({"name": "DATABASE_URL", "value": "postgres://elsewhere/db",
            "old_value": "$SCALINGO_POSTGRESQL_URL", "addon_name": null})
    );
    // The name never changes.
    let reply = ada
        .patch(&path, &json!({"variable": {"name": "OTHER", "value": "x"}}))
        .await;
    assert_eq!(reply.expect(200)["variable"]["name"], "DATABASE_URL");
    assert_eq!(
        ada.patch(&path, &json!({"variable": {"value": "  "}}))
            .await
            .expect(422),
        &json!({"errors": {"value": ["can't be blank"]}})
    );
    let not_found = json!({"resource": "variable", "error": "not found"});
    assert_eq!(
        ada.patch(
            "/v1/apps/shop-api/variables/000000000000000000000000",
            &json!({"variable": {"value": "x"}})
        )
        .await
        .expect(404),
        &not_found
    );
    // A variable of another app is not this app's.
    let other = id_of(&variables(&ada, "shop-web").await, "DATABASE_URL");
    assert_eq!(
        ada.delete(&format!("/v1/apps/shop-api/variables/{other}"))
            .await
            .expect(404),
        &not_found
    );

    let reply = ada.delete(&path).await;
    reply.expect(204);
    assert!(reply.text.is_empty());
    let event = last_event(&ada, "shop-api").await;
    assert_eq!(event["type"], "delete_variable");
    assert_eq!(event["type_data"]["name"], "DATABASE_URL");
    assert_eq!(event["type_data"]["value"], "x");
    assert_eq!(ada.delete(&path).await.expect(404), &not_found);
    assert!(!variables(&ada, "shop-api")
        .await
        .iter()
        .any(|v| v["name"] == "DATABASE_URL"));
}

#[tokio::test]
async fn the_bulk_edit_creates_and_updates_by_name() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let path = "/v1/apps/shop-web/variables";
    let before = variables(&ada, "shop-web").await;
    let old_value = named(&before, "DATABASE_URL")["value"].clone();
    let reply = ada
        .put(
            path,
            &json!({"variables": [
                {"name": "DATABASE_URL", "value": "staging"},
                {"name": "FRESH_ONE", "value": "1"},
            ]}),
        )
        .await;
    let changed = reply.expect(200)["variables"].as_array().unwrap().clone();
    let names: Vec<&str> = changed
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["DATABASE_URL", "FRESH_ONE"]);
    assert_eq!(
        named(&changed, "DATABASE_URL")["id"],
        named(&before, "DATABASE_URL")["id"]
    );
    assert_eq!(variables(&ada, "shop-web").await.len(), before.len() + 1);
    let event = last_event(&ada, "shop-web").await;
    assert_eq!(event["type"], "edit_variables");
    assert_eq!(
        event["type_data"],
        json!({
            "new_vars": [{"name": "FRESH_ONE", "value": "1"}],
            "updated_vars": [{"name": "DATABASE_URL", "value": "staging", "old_value": old_value}],
            "deleted_vars": null,
        })
    );

    // Errors name the item; nothing changes.
    let reply = ada
        .put(
            path,
            &json!({"variables": [
                {"name": "FINE", "value": "1"},
                {"name": "", "value": "x"},
                "not an object",
            ]}),
        )
        .await;
    assert_eq!(
        reply.expect(422),
        &json!({"errors": {
            "variables-1-name": ["can't be blank", "must start with a letter"],
            "variables-2-name": ["can't be blank", "must start with a letter"],
            "variables-2-value": ["can't be blank"],
        }})
    );
    assert!(!variables(&ada, "shop-web")
        .await
        .iter()
        .any(|v| v["name"] == "FINE"));
    for body in [
        json!({}),
        json!({"variables": []}),
        json!({"variables": "x"}),
    ] {
        assert_eq!(
            ada.put(path, &body).await.expect(422),
            &json!({"errors": {"variables": ["can't be blank"]}}),
            "{body}"
        );
    }
}

#[tokio::test]
async fn bulk_deletion_takes_ids_in_the_body_or_the_query() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let path = "/v1/apps/shop-api/variables";
    let list = variables(&ada, "shop-api").await;
    let (a, b, c) = (
        id_of(&list, "DATABASE_URL"),
        id_of(&list, "SCALINGO_POSTGRESQL_URL"),
        id_of(&list, "SECRET_KEY_BASE"),
    );
    let body = json!({"variable_ids": [a, b]});
    ada.send(Method::DELETE, path, Some(&body), &[])
        .await
        .expect(204);
    let event = last_event(&ada, "shop-api").await;
    assert_eq!(event["type"], "edit_variables");
    let deleted = event["type_data"]["deleted_vars"].as_array().unwrap();
    assert_eq!(deleted.len(), 2);
    assert!(deleted.iter().any(|v| v["name"] == "DATABASE_URL"));
    assert_eq!(event["type_data"]["new_vars"], Value::Null);
    assert_eq!(variables(&ada, "shop-api").await.len(), list.len() - 2);

    ada.delete(&format!("{path}?variable_ids[]={c}"))
        .await
        .expect(204);
    assert_eq!(variables(&ada, "shop-api").await.len(), list.len() - 3);

    // All or nothing.
    let remaining = variables(&ada, "shop-api").await;
    let one = remaining[0]["id"].as_str().unwrap();
    let reply = ada
        .delete(&format!("{path}?variable_ids[]={one}&variable_ids[]={a}"))
        .await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "variable", "error": "not found"})
    );
    assert_eq!(variables(&ada, "shop-api").await.len(), remaining.len());
    assert_eq!(
        ada.delete(path).await.expect(422),
        &json!({"errors": {"variable_ids": ["can't be blank"]}})
    );
}

#[tokio::test]
async fn limited_collaborators_see_names_without_values_and_change_nothing() {
    let sim = TestSim::start().await;
    let (ada, grace) = (sim.ada().await, sim.grace().await);
    // Grace is a limited collaborator of shop-worker.
    let full = variables(&ada, "shop-worker").await;
    let reply = grace.get("/v1/apps/shop-worker/variables").await;
    let limited = reply.expect(200)["variables"].as_array().unwrap().clone();
    assert_eq!(limited.len(), full.len());
    for (seen, whole) in limited.iter().zip(&full) {
        assert_eq!(seen["name"], whole["name"]);
        assert_eq!(seen["id"], whole["id"]);
        assert!(seen.get("value").is_none(), "{seen}");
    }
    let resolved = grace
        .get("/v1/apps/shop-worker/variables?aliases=false")
        .await;
    assert!(resolved.expect(200)["variables"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v.get("value").is_none()));

    let id = full[0]["id"].as_str().unwrap();
    let path = "/v1/apps/shop-worker/variables";
    let item = format!("{path}/{id}");
    let refusals = [
        grace
            .post(path, &json!({"variable": {"name": "X", "value": "1"}}))
            .await,
        grace
            .put(path, &json!({"variables": [{"name": "X", "value": "1"}]}))
            .await,
        grace
            .patch(&item, &json!({"variable": {"value": "1"}}))
            .await,
        grace.delete(&item).await,
        grace.delete(&format!("{path}?variable_ids[]={id}")).await,
    ];
    for reply in refusals {
        let body = reply.expect(403);
        assert_eq!(body["code"], "forbidden");
        assert!(body["error"]
            .as_str()
            .unwrap()
            .contains("limited collaborator"));
    }
    assert_eq!(variables(&ada, "shop-worker").await, full);

    // The timeline does not give the values away either.
    let secret = "s3cr3t-value";
    ada.patch(&item, &json!({"variable": {"value": secret}}))
        .await
        .expect(200);
    let theirs = grace.get("/v1/apps/shop-worker/events?per_page=1").await;
    let event = theirs.expect(200)["events"][0].clone();
    assert_eq!(event["type"], "edit_variable");
    assert!(event["type_data"]["name"].is_string());
    assert!(!event.to_string().contains(secret), "{event}");
    let mine = grace.get("/v1/events?per_page=100").await;
    assert!(!mine.text.contains(secret));
    assert!(ada
        .get("/v1/events?per_page=100")
        .await
        .text
        .contains(secret));
    // Grace is a full collaborator of shop-api: she sees and changes it.
    assert!(variables(&grace, "shop-api")
        .await
        .iter()
        .all(|v| v["value"].is_string()));
    grace
        .post(
            "/v1/apps/shop-api/variables",
            &json!({"variable": {"name": "BY_GRACE", "value": "1"}}),
        )
        .await
        .expect(201);
}

#[tokio::test]
async fn unknown_apps_and_missing_bearers() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let not_found = json!({"resource": "app", "error": "not found"});
    assert_eq!(
        ada.get("/v1/apps/no-such-app/variables").await.expect(404),
        &not_found
    );
    assert_eq!(
        ada.post(
            "/v1/apps/no-such-app/variables",
            &json!({"variable": {"name": "A", "value": "1"}})
        )
        .await
        .expect(404),
        &not_found
    );
    // Not a collaborator: the same 404.
    let grace = sim.grace().await;
    assert_eq!(
        grace
            .get("/v1/apps/status-page/variables")
            .await
            .expect(404),
        &not_found
    );
    sim.anonymous()
        .get("/v1/apps/shop-api/variables")
        .await
        .expect(401);
}
