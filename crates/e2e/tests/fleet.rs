//! Regions, bulk park/unpark, the command palette, dark mode and read-only
//! mode, in a real browser.

use fantoccini::key::Key;
use scalingo_e2e::{wait_until, Result, Session};

const ROWS: &str = ".app-table tbody th a";

async fn start(name: &str) -> Result<Session> {
    Session::start_with(name, |config| config.op_speed = 20.0).await
}

#[tokio::test(flavor = "multi_thread")]
async fn apps_of_both_regions_and_a_region_down() -> Result {
    start("regions")
        .await?
        .run(async |session| {
            session.open("/apps").await?;
            let names = session
                .wait_texts(ROWS, "apps of both regions", |names| {
                    names.iter().any(|n| n == "secure-gateway")
                        && names.iter().any(|n| n == "shop-api")
                })
                .await?;
            assert!(
                names.contains(&"health-records-api".to_owned()),
                "{names:?}"
            );
            session
                .wait_text(".app-table tbody", "osc-secnum-fr1")
                .await?;
            session.screenshot("1-both").await?;

            // The region filter, in the URL.
            session
                .find("select[aria-label='Region']")
                .await?
                .select_by_value("osc-secnum-fr1")
                .await?;
            session.wait_url("/apps?region=osc-secnum-fr1").await?;
            session
                .wait_texts(ROWS, "only SecNumCloud apps", |names| {
                    !names.is_empty() && !names.iter().any(|n| n.starts_with("shop-"))
                })
                .await?;

            // An app of the second region talks to its own API.
            session.click_text(ROWS, "secure-gateway").await?;
            session.wait_text(".facts", "osc-secnum-fr1").await?;
            session.open("/apps/secure-gateway/containers").await?;
            session.wait_text("#ps-title + *", "web-1").await?;

            // One region down: an error row, the others still listed.
            session.sim.set_region_down("osc-secnum-fr1", true);
            session.open("/apps").await?;
            session
                .wait_text(".app-table__error", "could not be listed")
                .await?;
            session
                .wait_texts(ROWS, "osc-fr1 still listed", |names| {
                    names.iter().any(|n| n == "shop-api")
                })
                .await?;
            session.screenshot("2-region-down").await?;
            session.sim.set_region_down("osc-secnum-fr1", false);
            session
                .click_text(".app-table__error button", "Retry")
                .await?;
            session.wait_gone(".app-table__error").await?;
            session
                .wait_texts(ROWS, "both regions again", |names| {
                    names.iter().any(|n| n == "secure-gateway")
                })
                .await?;
            session.assert_no_panic().await
        })
        .await
}

/// The status badges of the rows whose name starts with `prefix`.
async fn statuses(session: &Session, prefix: &str) -> Option<Vec<String>> {
    let rows = session.texts(".app-table tbody tr").await.ok()?;
    Some(rows.into_iter().filter(|r| r.starts_with(prefix)).collect())
}

#[tokio::test(flavor = "multi_thread")]
async fn park_then_unpark_child_apps() -> Result {
    start("park")
        .await?
        .run(async |session| {
            session.open("/apps?q=shop-api-pr").await?;
            session
                .wait_texts(ROWS, "the child apps", |names| names.len() == 3)
                .await?;
            session
                .click("input[aria-label='Select every app shown']")
                .await?;
            session.wait_text(".bulk-bar", "3 selected").await?;
            session.click_text(".bulk-bar button", "Park").await?;
            session
                .wait_text("dialog[open] .park__list", "→ stopped")
                .await?;
            let summary = session
                .wait_text("dialog[open] .button--primary", "Park 3 apps")
                .await?;
            assert!(summary.contains("saves €"), "{summary}");
            session.screenshot("1-preview").await?;
            session
                .click_text("dialog[open] .button--primary", "Park 3 apps")
                .await?;
            session
                .wait_texts("dialog[open] .park__step", "every app parked", |steps| {
                    steps.len() == 3 && steps.iter().all(|s| s == "Done")
                })
                .await?;
            session.screenshot("2-parked").await?;
            session.click_text("dialog[open] button", "Close").await?;
            wait_until("the apps stopped", || async {
                let rows = statuses(session, "shop-api-pr").await?;
                (rows.len() == 3 && rows.iter().all(|r| r.contains("Stopped"))).then_some(())
            })
            .await?;
            session.wait_text(".parked", "3 apps are parked").await?;

            session.click_text(".bulk-bar button", "Unpark").await?;
            session
                .wait_text("dialog[open] .park__list", "stopped →")
                .await?;
            session
                .click_text("dialog[open] .button--primary", "Unpark 3 apps")
                .await?;
            session
                .wait_texts("dialog[open] .park__step", "every app back", |steps| {
                    steps.len() == 3 && steps.iter().all(|s| s == "Done")
                })
                .await?;
            session.click_text("dialog[open] button", "Close").await?;
            wait_until("the apps running again", || async {
                let rows = statuses(session, "shop-api-pr").await?;
                (rows.len() == 3 && rows.iter().all(|r| r.contains("Running"))).then_some(())
            })
            .await?;
            session.wait_text(".parked", "No app is parked").await?;
            // The formation is back: one web container of the child app.
            session.open("/apps/shop-api-pr-419/containers").await?;
            session.wait_text("#ps-title + *", "web-1").await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn palette_dark_mode_and_read_only() -> Result {
    start("ux")
        .await?
        .run(async |session| {
            session.open("/apps").await?;
            session
                .wait_texts(ROWS, "the list", |names| names.len() > 5)
                .await?;

            // Ctrl+K, a few letters, Enter: the app's logs.
            session.press(&[Key::Control.into(), 'k']).await?;
            session.find("dialog[open] input[role='combobox']").await?;
            session
                .type_into("dialog[open] input[role='combobox']", "shop-api logs")
                .await?;
            session
                .wait_text("dialog[open] [aria-selected='true']", "shop-api › Logs")
                .await?;
            session.screenshot("1-palette").await?;
            session.press(&[Key::Enter.into()]).await?;
            session.wait_url("/apps/shop-api/logs").await?;

            // `/` focuses the list filter; `?` lists the shortcuts.
            session.open("/apps").await?;
            session
                .wait_texts(ROWS, "the list", |names| names.len() > 5)
                .await?;
            session.press(&['/']).await?;
            wait_until("the filter focused", || async {
                let focused = session.client.active_element().await.ok()?;
                (focused.attr("aria-label").await.ok()?? == "Filter apps").then_some(())
            })
            .await?;

            // Dark mode, remembered across a reload.
            session
                .click("summary[aria-label='Display preferences']")
                .await?;
            session.click("input[name='theme'][value='dark']").await?;
            session.find("html[data-theme='dark']").await?;
            session.screenshot("2-dark").await?;
            session.client.refresh().await?;
            session.find("html[data-theme='dark']").await?;
            session.open("/apps/shop-api/metrics").await?;
            session.find("[data-chart='cpu'] canvas").await?;
            session
                .screenshot_at("[data-chart='cpu']", "3-dark-metrics")
                .await?;
            session.open("/apps/shop-api/logs").await?;
            session.wait_text(".logs__state", "Live").await?;
            session.screenshot("4-dark-logs").await?;

            // Read-only: no danger zone, no scale panel, no create button.
            session.read_only_on().await?;
            session.open("/apps/shop-api/settings").await?;
            session.wait_text(".notice", "Read-only mode").await?;
            assert!(session.texts("#danger-title").await?.is_empty());
            session.open("/apps/shop-api/containers").await?;
            session.wait_text(".notice", "Read-only mode").await?;
            session.wait_text("#ps-title + *", "web-1").await?;
            assert!(session.texts(".scale-panel").await?.is_empty());
            assert!(session
                .texts("button[aria-label^='Restart']")
                .await?
                .is_empty());
            session.open("/apps").await?;
            session
                .wait_texts(ROWS, "the list", |names| names.len() > 5)
                .await?;
            assert!(session
                .texts(".page__actions .button--primary")
                .await?
                .is_empty());
            session.screenshot("5-read-only").await?;
            session.assert_no_panic().await
        })
        .await
}
