//! Inviting collaborators, changing their role, removing them, accepting
//! invitations (through the API and the simulator's control), and giving
//! the app to someone invited that way.

use serde_json::{json, Value};

use crate::harness::{Api, TestSim};

async fn collaborators(api: &Api, app: &str) -> Vec<Value> {
    let reply = api.get(&format!("/v1/apps/{app}/collaborators")).await;
    reply.expect(200)["collaborators"]
        .as_array()
        .unwrap()
        .clone()
}

fn with_email<'a>(list: &'a [Value], email: &str) -> Option<&'a Value> {
    list.iter().find(|c| c["email"] == email)
}

async fn invite(api: &Api, app: &str, body: Value) -> crate::harness::Reply {
    api.post(&format!("/v1/apps/{app}/collaborators"), &body)
        .await
}

#[tokio::test]
async fn an_invitation_is_pending_and_limited_by_default() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let app = ada.app("status-page").await;
    let reply = invite(
        &ada,
        "status-page",
        json!({"collaborator": {"email": "zoe@example.org"}}),
    )
    .await;
    let created = reply.expect(201)["collaborator"].clone();
    assert!(created.is_object(), "an object, not a list: {created}");
    assert_eq!(created["email"], "zoe@example.org");
    assert_eq!(created["status"], "pending");
    assert_eq!(created["username"], "n/a");
    assert_eq!(created["user_id"], Value::Null);
    assert_eq!(created["is_limited"], true);
    assert_eq!(created["tfa_status"], false);
    assert_eq!(created["app_id"], app["id"]);
    assert_eq!(created["app_name"], "status-page");
    let link = created["invitation_link"].as_str().unwrap();
    assert!(link.contains("/apps/collaboration?token="), "{link}");
    let parsed: scalingo_api::CollaboratorResponse =
        serde_json::from_value(reply.json.clone()).unwrap();
    assert!(parsed.collaborator.is_pending());
    let listed = collaborators(&ada, "status-page").await;
    assert!(with_email(&listed, "zoe@example.org").is_some());

    // Unwrapped, and a full collaborator.
    let full = invite(
        &ada,
        "status-page",
        json!({"email": "yan@example.org", "is_limited": false}),
    )
    .await;
    assert_eq!(full.expect(201)["collaborator"]["is_limited"], false);

    let event = &ada.events("status-page", 1).await[0];
    assert_eq!(event["type"], "new_collaborator");
    let data = &event["type_data"]["collaborator"];
    assert_eq!(data["email"], "yan@example.org");
    assert_eq!(data["is_limited"], false);
    assert_eq!(data["username"], "");
    assert_eq!(data["inviter"]["email"], "ada@example.com");
}

#[tokio::test]
async fn invitations_are_refused_as_the_platform_words_it() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let errors = |reply: &crate::harness::Reply| reply.expect(422)["errors"].clone();
    let blank = invite(&ada, "shop-api", json!({"collaborator": {"email": ""}})).await;
    assert_eq!(
        errors(&blank),
        json!({"email": ["can't be blank", "is invalid"]})
    );
    let empty = invite(&ada, "shop-api", Value::Null).await;
    assert_eq!(
        errors(&empty),
        json!({"email": ["can't be blank", "is invalid"]})
    );
    let invalid = invite(
        &ada,
        "shop-api",
        json!({"collaborator": {"email": "not-an-address"}}),
    )
    .await;
    assert_eq!(errors(&invalid), json!({"email": ["is invalid"]}));
    let owner = invite(
        &ada,
        "shop-api",
        json!({"collaborator": {"email": "ada@example.com"}}),
    )
    .await;
    assert_eq!(
        errors(&owner),
        json!({"email": ["is the email of the owner of the app"]})
    );
    // Grace collaborates on shop-api; Margaret is invited there.
    let member = invite(
        &ada,
        "shop-api",
        json!({"collaborator": {"email": "Grace@Example.com"}}),
    )
    .await;
    assert_eq!(
        errors(&member),
        json!({"email": ["is already a collaborator of this app"]})
    );
    let pending = invite(
        &ada,
        "shop-api",
        json!({"collaborator": {"email": "margaret@example.com"}}),
    )
    .await;
    assert_eq!(
        errors(&pending),
        json!({"email": ["has already been invited to this app"]})
    );
    let typed = invite(
        &ada,
        "shop-api",
        json!({"collaborator": {"email": "x@y.io", "is_limited": "maybe"}}),
    )
    .await;
    assert_eq!(
        errors(&typed),
        json!({"is_limited": ["must be true or false"]})
    );

    // Grace is a limited collaborator of shop-worker: she may list, not invite.
    let grace = sim.grace().await;
    grace
        .get("/v1/apps/shop-worker/collaborators")
        .await
        .expect(200);
    let refused = invite(
        &grace,
        "shop-worker",
        json!({"collaborator": {"email": "x@y.io"}}),
    )
    .await;
    assert_eq!(refused.expect(403)["code"], "forbidden");
    // An app she does not see.
    let hidden = invite(
        &grace,
        "status-page",
        json!({"collaborator": {"email": "x@y.io"}}),
    )
    .await;
    assert_eq!(hidden.expect(404)["resource"], "app");
    // A full collaborator may invite.
    invite(
        &grace,
        "shop-web",
        json!({"collaborator": {"email": "x@y.io"}}),
    )
    .await
    .expect(201);
}

#[tokio::test]
async fn roles_change_and_collaborators_leave() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let grace = sim.grace().await;
    let list = collaborators(&ada, "shop-worker").await;
    let id = with_email(&list, "grace@example.com").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v1/apps/shop-worker/collaborators/{id}");
    // Grace, limited, may not change her own role.
    grace
        .patch(&path, &json!({"collaborator": {"is_limited": false}}))
        .await
        .expect(403);
    let reply = ada
        .patch(&path, &json!({"collaborator": {"is_limited": false}}))
        .await;
    let changed = reply.expect(200)["collaborator"].clone();
    assert_eq!(changed["is_limited"], false);
    assert_eq!(changed["status"], "accepted");
    let event = &ada.events("shop-worker", 1).await[0];
    assert_eq!(event["type"], "change_collaborator_role");
    assert_eq!(event["type_data"]["collaborator"]["username"], "grace");
    assert_eq!(event["type_data"]["collaborator"]["is_limited"], false);
    // Now a full collaborator, she may change settings of the app.
    grace
        .patch(&path, &json!({"is_limited": true}))
        .await
        .expect(200);

    let errors = |reply: crate::harness::Reply| reply.expect(422)["errors"].clone();
    assert_eq!(
        errors(
            ada.patch(
                &path,
                &json!({"collaborator": {"email": "x@y.io", "is_limited": true}})
            )
            .await
        ),
        json!({"email": ["can't be changed"]})
    );
    assert_eq!(
        errors(ada.patch(&path, &json!({"collaborator": {}})).await),
        json!({"is_limited": ["can't be blank"]})
    );
    assert_eq!(
        errors(
            ada.patch(&path, &json!({"collaborator": {"is_limited": 3}}))
                .await
        ),
        json!({"is_limited": ["must be true or false"]})
    );
    let missing = ada
        .patch(
            "/v1/apps/shop-worker/collaborators/nope",
            &json!({"collaborator": {"is_limited": true}}),
        )
        .await;
    assert_eq!(
        missing.expect(404).clone(),
        json!({"resource": "collaborator", "error": "not found"})
    );

    ada.delete(&path).await.expect(204);
    assert!(with_email(
        &collaborators(&ada, "shop-worker").await,
        "grace@example.com"
    )
    .is_none());
    let event = &ada.events("shop-worker", 1).await[0];
    assert_eq!(event["type"], "delete_collaborator");
    assert_eq!(
        event["type_data"]["collaborator"]["email"],
        "grace@example.com"
    );
    ada.delete(&path).await.expect(404);
    // Grace no longer sees the app.
    grace.get("/v1/apps/shop-worker").await.expect(404);
}

#[tokio::test]
async fn an_invitation_is_accepted_with_its_token() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let grace = sim.grace().await;
    grace.get("/v1/apps/status-page").await.expect(404);
    let created = invite(
        &ada,
        "status-page",
        json!({"collaborator": {"email": "grace@example.com", "is_limited": false}}),
    )
    .await
    .expect(201)["collaborator"]
        .clone();
    let link = created["invitation_link"].as_str().unwrap();
    let token = link.split("token=").nth(1).unwrap();
    let path = format!("/v1/apps/collaboration?token={token}");

    ada.get(&path).await.expect(400);
    grace
        .get("/v1/apps/collaboration?token=not-a-token")
        .await
        .expect(404);
    let reply = grace.get(&path).await;
    assert_eq!(reply.expect(200)["app"]["name"], "status-page");
    grace.get("/v1/apps/status-page").await.expect(200);
    let again = grace.get(&path).await;
    let body = again.expect(400);
    assert_eq!(body["type"], "already-collaborator");
    assert!(body["error"].is_string());

    let listed = collaborators(&ada, "status-page").await;
    let accepted = with_email(&listed, "grace@example.com").unwrap();
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["username"], "grace");
    assert_eq!(accepted["invitation_link"], "");
    let event = &ada.events("status-page", 1).await[0];
    assert_eq!(event["type"], "accept_collaborator");
    assert_eq!(event["user"]["username"], "grace");
    assert_eq!(
        event["type_data"]["collaborator"]["inviter"]["username"],
        "ada"
    );
}

#[tokio::test]
async fn invited_then_accepted_by_the_control_then_given_the_app() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let created = invite(
        &ada,
        "status-page",
        json!({"collaborator": {"email": "Zoe.Martin@example.org"}}),
    )
    .await
    .expect(201)["collaborator"]
        .clone();
    let id = created["id"].as_str().unwrap();
    // Not yet accepted: the transfer is refused.
    let transfer =
        json!({"app": {"owner": "zoe.martin@example.org"}, "current_name": "status-page"});
    ada.patch("/v1/apps/status-page", &transfer)
        .await
        .expect(422);

    let control = sim.anonymous();
    let reply = control
        .post(&format!("/_sim/collaborators/{id}/accept"), &Value::Null)
        .await;
    let accepted = reply.expect(200)["collaborator"].clone();
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["username"], "zoe-martin");
    assert!(accepted["user_id"].as_str().unwrap().starts_with("us-"));
    let again = control
        .post(&format!("/_sim/collaborators/{id}/accept"), &Value::Null)
        .await;
    assert_eq!(again.expect(400)["type"], "already-collaborator");
    control
        .post("/_sim/collaborators/nope/accept", &Value::Null)
        .await
        .expect(404);

    let app = ada
        .patch("/v1/apps/status-page", &transfer)
        .await
        .expect(200)["app"]
        .clone();
    assert_eq!(app["owner"]["username"], "zoe-martin");
    assert_eq!(app["owner"]["id"], accepted["user_id"]);
    let event = &ada.events("status-page", 1).await[0];
    assert_eq!(event["type"], "transfer_app");
}

#[tokio::test]
async fn the_control_accepts_invitations_of_existing_users_by_address() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let control = sim.anonymous();
    // Margaret (an account of the demo) is invited to shop-api.
    let none = control
        .post(
            "/_sim/invitations/accept",
            &json!({"email": "nobody@example.org"}),
        )
        .await;
    assert_eq!(none.expect(200)["collaborators"], json!([]));
    let reply = control
        .post(
            "/_sim/invitations/accept",
            &json!({"email": "MARGARET@example.com", "app": "shop-api"}),
        )
        .await;
    let accepted = reply.expect(200)["collaborators"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0]["username"], "margaret");
    assert_eq!(accepted[0]["app_name"], "shop-api");
    let app = ada
        .patch(
            "/v1/apps/shop-api?current_name=shop-api",
            &json!({"app": {"owner": "margaret@example.com"}}),
        )
        .await
        .expect(200)["app"]
        .clone();
    assert_eq!(app["owner"]["username"], "margaret");
    // The demo's other pending invitations are still pending.
    let shop_web = collaborators(&ada, "shop-web").await;
    assert_eq!(
        with_email(&shop_web, "carol@example.org").unwrap()["status"],
        "pending"
    );
}
