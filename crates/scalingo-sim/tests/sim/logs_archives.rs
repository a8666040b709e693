//! `GET /apps/:app/logs_archives` and the archive downloads.

use std::{io::Read, time::Duration};

use flate2::read::GzDecoder;
use serde_json::{json, Value};

use crate::{
    harness::{Api, TestSim},
    logs::assert_line_format,
};

async fn page(api: &Api, app: &str, cursor: Option<&str>) -> Value {
    let path = match cursor {
        Some(cursor) => format!("/v1/apps/{app}/logs_archives?cursor={cursor}"),
        None => format!("/v1/apps/{app}/logs_archives"),
    };
    api.get(&path).await.expect(200).clone()
}

/// Every archive of an app, following the cursors; and the page count.
async fn all_archives(api: &Api, app: &str) -> (Vec<Value>, usize) {
    let mut archives = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    loop {
        let body = page(api, app, cursor.as_deref()).await;
        pages += 1;
        let items = body["archives"].as_array().unwrap();
        assert!(items.len() <= 5);
        archives.extend(items.iter().cloned());
        if body["has_more"] == false {
            assert_eq!(body["next_cursor"], "");
            return (archives, pages);
        }
        assert!(!items.is_empty());
        cursor = Some(body["next_cursor"].as_str().unwrap().to_owned());
        assert!(pages < 10, "too many pages");
    }
}

struct Download {
    status: u16,
    headers: reqwest::header::HeaderMap,
    bytes: Vec<u8>,
}

async fn download(sim: &TestSim, url: &str) -> Download {
    let response = sim
        .client
        .get(url)
        .header("Origin", "http://localhost:5173")
        .send()
        .await
        .unwrap();
    Download {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        bytes: response.bytes().await.unwrap().to_vec(),
    }
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("valid gzip of UTF-8 text");
    text
}

/// `2024-03-01 00:00:00 +0000 UTC`
fn assert_go_time(text: &str) {
    assert_eq!(text.len(), 29, "{text}");
    assert!(text.ends_with(" +0000 UTC"), "{text}");
    assert!(chrono::NaiveDateTime::parse_from_str(&text[..19], "%Y-%m-%d %H:%M:%S").is_ok());
}

#[tokio::test]
async fn archives_are_paginated_with_a_cursor_to_the_end() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let (archives, pages) = all_archives(&ada, "billing-service").await;
    assert!(pages >= 2, "{pages} pages");
    for archive in &archives {
        assert_go_time(archive["from"].as_str().unwrap());
        assert_go_time(archive["to"].as_str().unwrap());
        assert!(archive["from"].as_str() < archive["to"].as_str());
        assert!(archive["size"].as_u64().unwrap() > 50_000);
        assert!(archive["url"].as_str().unwrap().starts_with(&sim.base));
    }
    // Newest first, each taking over where the older one stopped.
    for pair in archives.windows(2) {
        assert_eq!(pair[0]["from"], pair[1]["to"]);
    }
    let urls: std::collections::HashSet<&str> = archives
        .iter()
        .map(|a| a["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), archives.len());
    // The same list a second time.
    let (again, _) = all_archives(&ada, "billing-service").await;
    let periods = |list: &[Value]| -> Vec<(Value, Value, Value)> {
        list.iter()
            .map(|a| (a["from"].clone(), a["to"].clone(), a["size"].clone()))
            .collect()
    };
    assert_eq!(periods(&again), periods(&archives));
}

#[tokio::test]
async fn an_app_without_archives_gets_an_empty_page() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let body = page(&ada, "marketing-site", None).await;
    assert_eq!(
        body,
        json!({"next_cursor": "", "has_more": false, "archives": []})
    );
    let reply = ada
        .get("/v1/apps/status-page/logs_archives?cursor=abc")
        .await;
    assert!(reply.expect(400)["error"].is_string());
    ada.get("/v1/apps/status-page/logs_archives?page=0")
        .await
        .expect(400);
    ada.get("/v1/apps/nope-nope/logs_archives")
        .await
        .expect(404);
    sim.anonymous()
        .get("/v1/apps/status-page/logs_archives")
        .await
        .expect(401);
    // The legacy page number reads the same pages.
    let first = page(&ada, "status-page", None).await;
    let legacy = ada.get("/v1/apps/status-page/logs_archives?page=1").await;
    let sizes = |body: &Value| {
        body["archives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["size"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(sizes(legacy.expect(200)), sizes(&first));
}

#[tokio::test]
async fn an_archive_is_a_gzip_of_the_lines_of_its_period() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let body = page(&ada, "status-page", None).await;
    let archive = &body["archives"][0];
    let got = download(&sim, archive["url"].as_str().unwrap()).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.headers["content-type"], "application/gzip");
    let size = archive["size"].as_u64().unwrap();
    assert_eq!(got.headers["content-length"], size.to_string().as_str());
    assert_eq!(got.bytes.len() as u64, size);
    assert_eq!(
        got.headers["access-control-allow-origin"],
        "http://localhost:5173"
    );
    let text = gunzip(&got.bytes);
    let (from, to) = (
        archive["from"].as_str().unwrap(),
        archive["to"].as_str().unwrap(),
    );
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 100);
    for line in &lines {
        assert_line_format(line);
        assert!(
            line[..19] >= from[..19] && line[..19] <= to[..19],
            "{line} not in {from} – {to}"
        );
    }
    assert!(lines.windows(2).all(|w| w[0][..29] <= w[1][..29]));
    // The same bytes again.
    let again = download(&sim, archive["url"].as_str().unwrap()).await;
    assert_eq!(again.bytes, got.bytes);
}

#[tokio::test]
async fn forged_and_expired_archive_urls_are_refused() {
    let sim = TestSim::start().await;
    let url = page(&sim.ada().await, "status-page", None).await["archives"][0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let forged = download(&sim, &url.replace("signature=", "signature=x")).await;
    assert_eq!(forged.status, 401);
    let (base, _) = url.split_once("?").unwrap();
    assert_eq!(download(&sim, base).await.status, 401);
    let expires: u64 = url
        .split("expires=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap()
        .parse()
        .unwrap();
    let extended = url.replace(
        &format!("expires={expires}"),
        &format!("expires={}", expires + 60),
    );
    assert_eq!(download(&sim, &extended).await.status, 401);

    let short = TestSim::start_with(|c| c.archive_url_ttl = Duration::ZERO).await;
    let url = page(&short.ada().await, "status-page", None).await["archives"][0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let expired = download(&short, &url).await;
    assert_eq!(expired.status, 403);
    let body: Value = serde_json::from_slice(&expired.bytes).unwrap();
    let message = body["error"].as_str().unwrap();
    assert!(
        message.contains("expired") && message.contains("60 minutes"),
        "{message}"
    );
}

/// The documented benchmark archive: the newest of shop-api, ~50 MB of
/// text with `req-archived-marker-42` in it.
#[tokio::test]
async fn the_newest_shop_api_archive_holds_the_marker() {
    let sim = TestSim::start().await;
    let body = page(&sim.ada().await, "shop-api", None).await;
    assert_eq!(body["has_more"], true);
    let archive = &body["archives"][0];
    let got = download(&sim, archive["url"].as_str().unwrap()).await;
    assert_eq!(got.bytes.len() as u64, archive["size"].as_u64().unwrap());
    let text = gunzip(&got.bytes);
    assert!(text.len() >= 50 * 1024 * 1024, "{} bytes", text.len());
    let marker: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("request_id=req-archived-marker-42"))
        .collect();
    assert_eq!(marker.len(), 1);
    assert!(marker[0].contains(" [router] method=GET path=\"/api/orders/archived-marker\""));
}
