//! An app's page, its tabs and the heavy dialogs arrive in chunks: none on
//! the first load, each once when first used, and a chunk that cannot be
//! fetched is an error with a Retry, not a crash.

use std::path::Path;

use fantoccini::key::Key;
use scalingo_e2e::{dist_dir, wait_until, Result, Session};
use serde_json::Value;

/// The tab chunks fetched so far, with when each fetch started, and when
/// the page started prefetching every chunk (if it has).
const FETCHED: &str = r#"
const chunks = performance.getEntriesByType('resource')
  .filter(e => /\/split_[a-z_]+-[0-9a-f]+\.wasm$/.test(e.name))
  .map(e => ({ name: e.name.split('/').pop().replace(/-[0-9a-f]+\.wasm$/, ''), start: e.startTime }));
const mark = performance.getEntriesByName('chunks-prefetch')[0];
return { chunks, prefetch: mark ? mark.startTime : null };
"#;

async fn fetched(session: &Session) -> Result<Value> {
    Ok(session.client.execute(FETCHED, vec![]).await?)
}

/// The command palette's field, while the palette is open.
const PALETTE_INPUT: &str = "dialog[open] input.palette__input";

/// The tabs, the chunk of each, and a part of its page once drawn.
const TABS: [(&str, &str, &str); 10] = [
    ("Overview", "split_overview_tab", "#formation-title"),
    ("Deploy", "split_deploy_tab", "#deployments-title"),
    ("Containers", "split_containers_tab", "#autoscalers-title"),
    ("Addons", "split_addons_tab", "#addons-title"),
    ("Logs", "split_logs_tab", "#archives-title"),
    ("Metrics", "split_metrics_tab", "#stats-title"),
    (
        "Activity",
        "split_activity_tab",
        "section[aria-label='Activity']",
    ),
    ("Environment", "split_environment_tab", "#env-title"),
    ("Child apps", "split_child_apps_tab", "#children-title"),
    ("Settings", "split_settings_tab", "#routing-title"),
];

/// The sections of the Settings tab (opened from it), the chunk of each,
/// and a part of its page once drawn.
const SECTIONS: [(&str, &str, &str); 3] = [
    ("Domains", "split_domains_section", "#domains-title"),
    (
        "Collaborators",
        "split_collaborators_section",
        "#collaborators-title",
    ),
    (
        "Alerts and notifiers",
        "split_alerts_section",
        "#alerts-title",
    ),
];

/// Opens the tab named `tab` from the app page's tabs.
async fn open_tab(session: &Session, tab: &str) -> Result {
    session
        .by_role_in(Some("nav.tabs"), "link", tab)
        .await?
        .click()
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_load_has_no_tab_and_each_tab_loads_once() -> Result {
    Session::start("chunks")
        .await?
        .run(async |session| {
            session.open("/apps").await?;
            session.by_role("heading", "Apps").await?;
            // Nothing of a tab came with the list: any chunk fetched so
            // far was fetched by the prefetch of an idle page.
            let first = fetched(session).await?;
            let prefetch = first["prefetch"].as_f64();
            for chunk in first["chunks"].as_array().into_iter().flatten() {
                let start = chunk["start"].as_f64().unwrap_or(0.0);
                assert!(
                    prefetch.is_some_and(|mark| start >= mark),
                    "{chunk} came with the first load ({first})"
                );
            }
            session.click_role("link", "shop-api").await?;
            session.by_role("heading", "shop-api").await?;
            for (tab, _, part) in TABS {
                open_tab(session, tab).await?;
                session.find(part).await?;
            }
            for (section, _, part) in SECTIONS {
                session
                    .by_role_in(Some("nav.subnav"), "link", section)
                    .await?
                    .click()
                    .await?;
                session.find(part).await?;
            }
            // The command palette, opened twice.
            for _ in 0..2 {
                session.press(&[Key::Control.into(), 'k']).await?;
                session.find(PALETTE_INPUT).await?;
                session.press(&[Key::Escape.into()]).await?;
                wait_until("the palette to close", || async {
                    session
                        .client
                        .find_all(fantoccini::Locator::Css(PALETTE_INPUT))
                        .await
                        .ok()?
                        .is_empty()
                        .then_some(())
                })
                .await?;
            }
            // Every chunk used was fetched, and only once.
            let after = fetched(session).await?;
            let used = TABS
                .iter()
                .chain(SECTIONS.iter())
                .map(|(_, chunk, _)| *chunk)
                .chain([
                    "split_app_page",
                    "split_command_palette",
                    "split_autoscalers_section",
                ]);
            for chunk in used {
                let count = after["chunks"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|c| c["name"] == chunk)
                    .count();
                assert_eq!(count, 1, "{chunk}: {after}");
            }
            session.assert_no_panic().await
        })
        .await
}

/// Copies the build, so that a test can take a file away from it.
fn copy_dist(to: &Path) -> Result {
    for entry in std::fs::read_dir(dist_dir())? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chunk_that_cannot_be_fetched_is_an_error_with_retry() -> Result {
    let dist = tempfile::tempdir()?;
    copy_dist(dist.path())?;
    let settings: Vec<_> = std::fs::read_dir(dist.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("split_settings_tab-"))
        })
        .collect();
    assert!(!settings.is_empty(), "no settings chunk in the build");
    let aside = dist.path().join("aside");
    std::fs::create_dir(&aside)?;
    for file in &settings {
        std::fs::rename(file, aside.join(file.file_name().unwrap_or_default()))?;
    }
    let served = dist.path().to_owned();
    Session::start_with("chunk-missing", move |config| config.dist = Some(served))
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/settings").await?;
            // The page says what failed; the header and tabs still work.
            let alert = session
                .wait_text(".error-panel", "Could not load the settings")
                .await?;
            assert!(alert.contains("Retry"), "{alert}");
            open_tab(session, "Overview").await?;
            session.find("#formation-title").await?;
            // A later visit tries again (and fails again).
            open_tab(session, "Settings").await?;
            session
                .wait_text(".error-panel", "Could not load the settings")
                .await?;
            // The chunk is back (the redeploy is over): Retry draws it.
            for file in &settings {
                std::fs::rename(aside.join(file.file_name().unwrap_or_default()), file)?;
            }
            session.click_button("Retry").await?;
            session.by_role("switch", "Force HTTPS").await?;
            wait_until("the error to go", || async {
                session
                    .texts(".error-panel")
                    .await
                    .ok()?
                    .is_empty()
                    .then_some(())
            })
            .await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dialog_whose_chunk_cannot_be_fetched_says_so_with_retry() -> Result {
    Session::start("chunk-blocked")
        .await?
        .run(async |session| {
            // The network cut for the dialog's chunk from the start: the
            // idle prefetch fails too.
            session.cdp("Network.enable", serde_json::json!({})).await?;
            session
                .cdp(
                    "Network.setBlockedURLs",
                    serde_json::json!({"urls": ["*split_create_app_dialog-*"]}),
                )
                .await?;
            session.open("/apps").await?;
            session.click_button("Create an app").await?;
            let dialog = session
                .by_role("dialog", "Could not open the new app form")
                .await?;
            assert!(dialog.text().await?.contains("Retry"));
            // The connection is back: Retry opens the form.
            session
                .cdp("Network.setBlockedURLs", serde_json::json!({"urls": []}))
                .await?;
            session.click_button("Retry").await?;
            session.by_role("dialog", "Create an app").await?;
            session.field("Name").await?;
            session.assert_no_panic().await
        })
        .await
}
