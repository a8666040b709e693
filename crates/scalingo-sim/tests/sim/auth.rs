//! Token exchange, bearer checks, the current user and the regions.

use std::time::{Duration, Instant};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use scalingo_api::{bearer_claims, exchange_authorization};
use scalingo_sim::{DEMO_TOKEN, GRACE_TOKEN};
use serde_json::Value;

use crate::harness::TestSim;

#[tokio::test]
async fn exchange_issues_an_hs512_jwt_for_the_token_owner() {
    let sim = TestSim::start().await;
    let token = sim.bearer(DEMO_TOKEN).await;
    let header = token.split('.').next().unwrap();
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).unwrap()).unwrap();
    assert_eq!(header["alg"], "HS512");
    assert_eq!(header["typ"], "JWT");
    let claims = bearer_claims(&token).unwrap();
    assert_eq!(claims.iss, "Scalingo");
    assert_eq!(claims.exp - claims.iat, 3600);
    assert!(claims.uuid.starts_with("us-"));
    assert!(!claims.rnd.is_empty());

    let me = sim.ada().await.get("/v1/users/self").await;
    assert_eq!(me.json["user"]["id"], claims.uuid.as_str());
    let grace = bearer_claims(&sim.bearer(GRACE_TOKEN).await).unwrap();
    assert_ne!(grace.uuid, claims.uuid);
}

#[tokio::test]
async fn exchange_refuses_unknown_or_missing_tokens() {
    let sim = TestSim::start().await;
    for header in [
        Some(exchange_authorization("tk-us-unknown")),
        Some("Basic !!!".to_owned()),
        Some(format!("Bearer {DEMO_TOKEN}")),
        None,
    ] {
        let mut request = sim.client.post(sim.url("/v1/tokens/exchange"));
        if let Some(header) = &header {
            request = request.header("Authorization", header);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401, "{header:?}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body, serde_json::json!({"error": "Invalid credentials"}));
    }
}

#[tokio::test]
async fn api_routes_need_a_valid_bearer() {
    let sim = TestSim::start().await;
    let anonymous = sim.anonymous();
    for path in [
        "/v1/apps",
        "/v1/users/self",
        "/v1/regions",
        "/v1/projects",
        "/v1/apps/shop-api/ps",
    ] {
        let reply = anonymous.get(path).await;
        assert_eq!(
            reply.expect(401)["error"],
            "You are not authorized to do this operation"
        );
    }
    let mut garbage = sim.anonymous();
    garbage.bearer = Some("not.a.jwt".to_owned());
    assert!(garbage.get("/v1/apps").await.expect(401)["error"].is_string());

    // A token signed by another instance is refused.
    let other = TestSim::start().await;
    let mut foreign = sim.anonymous();
    foreign.bearer = Some(other.bearer(DEMO_TOKEN).await);
    foreign.get("/v1/apps").await.expect(401);

    // So is a token whose signature was kept but claims were changed.
    let token = sim.bearer(DEMO_TOKEN).await;
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["exp"] = Value::from(claims["exp"].as_u64().unwrap() + 100_000);
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    );
    let mut forger = sim.anonymous();
    forger.bearer = Some(forged);
    forger.get("/v1/apps").await.expect(401);
}

#[tokio::test]
async fn bearers_expire_after_the_token_ttl() {
    let sim = TestSim::start_with(|c| c.token_ttl = Duration::from_secs(1)).await;
    let ada = sim.ada().await;
    let claims = bearer_claims(ada.bearer.as_deref().unwrap()).unwrap();
    assert_eq!(claims.exp - claims.iat, 1);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = ada.get("/v1/users/self").await;
        if reply.status == 401 {
            assert_eq!(reply.json["error"], "token expired");
            break;
        }
        reply.expect(200);
        assert!(Instant::now() < deadline, "the bearer never expired");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A fresh exchange works again.
    sim.ada().await.get("/v1/users/self").await.expect(200);
}

#[tokio::test]
async fn users_self_describes_the_demo_user() {
    let sim = TestSim::start().await;
    let user = sim.ada().await.get("/v1/users/self").await.expect(200)["user"].clone();
    assert_eq!(user["username"], "ada");
    assert_eq!(user["email"], "ada@example.com");
    assert_eq!(user["fullname"], "Ada Lovelace");
    assert!(user["id"].as_str().unwrap().starts_with("us-"));
    let grace = sim.grace().await.get("/v1/users/self").await.expect(200)["user"].clone();
    assert_eq!(grace["username"], "grace");
}

#[tokio::test]
async fn regions_point_back_at_the_simulator() {
    let sim = TestSim::start().await;
    let reply = sim.ada().await.get("/v1/regions").await;
    let regions = reply.expect(200)["regions"].as_array().unwrap().clone();
    // The default region first (the second is tested in `regions`).
    assert_eq!(regions.len(), 2);
    let region = &regions[0];
    assert_eq!(region["name"], "osc-fr1");
    assert_eq!(region["display_name"], "Paris - Outscale");
    assert_eq!(region["api"], sim.base.as_str());
    assert_eq!(region["default"], true);
    assert!(region["ssh"].as_str().unwrap().contains("osc-fr1"));
}
