//! The deployments stream: `app.links.deployments_stream` over a
//! WebSocket, authenticated by its first frame.

use std::time::Duration;

use futures_util::SinkExt;
use serde_json::{json, Value};
use tokio_tungstenite::{connect_async, tungstenite::Message};

use crate::{
    deployments::{deploy, finished},
    harness::{Api, TestSim},
    ws::{next_frame, Frame, Socket},
};

async fn stream_sim() -> TestSim {
    TestSim::start_with(|c| {
        c.op_speed = 50.0;
        c.log_ping_interval = Duration::from_millis(300);
    })
    .await
}

async fn stream_url(api: &Api, app: &str) -> String {
    api.app(app).await["links"]["deployments_stream"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Opens the stream of `app` and sends `first` (the auth frame).
async fn open(api: &Api, app: &str, first: Option<Value>) -> Socket {
    let url = stream_url(api, app).await;
    let (mut socket, _) = connect_async(url).await.expect("the stream opens");
    if let Some(first) = first {
        socket
            .send(Message::Text(first.to_string().into()))
            .await
            .unwrap();
    }
    socket
}

fn auth(token: &str) -> Value {
    json!({"type": "auth", "data": {"token": token}})
}

/// Reads frames until `done` says so (pings skipped); fails on a close.
async fn read_until(socket: &mut Socket, mut done: impl FnMut(&Value) -> bool) -> Vec<Value> {
    let mut frames = Vec::new();
    loop {
        match next_frame(socket).await {
            Frame::Json(frame) if frame["type"] == "ping" => {}
            Frame::Json(frame) => {
                let stop = done(&frame);
                frames.push(frame);
                if stop {
                    return frames;
                }
            }
            Frame::Closed(code) => panic!("closed ({code:?}) after {frames:?}"),
        }
    }
}

#[tokio::test]
async fn the_app_links_to_its_stream_on_the_simulator() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let ws_base = sim.base.replacen("http://", "ws://", 1);
    assert_eq!(
        stream_url(&ada, "shop-api").await,
        format!("{ws_base}/_deployments/apps/shop-api")
    );
    let secnum = ada
        .get("/regions/osc-secnum-fr1/v1/apps/secure-gateway")
        .await;
    assert_eq!(
        secnum.expect(200)["app"]["links"]["deployments_stream"],
        format!("{ws_base}/regions/osc-secnum-fr1/_deployments/apps/secure-gateway")
    );
    // Not a WebSocket: a 400; no such app: a 404, as JSON.
    let plain = sim.anonymous().get("/_deployments/apps/shop-api").await;
    assert_eq!(plain.status.as_u16(), 400, "{}", plain.text);
    assert_eq!(
        sim.anonymous()
            .get("/_deployments/apps/no-such-app")
            .await
            .expect(404),
        &json!({"resource": "app", "error": "not found"})
    );
}

#[tokio::test]
async fn a_bad_first_frame_closes_the_socket() {
    let sim = stream_sim().await;
    let ada = sim.ada().await;
    let grace = sim.grace().await;
    let refused = [
        ("shop-api", auth("not-a-token")),
        ("shop-api", json!({"type": "hello"})),
        ("shop-api", json!({"type": "auth", "data": {}})),
        // Valid, but Grace does not collaborate on status-page.
        ("status-page", auth(grace.bearer.as_deref().unwrap())),
    ];
    for (app, first) in refused {
        let mut socket = open(&ada, app, Some(first.clone())).await;
        match next_frame(&mut socket).await {
            Frame::Closed(code) => assert_eq!(code, Some(1008), "{first:?}"),
            Frame::Json(frame) => panic!("{frame} after {first:?}"),
        }
    }
}

#[tokio::test]
async fn a_deployment_is_followed_to_its_success() {
    let sim = stream_sim().await;
    let ada = sim.ada().await;
    let bearer = ada.bearer.clone().unwrap();
    let mut socket = open(&ada, "status-page", Some(auth(&bearer))).await;
    // Authenticated: pings come.
    let ping = loop {
        if let Frame::Json(frame) = next_frame(&mut socket).await {
            if frame["type"] == "ping" {
                break frame;
            }
        }
    };
    assert!(ping["data"]["ts"].as_i64().unwrap() > 1_700_000_000);

    let deployment = deploy(&ada, "status-page", "https://example.com/site.tar.gz").await;
    let id = deployment["id"].as_str().unwrap().to_owned();
    let frames = read_until(&mut socket, |f| {
        f["type"] == "status" && f["data"]["status"] == "success"
    })
    .await;
    assert_eq!(frames[0]["type"], "new");
    assert_eq!(frames[0]["id"], id);
    assert_eq!(frames[0]["data"]["deployment"]["id"], id);
    assert_eq!(frames[0]["data"]["deployment"]["status"], "building");
    let statuses: Vec<&str> = frames
        .iter()
        .filter(|f| f["type"] == "status")
        .map(|f| f["data"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["building", "pushing", "starting", "success"]);
    assert!(frames.iter().all(|f| f["id"] == id));
    for frame in &frames {
        let parsed = scalingo_api::StreamFrame::from_value(frame.clone());
        assert!(
            !matches!(parsed, scalingo_api::StreamFrame::Unknown { .. }),
            "{frame}"
        );
    }
    // The lines put end to end are the output.
    let streamed: String = frames
        .iter()
        .filter(|f| f["type"] == "log")
        .map(|f| f["data"]["content"].as_str().unwrap())
        .collect();
    let done = finished(&ada, "status-page", &id).await;
    let url = done["links"]["output"].as_str().unwrap();
    let output = ada.get(url.strip_prefix(&sim.base).unwrap()).await;
    assert_eq!(streamed, output.text);
    assert!(streamed.contains("Build complete, shipping your container..."));
}

#[tokio::test]
async fn a_failing_build_ends_in_build_error_on_the_stream() {
    let sim = stream_sim().await;
    let ada = sim.ada().await;
    let mut socket = open(&ada, "shop-web", Some(auth(ada.bearer.as_deref().unwrap()))).await;
    sim.client
        .post(sim.url("/_sim/fail-next-operation"))
        .send()
        .await
        .unwrap();
    deploy(&ada, "shop-web", "https://example.com/web.tar.gz").await;
    let frames = read_until(&mut socket, |f| {
        f["type"] == "status" && f["data"]["status"].as_str().unwrap() != "building"
    })
    .await;
    assert_eq!(frames.last().unwrap()["data"]["status"], "build-error");
    assert!(frames.iter().any(|f| f["data"]["content"]
        .as_str()
        .is_some_and(|c| c.contains("Push rejected"))));
}

#[tokio::test]
async fn the_demo_deployment_under_way_is_followed_with_an_api_token() {
    let sim = stream_sim().await;
    let ada = sim.ada().await;
    // The documentation says the auth frame carries the API token.
    let mut socket = open(&ada, "shop-worker", Some(auth(scalingo_sim::DEMO_TOKEN))).await;
    let frames = read_until(&mut socket, |f| {
        f["type"] == "status" && f["data"]["status"] == "success"
    })
    .await;
    assert!(frames.iter().any(|f| f["type"] == "log"));
    assert_eq!(ada.app("shop-worker").await["status"], "running");
}

#[tokio::test]
async fn the_stream_closes_when_the_app_is_deleted() {
    let sim = stream_sim().await;
    let ada = sim.ada().await;
    let mut socket = open(
        &ada,
        "docs-site",
        Some(auth(ada.bearer.as_deref().unwrap())),
    )
    .await;
    ada.send(
        reqwest::Method::DELETE,
        "/v1/apps/docs-site?current_name=docs-site",
        None,
        &[],
    )
    .await
    .expect(204);
    loop {
        match next_frame(&mut socket).await {
            Frame::Json(frame) => assert_eq!(frame["type"], "ping"),
            Frame::Closed(code) => {
                assert_eq!(code, Some(1000));
                break;
            }
        }
    }
}

#[tokio::test]
async fn dropping_the_streams_cuts_them_without_a_close_frame() {
    let sim = stream_sim().await;
    let ada = sim.ada().await;
    let mut socket = open(
        &ada,
        "docs-site",
        Some(auth(ada.bearer.as_deref().unwrap())),
    )
    .await;
    // A ping says the socket is authenticated and running.
    match next_frame(&mut socket).await {
        Frame::Json(frame) => assert_eq!(frame["type"], "ping"),
        Frame::Closed(code) => panic!("closed before a ping: {code:?}"),
    }
    let dropped = sim
        .anonymous()
        .post("/_sim/deployments/drop-streams", &json!({}))
        .await;
    assert_eq!(dropped.expect(200)["dropped"], 1);
    loop {
        match next_frame(&mut socket).await {
            Frame::Json(frame) => assert_eq!(frame["type"], "ping"),
            Frame::Closed(code) => {
                assert_eq!(code, None, "cut as a network failure is, not closed");
                break;
            }
        }
    }
}
