//! The Deploy tab as a user goes through it in a real browser: the
//! history and a failed deployment's output, a deployment from an archive
//! URL followed live to its end (and to a build error, shown on the tab
//! with its last lines), the live output cut mid-build and resumed without
//! a line twice, and the build cache reset.

use std::time::Duration;

use scalingo_e2e::{wait_until, wait_up_to, Result, Session};
use serde_json::{json, Value};

const ROWS: &str = "table.deployments tbody tr";
const LINES: &str = ".build-output__lines .build-output__text";

/// `text` without its ANSI control sequences (what the page shows).
fn without_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

/// The lines of the build output on the page.
async fn shown_lines(session: &Session) -> Result<Vec<String>> {
    let script = r#"
        return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);
    "#;
    let found = session.client.execute(script, vec![json!(LINES)]).await?;
    Ok(found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect())
}

/// The output of a deployment as the API serves it now, read with the
/// demo user's token.
async fn api_output(session: &Session, app: &str, id: &str) -> Result<Vec<String>> {
    let base = session.sim.base_url();
    let client = reqwest::Client::new();
    let exchange: Value = client
        .post(format!("{base}/v1/tokens/exchange"))
        .basic_auth("", Some(scalingo_sim::DEMO_TOKEN))
        .send()
        .await?
        .json()
        .await?;
    let bearer = exchange["token"].as_str().unwrap_or_default().to_owned();
    let text = client
        .get(format!("{base}/v1/apps/{app}/deployments/{id}/output"))
        .bearer_auth(bearer)
        .send()
        .await?
        .text()
        .await?;
    Ok(without_ansi(&text).lines().map(str::to_owned).collect())
}

/// The id of the deployment whose page is open.
async fn deployment_id(session: &Session) -> Result<String> {
    let url = session.client.current_url().await?;
    Ok(url.path().rsplit('/').next().unwrap_or_default().to_owned())
}

async fn deploy(session: &Session, url: &str, label: &str) -> Result {
    session.type_into("#deploy-source", url).await?;
    session.type_into("#deploy-ref", label).await?;
    session.click_button("Deploy").await?;
    wait_until("the deployment's page", || async {
        let path = session.client.current_url().await.ok()?.path().to_owned();
        (path.contains("/deploy/")).then_some(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_history_and_a_failed_deployments_output() -> Result {
    Session::start("deploy-history")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/deploy").await?;
            let rows = session
                .wait_texts(ROWS, "the history", |rows| rows.len() >= 3)
                .await?;
            let failed = rows
                .iter()
                .position(|r| r.to_lowercase().contains("build failed"))
                .expect("a build error in the history");
            session.screenshot("1-history").await?;
            let links = session
                .client
                .find_all(fantoccini::Locator::Css("table.deployments tbody th a"))
                .await?;
            links[failed].clone().click().await?;
            session.wait_text("dl.facts .badge", "Build Failed").await?;
            // A deployment's page is in the Deploy tab.
            session
                .wait_text("nav.tabs a[aria-current='page']", "Deploy")
                .await?;
            wait_until("the failing build's output", || async {
                let lines = shown_lines(session).await.ok()?;
                lines
                    .iter()
                    .any(|l| l.contains("Push rejected"))
                    .then_some(())
            })
            .await?;
            // The overview's last deployment links to its page.
            session.screenshot("2-failed-output").await?;
            session.open("/apps/shop-api").await?;
            session.click("#facts-deployment ~ dl a").await?;
            session.find(".build-output__lines").await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn deploy_an_archive_live_to_success_then_to_a_build_error() -> Result {
    Session::start_with("deploy-archive", |config| config.op_speed = 20.0)
        .await?
        .run(async |session| {
            session.open("/apps/docs-site/deploy").await?;
            session
                .wait_texts(ROWS, "the history", |rows| !rows.is_empty())
                .await?;
            // Only https: said next to the field, nothing sent.
            session
                .type_into("#deploy-source", "http://example.com/site.tar.gz")
                .await?;
            session
                .wait_text("#deploy-source-errors", "must be an https:// URL")
                .await?;
            deploy(session, "https://example.com/site-v2.tar.gz", "v2.0.0").await?;
            session.wait_text("#deployment-title", "Deployment").await?;
            session.wait_text("dl.facts", "v2.0.0").await?;
            session.wait_text("dl.facts .badge", "Deployed").await?;
            let lines = shown_lines(session).await?;
            assert!(
                lines.iter().any(|l| l.contains("Fetching source code")),
                "{lines:?}"
            );
            session.screenshot("1-deployed").await?;

            // The next one fails: its phase and last lines on the tab.
            session.sim.fail_next_operation("");
            session.open("/apps/docs-site/deploy").await?;
            deploy(session, "https://example.com/site-v3.tar.gz", "v3.0.0").await?;
            session.wait_text("dl.facts .badge", "Build Failed").await?;
            session.open("/apps/docs-site/deploy").await?;
            session
                .wait_text("#failed-title", "The last deployment failed: Build failed")
                .await?;
            session
                .wait_text(".failed-deployment .build-output__lines", "Push rejected")
                .await?;
            session.screenshot("2-failed-summary").await?;

            // The build cache, reset after a confirmation.
            session.click_button("Reset the build cache").await?;
            session.by_role("dialog", "Reset the build cache?").await?;
            session.click("dialog[open] .button--danger").await?;
            session.wait_text(".toasts", "Build cache reset").await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_live_output_cut_mid_build_resumes_without_a_line_twice() -> Result {
    Session::start_with("deploy-cut", |config| config.op_speed = 2.0)
        .await?
        .run(async |session| {
            session.open("/apps/docs-site/deploy").await?;
            deploy(session, "https://example.com/site-v4.tar.gz", "v4.0.0").await?;
            session.wait_text(".section .muted", "Live").await?;
            wait_until("a few lines", || async {
                (shown_lines(session).await.ok()?.len() >= 3).then_some(())
            })
            .await?;
            let dropped = session.sim.drop_deployment_streams();
            assert!(dropped >= 1, "the page had a stream open");
            session.wait_text(".section .muted", "reconnecting").await?;
            session.screenshot("1-reconnecting").await?;
            session.wait_text(".section .muted", "Live").await?;
            let before = shown_lines(session).await?.len();
            wait_until("lines after the reconnection", || async {
                (shown_lines(session).await.ok()?.len() > before + 1).then_some(())
            })
            .await?;
            // While it still builds: the page shows the start of the output,
            // each line once, none missing.
            let shown = shown_lines(session).await?;
            let id = deployment_id(session).await?;
            let served = api_output(session, "docs-site", &id).await?;
            assert!(
                shown.len() <= served.len() && served[..shown.len()] == shown[..],
                "shown:\n{shown:#?}\nserved:\n{served:#?}"
            );
            let still_building = session.texts("dl.facts .badge").await?.join(" ");
            assert!(
                !still_building.contains("Deployed"),
                "checked before the end: {still_building}"
            );
            // The rest of the build, at the platform's pace.
            wait_up_to("the end of the build", Duration::from_secs(120), || async {
                let badge = session.texts("dl.facts .badge").await.ok()?.join(" ");
                badge.contains("Deployed").then_some(())
            })
            .await?;
            session.assert_no_panic().await
        })
        .await
}
