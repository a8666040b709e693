//! When the upstream refuses the token or does not answer, the dashboard
//! is told which side failed.

use scalingo_gateway::{ApiToken, GatewayConfig};
use scalingo_sim::SimConfig;

use crate::harness::{dist, World};

#[tokio::test]
async fn a_refused_token_gives_a_clear_error() {
    let world = World::start_with(
        |_| {},
        |c| c.token = ApiToken::new("tk-us-not-a-real-token").unwrap(),
    )
    .await;
    for path in ["/_proxy/regions/osc-fr1/v1/apps", "/config.json"] {
        let reply = world.get(path).await;
        let body = reply.expect(502);
        assert_eq!(body["code"], "gateway_token_refused", "{path}");
        let message = body["error"].as_str().unwrap();
        assert!(message.contains("SCALINGO_API_TOKEN"), "{message}");
        assert!(message.contains("Invalid credentials"), "{message}");
        assert!(!reply.text.contains("not-a-real-token"));
    }
    world.stop().await;
}

#[tokio::test]
async fn an_unreachable_upstream_gives_a_clear_error() {
    let upstream = scalingo_sim::start(SimConfig {
        port: 0,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let url = upstream.base_url();
    upstream.shutdown().await;
    let stand_in = scalingo_sim::start(SimConfig {
        port: 0,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let world = World::to(stand_in, &url, |_| {}).await;
    let reply = world.get("/_proxy/auth/v1/users/self").await;
    assert_eq!(reply.expect(502)["code"], "upstream_unreachable");
    // The dashboard's files do not wait for it.
    world.get("/").await.expect(200);
    world.stop().await;
}

#[tokio::test]
async fn https_upstreams_and_bad_settings() {
    // The real API is HTTPS: the gateway starts for it (it reaches it only
    // when the dashboard asks, so no network is needed here).
    let dist = dist();
    let token = ApiToken::new(scalingo_sim::DEMO_TOKEN).unwrap();
    let real = GatewayConfig::new(token.clone(), dist.path().to_owned());
    scalingo_gateway::start(real)
        .await
        .unwrap()
        .shutdown()
        .await;
    for bad in [
        GatewayConfig {
            upstream: "ftp://auth.scalingo.com".to_owned(),
            ..GatewayConfig::new(token.clone(), dist.path().to_owned())
        },
        GatewayConfig {
            base_path: "/_proxy".to_owned(),
            ..GatewayConfig::new(token.clone(), dist.path().to_owned())
        },
        GatewayConfig::new(token.clone(), dist.path().join("missing")),
    ] {
        assert!(scalingo_gateway::start(bad).await.is_err());
    }
}
