//! The hostile demo (`--demo hostile`): probe apps reachable by name, with
//! their payloads on the wire, in events and in logs.

use scalingo_sim::{hostile::PROBE_APPS, DemoKind};
use serde_json::Value;

use crate::{
    harness::TestSim,
    logs::{dump, logs_url},
};

const IMG: &str = "<img src=x onerror=alert(1)>";
const SCRIPT: &str = "<script>alert(1)</script>";
const HUGE: usize = 100 * 1024;

async fn hostile_sim() -> TestSim {
    TestSim::start_with(|c| c.demo = DemoKind::Hostile).await
}

/// The entry of `name` in the app list.
fn listed<'a>(apps: &'a Value, name: &str) -> &'a Value {
    apps["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not listed"))
}

#[tokio::test]
async fn probe_apps_are_listed_and_open_by_name() {
    let sim = hostile_sim().await;
    let ada = sim.ada().await;
    let names = ada.app_names().await;
    for probe in PROBE_APPS {
        assert!(names.iter().any(|n| n == probe), "{probe}");
        let reply = ada.get(&format!("/v1/apps/{probe}")).await;
        assert_eq!(reply.status.as_u16(), 200, "{probe}");
        assert!(reply.text.contains(probe));
        ada.get(&format!("/v1/apps/{probe}/ps")).await.expect(200);
        ada.get(&format!("/v1/apps/{probe}/events"))
            .await
            .expect(200);
    }
    // The normal demo has none of them.
    let normal = TestSim::start().await;
    let names = normal.ada().await.app_names().await;
    assert!(PROBE_APPS.iter().all(|p| !names.iter().any(|n| n == p)));
}

#[tokio::test]
async fn markup_and_javascript_urls_are_on_the_wire() {
    let sim = hostile_sim().await;
    let ada = sim.ada().await;
    let list = ada.get("/v1/apps").await;
    let xss = listed(list.expect(200), "xss-probe-app");
    for key in ["url", "base_url", "git_source"] {
        assert_eq!(xss[key], "javascript:alert(1)", "{key}");
    }
    assert!(xss["git_url"].as_str().unwrap().starts_with("javascript:"));
    assert_eq!(xss["links"]["deployments_stream"], "javascript:alert(1)");
    assert!(xss["owner"]["username"].as_str().unwrap().contains(IMG));
    assert!(xss["owner"]["email"].as_str().unwrap().contains(IMG));
    assert!(xss["project"]["name"].as_str().unwrap().contains(SCRIPT));
    let collaborators = ada.get("/v1/apps/xss-probe-app/collaborators").await;
    assert!(collaborators
        .text
        .contains("<script>alert(1)</script>@example.com"));
    let events = ada.get("/v1/apps/xss-probe-app/events?per_page=100").await;
    let events = events.expect(200)["events"].as_array().unwrap().clone();
    assert!(events.iter().any(|e| e["type_data"]["git_ref"] == SCRIPT));
    assert!(events
        .iter()
        .any(|e| e["type_data"]["repo_link"] == "javascript:alert(1)"));
}

#[tokio::test]
async fn bidi_huge_and_unknown_values_are_on_the_wire() {
    let sim = hostile_sim().await;
    let ada = sim.ada().await;
    let list = ada.get("/v1/apps").await;
    let list = list.expect(200);
    let rtl = listed(list, "rtl-probe-app");
    assert!(rtl["owner"]["username"]
        .as_str()
        .unwrap()
        .contains('\u{202E}'));
    assert!(rtl["project"]["name"]
        .as_str()
        .unwrap()
        .contains('\u{200B}'));
    let huge = listed(list, "huge-strings-app");
    assert_eq!(huge["owner"]["username"].as_str().unwrap().len(), HUGE);
    assert_eq!(listed(list, "quantum-state-app")["status"], "quantum");
    let ps = ada.get("/v1/apps/quantum-state-app/ps").await;
    for container in ps.expect(200)["containers"].as_array().unwrap() {
        assert_eq!(container["state"], "superposed");
    }
    let events = ada.get("/v1/apps/quantum-state-app/events").await;
    assert!(events.text.contains("\"type\":\"quantum_leap\""));
    let huge_events = ada.get("/v1/apps/huge-strings-app/events").await;
    assert!(huge_events.text.len() > HUGE);
}

#[tokio::test]
async fn odd_types_missing_fields_and_deep_nesting_are_on_the_wire() {
    let sim = hostile_sim().await;
    let ada = sim.ada().await;
    let list = ada.get("/v1/apps").await;
    let deep = listed(list.expect(200), "deep-json-app").clone();
    assert_eq!(deep["force_https"], "yes");
    assert_eq!(deep["flags"], Value::Array(Vec::new()));
    assert_eq!(deep["stack_id"], 42);
    for missing in ["created_at", "last_deployed_at", "links", "project"] {
        assert!(deep.get(missing).is_none(), "{missing}");
    }
    assert!(deep["owner"].get("email").is_none());
    // Nested 200 objects deep: more than serde_json's default limit.
    let shown = ada.get("/v1/apps/deep-json-app").await;
    assert_eq!(shown.status.as_u16(), 200);
    assert_eq!(shown.text.matches("{\"level\":").count(), 199);
    let refused = serde_json::from_str::<Value>(&shown.text).unwrap_err();
    assert!(refused.to_string().contains("recursion limit"), "{refused}");
    let ps = ada.get("/v1/apps/deep-json-app/ps").await;
    let container = ps.expect(200)["containers"][0].clone();
    assert!(container["type_index"].is_string());
    assert!(container.get("label").is_none());
    assert!(container["container_size"].is_string());
    // The shared lenient models still read everything but the nesting.
    let apps: scalingo_api::AppsResponse = serde_json::from_str(&list.text).unwrap();
    let app = apps
        .apps
        .iter()
        .find(|a| a.name == "deep-json-app")
        .unwrap();
    assert!(!app.force_https);
    let containers: scalingo_api::ContainersResponse = serde_json::from_str(&ps.text).unwrap();
    assert_eq!(containers.containers[0].type_index, 1);
}

#[tokio::test]
async fn probe_logs_carry_hostile_lines() {
    let sim = hostile_sim().await;
    let ada = sim.ada().await;
    let url = logs_url(&ada, "xss-probe-app").await;
    let recent = dump(&sim, &url, &[("n", "300")]).await;
    assert!(recent.text.contains("<script>alert("), "{}", recent.text);
    // Ten minutes of lines at least: a 100 KB line is written every ten.
    let longer = dump(&sim, &url, &[("n", "3000")]).await;
    assert!(longer.text.contains('\u{1b}'));
    assert!(longer.text.contains('\u{202E}'));
    assert!(longer.lines().iter().any(|l| l.len() >= HUGE));
    // Other apps' logs are as usual.
    let normal = dump(&sim, &logs_url(&ada, "shop-api").await, &[("n", "300")]).await;
    assert!(!normal.text.contains("huge-log-line-"));
}

#[tokio::test]
async fn probe_apps_have_hostile_builds_and_variables_at_the_limits() {
    let sim = hostile_sim().await;
    let ada = sim.ada().await;
    let reply = ada.get("/v1/apps/huge-strings-app/variables").await;
    let variables = reply.expect(200)["variables"].as_array().unwrap().clone();
    let value_len = |v: &Value| v["value"].as_str().unwrap().chars().count();
    assert!(variables.iter().any(|v| value_len(v) == 32_768));
    assert!(variables
        .iter()
        .any(|v| v["name"].as_str().unwrap().len() == 64));
    let reply = ada.get("/v1/apps/xss-probe-app/variables").await;
    assert!(reply.expect(200).to_string().contains("<script>"));
    let reply = ada
        .get("/v1/apps/quantum-state-app/variables?aliases=false")
        .await;
    let looped = reply.expect(200)["variables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "LOOP_A")
        .unwrap()
        .clone();
    assert_eq!(looped["value"], "$LOOP_B");

    let reply = ada.get("/v1/apps/xss-probe-app/deployments").await;
    let list = reply.expect(200)["deployments"].as_array().unwrap().clone();
    assert!(list.iter().any(|d| d["git_ref"] == SCRIPT));
    let url = list[0]["links"]["output"].as_str().unwrap();
    let output = ada.get(url.strip_prefix(&sim.base).unwrap()).await;
    assert_eq!(output.status.as_u16(), 200);
    assert!(output.text.contains(SCRIPT) && output.text.contains(IMG));
    assert!(output.text.contains("\u{1b}]8;;javascript:"));
    assert!(output.text.lines().any(|l| l.len() >= HUGE));
}
