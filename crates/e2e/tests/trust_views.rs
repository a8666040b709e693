//! Regression tests of the "trust" issue for the views that hold data: the
//! log viewer at several heights, search and keyboard; the metrics tab's
//! requests, labels and recovery; the scale panel's amounts; the list and
//! the activity feed through rate limits and outages; phones; axe.

use std::time::Duration;

use fantoccini::key::Key;
use scalingo_e2e::{wait_until, workspace_root, Result, Session};
use scalingo_sim::ChaosConfig;
use serde_json::{json, Value};

const COUNTS: &str = ".logs__counts";
const STATE: &str = ".logs__state";

/// The numbers of the counts line `123 of 456 lines…`: (shown, in memory).
async fn counts(session: &Session) -> Option<(usize, usize)> {
    let text = session.texts(COUNTS).await.ok()?.into_iter().next()?;
    let (shown, rest) = text.split_once(" of ")?;
    let total = rest.split_whitespace().next()?.parse().ok()?;
    Some((shown.trim().replace(',', "").parse().ok()?, total))
}

/// The last line drawn by the viewer: its number, and whether it is inside
/// the viewer's visible box.
const LAST_DRAWN: &str = r#"
const v = document.querySelector('.log-viewer');
const rows = [...v.querySelectorAll('.log-row-frame')];
if (!rows.length) return null;
const last = rows[rows.length - 1];
const r = last.getBoundingClientRect(), box = v.getBoundingClientRect();
return {
  number: Number(last.querySelector('.log-row__number').textContent),
  visible: r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
  drawn: rows.length,
  height: v.clientHeight,
};
"#;

/// At three window heights, following the live tail shows the newest line
/// at the bottom of the viewer (it used to draw a fixed 42 rows, leaving
/// the newest lines blank on tall windows).
#[tokio::test(flavor = "multi_thread")]
async fn the_newest_log_lines_are_drawn_at_every_height() -> Result {
    let session = Session::start_sized("logs-heights", (1400, 900), |config| {
        config.log_rate = 5.0;
    })
    .await?;
    session
        .run(async |session| {
            session.open("/apps/shop-web/logs").await?;
            session.wait_text(STATE, "Live").await?;
            for (width, height) in [(1400, 900), (1920, 1080), (1280, 1400)] {
                session.resize(width, height).await?;
                // Paused, the numbers hold still while they are compared.
                session.click_text(".logs__actions button", "Pause").await?;
                session.wait_text(STATE, "Paused").await?;
                let drawn = wait_until("the newest line at the bottom", || async {
                    let (shown, _) = counts(session).await?;
                    let last = session.client.execute(LAST_DRAWN, vec![]).await.ok()?;
                    (last["number"].as_u64()? as usize == shown && last["visible"] == json!(true))
                        .then_some(last)
                })
                .await?;
                // Enough rows for the viewer's height, whatever it is.
                let needed = drawn["height"].as_f64().unwrap_or(0.0) / 20.0;
                assert!(
                    drawn["drawn"].as_f64().unwrap_or(0.0) >= needed,
                    "{drawn} at {width}×{height}"
                );
                session.screenshot(&format!("{height}")).await?;
                session
                    .click_text(".logs__actions button", "Resume")
                    .await?;
                session.wait_text(STATE, "Live").await?;
            }
            let problems = session.console_problems(&[]).await?;
            assert!(problems.is_empty(), "{problems:?}");
            Ok(())
        })
        .await
}

/// Search looks at the source column too, the list is one tab stop with
/// arrow keys inside, and a link with a huge regular expression neither
/// crashes the page nor grows the URL.
#[tokio::test(flavor = "multi_thread")]
async fn log_search_keyboard_and_huge_patterns() -> Result {
    let session = Session::start_with("logs-search", |config| {
        config.log_rate = 5.0;
    })
    .await?;
    session.run(async |session| {
        session.open("/apps/shop-api/logs?only=1").await?;
        session.wait_text(STATE, "Live").await?;
        session
            .type_into("input[aria-label='Search logs']", "worker")
            .await?;
        session
            .wait_texts(".log-row__source", "only worker lines", |sources| {
                !sources.is_empty() && sources.iter().all(|s| s.starts_with("worker"))
            })
            .await?;
        session.find(".log-row__source mark").await?;
        session.screenshot("1-source-search").await?;

        // One tab stop: from the viewer, Tab leaves the list at once.
        session.open("/apps/shop-api/logs").await?;
        session.wait_text(STATE, "Live").await?;
        wait_until("lines", || async { counts(session).await.filter(|c| c.0 > 5) }).await?;
        session
            .client
            .execute("document.querySelector('.log-viewer').focus();", vec![])
            .await?;
        session.press(&[Key::Up.into()]).await?;
        session.press(&[Key::Up.into()]).await?;
        let active: Value = session
            .client
            .execute(
                "return document.querySelector('.log-viewer').getAttribute('aria-activedescendant');",
                vec![],
            )
            .await?;
        assert!(active.as_str().is_some_and(|id| id.starts_with("log-line-")), "{active}");
        session.press(&[' ']).await?;
        session.wait_text(".logs__actions", "Clear selection (1)").await?;
        session.press(&[Key::Tab.into()]).await?;
        let left: Value = session
            .client
            .execute(
                "return !document.activeElement.closest('.log-viewer');",
                vec![],
            )
            .await?;
        assert_eq!(left, json!(true), "Tab stayed inside the log lines");
        session.screenshot("2-keyboard").await?;

        // A link with a 33,000-character regular expression.
        let pattern = "A".repeat(33_000);
        session
            .open(&format!("/apps/shop-api/logs?regex=1&q={pattern}"))
            .await?;
        session.wait_text(STATE, "Live").await?;
        let typed = session.value("input[aria-label='Search logs']").await?;
        assert_eq!(typed.chars().count(), 1_000, "the search is capped");
        // The page still works: the tabs navigate.
        session.click_text(".tabs__tab", "Metrics").await?;
        session.wait_url("/apps/shop-api/metrics").await?;
        let problems = session.console_problems(&[]).await?;
        assert!(problems.is_empty(), "{problems:?}");
        Ok(())
    })
    .await
}

/// Searching archives of several days shows each line's date.
#[tokio::test(flavor = "multi_thread")]
async fn an_archive_search_over_days_shows_dates() -> Result {
    Session::start("archive-dates")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/logs").await?;
            session.wait_text(STATE, "Live").await?;
            session
                .type_into("input[aria-label='Search logs']", "GET")
                .await?;
            let boxes = "section[aria-labelledby='archives-title'] tbody input[type='checkbox']";
            wait_until("archives listed", || async {
                (session.texts(boxes).await.ok()?.len() >= 4).then_some(())
            })
            .await?;
            for index in 0..4 {
                let checkboxes = session
                    .client
                    .find_all(fantoccini::Locator::Css(boxes))
                    .await?;
                checkboxes[index].click().await?;
            }
            session
                .click_text(".section__header button", "Search 4 archives")
                .await?;
            session.wait_gone(".logs__job").await?;
            let times = session
                .wait_texts(".log-row__time", "dated lines", |times| !times.is_empty())
                .await?;
            for time in &times {
                let (date, _) = time.split_once(' ').ok_or(format!("no date in {time}"))?;
                assert_eq!(date.len(), 10, "{time}");
                assert!(date.chars().filter(|c| *c == '-').count() == 2, "{time}");
            }
            session.screenshot("1-dated").await?;
            let problems = session.console_problems(&[]).await?;
            assert!(problems.is_empty(), "{problems:?}");
            Ok(())
        })
        .await
}

/// The texts of each chart slot of the metrics tab, by chart id.
const SLOTS: &str = r#"
return Object.fromEntries([...document.querySelectorAll('[data-chart-slot]')].map(s => [
  s.dataset.chartSlot,
  {
    canvas: !!s.querySelector('canvas'),
    legend: [...s.querySelectorAll('.chart__legend-item')].map(b => b.textContent.trim()),
    text: s.textContent.trim().slice(0, 300),
  },
]));
"#;

async fn slots(session: &Session) -> Option<Value> {
    session.client.execute(SLOTS, vec![]).await.ok()
}

async fn all_charts_drawn(session: &Session) -> Option<()> {
    let slots = slots(session).await?;
    let map = slots.as_object()?;
    (map.len() >= 5 && map.values().all(|s| s["canvas"] == json!(true))).then_some(())
}

/// The session of the issue — two range changes, a type change and the
/// per-container toggle within 13 seconds — against the platform's 60
/// requests a minute: nothing refused, and the charts all drawn.
#[tokio::test(flavor = "multi_thread")]
async fn a_busy_metrics_session_stays_within_the_budget() -> Result {
    let session = Session::start_with("metrics-budget", |config| {
        config.rate_limit = Some(60);
    })
    .await?;
    session.run(async |session| {
        session.open("/apps/shop-api/metrics").await?;
        wait_until("every chart", || all_charts_drawn(session)).await?;
        let opened = session.sim.requests().total;
        let started = std::time::Instant::now();
        for range in ["12 h", "24 h"] {
            session.click_text(".segmented__item", range).await?;
            session
                .wait_text(".segmented__item[aria-pressed='true']", range)
                .await?;
        }
        session
            .find(".metrics__toolbar select")
            .await?
            .select_by_value("worker")
            .await?;
        session
            .find(".metrics__toolbar select")
            .await?
            .select_by_value("web")
            .await?;
        session
            .click(".metrics__toolbar input[type='checkbox']")
            .await?;
        assert!(started.elapsed() < Duration::from_secs(13));
        wait_until("every chart again", || async {
            let slots = slots(session).await?;
            let cpu = slots["cpu"]["legend"].as_array()?.len();
            (cpu == 3).then_some(())?;
            all_charts_drawn(session).await
        })
        .await?;
        let requests = session.sim.requests();
        println!(
            "metrics session: {} requests to open the tab, {} for the changes; {} refused, peak {} in a minute",
            opened,
            requests.total - opened,
            requests.refused,
            requests.peak_last_minute
        );
        assert_eq!(requests.refused, 0, "{requests:?}");
        assert!(requests.peak_last_minute <= 60, "{requests:?}");
        session.screenshot("1-after-changes").await?;
        let problems = session.console_problems(&[]).await?;
        assert!(problems.is_empty(), "{problems:?}");
        Ok(())
    })
    .await
}

/// While a slow platform answers, a chart shows the data of its current
/// choice or that it is loading: never the previous type's lines under the
/// new type's labels.
#[tokio::test(flavor = "multi_thread")]
async fn a_chart_never_shows_the_previous_choice() -> Result {
    Session::start("metrics-labels")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/metrics").await?;
            wait_until("every chart", || all_charts_drawn(session)).await?;
            // Every answer now takes up to a second and a half.
            session.sim.set_chaos(Some(ChaosConfig {
                seed: 3,
                errors: 0.0,
                rate_limited: 0.0,
                malformed: 0.0,
                ws_drops: 0.0,
                latency_max: Duration::from_millis(1_500),
            }));
            session
                .find(".metrics__toolbar select")
                .await?
                .select_by_value("worker")
                .await?;
            wait_until("the worker's memory", || async {
                let slots = slots(session).await?;
                let memory = &slots["memory"];
                let legend: Vec<String> = memory["legend"]
                    .as_array()?
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect();
                if memory["canvas"] == json!(true) {
                    // A chart on screen is the worker's, or the check fails.
                    assert!(
                        legend.iter().all(|l| l.starts_with("worker")),
                        "the memory chart shows {legend:?} for worker"
                    );
                    return Some(());
                }
                None
            })
            .await?;
            session.screenshot("1-worker").await?;
            session.sim.set_chaos(None);
            let problems = session.console_problems(&[]).await?;
            assert!(problems.is_empty(), "{problems:?}");
            Ok(())
        })
        .await
}

/// Refused with 429s, the charts say when they try again, try by
/// themselves and recover; Retry recovers too.
#[tokio::test(flavor = "multi_thread")]
async fn charts_recover_from_the_rate_limit_by_themselves() -> Result {
    let session = Session::start_with("metrics-429", |config| {
        // A platform stricter than the client's budget: some reads are
        // refused, with Retry-After.
        config.rate_limit = Some(14);
        config.rate_window = Duration::from_secs(8);
    })
    .await?;
    session
        .run(async |session| {
            session.open("/apps/shop-api/metrics").await?;
            let waiting = wait_until("a chart waiting for its next try", || async {
                let slots = slots(session).await?;
                slots.as_object()?.values().find_map(|s| {
                    s["text"]
                        .as_str()
                        .filter(|t| t.contains("Trying again"))
                        .map(str::to_owned)
                })
            })
            .await?;
            println!("a chart said: {waiting}");
            session.screenshot("1-waiting").await?;
            assert!(session.sim.requests().refused > 0);
            // No click: they come back by themselves.
            wait_until("every chart", || all_charts_drawn(session)).await?;
            session.screenshot("2-recovered").await?;
            let problems = session.console_problems(&["status of 429"]).await?;
            assert!(problems.is_empty(), "{problems:?}");
            Ok(())
        })
        .await
}

/// The autoscaling hint offers what fits the type and says where its line
/// is; the request classes are stacked 1XX to 5XX.
#[tokio::test(flavor = "multi_thread")]
async fn the_hint_fits_the_type_and_classes_are_in_order() -> Result {
    Session::start("metrics-hint")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/metrics?type=worker").await?;
            let options = session
                .wait_texts(".metrics__hint option", "worker's metrics", |o| {
                    o.len() == 2
                })
                .await?;
            assert_eq!(options, ["CPU", "memory"]);
            let hint = session.wait_text(".metrics__hint-text", "Drawn on").await?;
            assert!(hint.ends_with("Drawn on the CPU chart."), "{hint}");

            session.open("/apps/shop-api/metrics").await?;
            session
                .wait_texts(".metrics__hint option", "web's metrics", |o| o.len() == 4)
                .await?;
            session
                .find(".metrics__hint select")
                .await?
                .select_by_value("rpm_per_container")
                .await?;
            session
                .wait_text(".metrics__hint-text", "Drawn on the requests chart as")
                .await?;
            wait_until("every chart", || all_charts_drawn(session)).await?;
            let slots = slots(session).await.ok_or("no charts")?;
            assert_eq!(
                slots["router"]["legend"],
                json!(["1XX", "2XX", "3XX", "4XX", "5XX"])
            );
            session
                .screenshot_at("[data-chart-slot='router']", "1-classes-light")
                .await?;
            // The same in the dark theme.
            session
                .click("summary[aria-label='Display preferences']")
                .await?;
            session.click("input[name='theme'][value='dark']").await?;
            session
                .screenshot_at("[data-chart-slot='router']", "2-classes-dark")
                .await?;
            let problems = session.console_problems(&[]).await?;
            assert!(problems.is_empty(), "{problems:?}");
            Ok(())
        })
        .await
}

/// Amounts typed in the scale panel are checked and said wrong; the size
/// selects show their whole label.
#[tokio::test(flavor = "multi_thread")]
async fn scale_amounts_are_checked_and_labels_fit() -> Result {
    Session::start_sized("scale-amounts", (1400, 900), |_| {})
        .await?
        .run(async |session| {
        session.open("/apps/admin-portal/containers").await?;
        session.find("#scale-web-number").await?;
        let apply_disabled = || async {
            session
                .client
                .execute(
                    "return document.querySelector('.scale-panel button[type=submit]').disabled;",
                    vec![],
                )
                .await
        };
        for (typed, said) in [
            ("-1", "can't be negative"),
            ("3.5", "whole number"),
            ("1e9", "whole number"),
            ("12", "at most"),
        ] {
            session.type_into("#scale-web-number", typed).await?;
            session.wait_text("#scale-web-problem", said).await?;
            assert_eq!(apply_disabled().await?, json!(true), "{typed}");
            let invalid = session
                .find("#scale-web-number")
                .await?
                .attr("aria-invalid")
                .await?;
            assert_eq!(invalid.as_deref(), Some("true"));
        }
        session.screenshot("1-invalid").await?;
        session.type_into("#scale-web-number", "3").await?;
        session.wait_text(".scale-preview", "1×M → 3×M").await?;
        assert_eq!(session.value("#scale-web-amount").await?, "3");
        assert!(session.texts("#scale-web-problem").await?[0].is_empty());
        assert_eq!(apply_disabled().await?, json!(false));
        // The whole label of the size fits in its select.
        let cut: Value = session
            .client
            .execute(
                "return [...document.querySelectorAll('.scale-row__size')].filter(s => s.scrollWidth > s.clientWidth + 1).length;",
                vec![],
            )
            .await?;
        assert_eq!(cut, json!(0));
        session.screenshot("2-valid").await?;
        let problems = session.console_problems(&[]).await?;
        assert!(problems.is_empty(), "{problems:?}");
        Ok(())
    })
    .await
}

/// The list keeps its rows, says they are stale and tries again when the
/// platform fails or refuses, and recovers without Refresh.
#[tokio::test(flavor = "multi_thread")]
async fn the_list_survives_outages_and_the_rate_limit() -> Result {
    let session = Session::start_with("list-outage", |config| {
        config.rate_limit = Some(20);
        config.rate_window = Duration::from_secs(10);
    })
    .await?;
    session
        .run(async |session| {
            let rows = ".app-table tbody th a";
            session.open("/apps").await?;
            session
                .wait_texts(rows, "the apps", |names| names.len() > 10)
                .await?;
            // Every region down, then Refresh: the rows stay, marked stale.
            session.sim.set_region_down("osc-fr1", true);
            session.sim.set_region_down("osc-secnum-fr1", true);
            session
                .click_text(".page__actions button", "Refresh")
                .await?;
            session
                .wait_text(".stale-note", "Could not refresh the apps")
                .await?;
            session.wait_text(".stale-note", "Trying again").await?;
            assert!(session.texts(rows).await?.len() > 10);
            session.screenshot("1-stale").await?;
            session.sim.set_region_down("osc-fr1", false);
            session.sim.set_region_down("osc-secnum-fr1", false);
            session.wait_gone(".stale-note").await?;

            // Browse app tabs quickly, inside the page (a full load would
            // get a new token, counted apart), until the platform refuses a
            // read.
            session.click_text(rows, "shop-api").await?;
            session.find(".tabs__tab").await?;
            let tabs = ["Containers", "Metrics", "Activity", "Settings", "Overview"];
            let mut visited = 0;
            while session.sim.requests().refused == 0 && visited < 60 {
                session
                    .click_text(".tabs__tab", tabs[visited % tabs.len()])
                    .await?;
                visited += 1;
            }
            assert!(session.sim.requests().refused > 0, "no read was refused");
            session.click_text(".top-bar__nav a", "Apps").await?;
            // Rows, never a blank list, and no Refresh needed.
            session
                .wait_texts(rows, "the apps after the refusals", |names| {
                    names.len() > 10
                })
                .await?;
            session.screenshot("2-after-429").await?;
            let problems = session
                .console_problems(&["status of 503", "status of 429"])
                .await?;
            assert!(problems.is_empty(), "{problems:?}");
            Ok(())
        })
        .await
}

/// The activity tab says why events are missing, offers Retry, does not
/// claim there is no activity, and tries again by itself.
#[tokio::test(flavor = "multi_thread")]
async fn activity_errors_are_retried() -> Result {
    Session::start("activity-errors")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api").await?;
            session.find("h1").await?;
            session.sim.set_region_down("osc-fr1", true);
            session.click_text(".tabs__tab", "Activity").await?;
            session
                .wait_text(".error-panel", "Could not load the events")
                .await?;
            session.wait_text(".error-panel", "Trying again").await?;
            session.find(".error-panel button").await?;
            assert!(!session
                .texts(".empty-state")
                .await?
                .iter()
                .any(|t| t.contains("No activity")));
            session.screenshot("1-error").await?;
            session.sim.set_region_down("osc-fr1", false);
            session.find(".activity__item").await?;
            session.wait_gone(".error-panel").await?;
            let problems = session.console_problems(&["status of 503"]).await?;
            assert!(problems.is_empty(), "{problems:?}");
            Ok(())
        })
        .await
}

/// Whether the page scrolls sideways, and the controls a finger can hardly
/// hit (under 24 px, WCAG 2.5.8), with what they are.
const PHONE_CHECK: &str = r#"
const small = [...document.querySelectorAll('a, button, input, select, summary, textarea')]
  .filter(e => {
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    // Not shown (a visually hidden control behind a styled one counts as
    // the styled one).
    if (r.width === 0 || style.visibility === 'hidden' || e.closest('[aria-hidden=true], .visually-hidden')) return false;
    return r.width < 24 || r.height < 24;
  })
  .map(e => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}"`);
return { overflow: document.documentElement.scrollWidth - window.innerWidth, small };
"#;

/// On a phone every view fits the screen and every control is big enough
/// for a finger.
#[tokio::test(flavor = "multi_thread")]
async fn phone_views_fit_and_can_be_tapped() -> Result {
    let session = Session::start_sized("phone", (390, 844), |config| {
        config.log_rate = 2.0;
    })
    .await?;
    session
        .run(async |session| {
            session.phone(390, 844).await?;
            for (path, ready) in [
                ("/apps", ".app-table"),
                ("/apps/shop-api", "h1"),
                ("/apps/shop-api/containers", "#scale-web-amount"),
                ("/apps/shop-api/logs", ".log-row"),
                ("/apps/shop-api/metrics", "canvas"),
                ("/apps/shop-api/activity", ".activity__item"),
                ("/apps/shop-api/settings", "button[role='switch']"),
                ("/activity", ".activity__item"),
            ] {
                session.open(path).await?;
                session.find(ready).await?;
                let check = session.client.execute(PHONE_CHECK, vec![]).await?;
                session
                    .screenshot(&path.trim_start_matches('/').replace('/', "-"))
                    .await?;
                assert_eq!(check["overflow"], json!(0), "{path} scrolls sideways");
                assert_eq!(check["small"], json!([]), "{path}: controls under 24 px");
            }
            let problems = session.console_problems(&[]).await?;
            assert!(problems.is_empty(), "{problems:?}");
            Ok(())
        })
        .await
}

/// axe-core (from tools/node_modules) finds no serious or critical
/// accessibility violation on the views of an app.
#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_nothing_serious() -> Result {
    let axe_path = workspace_root().join("tools/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(&axe_path)
        .map_err(|e| format!("{}: {e} (run scripts/setup.sh)", axe_path.display()))?;
    Session::start("axe")
        .await?
        .run(async |session| {
        for (path, ready) in [
            ("/apps", ".app-table"),
            ("/apps/shop-api/containers", "#scale-web-amount"),
            ("/apps/shop-api/logs", ".log-row"),
            ("/apps/shop-api/metrics", "canvas"),
            ("/apps/shop-api/settings", "button[role='switch']"),
            ("/apps/shop-api/activity", ".activity__item"),
        ] {
            session.open(path).await?;
            session.find(ready).await?;
            session.client.execute(&axe, vec![]).await?;
            let found = session
                .client
                .execute_async(
                    r#"const done = arguments[arguments.length - 1];
                    axe.run(document, { resultTypes: ['violations'] })
                      .then(r => done(r.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)))
                      .catch(e => done(['axe failed: ' + e]));"#,
                    vec![],
                )
                .await?;
            assert_eq!(found, json!([]), "{path}");
        }
        Ok(())
    })
    .await
}
