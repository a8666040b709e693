//! Regressions of the "Trust" issue, as a user meets them in a real
//! browser: the palette's focus and its navigation without a panic,
//! restarts confirmed first, the owner-only danger zone, the dashboard's
//! own wording for names, failed operations shown as failures, the grouped
//! and partial app list, live availability of child app names, no dry run
//! after a submission, the skip link and the Display menu, read-only
//! settings, and hostile data that no longer widens the list.

use std::time::Duration;

use fantoccini::{
    actions::{InputSource, KeyAction, KeyActions},
    key::Key,
};
use scalingo_e2e::{wait_until, Result, Session};
use scalingo_sim::DemoKind;
use serde_json::{json, Value};

const ROWS: &str = ".app-table tbody th a";
const BANNER: &str = ".operation-banner";
const PALETTE_INPUT: &str = "dialog[open] input.palette__input";
const DISPLAY_MENU: &str = "summary[aria-label='Display preferences']";
const READ_ONLY_SWITCH: &str = "button[role='switch'][aria-label='Read-only']";

async fn start(name: &str) -> Result<Session> {
    // Operations last a fraction of a second instead of several seconds.
    Session::start_with(name, |config| config.op_speed = 20.0).await
}

/// Types `text` key by key into whatever has the focus, as a keyboard
/// does (unlike `type_into`, which focuses a field first).
async fn type_keys(session: &Session, text: &str) -> Result {
    let mut actions = KeyActions::new("keyboard".to_owned());
    for key in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    session.client.perform_actions(actions).await?;
    Ok(())
}

/// Runs a script in the page and returns its value.
async fn js(session: &Session, script: &str, args: Vec<Value>) -> Result<Value> {
    Ok(session.client.execute(script, args).await?)
}

/// Whether the focused element matches `css`.
async fn focus_is(session: &Session, css: &str) -> Result<bool> {
    let matched = js(
        session,
        "return !!document.activeElement && document.activeElement.matches(arguments[0]);",
        vec![Value::from(css)],
    )
    .await?;
    Ok(matched == json!(true))
}

/// Waits until the focused element matches `css`.
async fn wait_focus(session: &Session, css: &str) -> Result {
    wait_until(&format!("the focus on `{css}`"), || async {
        focus_is(session, css).await.ok()?.then_some(())
    })
    .await
}

/// Whether the first `css` match can be used (not disabled).
async fn enabled(session: &Session, css: &str) -> Result<bool> {
    Ok(session.find(css).await?.is_enabled().await?)
}

/// The page's resource timings whose URL contains `part`.
async fn resources_with(session: &Session, part: &str) -> Result<Vec<String>> {
    let names = js(
        session,
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes(arguments[0]));",
        vec![Value::from(part)],
    )
    .await?;
    Ok(serde_json::from_value(names)?)
}

/// Fails with the console's problems, if any, naming the step.
async fn no_console_problems(session: &Session, step: &str, expected: &[&str]) -> Result {
    let problems = session.console_problems(expected).await?;
    if !problems.is_empty() {
        return Err(format!("{step}: the console has problems: {problems:?}").into());
    }
    Ok(())
}

/// Records every `fetch` of the page (URL, method, whether it is a dry
/// run) in `window.__requests`, from before the app starts; `gloo-net`
/// calls `window.fetch` with a `Request`.
const RECORD_FETCHES: &str = r#"
window.__requests = [];
const originalFetch = window.fetch;
window.fetch = function (input, init) {
  try {
    const request = input instanceof Request ? input : null;
    const url = request ? request.url : String(input);
    const method = String((init && init.method) || (request && request.method) || 'GET').toUpperCase();
    const headers = new Headers((init && init.headers) || (request && request.headers) || undefined);
    window.__requests.push({
      url,
      path: new URL(url, location.href).pathname,
      method,
      dryRun: (headers.get('X-Dry-Run') || '').toLowerCase() === 'true',
    });
  } catch (e) {}
  return originalFetch.apply(this, arguments);
};
"#;

async fn record_fetches(session: &Session) -> Result {
    session.cdp("Page.enable", json!({})).await?;
    session
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": RECORD_FETCHES }),
        )
        .await?;
    Ok(())
}

/// One recorded `fetch`.
#[derive(Debug, Clone)]
struct Fetch {
    url: String,
    path: String,
    method: String,
    dry_run: bool,
}

async fn fetches(session: &Session) -> Result<Vec<Fetch>> {
    let recorded = js(session, "return window.__requests || null;", vec![]).await?;
    let Value::Array(recorded) = recorded else {
        return Err("the fetch recorder is not installed in this page".into());
    };
    let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_owned();
    Ok(recorded
        .iter()
        .map(|f| Fetch {
            url: text(f, "url"),
            path: text(f, "path"),
            method: text(f, "method"),
            dry_run: f["dryRun"] == json!(true),
        })
        .collect())
}

/// Opens the palette with Ctrl+K and checks that the focus is in its
/// search field at once, not on its Close button.
async fn open_palette(session: &Session) -> Result {
    session.press(&[Key::Control.into(), 'k']).await?;
    session.find(PALETTE_INPUT).await?;
    wait_focus(session, "input.palette__input").await?;
    assert!(
        !focus_is(session, "dialog[open] button[aria-label='Close']").await?,
        "the palette opened with the focus on its Close button"
    );
    Ok(())
}

/// Goes through the palette to `expected_url` (`app`, its tab
/// `tab_label`): `query` typed on the keyboard, then `option` chosen with
/// Enter (it must be the highlighted one) or clicked.
async fn palette_go(
    session: &Session,
    query: &str,
    option: &str,
    by_mouse: bool,
    expected_url: &str,
    app: &str,
    tab_label: &str,
) -> Result {
    open_palette(session).await?;
    // Typed where the focus is: the search field.
    type_keys(session, query).await?;
    assert_eq!(session.value(PALETTE_INPUT).await?, query);
    if by_mouse {
        session
            .wait_text("dialog[open] .palette__option .palette__label", option)
            .await?;
        session
            .click_text("dialog[open] .palette__option", option)
            .await?;
    } else {
        session
            .wait_text(
                "dialog[open] .palette__option[aria-selected='true'] .palette__label",
                option,
            )
            .await?;
        session.press(&[Key::Enter.into()]).await?;
    }
    session.wait_url(expected_url).await?;
    session.wait_gone("dialog[open]").await?;
    session.wait_text("h1", app).await?;
    session
        .wait_text(".tabs__tab[aria-current='page']", tab_label)
        .await?;
    Ok(())
}

/// 1. The palette opens with the focus in its field, and going from app to
/// app and tab to tab with it (keyboard and mouse), then turning read-only
/// on, never panics.
#[tokio::test(flavor = "multi_thread")]
async fn palette_focuses_its_field_and_navigates_without_panic() -> Result {
    start("trust-palette")
        .await?
        .run(async |session| {
            session.open("/apps/shop-web/logs").await?;
            session.wait_text(".logs__state", "Live").await?;

            // Ctrl+K: the focus is in the search field (typing goes there).
            open_palette(session).await?;
            session.screenshot("1-palette-focused").await?;
            type_keys(session, "shop-api settings").await?;
            session
                .wait_text(
                    "dialog[open] .palette__option[aria-selected='true'] .palette__label",
                    "shop-api › Settings",
                )
                .await?;
            session.screenshot("2-palette-typed").await?;
            session.press(&[Key::Enter.into()]).await?;
            session.wait_url("/apps/shop-api/settings").await?;
            session.wait_text("h1", "shop-api").await?;
            session
                .wait_text(".tabs__tab[aria-current='page']", "Settings")
                .await?;
            session.screenshot("3-shop-api-settings").await?;
            no_console_problems(session, "from shop-web logs to shop-api settings", &[]).await?;

            // Six more trips, alternating the mouse and the keyboard, between
            // different apps and tabs. Tabs that read little: the page keeps to
            // the API's 60 requests a minute, and charts or logs on every trip
            // would make it wait.
            let trips: [(&str, &str, bool, &str, &str, &str); 6] = [
                (
                    "shop-api child apps",
                    "shop-api › Child apps",
                    true,
                    "/apps/shop-api/child-apps",
                    "shop-api",
                    "Child apps",
                ),
                (
                    "admin-portal activity",
                    "admin-portal › Activity",
                    false,
                    "/apps/admin-portal/activity",
                    "admin-portal",
                    "Activity",
                ),
                (
                    "admin-portal containers",
                    "admin-portal › Containers",
                    true,
                    "/apps/admin-portal/containers",
                    "admin-portal",
                    "Containers",
                ),
                (
                    "billing-service settings",
                    "billing-service › Settings",
                    false,
                    "/apps/billing-service/settings",
                    "billing-service",
                    "Settings",
                ),
                (
                    "shop-web activity",
                    "shop-web › Activity",
                    true,
                    "/apps/shop-web/activity",
                    "shop-web",
                    "Activity",
                ),
                (
                    "admin-portal settings",
                    "admin-portal › Settings",
                    false,
                    "/apps/admin-portal/settings",
                    "admin-portal",
                    "Settings",
                ),
            ];
            for (index, (query, option, by_mouse, url, app, tab)) in trips.into_iter().enumerate() {
                palette_go(session, query, option, by_mouse, url, app, tab).await?;
                let how = if by_mouse { "mouse" } else { "keyboard" };
                session
                    .screenshot(&format!("4-trip-{}-{how}", index + 1))
                    .await?;
                no_console_problems(session, &format!("palette trip to {url} ({how})"), &[])
                    .await?;
            }
            // The page keeps under its budget of reads (54 of the minute's 60).
            println!(
                "requests in the last minute after the trips: {}",
                session.sim.requests().max_last_minute
            );

            // Read-only on after those trips (the palette's entries follow
            // it): no panic, and the settings turn read-only.
            session.wait_text("#danger-title", "Danger zone").await?;
            session.click(DISPLAY_MENU).await?;
            session.click(READ_ONLY_SWITCH).await?;
            session
                .find(&format!("{READ_ONLY_SWITCH}[aria-checked='true']"))
                .await?;
            session.wait_text(".notice", "Read-only mode").await?;
            session.wait_gone("#danger-title").await?;
            session.screenshot("5-read-only").await?;
            // The palette still works, without the restart actions.
            open_palette(session).await?;
            type_keys(session, "restart").await?;
            session.find("dialog[open] .palette__results").await?;
            let labels = session
                .texts("dialog[open] .palette__option .palette__label")
                .await?;
            assert!(
                !labels.iter().any(|l| l.starts_with("Restart ")),
                "read-only mode still offers restarts: {labels:?}"
            );
            session.press(&[Key::Escape.into()]).await?;
            session.wait_gone("dialog[open]").await?;
            no_console_problems(session, "read-only after the palette trips", &[]).await
        })
        .await
}

/// 2. Every restart asks first, naming what restarts and the app; Cancel
/// sends nothing, Restart starts it.
#[tokio::test(flavor = "multi_thread")]
async fn restarts_ask_first() -> Result {
    start("trust-restart")
        .await?
        .run(async |session| {
            session.open("/apps/admin-portal/containers").await?;
            session.wait_text("#ps-title + * tbody", "web-1").await?;

            // The Restart card's "Restart web": a question, not a restart.
            session
                .click_text(
                    "section[aria-labelledby='restart-title'] button",
                    "Restart web",
                )
                .await?;
            session
                .wait_text("dialog[open] .dialog__title", "Restart?")
                .await?;
            let question = session.wait_text("dialog[open] p", "admin-portal").await?;
            assert!(
                question.contains("web (1 container)"),
                "the question does not name what restarts: {question}"
            );
            session.screenshot("1-restart-web-asked").await?;
            session.click_text("dialog[open] button", "Cancel").await?;
            session.wait_gone("dialog[open]").await?;
            // Proving that nothing is sent: a moment for a request that should
            // not come (there is no event to wait for).
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let restarts = resources_with(session, "/restart").await?;
            assert!(restarts.is_empty(), "Cancel sent a restart: {restarts:?}");
            assert!(
                session.texts(BANNER).await?.is_empty(),
                "an operation started after Cancel"
            );
            session.screenshot("2-cancelled").await?;

            // Confirmed: the restart starts, and ends.
            session
                .click_text(
                    "section[aria-labelledby='restart-title'] button",
                    "Restart web",
                )
                .await?;
            session
                .wait_text("dialog[open] p", "web (1 container)")
                .await?;
            session
                .click_text("dialog[open] button.button--danger", "Restart")
                .await?;
            session.wait_gone("dialog[open]").await?;
            session.wait_text(BANNER, "Restart web").await?;
            session.screenshot("3-restart-started").await?;
            session.wait_text(BANNER, "Done").await?;
            assert_eq!(
                resources_with(session, "/restart").await?.len(),
                1,
                "one confirmation, one restart"
            );

            // A container's own Restart asks the same, naming the container.
            let row_restart = "button[aria-label='Restart web-1']";
            wait_until("the row's Restart usable", || async {
                enabled(session, row_restart).await.ok()?.then_some(())
            })
            .await?;
            session.click(row_restart).await?;
            session
                .wait_text("dialog[open] .dialog__title", "Restart?")
                .await?;
            let question = session.wait_text("dialog[open] p", "web-1").await?;
            assert!(question.contains("admin-portal"), "{question}");
            assert!(
                question.starts_with("Restart web-1 of admin-portal?"),
                "{question}"
            );
            session.screenshot("4-restart-web-1-asked").await?;
            session.click_text("dialog[open] button", "Cancel").await?;
            session.wait_gone("dialog[open]").await?;

            // The palette's "Restart admin-portal" asks the same too.
            open_palette(session).await?;
            type_keys(session, "restart admin-portal").await?;
            session
                .wait_text(
                    "dialog[open] .palette__option[aria-selected='true'] .palette__label",
                    "Restart admin-portal",
                )
                .await?;
            session.press(&[Key::Enter.into()]).await?;
            session
                .wait_text("dialog[open] .dialog__title", "Restart?")
                .await?;
            let question = session
                .wait_text("dialog[open] p", "every container")
                .await?;
            assert!(question.contains("admin-portal"), "{question}");
            session.screenshot("5-palette-restart-asked").await?;
            session.click_text("dialog[open] button", "Cancel").await?;
            session.wait_gone("dialog[open]").await?;
            // Again, a moment for a request that should not come.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            assert_eq!(
                resources_with(session, "/restart").await?.len(),
                1,
                "a cancelled restart was sent"
            );
            no_console_problems(session, "restarts", &[]).await
        })
        .await
}

/// 3, 4 and 10. The danger zone is the owner's; a delete waits for the
/// exact name; names are judged in the dashboard's words, a taken name
/// said once; read-only mode shows the settings without their controls.
#[tokio::test(flavor = "multi_thread")]
async fn danger_zone_owner_only_confirmations_wording_and_read_only() -> Result {
    start("trust-danger")
        .await?
        .run(async |session| {
            // billing-service is grace's: ada is a collaborator.
            session.open("/apps/billing-service/settings").await?;
            let notice = session
                .wait_text(
                    ".owner-only",
                    "Only the app's owner, grace, can rename, transfer or delete it",
                )
                .await?;
            assert!(notice.contains("you are a collaborator"), "{notice}");
            session.find("#transfer-owner").await?;
            for css in [
                "#rename-new-name",
                "#rename-confirm",
                "form[aria-labelledby='rename-title'] button[type='submit']",
                "#transfer-owner",
                "#transfer-confirm",
                "form[aria-labelledby='transfer-title'] button[type='submit']",
                "#delete-confirm",
                "form[aria-labelledby='delete-title'] button[type='submit']",
            ] {
                assert!(
                    !enabled(session, css).await?,
                    "{css} is usable on an app ada does not own"
                );
            }
            session.screenshot_at(".owner-only", "1-owner-only").await?;

            // admin-portal is ada's: Delete waits for the exact name.
            session.open("/apps/admin-portal/settings").await?;
            session.wait_text("h1", "admin-portal").await?;
            let delete = "form[aria-labelledby='delete-title'] button[type='submit']";
            session.find("#delete-confirm").await?;
            assert!(session.texts(".owner-only").await?.is_empty());
            assert!(!enabled(session, delete).await?, "Delete usable at once");
            session.type_into("#delete-confirm", "admin-porta").await?;
            assert_eq!(session.value("#delete-confirm").await?, "admin-porta");
            assert!(
                !enabled(session, delete).await?,
                "Delete usable with “admin-porta” typed"
            );
            session
                .screenshot_at("#delete-confirm", "2-delete-almost")
                .await?;
            session.type_into("#delete-confirm", "admin-portal").await?;
            wait_until("Delete usable with the exact name", || async {
                enabled(session, delete).await.ok()?.then_some(())
            })
            .await?;
            session
                .screenshot_at("#delete-confirm", "3-delete-exact")
                .await?;
            session.type_into("#delete-confirm", "").await?;

            // The naming rules in the dashboard's own words.
            session.type_into("#rename-new-name", "Bad--name").await?;
            session
                .wait_text(
                    "#rename-new-name-errors",
                    "Name can only contain lowercase letters, digits and hyphens",
                )
                .await?;
            session
                .wait_text(
                    "#rename-new-name-errors",
                    "Name can't contain two hyphens in a row",
                )
                .await?;
            let page = js(session, "return document.body.innerText;", vec![]).await?;
            let page = page.as_str().unwrap_or_default();
            assert!(!page.contains("lowercap"), "the API's wording: {page}");
            assert!(!page.contains("an hyphen"), "the API's wording: {page}");
            session
                .screenshot_at("#rename-new-name", "4-rename-wording")
                .await?;

            // A taken name: said once.
            session.type_into("#rename-new-name", "shop-api").await?;
            session.type_into("#rename-confirm", "admin-portal").await?;
            session
                .click_text("button[type='submit']", "Rename app")
                .await?;
            session
                .wait_text("#rename-new-name-errors", "Name has already been taken")
                .await?;
            session
                .wait_text(
                    "form[aria-labelledby='rename-title'] button[type='submit']",
                    "Rename app",
                )
                .await?;
            let page = js(session, "return document.body.innerText;", vec![]).await?;
            let said = page
                .as_str()
                .unwrap_or_default()
                .matches("Name has already been taken")
                .count();
            assert_eq!(said, 1, "“Name has already been taken” said {said} times");
            session.wait_url("/apps/admin-portal/settings").await?;
            session
                .screenshot_at("#rename-new-name", "5-rename-taken")
                .await?;

            // Read-only: the settings as they are, their controls off.
            session.click(DISPLAY_MENU).await?;
            session.click(READ_ONLY_SWITCH).await?;
            session
                .find(&format!("{READ_ONLY_SWITCH}[aria-checked='true']"))
                .await?;
            session.open("/apps/admin-portal/settings").await?;
            session.wait_text("h1", "admin-portal").await?;
            session
                .wait_text(
                    ".notice",
                    "Read-only mode: the settings are shown as they are",
                )
                .await?;
            session
                .wait_texts(
                    ".switches button[role='switch']",
                    "the three routing switches",
                    |s| s.len() == 3,
                )
                .await?;
            for element in session
                .client
                .find_all(fantoccini::Locator::Css(".switches button[role='switch']"))
                .await?
            {
                let label = element.attr("aria-label").await?.unwrap_or_default();
                assert!(
                    !element.is_enabled().await?,
                    "the {label} switch is usable in read-only mode"
                );
            }
            for css in ["#setting-stack", "#setting-project"] {
                assert!(
                    !enabled(session, css).await?,
                    "{css} is usable in read-only mode"
                );
            }
            for css in [
                "#danger-title",
                ".danger-zone",
                "#rename-new-name",
                "#transfer-confirm",
                "#delete-confirm",
            ] {
                assert!(
                    session.texts(css).await?.is_empty(),
                    "{css} is shown in read-only mode"
                );
            }
            session.screenshot("6-read-only-settings").await?;
            // The refused rename answered 422 (a request the step meant).
            no_console_problems(session, "danger zone", &["status of 422"]).await
        })
        .await
}

/// 5. A scale whose new container fails to start reads as failed in the
/// Activity tab, with the crash as its reason, and the crash as failed.
#[tokio::test(flavor = "multi_thread")]
async fn a_failed_scale_reads_as_failed_in_the_activity() -> Result {
    start("trust-failed-scale")
        .await?
        .run(async |session| {
            session.open("/apps/admin-portal/containers").await?;
            session.wait_text("#ps-title + * tbody", "web-1").await?;
            session
                .sim
                .fail_next_operation("container web-2 failed to start");
            let slider = session.find("#scale-web-amount").await?;
            assert_eq!(slider.prop("value").await?.as_deref(), Some("1"));
            slider
                .send_keys(&char::from(Key::Right).to_string())
                .await?;
            wait_until("two web containers chosen", || async {
                (session.value("#scale-web-number").await.ok()? == "2").then_some(())
            })
            .await?;
            session.wait_text(".scale-preview", "→ 2×").await?;
            session
                .click_text(".scale-panel button[type='submit']", "Apply")
                .await?;
            session.wait_text(BANNER, "Scale web").await?;
            session.wait_text(BANNER, "Failed").await?;
            session.screenshot("1-scale-failed").await?;

            session.open("/apps/admin-portal/activity").await?;
            let failed = session
                .wait_texts(
                    ".activity__item--failed",
                    "the scale and the crash, both failed",
                    |items| {
                        items.iter().any(|i| i.contains("scaled web from"))
                            && items
                                .iter()
                                .any(|i| i.contains("web crashed") && !i.contains("scaled"))
                    },
                )
                .await?;
            let scale = failed
                .iter()
                .find(|i| i.contains("scaled web from"))
                .cloned()
                .unwrap_or_default();
            assert!(scale.contains("Failed"), "{scale}");
            assert!(
                scale.contains("web crashed: container web-2 failed to start"),
                "{scale}"
            );
            let crash = failed
                .iter()
                .find(|i| i.contains("web crashed") && !i.contains("scaled"))
                .cloned()
                .unwrap_or_default();
            assert!(crash.contains("Failed"), "{crash}");
            assert!(crash.contains("container web-2 failed to start"), "{crash}");
            // The badge and the reason are the item's own elements.
            let badges = session
                .texts(".activity__item--failed .activity__outcome")
                .await?;
            assert!(
                badges.len() >= 2 && badges.iter().all(|b| b == "Failed"),
                "{badges:?}"
            );
            let reasons = session
                .texts(".activity__item--failed .activity__why")
                .await?;
            assert!(
                reasons
                    .iter()
                    .any(|r| r == "web crashed: container web-2 failed to start"),
                "{reasons:?}"
            );
            session
                .screenshot_at(".activity__item--failed", "2-activity")
                .await?;
            no_console_problems(session, "failed scale", &[]).await
        })
        .await
}

/// 6. The list: grouped in one table, partial when a region is down, a
/// right-to-left filter isolated, long filters cut.
#[tokio::test(flavor = "multi_thread")]
async fn app_list_grouped_partial_and_filters() -> Result {
    start("trust-list")
        .await?
        .run(async |session| {
        // Grouped by project: one table, a tbody per project.
        session.open("/apps?group=project").await?;
        session
            .wait_texts(ROWS, "the grouped list", |names| names.len() >= 12)
            .await?;
        let shape = js(
            session,
            r#"
            const tables = document.querySelectorAll('table.app-table');
            const bodies = [...document.querySelectorAll('table.app-table tbody')];
            return {
              tables: tables.length,
              bodies: bodies.length,
              headings: document.querySelectorAll('table.app-table .app-table__group').length,
              bodiesWithOneHeading: bodies.filter(b => b.querySelectorAll('.app-table__group').length === 1).length,
              headers: [...document.querySelectorAll('table.app-table thead th')].map(th => th.textContent.trim()),
            };
            "#,
            vec![],
        )
        .await?;
        assert_eq!(shape["tables"], json!(1), "{shape}");
        let bodies = shape["bodies"].as_u64().unwrap_or(0);
        assert!(bodies > 1, "{shape}");
        assert_eq!(shape["headings"].as_u64(), Some(bodies), "{shape}");
        assert_eq!(shape["bodiesWithOneHeading"].as_u64(), Some(bodies), "{shape}");
        let headers: Vec<String> = serde_json::from_value(shape["headers"].clone())?;
        assert!(
            !headers.iter().any(|h| h.contains("Project")),
            "a Project column in the grouped list: {headers:?}"
        );
        assert!(headers.iter().any(|h| h.contains("Owner")), "{headers:?}");
        session.screenshot("1-grouped").await?;

        // A region down: the count says the list is partial.
        session.sim.set_region_down("osc-secnum-fr1", true);
        session.open("/apps").await?;
        let count = session.wait_text(".app-table__count", "partial").await?;
        assert!(count.contains("did not answer"), "{count}");
        session
            .wait_texts(ROWS, "osc-fr1 still listed", |names| {
                names.iter().any(|n| n == "shop-api")
            })
            .await?;
        session.screenshot("2-partial").await?;
        session.sim.set_region_down("osc-secnum-fr1", false);

        // A filter with a right-to-left override stays isolated.
        session.open("/apps").await?;
        session
            .wait_texts(ROWS, "the list", |names| names.len() >= 12)
            .await?;
        let hostile = "\u{202E}abc-evil.exe";
        session
            .type_into("input[aria-label='Filter apps']", hostile)
            .await?;
        session.wait_text(".empty-state__title", "No app matches").await?;
        assert_eq!(
            session.value("input[aria-label='Filter apps']").await?,
            hostile
        );
        let isolated = js(
            session,
            "const b = document.querySelector('.empty-state__title bdi'); return b ? b.textContent : null;",
            vec![],
        )
        .await?;
        assert_eq!(
            isolated,
            json!(hostile),
            "the filter is not inside a <bdi> in the empty state"
        );
        session.screenshot("3-rtl-filter").await?;

        // A 5,000-character filter from a link: at most 1,000 kept, and
        // the URL stays short after a change.
        let long = "x".repeat(5_000);
        session.open(&format!("/apps?q={long}")).await?;
        session.find("input[aria-label='Filter apps']").await?;
        session.wait_text(".empty-state__title", "No app matches").await?;
        let kept = session.value("input[aria-label='Filter apps']").await?;
        assert!(
            kept.chars().count() <= 1_000,
            "the filter field holds {} characters",
            kept.chars().count()
        );
        assert!(!kept.is_empty(), "the filter from the link was dropped");
        session
            .click_text("label.checkbox", "Group by project")
            .await?;
        let url = wait_until("the grouping in the URL", || async {
            let url = session.client.current_url().await.ok()?;
            url.as_str().contains("group=project").then_some(url)
        })
        .await?;
        assert!(
            url.as_str().len() < 1_200,
            "the URL has {} characters",
            url.as_str().len()
        );
        session.screenshot("4-long-filter").await?;
        // The region down answered 503 (the step meant it).
        no_console_problems(session, "app list", &["status of 503"]).await
    })
    .await
}

/// 6 (continued). A link to a region the platform does not have says so
/// in one sentence and lists the apps of every region.
#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_region_is_said_and_every_region_listed() -> Result {
    start("trust-unknown-region")
        .await?
        .run(async |session| {
        // An unknown region: every region listed, the select on "All
        // regions", and a sentence saying so.
        session.open("/apps?region=nope").await?;
        session
            .wait_texts(ROWS, "the apps of every region", |names| {
                names.iter().any(|n| n == "shop-api")
                    && names.iter().any(|n| n == "secure-gateway")
            })
            .await?;
        let selected = js(
            session,
            "const s = document.querySelector(\"select[aria-label='Region']\"); return s.selectedOptions[0].textContent;",
            vec![],
        )
        .await?;
        assert_eq!(selected, json!("All regions"));
        let notice = wait_until("the unknown region's notice", || async {
            for element in session
                .client
                .find_all(fantoccini::Locator::Css(".notice"))
                .await
                .ok()?
            {
                let content = element.prop("textContent").await.ok()??;
                if content.contains("There is no region") {
                    return Some(element);
                }
            }
            None
        })
        .await?;
        let region = js(
            session,
            "const n = [...document.querySelectorAll('.notice')].find(n => n.textContent.includes('There is no region')); const b = n && n.querySelector('bdi'); return b ? b.textContent : null;",
            vec![],
        )
        .await?;
        assert_eq!(region, json!("nope"), "the region is not isolated in a <bdi>");
        session.screenshot("1-unknown-region").await?;
        // As shown: one sentence, not pieces spread across the notice.
        let shown = notice.text().await?;
        assert!(
            shown.contains("There is no region “nope”"),
            "the notice reads {shown:?}"
        );
        no_console_problems(session, "unknown region", &[]).await
    })
    .await
}

/// 7 and 8. A taken child app name is said while typing, without
/// submitting; a name submitted right after typing sends no dry run after
/// the real creation.
#[tokio::test(flavor = "multi_thread")]
async fn child_app_availability_and_no_dry_run_after_submitting() -> Result {
    start("trust-names")
        .await?
        .run(async |session| {
            record_fetches(session).await?;

            session.open("/apps/shop-api/child-apps").await?;
            session.wait_text(".table", "shop-api-pr-").await?;
            session.type_into("#child-app-name", "shop-web").await?;
            session
                .wait_text(
                    "#child-app-name-feedback .field__errors",
                    "Name has already been taken",
                )
                .await?;
            let sent = fetches(session).await?;
            let created: Vec<&Fetch> = sent
                .iter()
                .filter(|f| f.method == "POST" && f.path.ends_with("/child_apps"))
                .collect();
            assert!(created.is_empty(), "the form was submitted: {created:?}");
            assert!(
                sent.iter()
                    .any(|f| f.method == "POST" && f.path.ends_with("/v1/apps") && f.dry_run),
                "no dry run asked about the name: {sent:?}"
            );
            assert_eq!(session.value("#child-app-name").await?, "shop-web");
            session
                .screenshot_at("#child-app-name", "1-child-name-taken")
                .await?;
            // The taken name answered 422 (the dry run meant it).
            no_console_problems(session, "child app name", &["status of 422"]).await?;

            // The create dialog: a free name, submitted at once with Enter.
            session.open("/apps").await?;
            session
                .wait_texts(ROWS, "the app list", |names| names.len() >= 12)
                .await?;
            session.click_text("button", "Create an app").await?;
            session.find("dialog[open] #create-app-name").await?;
            wait_focus(session, "#create-app-name").await?;
            let before = fetches(session).await?.len();
            let name = "e2e-quick-app";
            session
                .find("#create-app-name")
                .await?
                .send_keys(&format!("{name}{}", char::from(Key::Enter)))
                .await?;
            session.wait_gone("dialog[open]").await?;
            session
                .wait_text(".notice", &format!("Created {name}"))
                .await?;
            session.screenshot("2-created-at-once").await?;
            // Proving that no dry run follows: longer than the 400 ms typing
            // pause that would have sent one, with nothing to wait for.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let posts: Vec<Fetch> = fetches(session)
                .await?
                .into_iter()
                .skip(before)
                .filter(|f| f.method == "POST" && f.path.ends_with("/v1/apps"))
                .collect();
            let real: Vec<usize> = posts
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.dry_run)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(real.len(), 1, "one creation expected: {posts:?}");
            let after: Vec<&Fetch> = posts.iter().skip(real[0] + 1).collect();
            assert!(
                after.is_empty(),
                "requests to /v1/apps after the creation: {after:?} (all: {posts:?})"
            );
            let urls: Vec<&str> = posts.iter().map(|f| f.url.as_str()).collect();
            println!("POST /v1/apps from the dialog: {urls:?}");
            no_console_problems(session, "create dialog submitted at once", &[]).await
        })
        .await
}

/// 9. The skip link is the first tab stop and moves the focus to the
/// content without changing the URL; the Display menu closes on Escape
/// (focus back on its button) and when the focus leaves it.
#[tokio::test(flavor = "multi_thread")]
async fn skip_link_and_display_menu_keyboard() -> Result {
    start("trust-keyboard")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/logs").await?;
            session.wait_text(".logs__state", "Live").await?;
            let before = session.client.current_url().await?;

            session.press(&[Key::Tab.into()]).await?;
            wait_focus(session, ".skip-link").await?;
            let link = session.client.active_element().await?;
            assert_eq!(link.text().await?, "Skip to content");
            session.screenshot("1-skip-link").await?;
            session.press(&[Key::Enter.into()]).await?;
            wait_focus(session, "main#main").await?;
            let after = session.client.current_url().await?;
            assert_eq!(
                after.as_str(),
                before.as_str(),
                "the skip link changed the URL"
            );
            session.wait_url("/apps/shop-api/logs").await?;
            session.wait_text(".logs__state", "Live").await?;
            session.screenshot("2-skipped").await?;

            // Escape closes the menu, the focus back on its button.
            let menu_open = "details.menu[open]";
            session.click(DISPLAY_MENU).await?;
            session.find(menu_open).await?;
            session.find(READ_ONLY_SWITCH).await?;
            session.screenshot("3-menu-open").await?;
            session.press(&[Key::Escape.into()]).await?;
            session.wait_gone(menu_open).await?;
            wait_focus(session, DISPLAY_MENU).await?;
            session.screenshot("4-menu-closed-on-escape").await?;

            // Tab past the last control closes it too.
            session.click(DISPLAY_MENU).await?;
            session.find(menu_open).await?;
            let mut reached = false;
            for _ in 0..6 {
                session.press(&[Key::Tab.into()]).await?;
                if focus_is(session, READ_ONLY_SWITCH).await? {
                    reached = true;
                    break;
                }
            }
            assert!(reached, "Tab never reached the Read-only switch");
            assert!(
                !session.texts(menu_open).await?.is_empty(),
                "closed too early"
            );
            session.press(&[Key::Tab.into()]).await?;
            session.wait_gone(menu_open).await?;
            assert!(
                !focus_is(session, "details.menu *").await?,
                "the focus is still in the menu"
            );
            session.screenshot("5-menu-closed-on-tab").await?;
            no_console_problems(session, "skip link and menu", &[]).await
        })
        .await
}

/// 11. Hostile data (long projects and owners) no longer pushes the
/// list's last columns off-screen at 1400×900.
#[tokio::test(flavor = "multi_thread")]
async fn hostile_list_fits_without_sideways_scroll() -> Result {
    let session = Session::start_sized("trust-hostile", (1400, 900), |config| {
        config.demo = DemoKind::Hostile;
    })
    .await?;
    session.run(async |session| {
        session.open("/apps").await?;
        for name in scalingo_sim::hostile::PROBE_APPS {
            session.wait_text("tbody", name).await?;
        }
        let sizes = js(
            session,
            "const w = document.querySelector('.table-wrap'); return {scroll: w.scrollWidth, client: w.clientWidth, window: window.innerWidth};",
            vec![],
        )
        .await?;
        let scroll = sizes["scroll"].as_f64().unwrap_or(f64::MAX);
        let client = sizes["client"].as_f64().unwrap_or(0.0);
        session.screenshot("1-hostile-list").await?;
        // The Region column is on screen.
        let region = js(
            session,
            "const w = document.querySelector('.table-wrap').getBoundingClientRect(); const cells = [...document.querySelectorAll('td.app-table__region')]; return cells.length > 0 && cells.every(c => c.getBoundingClientRect().right <= w.right + 1);",
            vec![],
        )
        .await?;
        assert_eq!(region, json!(true), "the Region column is off-screen");
        if scroll > client + 1.0 {
            // What sticks out, to say which column is too wide.
            let columns = js(
                session,
                "const w = document.querySelector('.table-wrap').getBoundingClientRect(); return [...document.querySelectorAll('table.app-table thead th')].map(th => { const r = th.getBoundingClientRect(); return `${th.textContent.trim() || '(select)'}: ${Math.round(r.left - w.left)}–${Math.round(r.right - w.left)}`; });",
                vec![],
            )
            .await?;
            let widest = js(
                session,
                "const w = document.querySelector('.table-wrap').getBoundingClientRect(); return [...document.querySelectorAll('table.app-table tbody td, table.app-table tbody th')].filter(c => c.getBoundingClientRect().right > w.right + 1).slice(0, 5).map(c => `${c.className || c.tagName}: ${c.textContent.trim().slice(0, 60)} (${Math.round(c.getBoundingClientRect().width)} px wide)`);",
                vec![],
            )
            .await?;
            return Err(format!(
                "the list scrolls sideways: {sizes}; columns (px from the wrap's left): {columns}; cells past its right edge: {widest}"
            )
            .into());
        }
        no_console_problems(session, "hostile list", &[]).await
    })
    .await
}
