//! Child apps: creation under a parent, and the paginated list.

use serde_json::{json, Value};

use crate::harness::TestSim;

#[tokio::test]
async fn a_child_app_inherits_from_its_parent() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let parent = ada.app("shop-api").await;
    let reply = ada
        .post(
            "/v1/apps/shop-api/child_apps",
            &json!({"app": {"name": "shop-api-pr-999"}}),
        )
        .await;
    let child = reply.expect(201)["app"].clone();
    assert_eq!(child["name"], "shop-api-pr-999");
    assert_eq!(child["parent_app_name"], "shop-api");
    assert_eq!(child["status"], "new");
    assert_eq!(child["last_deployed_at"], Value::Null);
    for key in ["stack_id", "owner", "project", "region"] {
        assert_eq!(child[key], parent[key], "{key}");
    }
    assert_eq!(ada.app("shop-api-pr-999").await["id"], child["id"]);
    let created = &ada.events("shop-api-pr-999", 1).await[0];
    assert_eq!(created["type"], "new_app");
    assert_eq!(created["type_data"]["parent_app_name"], "shop-api");

    // The parent can be named by id; the body may be unwrapped.
    let parent_id = parent["id"].as_str().unwrap();
    ada.post(
        &format!("/v1/apps/{parent_id}/child_apps"),
        &json!({"name": "shop-api-pr-1000"}),
    )
    .await
    .expect(201);
}

#[tokio::test]
async fn child_names_follow_the_child_rules() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let create = |name: String| {
        let ada = &ada;
        async move {
            ada.post(
                "/v1/apps/shop-api/child_apps",
                &json!({"app": {"name": name}}),
            )
            .await
        }
    };
    assert_eq!(
        create("a".repeat(33)).await.expect(422),
        &json!({"errors": {"name": ["is too long (maximum is 32 characters)"]}})
    );
    create("a".repeat(32)).await.expect(201);
    assert_eq!(
        create("shop-web".to_owned()).await.expect(422),
        &json!({"errors": {"name": ["has already been taken"]}})
    );
    assert_eq!(
        create("Bad_Name".to_owned()).await.expect(422),
        &json!({"errors": {"name": ["should contain only lowercap letters, digits and hyphens"]}})
    );
    assert_eq!(
        ada.post(
            "/v1/apps/nope-nope/child_apps",
            &json!({"app": {"name": "child-of-nothing"}})
        )
        .await
        .expect(404),
        &json!({"resource": "app", "error": "not found"})
    );
}

#[tokio::test]
async fn review_apps_need_a_payment_method_under_the_free_usage_rule() {
    let sim = TestSim::start_with(|c| c.free_usage_limits = true).await;
    let ada = sim.ada().await;
    let reply = ada
        .post(
            "/v1/apps/shop-api/child_apps",
            &json!({"app": {"name": "shop-api-pr-999"}}),
        )
        .await;
    assert!(reply.expect(402)["name"]
        .as_str()
        .unwrap()
        .ends_with("free-trial-exceeded"));
}

fn names(reply: &Value) -> Vec<String> {
    reply["child_apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn child_apps_are_listed_page_by_page() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let all = ada
        .get("/v1/apps/shop-api/child_apps")
        .await
        .expect(200)
        .clone();
    let all_names = names(&all);
    assert_eq!(all_names.len(), 3);
    assert!(all_names.iter().all(|n| n.starts_with("shop-api-pr-")));
    assert!(all["child_apps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["parent_app_name"] == "shop-api"));
    assert_eq!(
        all["meta"]["pagination"],
        json!({"current_page": 1, "prev_page": null, "previous_page": null,
               "next_page": null, "total_pages": 1, "total_count": 3})
    );

    let first = ada
        .get("/v1/apps/shop-api/child_apps?page=1&per_page=2")
        .await
        .expect(200)
        .clone();
    assert_eq!(names(&first), all_names[..2]);
    assert_eq!(
        first["meta"]["pagination"],
        json!({"current_page": 1, "prev_page": null, "previous_page": null,
               "next_page": 2, "total_pages": 2, "total_count": 3})
    );
    let second = ada
        .get("/v1/apps/shop-api/child_apps?page=2&per_page=2")
        .await
        .expect(200)
        .clone();
    assert_eq!(names(&second), all_names[2..]);
    assert_eq!(
        second["meta"]["pagination"],
        json!({"current_page": 2, "prev_page": 1, "previous_page": 1,
               "next_page": null, "total_pages": 2, "total_count": 3})
    );
    let past = ada
        .get("/v1/apps/shop-api/child_apps?page=5&per_page=2")
        .await
        .expect(200)
        .clone();
    assert!(names(&past).is_empty());

    for query in ["page=0", "per_page=abc", "page=-1", "per_page=0"] {
        let reply = ada
            .get(&format!("/v1/apps/shop-api/child_apps?{query}"))
            .await;
        assert!(reply.expect(400)["error"].is_string(), "{query}");
    }
    // An app without children, and one that is not there.
    let none = ada.get("/v1/apps/shop-web/child_apps").await;
    assert!(names(none.expect(200)).is_empty());
    assert_eq!(
        ada.get("/v1/apps/nope-nope/child_apps").await.expect(404),
        &json!({"resource": "app", "error": "not found"})
    );
    // A collaborator of the parent sees the list too.
    let grace = sim.grace().await;
    let listed = grace.get("/v1/apps/shop-api/child_apps").await;
    assert_eq!(names(listed.expect(200)), all_names);
}
