//! Operations, logs and metrics of the SecNumCloud region, under its prefix:
//! every URL it returns carries the prefix, and following it works.

use serde_json::{json, Value};

use crate::{harness::TestSim, logs::dump, polling::fast_sim, regions::SECNUM};

#[tokio::test]
async fn operations_under_the_prefix_point_back_at_it() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let prefix = format!("{}{SECNUM}", sim.base);
    let scale = ada
        .post(
            &format!("{SECNUM}/v1/apps/secure-gateway/scale"),
            &json!({"containers": [{"name": "web", "amount": 4, "size": "L"}]}),
        )
        .await;
    scale.expect(202);
    let location = scale.header("location").unwrap().to_owned();
    assert!(location.starts_with(&format!("{prefix}/v1/apps/secure-gateway/operations/")));
    let op = ada.finished_operation(&sim.location_path(&scale)).await;
    assert_eq!(op["status"], "done");
    // The operation is the region's: unknown at the root.
    let root_path = sim.location_path(&scale).replacen(SECNUM, "", 1);
    ada.get(&root_path).await.expect(404);
    let ps = ada
        .get(&format!("{SECNUM}/v1/apps/secure-gateway/ps"))
        .await;
    assert_eq!(ps.expect(200)["containers"].as_array().unwrap().len(), 4);

    let restart = ada
        .post(
            &format!("{SECNUM}/v1/apps/secure-gateway/restart"),
            &json!({}),
        )
        .await;
    restart.expect(202);
    assert!(restart.header("location").unwrap().starts_with(&prefix));
    ada.finished_operation(&sim.location_path(&restart)).await;

    let run = ada
        .post(
            &format!("{SECNUM}/v1/apps/secure-gateway/run"),
            &json!({"command": "bash"}),
        )
        .await;
    let body = run.expect(200).clone();
    let url = body["operation_url"].as_str().unwrap();
    assert!(url.starts_with(&prefix), "{url}");
    assert_eq!(run.header("location"), Some(url));

    let app = ada.get(&format!("{SECNUM}/v1/apps/secure-gateway")).await;
    let stream = app.expect(200)["app"]["links"]["deployments_stream"].clone();
    let ws = prefix.replacen("http://", "ws://", 1);
    assert_eq!(stream, format!("{ws}/_deployments/apps/secure-gateway"));

    // Child apps stay in their parent's region.
    let child = ada
        .post(
            &format!("{SECNUM}/v1/apps/secure-gateway/child_apps"),
            &json!({"app": {"name": "secure-gateway-pr-1"}}),
        )
        .await;
    assert_eq!(child.expect(201)["app"]["region"], "osc-secnum-fr1");
    let children = ada
        .get(&format!("{SECNUM}/v1/apps/secure-gateway/child_apps"))
        .await;
    assert_eq!(
        children.expect(200)["child_apps"][0]["name"],
        "secure-gateway-pr-1"
    );
    let collaborators = ada
        .get(&format!("{SECNUM}/v1/apps/secure-gateway/collaborators"))
        .await;
    let collaborators = collaborators.expect(200)["collaborators"].clone();
    assert_eq!(collaborators[0]["username"], "grace");
}

#[tokio::test]
async fn logs_and_metrics_work_under_the_prefix() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let prefix = format!("{}{SECNUM}", sim.base);
    let reply = ada
        .get(&format!("{SECNUM}/v1/apps/health-records-api/logs"))
        .await;
    let url = reply.expect(200)["logs_url"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!("{prefix}/_logs/apps/")), "{url}");
    let lines = dump(&sim, &url, &[("n", "20")]).await;
    assert_eq!(lines.status, 200, "{}", lines.text);
    assert!(!lines.lines().is_empty());
    // The same signed URL at the root: the default region has no such app.
    let at_root = url.replacen(SECNUM, "", 1);
    assert_eq!(dump(&sim, &at_root, &[]).await.status, 404);

    let archives = ada
        .get(&format!(
            "{SECNUM}/v1/apps/health-records-api/logs_archives"
        ))
        .await;
    let first = archives.expect(200)["archives"][0].clone();
    let archive_url = first["url"].as_str().unwrap();
    assert!(archive_url.starts_with(&format!("{prefix}/_logs/archives/")));
    let download = sim.client.get(archive_url).send().await.unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(
        download.bytes().await.unwrap().len() as u64,
        first["size"].as_u64().unwrap()
    );

    for path in [
        "stats",
        "stats/cpu/web?since=3",
        "stats/memory/worker?since=3",
        "stats/router?since=1",
        "stats/cpu/recommended_value?container_type=web",
        "events?per_page=5",
    ] {
        let url = format!("{SECNUM}/v1/apps/health-records-api/{path}");
        ada.get(&url).await.expect(200);
    }
    let series = ada
        .get(&format!(
            "{SECNUM}/v1/apps/health-records-api/stats/cpu/web?since=3"
        ))
        .await;
    let points = series.json.as_array().unwrap().clone();
    assert!(points.iter().any(|p| p["value"].is_number()));
}

#[tokio::test]
async fn a_logs_stream_opens_under_the_prefix() {
    use futures_util::StreamExt;
    use tokio_tungstenite::{connect_async, tungstenite::Message};

    let sim = TestSim::start_with(|c| {
        c.log_rate = 20.0;
        c.log_ping_interval = std::time::Duration::from_millis(200);
    })
    .await;
    let ada = sim.ada().await;
    let reply = ada
        .get(&format!("{SECNUM}/v1/apps/secure-gateway/logs"))
        .await;
    let url = reply.expect(200)["logs_url"].as_str().unwrap().to_owned();
    let ws = format!("{}&stream=true", url.replacen("http://", "ws://", 1));
    let (mut socket, _) = connect_async(ws).await.expect("the stream opens");
    let frame = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        loop {
            match socket.next().await {
                Some(Ok(Message::Text(text))) => return text.to_string(),
                Some(Ok(_)) => continue,
                other => panic!("the stream ended: {other:?}"),
            }
        }
    })
    .await
    .expect("a frame before the deadline");
    let frame: Value = serde_json::from_str(&frame).unwrap();
    assert!(frame["event"].is_string(), "{frame}");
}
