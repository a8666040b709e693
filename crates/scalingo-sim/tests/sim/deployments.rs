//! Deployments: the demo history, pagination, the output, deploying an
//! archive (from a source uploaded here or elsewhere), failures, the build
//! cache, and the deployment under way of the demo.

use std::io::Write;

use reqwest::Method;
use serde_json::{json, Value};

use crate::{
    harness::{Api, TestSim},
    polling::{sim_at, wait_for},
};

/// A gzipped tar of `entries` (path, contents; a path ending in `/` is a
/// folder).
pub fn tar_gz(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut tar = Vec::new();
    for (path, contents) in entries {
        let mut header = [0u8; 512];
        header[..path.len()].copy_from_slice(path.as_bytes());
        header[100..107].copy_from_slice(b"0000644");
        header[124..135].copy_from_slice(format!("{:011o}", contents.len()).as_bytes());
        header[156] = if path.ends_with('/') { b'5' } else { b'0' };
        header[257..263].copy_from_slice(b"ustar\0");
        header[148..156].copy_from_slice(b"        ");
        let sum: u32 = header.iter().map(|b| u32::from(*b)).sum();
        header[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        tar.extend_from_slice(&header);
        tar.extend_from_slice(contents.as_bytes());
        tar.resize(tar.len().div_ceil(512) * 512, 0);
    }
    tar.resize(tar.len() + 1024, 0);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar).unwrap();
    gz.finish().unwrap()
}

pub async fn deployments(api: &Api, app: &str) -> Vec<Value> {
    let reply = api
        .get(&format!("/v1/apps/{app}/deployments?per_page=100"))
        .await;
    reply.expect(200)["deployments"].as_array().unwrap().clone()
}

/// Deploys `source_url` on `app`; returns the deployment.
pub async fn deploy(api: &Api, app: &str, source_url: &str) -> Value {
    let reply = api
        .post(
            &format!("/v1/apps/{app}/deployments"),
            &json!({"deployment": {"source_url": source_url, "git_ref": "v1.2.3"}}),
        )
        .await;
    reply.expect(201)["deployment"].clone()
}

/// Polls the deployment until it has finished.
pub async fn finished(api: &Api, app: &str, id: &str) -> Value {
    wait_for("the deployment to finish", || async {
        let reply = api.get(&format!("/v1/apps/{app}/deployments/{id}")).await;
        let deployment = reply.expect(200)["deployment"].clone();
        deployment["finished_at"].is_string().then_some(deployment)
    })
    .await
}

/// `POST /sources`: where to upload an archive, and where to deploy it
/// from.
pub async fn create_source(api: &Api) -> Value {
    let reply = api.post("/v1/sources", &json!({})).await;
    reply.expect(201)["source"].clone()
}

/// The text of an output URL of this simulator.
async fn output(sim: &TestSim, api: &Api, deployment: &Value) -> String {
    let url = deployment["links"]["output"].as_str().unwrap();
    let path = url
        .strip_prefix(&sim.base)
        .expect("an output URL of the simulator");
    let reply = api.get(path).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text);
    assert_eq!(
        reply.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    reply.text
}

#[tokio::test]
async fn the_history_is_a_list_of_deployments_newest_first() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let app = ada.app("shop-api").await;
    let list = deployments(&ada, "shop-api").await;
    assert!(list.len() >= 3, "{}", list.len());
    let dates: Vec<&str> = list
        .iter()
        .map(|d| d["created_at"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    for deployment in &list {
        let parsed: scalingo_api::Deployment = serde_json::from_value(deployment.clone()).unwrap();
        assert_eq!(parsed.id.len(), 36);
        assert_eq!(deployment["app_id"], app["id"]);
        assert!(parsed.status.is_finished());
        assert!(deployment["finished_at"].is_string() && deployment["duration"].is_u64());
        assert!(deployment["pusher"]["username"].is_string());
        assert_eq!(deployment["stack_base_image"], "scalingo/scalingo-22");
        assert!(deployment.get("postdeploy_hook").is_some());
        assert_eq!(deployment["type"], "deployment");
        let url = parsed.output_url().unwrap();
        assert_eq!(
            url,
            format!(
                "{}/v1/apps/shop-api/deployments/{}/output",
                sim.base, parsed.id
            )
        );
    }
    let statuses: Vec<&str> = list.iter().map(|d| d["status"].as_str().unwrap()).collect();
    for status in ["success", "build-error", "crashed-error"] {
        assert!(statuses.contains(&status), "{status} in {statuses:?}");
    }
    // The last success is the app's last deployment, the one before it
    // the code it replaced.
    let last = list.iter().find(|d| d["status"] == "success").unwrap();
    assert_eq!(last["id"], app["last_deployment_id"]);
    let previous = list
        .iter()
        .skip_while(|d| d["id"] != last["id"])
        .skip(1)
        .find(|d| d["status"] == "success");
    if let Some(previous) = previous {
        assert_eq!(last["previous_git_ref"], previous["git_ref"]);
    }
    // Every deployment of the timeline is listed.
    let events = ada.events("shop-api", 100).await;
    for event in events.iter().filter(|e| e["type"] == "deployment") {
        let id = &event["type_data"]["deployment_id"];
        let listed = list.iter().find(|d| &d["id"] == id).expect("listed");
        assert_eq!(listed["status"], event["type_data"]["status"]);
        assert_eq!(listed["git_ref"], event["type_data"]["git_ref"]);
    }
}

#[tokio::test]
async fn pages_and_single_deployments() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let all = deployments(&ada, "shop-api").await;
    let reply = ada
        .get("/v1/apps/shop-api/deployments?per_page=2&page=2")
        .await;
    let body = reply.expect(200);
    let page: Vec<&Value> = body["deployments"].as_array().unwrap().iter().collect();
    let expected: Vec<&Value> = all.iter().skip(2).take(2).collect();
    assert_eq!(page, expected);
    let pagination = &body["meta"]["pagination"];
    assert_eq!(pagination["current_page"], 2);
    assert_eq!(pagination["prev_page"], 1);
    assert_eq!(pagination["previous_page"], 1);
    assert_eq!(pagination["total_count"], all.len());
    assert_eq!(pagination["total_pages"], all.len().div_ceil(2));
    let first = ada.get("/v1/apps/shop-api/deployments").await;
    assert_eq!(
        first.expect(200)["meta"]["pagination"]["prev_page"],
        Value::Null
    );
    for bad in ["page=0", "per_page=x", "page=-1"] {
        ada.get(&format!("/v1/apps/shop-api/deployments?{bad}"))
            .await
            .expect(400);
    }

    let id = all[0]["id"].as_str().unwrap();
    let shown = ada
        .get(&format!("/v1/apps/shop-api/deployments/{id}"))
        .await;
    assert_eq!(shown.expect(200)["deployment"], all[0]);
    let not_found = json!({"resource": "deployment", "error": "not found"});
    assert_eq!(
        ada.get("/v1/apps/shop-api/deployments/nope")
            .await
            .expect(404),
        &not_found
    );
    assert_eq!(
        ada.get("/v1/apps/shop-api/deployments/nope/output")
            .await
            .expect(404),
        &not_found
    );
    // A deployment of another app is not this app's.
    assert_eq!(
        ada.get(&format!("/v1/apps/shop-web/deployments/{id}"))
            .await
            .expect(404),
        &not_found
    );
    assert_eq!(
        ada.get("/v1/apps/no-such-app/deployments")
            .await
            .expect(404),
        &json!({"resource": "app", "error": "not found"})
    );
    sim.anonymous()
        .get("/v1/apps/shop-api/deployments")
        .await
        .expect(401);
}

#[tokio::test]
async fn outputs_are_build_logs_with_colours() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let list = deployments(&ada, "shop-api").await;
    let success = list.iter().find(|d| d["status"] == "success").unwrap();
    let text = output(&sim, &ada, success).await;
    for expected in [
        "Start deployment of shop-api",
        "Fetching source code",
        "Ruby app detected",
        "Build complete, shipping your container...",
        "Container image size:",
        "Your application is being started",
        "<-- https://shop-api.osc-fr1.scalingo.io -->",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(text.contains("\u{1b}[1;34m----->\u{1b}[0m"));
    let failed = list.iter().find(|d| d["status"] == "build-error").unwrap();
    let text = output(&sim, &ada, failed).await;
    assert!(
        text.contains("Push rejected, failed to compile Ruby app."),
        "{text}"
    );
    assert!(!text.contains("Build complete"));
    let crashed = list
        .iter()
        .find(|d| d["status"] == "crashed-error")
        .unwrap();
    let text = output(&sim, &ada, crashed).await;
    assert!(
        text.contains("Your application crashed while starting."),
        "{text}"
    );
    assert!(text.contains("previous version of the application keeps running"));
}

#[tokio::test]
async fn an_archive_is_built_pushed_and_started() {
    let sim = sim_at(50.0).await;
    let ada = sim.ada().await;
    let before = ada.app("status-page").await;
    let events = ada.events("status-page", 100).await.len();
    let deployment = deploy(&ada, "status-page", "https://example.com/site.tar.gz").await;
    assert_eq!(deployment["status"], "building");
    assert_eq!(deployment["type"], "archive");
    assert_eq!(deployment["git_ref"], "v1.2.3");
    assert_eq!(deployment["finished_at"], Value::Null);
    assert_eq!(
        deployment["previous_git_ref"],
        deployments(&ada, "status-page").await[1]["git_ref"]
    );
    assert_eq!(deployment["pusher"]["username"], "ada");
    let app = ada.app("status-page").await;
    assert_eq!(app["status"], "booting");
    assert_eq!(app["last_deployed_at"], deployment["created_at"]);
    assert_eq!(app["last_deployed_by"], "ada");
    assert_eq!(app["last_deployment_id"], before["last_deployment_id"]);

    let id = deployment["id"].as_str().unwrap();
    let done = finished(&ada, "status-page", id).await;
    assert_eq!(done["status"], "success");
    assert!(done["image_size"].as_u64().unwrap() > 50_000_000);
    let app = ada.app("status-page").await;
    assert_eq!(app["last_deployment_id"], id);
    assert_eq!(app["status"], "running");
    let text = output(&sim, &ada, &done).await;
    assert!(text.ends_with('\n') && text.contains("Deployment done in"));
    // Its containers were replaced.
    let ps = ada.ps("status-page").await;
    assert!(ps.iter().all(|c| c["state"] == "running"));
    let timeline = ada.events("status-page", 100).await;
    assert_eq!(timeline.len(), events + 1);
    assert_eq!(timeline[0]["type"], "deployment");
    assert_eq!(timeline[0]["type_data"]["deployment_id"], id);
    assert_eq!(timeline[0]["type_data"]["status"], "success");
    assert_eq!(timeline[0]["type_data"]["deployment_type"], "archive");
}

#[tokio::test]
async fn source_urls_must_be_https() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let path = "/v1/apps/status-page/deployments";
    for (body, message) in [
        (json!({"deployment": {}}), "can't be blank"),
        (json!({}), "can't be blank"),
        (
            json!({"deployment": {"source_url": "http://example.com/a.tar.gz"}}),
            "must be an https:// URL",
        ),
        (
            json!({"deployment": {"source_url": "javascript:alert(1)"}}),
            "must be an https:// URL",
        ),
    ] {
        assert_eq!(
            ada.post(path, &body).await.expect(422),
            &json!({"errors": {"source_url": [message]}}),
            "{body}"
        );
    }
    assert_eq!(
        deployments(&ada, "status-page")
            .await
            .iter()
            .filter(|d| d["type"] == "archive")
            .count(),
        0
    );
    assert_eq!(
        ada.post(
            "/v1/apps/no-such-app/deployments",
            &json!({"deployment": {"source_url": "https://example.com/a.tar.gz"}})
        )
        .await
        .expect(404),
        &json!({"resource": "app", "error": "not found"})
    );
}

#[tokio::test]
async fn the_next_deployment_fails_when_asked_to() {
    let sim = sim_at(50.0).await;
    let ada = sim.ada().await;
    let before = ada.app("status-page").await;
    let armed = sim
        .client
        .post(sim.url("/_sim/fail-next-operation"))
        .json(
            &json!({"message": "npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-pad"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(armed.status().as_u16(), 200);
    let deployment = deploy(&ada, "status-page", "https://example.com/site.tar.gz").await;
    let done = finished(&ada, "status-page", deployment["id"].as_str().unwrap()).await;
    assert_eq!(done["status"], "build-error");
    assert_eq!(done["image_size"], Value::Null);
    let text = output(&sim, &ada, &done).await;
    assert!(text.contains("npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-pad"));
    assert!(text.contains("Push rejected, failed to compile"));
    let app = ada.app("status-page").await;
    assert_eq!(app["last_deployment_id"], before["last_deployment_id"]);
    assert_eq!(app["status"], "running");
    let event = &ada.events("status-page", 1).await[0];
    assert_eq!(event["type_data"]["status"], "build-error");

    // Only one fails; without a message, the buildpack's own failure.
    let again = deploy(&ada, "status-page", "https://example.com/site.tar.gz").await;
    let again = finished(&ada, "status-page", again["id"].as_str().unwrap()).await;
    assert_eq!(again["status"], "success");
    sim.client
        .post(sim.url("/_sim/fail-next-operation"))
        .send()
        .await
        .unwrap();
    let third = deploy(&ada, "status-page", "https://example.com/site.tar.gz").await;
    let third = finished(&ada, "status-page", third["id"].as_str().unwrap()).await;
    assert_eq!(third["status"], "build-error");
    assert!(output(&sim, &ada, &third).await.contains("Push rejected"));
}

#[tokio::test]
async fn uploaded_sources_are_deployed_and_checked() {
    let sim = sim_at(50.0).await;
    let ada = sim.ada().await;
    let source = create_source(&ada).await;
    let upload = source["upload_url"].as_str().unwrap().to_owned();
    let download = source["download_url"].as_str().unwrap().to_owned();
    assert!(
        upload.starts_with(&format!("{}/_sources/", sim.base)),
        "{upload}"
    );
    assert!(download.contains("/archive.tar.gz?expires="), "{download}");
    let archive = tar_gz(&[("site/", ""), ("site/index.html", "<h1>hi</h1>")]);
    let put = sim
        .client
        .put(&upload)
        .header("content-type", "application/x-gzip")
        .body(archive.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(put.status().as_u16(), 200);
    let fetched = sim.client.get(&download).send().await.unwrap();
    assert_eq!(fetched.status().as_u16(), 200);
    assert_eq!(fetched.bytes().await.unwrap().as_ref(), archive.as_slice());
    // The simulator's own download URL is taken although it is not HTTPS.
    let deployment = deploy(&ada, "status-page", &download).await;
    let done = finished(&ada, "status-page", deployment["id"].as_str().unwrap()).await;
    assert_eq!(done["status"], "success");

    // An archive of two folders, an archive that is not one, nothing.
    let cases = [
        (
            Some(tar_gz(&[("a/x", "1"), ("b/y", "2")])),
            "single top-level folder",
        ),
        (Some(b"PK\x03\x04 a zip".to_vec()), "not a gzip file"),
        (None, "nothing was uploaded"),
    ];
    for (body, reason) in cases {
        let source = create_source(&ada).await;
        if let Some(body) = body {
            let put = sim
                .client
                .put(source["upload_url"].as_str().unwrap())
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(put.status().as_u16(), 200);
        }
        let url = source["download_url"].as_str().unwrap();
        let deployment = deploy(&ada, "status-page", url).await;
        let done = finished(&ada, "status-page", deployment["id"].as_str().unwrap()).await;
        assert_eq!(done["status"], "build-error", "{reason}");
        let text = output(&sim, &ada, &done).await;
        assert!(text.contains(reason), "{reason} in {text}");
    }

    // Signed URLs.
    let forged = upload.replace("signature=", "signature=x");
    let reply = sim.client.put(&forged).body("x").send().await.unwrap();
    assert_eq!(reply.status().as_u16(), 401);
    let reply = sim
        .client
        .put(download.clone())
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status().as_u16(), 405);
    sim.anonymous()
        .post("/v1/sources", &json!({}))
        .await
        .expect(401);
}

#[tokio::test]
async fn a_reset_cache_makes_the_next_build_start_from_scratch() {
    let sim = sim_at(50.0).await;
    let ada = sim.ada().await;
    let reply = ada
        .send(
            Method::DELETE,
            "/v1/apps/shop-api/caches/deployment",
            None,
            &[],
        )
        .await;
    reply.expect(204);
    let deployment = deploy(&ada, "shop-api", "https://example.com/api.tar.gz").await;
    let done = finished(&ada, "shop-api", deployment["id"].as_str().unwrap()).await;
    let text = output(&sim, &ada, &done).await;
    assert!(text.contains("No build cache"), "{text}");
    let next = deploy(&ada, "shop-api", "https://example.com/api.tar.gz").await;
    let next = finished(&ada, "shop-api", next["id"].as_str().unwrap()).await;
    assert!(!output(&sim, &ada, &next).await.contains("No build cache"));
    ada.send(
        Method::DELETE,
        "/v1/apps/no-such-app/caches/deployment",
        None,
        &[],
    )
    .await
    .expect(404);
}

#[tokio::test]
async fn one_deployment_at_a_time_and_new_apps_get_a_web_container() {
    let sim = sim_at(50.0).await;
    let ada = sim.ada().await;
    let first = deploy(&ada, "marketing-site", "https://example.com/a.tar.gz").await;
    let second = deploy(&ada, "marketing-site", "https://example.com/b.tar.gz").await;
    assert_eq!(first["status"], "building");
    assert_eq!(second["status"], "queued");
    assert_eq!(ada.app("marketing-site").await["status"], "booting");
    let second = finished(&ada, "marketing-site", second["id"].as_str().unwrap()).await;
    let first = finished(&ada, "marketing-site", first["id"].as_str().unwrap()).await;
    assert_eq!(
        (first["status"].as_str(), second["status"].as_str()),
        (Some("success"), Some("success"))
    );
    let app = ada.app("marketing-site").await;
    assert_eq!(app["status"], "running");
    assert_eq!(app["last_deployment_id"], second["id"]);
    let formation = ada.formation("marketing-site").await;
    assert_eq!(formation.len(), 1);
    assert_eq!(
        (
            formation[0]["name"].as_str(),
            formation[0]["amount"].as_u64()
        ),
        (Some("web"), Some(1))
    );
    let ps = ada.ps("marketing-site").await;
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0]["state"], "running");
}

#[tokio::test]
async fn the_demo_deployment_under_way_runs_to_its_end() {
    let sim = sim_at(20.0).await;
    let ada = sim.ada().await;
    let app = ada.app("shop-worker").await;
    assert_eq!(app["status"], "booting");
    let list = deployments(&ada, "shop-worker").await;
    let current = &list[0];
    assert!(
        ["building", "pushing", "starting"].contains(&current["status"].as_str().unwrap()),
        "{current}"
    );
    assert_eq!(current["created_at"], app["last_deployed_at"]);
    assert_ne!(current["id"], app["last_deployment_id"]);
    assert_eq!(current["finished_at"], Value::Null);
    let done = finished(&ada, "shop-worker", current["id"].as_str().unwrap()).await;
    assert_eq!(done["status"], "success");
    let app = ada.app("shop-worker").await;
    assert_eq!(app["status"], "running");
    assert_eq!(app["last_deployment_id"], done["id"]);
    assert!(ada
        .ps("shop-worker")
        .await
        .iter()
        .all(|c| c["state"] == "running"));
}

#[tokio::test]
async fn limited_collaborators_read_recent_outputs_and_may_deploy() {
    let sim = TestSim::start().await;
    let grace = sim.grace().await;
    // Grace is a limited collaborator of shop-worker.
    let list = deployments(&grace, "shop-worker").await;
    let week = chrono::Utc::now() - chrono::Duration::days(7);
    let (old, recent): (Vec<&Value>, Vec<&Value>) = list.iter().partition(|d| {
        let at = chrono::DateTime::parse_from_rfc3339(d["created_at"].as_str().unwrap()).unwrap();
        at < week
    });
    for deployment in recent {
        output(&sim, &grace, deployment).await;
    }
    assert!(!old.is_empty(), "the demo has an older deployment");
    for deployment in old {
        let url = deployment["links"]["output"].as_str().unwrap();
        let reply = grace.get(url.strip_prefix(&sim.base).unwrap()).await;
        assert_eq!(reply.expect(403)["code"], "forbidden");
    }
    let deployment = deploy(&grace, "shop-worker", "https://example.com/w.tar.gz").await;
    assert_eq!(deployment["pusher"]["username"], "grace");
}
