//! Scaling, restarting, settings, the danger zone, child apps and one-offs,
//! as a user goes through them in a real browser.

use fantoccini::key::Key;
use scalingo_e2e::{wait_until, Result, Session};

const BANNER: &str = ".operation-banner";

async fn start(name: &str) -> Result<Session> {
    // Operations last a fraction of a second instead of several seconds.
    Session::start_with(name, |config| config.op_speed = 20.0).await
}

#[tokio::test(flavor = "multi_thread")]
async fn scale_with_the_keyboard_then_see_it_done() -> Result {
    start("scale")
        .await?
        .run(async |session| {
            session.open("/apps/admin-portal/containers").await?;
            let slider = session.by_role("slider", "web").await?;
            assert_eq!(slider.prop("value").await?.as_deref(), Some("1"));
            assert_eq!(
                slider.attr("aria-valuetext").await?.as_deref(),
                Some("1 container")
            );
            // Two presses of the right arrow: 1 → 3.
            slider
                .send_keys(&format!(
                    "{}{}",
                    char::from(Key::Right),
                    char::from(Key::Right)
                ))
                .await?;
            session.wait_text(".scale-preview", "1×M → 3×M").await?;
            assert_eq!(session.value("#scale-web-number").await?, "3");
            // Size L from the select.
            session
                .by_role("combobox", "Size of web containers")
                .await?
                .select_by_value("L")
                .await?;
            session.wait_text(".scale-preview", "1×M → 3×L").await?;
            let price = session
                .wait_text(".scale-preview__price", "per month")
                .await?;
            assert!(price.contains("(+€"), "{price}");
            session.screenshot("1-preview").await?;

            session.click_button("Apply").await?;
            session.wait_text(BANNER, "Scale web 1×M → 3×L").await?;
            session.screenshot("2-tracking").await?;
            session.wait_text(BANNER, "Done").await?;
            session.wait_text(".tray", "admin-portal").await?;
            // The containers list shows three L web containers.
            session
                .wait_texts(
                    "#ps-title + * tbody tr",
                    "three running L web containers",
                    |rows| {
                        rows.iter()
                            .filter(|r| {
                                r.starts_with("web-")
                                    && r.contains(" L ")
                                    && r.to_lowercase().contains("running")
                            })
                            .count()
                            == 3
                    },
                )
                .await?;
            session.screenshot("3-done").await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn restart_a_container_and_see_a_failed_operation() -> Result {
    start("restart")
        .await?
        .run(async |session| {
            session.open("/apps/shop-web/containers").await?;
            // A restart is confirmed first, naming what restarts.
            session.click_button("Restart web-1").await?;
            session
                .wait_text("dialog[open]", "Restart web-1 of shop-web?")
                .await?;
            session
                .by_role_in(Some("dialog[open]"), "button", "Restart")
                .await?
                .click()
                .await?;
            session.wait_text(BANNER, "Restart web-1").await?;
            session.wait_text(BANNER, "Done").await?;

            // The next operation fails on the platform: the error is shown.
            session
                .sim
                .fail_next_operation("container web-2 failed to start: exit status 137");
            session.click_button("Restart all").await?;
            session.wait_text("dialog[open]", "every container").await?;
            session
                .by_role_in(Some("dialog[open]"), "button", "Restart")
                .await?
                .click()
                .await?;
            session.wait_text(BANNER, "Failed").await?;
            session
                .wait_text(".operation-line__error", "exit status 137")
                .await?;
            session.screenshot("1-failed").await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_switch_survives_a_reload() -> Result {
    start("settings")
        .await?
        .run(async |session| {
            session.open("/apps/status-page/settings").await?;
            let switch = "button[role='switch'][aria-label='Force HTTPS']";
            let before = session
                .by_role("switch", "Force HTTPS")
                .await?
                .attr("aria-checked")
                .await?
                .unwrap_or_default();
            let after = if before == "true" { "false" } else { "true" };
            session.click_role("switch", "Force HTTPS").await?;
            session
                .find(&format!("{switch}[aria-checked='{after}']"))
                .await?;
            session.wait_text(".toast", "Force HTTPS is").await?;
            session.screenshot("1-toggled").await?;
            session.client.refresh().await?;
            session
                .find(&format!("{switch}[aria-checked='{after}']"))
                .await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn rename_with_a_wrong_then_right_confirmation_then_delete() -> Result {
    start("danger")
        .await?
        .run(async |session| {
            session.open("/apps/docs-site/settings").await?;
            session.fill("New name", "docs-portal").await?;
            session.type_into("#rename-confirm", "docs-sit").await?;
            // Until the exact name is typed the button stays disabled (the API
            // checks it too: a mismatch is never sent).
            assert!(session.button_disabled("Rename app").await?);
            // What was typed stays.
            assert_eq!(session.value("#rename-new-name").await?, "docs-portal");
            assert_eq!(session.value("#rename-confirm").await?, "docs-sit");
            session.screenshot("1-mismatch").await?;

            session.type_into("#rename-confirm", "docs-site").await?;
            assert!(!session.button_disabled("Rename app").await?);
            session.click_button("Rename app").await?;
            session.wait_url("/apps/docs-portal/settings").await?;
            session.wait_text("h1", "docs-portal").await?;

            session.type_into("#delete-confirm", "docs-portal").await?;
            session.click_button("Delete app").await?;
            session.wait_url("/apps").await?;
            session
                .wait_text(".toast", "docs-portal was deleted")
                .await?;
            // The list no longer has the app, under either name.
            session
                .wait_texts(
                    ".app-table tbody th a",
                    "the list without the app",
                    |names| names.len() > 5 && !names.iter().any(|n| n.starts_with("docs-")),
                )
                .await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn create_a_child_app_and_run_a_one_off() -> Result {
    start("children")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/child-apps").await?;
            session.wait_text(".table", "shop-api-pr-").await?;
            session.fill("Name", "Bad--name").await?;
            session
                .wait_text(
                    "#child-app-name-feedback",
                    "Name can't contain two hyphens in a row",
                )
                .await?;
            session.fill("Name", "shop-api-e2e-review").await?;
            session.click_button("Create child app").await?;
            session.wait_text(".table", "shop-api-e2e-review").await?;
            session.screenshot("1-child").await?;

            session.open("/apps/shop-api/containers").await?;
            session.fill("Command", "sleep 600").await?;
            session
                .fill("Extra environment variables", "TASK=e2e")
                .await?;
            session
                .wait_text(".cli-hint", "scalingo --app shop-api run")
                .await?;
            session.click_button("Run detached").await?;
            session.wait_text(".toast", "Started one-off-").await?;
            let rows = session
                .wait_texts(
                    "#ps-title + * tbody tr",
                    "the one-off in the list",
                    |rows| {
                        rows.iter()
                            .any(|r| r.starts_with("one-off-") && r.contains("sleep 600"))
                    },
                )
                .await?;
            let label = rows
                .iter()
                .find(|r| r.starts_with("one-off-"))
                .and_then(|r| r.split_whitespace().next())
                .unwrap_or_default()
                .to_owned();
            session.screenshot("2-one-off").await?;
            session.click_button(&format!("Stop {label}")).await?;
            // Asked first; then the row says it is stopping at once.
            session
                .wait_text("dialog[open]", &format!("Stop {label}?"))
                .await?;
            session
                .by_role_in(Some("dialog[open]"), "button", "Stop")
                .await?
                .click()
                .await?;
            wait_until("the one-off to be gone", || async {
                let rows = session.texts("#ps-title + * tbody tr").await.ok()?;
                (!rows.iter().any(|r| r.starts_with(&label))).then_some(())
            })
            .await?;
            // A signal to a web container.
            session.click_button("USR1 web-1").await?;
            session.wait_text(".toast", "SIGUSR1 sent to web-1").await?;
            session.assert_no_panic().await
        })
        .await
}
