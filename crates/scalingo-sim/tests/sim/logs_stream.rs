//! The logs stream: `<logs_url>&stream=true` over a WebSocket.

use std::time::Duration;

use serde_json::Value;
use tokio_tungstenite::connect_async;

use crate::{
    harness::TestSim,
    logs::{assert_line_format, dump, label, logs_url},
    ws::{next_frame, Frame, Socket},
};

async fn stream_sim(max_age: Duration) -> TestSim {
    TestSim::start_with(|c| {
        c.log_rate = 20.0;
        c.log_ping_interval = Duration::from_millis(300);
        c.log_stream_max_age = max_age;
    })
    .await
}

async fn connect(sim: &TestSim, app: &str, filter: Option<&str>) -> Socket {
    let url = logs_url(&sim.ada().await, app).await;
    let mut ws = format!("{}&stream=true", url.replacen("http://", "ws://", 1));
    if let Some(filter) = filter {
        ws.push_str("&filter=");
        ws.push_str(filter);
    }
    let (socket, _) = connect_async(ws).await.expect("the stream opens");
    socket
}

/// Reads frames until `done` says so; fails on a close.
async fn read_until(socket: &mut Socket, mut done: impl FnMut(&Value) -> bool) -> Vec<Value> {
    let mut frames = Vec::new();
    loop {
        match next_frame(socket).await {
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

/// Reads until the server closes the stream; returns the close code.
async fn until_closed(socket: &mut Socket) -> Option<u16> {
    loop {
        if let Frame::Closed(code) = next_frame(socket).await {
            return code;
        }
    }
}

#[tokio::test]
async fn a_stream_sends_new_lines_and_pings() {
    let sim = stream_sim(Duration::from_secs(300)).await;
    let mut socket = connect(&sim, "shop-api", None).await;
    let (mut logs, mut pings) = (0, 0);
    let frames = read_until(&mut socket, |frame| {
        match frame["event"].as_str() {
            Some("log") => logs += 1,
            Some("ping") => pings += 1,
            _ => {}
        }
        logs >= 20 && pings >= 1
    })
    .await;
    for frame in &frames {
        assert_eq!(frame["event"], frame["name"], "both keys: {frame}");
        match frame["event"].as_str().unwrap() {
            "log" => assert_line_format(frame["log"].as_str().unwrap()),
            "ping" => {
                let at = frame["timestamp"].as_str().unwrap();
                assert!(chrono::DateTime::parse_from_rfc3339(at).is_ok(), "{at}");
            }
            other => panic!("unexpected frame {other}"),
        }
    }
    // New lines only, in the order they were produced.
    let stamps: Vec<String> = frames
        .iter()
        .filter_map(|f| f["log"].as_str())
        .map(|l| l[..29].to_owned())
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] <= w[1]));
    let url = logs_url(&sim.ada().await, "shop-api").await;
    let history = dump(&sim, &url, &[("n", "10000")]).await.text;
    let first = frames.iter().find_map(|f| f["log"].as_str()).unwrap();
    assert!(history.contains(first), "the dump has the streamed lines");
}

#[tokio::test]
async fn a_stream_takes_the_filter() {
    let sim = stream_sim(Duration::from_secs(300)).await;
    let mut socket = connect(&sim, "shop-api", Some("router")).await;
    let mut logs = 0;
    let frames = read_until(&mut socket, |frame| {
        logs += usize::from(frame["event"] == "log");
        logs >= 10
    })
    .await;
    for line in frames.iter().filter_map(|f| f["log"].as_str()) {
        assert_eq!(label(line), "router", "{line}");
    }
}

#[tokio::test]
async fn dropping_streams_closes_them_and_clients_reconnect() {
    let sim = stream_sim(Duration::from_secs(300)).await;
    let mut first = connect(&sim, "shop-api", None).await;
    let mut second = connect(&sim, "status-page", None).await;
    read_until(&mut first, |f| f["event"] == "log").await;
    read_until(&mut second, |f| f["event"] == "log").await;
    assert_eq!(sim.sim.drop_log_streams(), 2);
    assert_eq!(until_closed(&mut first).await, Some(1001));
    assert_eq!(until_closed(&mut second).await, Some(1001));

    // A new connection works, and the HTTP control drops it too.
    let mut again = connect(&sim, "shop-api", None).await;
    read_until(&mut again, |f| f["event"] == "log").await;
    let reply = sim
        .client
        .post(sim.url("/_sim/logs/drop-streams"))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    let body: Value = reply.json().await.unwrap();
    assert_eq!(body["dropped"], 1);
    assert_eq!(until_closed(&mut again).await, Some(1001));
}

#[tokio::test]
async fn streams_are_closed_from_time_to_time() {
    let sim = stream_sim(Duration::from_millis(400)).await;
    let mut socket = connect(&sim, "shop-api", None).await;
    assert_eq!(until_closed(&mut socket).await, Some(1001));
}

#[tokio::test]
async fn a_stream_needs_a_websocket_and_a_valid_url() {
    let sim = stream_sim(Duration::from_secs(300)).await;
    let url = logs_url(&sim.ada().await, "shop-api").await;
    let plain = dump(&sim, &url, &[("stream", "true")]).await;
    assert_eq!(plain.status, 400);
    assert!(plain.json()["error"]
        .as_str()
        .unwrap()
        .contains("WebSocket"));
    let forged = format!(
        "{}&stream=true",
        url.replacen("http://", "ws://", 1)
            .replace("token=", "token=x")
    );
    assert!(connect_async(forged).await.is_err());
}
