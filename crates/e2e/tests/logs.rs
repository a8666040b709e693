//! The logs tab in a real browser: history, live stream, filter, search,
//! pause, reconnection, archives.

use scalingo_e2e::{wait_until, Result, Session};

/// The counts line: `123 of 456 lines · 7 matches in 5 lines`.
const COUNTS: &str = ".logs__counts";
const STATE: &str = ".logs__state";
/// The one line of `shop-api`'s newest archive the simulator documents.
const MARKER: &str = "req-archived-marker-42";

async fn start(name: &str) -> Result<Session> {
    Session::start_with(name, |config| {
        config.op_speed = 20.0;
        // A busy app: several lines a second per container.
        config.log_rate = 5.0;
    })
    .await
}

/// The number of lines in memory, from the counts line.
async fn total_lines(session: &Session) -> Option<usize> {
    let text = session.texts(COUNTS).await.ok()?.into_iter().next()?;
    let (_, after) = text.split_once(" of ")?;
    after.split_whitespace().next()?.parse().ok()
}

#[tokio::test(flavor = "multi_thread")]
async fn stream_filter_search_pause_and_reconnect() -> Result {
    start("logs")
        .await?
        .run(async |session| {
        session.open("/apps/shop-api/logs").await?;
        session.wait_text(STATE, "Live").await?;
        let first = wait_until("history lines", || async { total_lines(session).await.filter(|n| *n > 0) }).await?;
        // New lines stream in.
        wait_until("new lines", || async { total_lines(session).await.filter(|n| *n > first) }).await?;
        session.screenshot("1-live").await?;

        // Filter on one container: every row shown is from web-1.
        session.find("select[aria-label='Source']").await?.select_by_value("web-1").await?;
        session.wait_url("/apps/shop-api/logs?source=web-1").await?;
        session
            .wait_texts(".log-row__source", "only web-1 rows", |sources| {
                !sources.is_empty() && sources.iter().all(|s| s == "web-1")
            })
            .await?;

        // Search a word: highlighted, counted, in the URL.
        session.type_into("input[aria-label='Search logs']", "GET").await?;
        session.wait_url("/apps/shop-api/logs?source=web-1&q=GET").await?;
        session.wait_text(COUNTS, "matches in").await?;
        session.find(".log-row mark").await?;
        session.screenshot("2-search").await?;

        // Pause holds new lines; resume shows them.
        session.click_text(".logs__actions button", "Pause").await?;
        session.wait_text(STATE, "Paused").await?;
        session.wait_text(STATE, "new lines held").await?;
        session.click_text(".logs__actions button", "Resume").await?;
        session.wait_text(STATE, "Live").await?;

        // The platform drops every stream: the viewer reconnects by itself.
        let before = total_lines(session).await.unwrap_or(0);
        session.sim.drop_log_streams();
        session.wait_text(STATE, "reconnecting").await?;
        session.screenshot("3-reconnecting").await?;
        session.wait_text(STATE, "Live").await?;
        wait_until("lines after the reconnection", || async {
            total_lines(session).await.filter(|n| *n > before)
        })
        .await?;

        // Lines that look like HTML are shown as text, never run.
        session.open("/apps/shop-api/logs?lines=10000&q=alert%28&only=1").await?;
        session.wait_text(".log-row__message", "alert(").await?;
        session.wait_text(".log-row__message", "<").await?;
        let scripts: serde_json::Value = session
            .client
            .execute(
                "return document.querySelectorAll('.log-viewer script, .log-viewer img, .log-viewer svg, .log-viewer a').length;",
                vec![],
            )
            .await?;
        assert_eq!(scripts, 0);
        session.assert_no_panic().await
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn archives_load_more_open_and_search() -> Result {
    start("archives")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/logs").await?;
            session.wait_text("#archives-title", "Archives").await?;
            session
                .wait_texts(
                    "section[aria-labelledby='archives-title'] tbody tr",
                    "the first archives",
                    |rows| !rows.is_empty(),
                )
                .await?;
            // Load more until the cursor says there is nothing left.
            loop {
                let more = session.texts(".section__more button").await?;
                if more.is_empty() {
                    break;
                }
                let rows = session
                    .texts("section[aria-labelledby='archives-title'] tbody tr")
                    .await?
                    .len();
                session
                    .click_text(".section__more button", "Load more")
                    .await?;
                // The button disappears on the last page.
                wait_until("more archives", || async {
                    let now = session
                        .texts("section[aria-labelledby='archives-title'] tbody tr")
                        .await
                        .ok()?
                        .len();
                    (now > rows).then_some(())
                })
                .await?;
            }
            let rows = session
                .texts("section[aria-labelledby='archives-title'] tbody tr")
                .await?;
            assert!(rows.len() > 5, "{rows:?}");
            session.screenshot("1-list").await?;

            // Opening the newest archive (12 MB of gzip) over a slow link
            // leaves time to cancel it while its progress moves on.
            session.cdp("Network.enable", serde_json::json!({})).await?;
            let link = |bytes_per_second: i64| {
                serde_json::json!({
                    "offline": false,
                    "latency": 0,
                    "downloadThroughput": bytes_per_second,
                    "uploadThroughput": -1
                })
            };
            session
                .cdp("Network.emulateNetworkConditions", link(2_000_000))
                .await?;
            session
                .click("button[aria-label^='Open the archive']")
                .await?;
            wait_until("the progress to move", || async {
                let value = session
                    .find("progress[aria-label='Archive progress']")
                    .await
                    .ok()?
                    .attr("value")
                    .await
                    .ok()??;
                (value.parse::<f64>().ok()? > 0.0).then_some(())
            })
            .await?;
            session.click(".logs__job button").await?;
            session.wait_gone(".logs__job").await?;
            session
                .cdp("Network.emulateNetworkConditions", link(-1))
                .await?;

            // Open the most recent archive in the viewer and find a known line.
            session
                .click("button[aria-label^='Open the archive']")
                .await?;
            session.wait_text(STATE, "Archive").await?;
            session.wait_gone(".logs__job").await?;
            wait_until("archive lines", || async {
                total_lines(session).await.filter(|n| *n > 100)
            })
            .await?;
            session
                .type_into("input[aria-label='Search logs']", "Completed 200")
                .await?;
            session.wait_text(COUNTS, "matches in").await?;
            session.screenshot("2-archive").await?;

            // Search two archives at once for the documented marker.
            session
                .click_text(".logs__actions button", "Back to live")
                .await?;
            session.wait_text(STATE, "Live").await?;
            session
                .type_into("input[aria-label='Search logs']", MARKER)
                .await?;
            // The newest archive holds the marker; the second one does not.
            let boxes = session
                .client
                .find_all(fantoccini::Locator::Css(
                    "section[aria-labelledby='archives-title'] tbody input[type='checkbox']",
                ))
                .await?;
            for checkbox in boxes.iter().take(2) {
                checkbox.click().await?;
            }
            session
                .click_text(
                    "section[aria-labelledby='archives-title'] .section__header button",
                    "Search 2 archives",
                )
                .await?;
            // The search runs on all that was typed, even when the button
            // is pressed before typing has paused.
            session.wait_text(STATE, MARKER).await?;
            session.wait_text(STATE, "in 2 archives").await?;
            session.wait_gone(".logs__job").await?;
            session.wait_text(".log-row__message", MARKER).await?;
            session.screenshot("3-search").await?;
            session.assert_no_panic().await
        })
        .await
}
