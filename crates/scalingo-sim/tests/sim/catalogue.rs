//! Stacks, projects and collaborators.

use serde_json::Value;

use crate::harness::TestSim;

#[tokio::test]
async fn stacks_are_public() {
    let sim = TestSim::start().await;
    let stacks = sim.anonymous().get("/v1/features/stacks").await.expect(200)["stacks"].clone();
    let stacks = stacks.as_array().unwrap();
    let names: Vec<&str> = stacks.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["scalingo-20", "scalingo-22", "scalingo-24"]);
    assert_eq!(stacks.iter().filter(|s| s["default"] == true).count(), 1);
    for stack in stacks {
        assert!(stack["id"].as_str().unwrap().starts_with("st-"));
        assert!(stack["base_image"].is_string());
        assert!(stack["description"].is_string());
        assert!(stack["created_at"].is_string());
    }
    assert!(stacks[0]["deprecated_at"].is_string());
    assert_eq!(stacks[2]["deprecated_at"], Value::Null);
}

#[tokio::test]
async fn projects_of_the_current_user() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let me = ada.get("/v1/users/self").await.json["user"].clone();
    let projects = ada.get("/v1/projects").await.expect(200)["projects"].clone();
    let projects = projects.as_array().unwrap();
    let names: Vec<&str> = projects
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["default", "storefront", "internal-tools"]);
    for project in projects {
        assert!(project["id"].as_str().unwrap().starts_with("pr-"));
        assert_eq!(project["owner"]["id"], me["id"]);
        assert!(project["flags"].is_object());
        assert!(project["created_at"].is_string() && project["updated_at"].is_string());
    }
    assert_eq!(projects[0]["default"], true);
    assert_eq!(projects[1]["default"], false);
    let graces = sim.grace().await.get("/v1/projects").await.json["projects"].clone();
    assert_eq!(graces.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn collaborators_exclude_the_owner() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let app = ada.app("shop-api").await;
    let reply = ada.get("/v1/apps/shop-api/collaborators").await;
    let collaborators = reply.expect(200)["collaborators"]
        .as_array()
        .unwrap()
        .clone();
    assert!(collaborators.len() >= 3);
    for c in &collaborators {
        assert_ne!(c["email"], "ada@example.com");
        assert_eq!(c["app_id"], app["id"]);
        assert_eq!(c["app_name"], "shop-api");
        assert!(c["is_limited"].is_boolean());
    }
    let pending = collaborators
        .iter()
        .find(|c| c["status"] == "pending")
        .unwrap();
    assert_eq!(pending["user_id"], Value::Null);
    assert_eq!(pending["username"], "n/a");
    assert!(pending["invitation_link"]
        .as_str()
        .unwrap()
        .contains("token="));
    let accepted = collaborators
        .iter()
        .find(|c| c["status"] == "accepted")
        .unwrap();
    assert!(accepted["user_id"].as_str().unwrap().starts_with("us-"));
    assert_eq!(accepted["invitation_link"], "");
    ada.get("/v1/apps/compiler-lab/collaborators")
        .await
        .expect(404);
}
