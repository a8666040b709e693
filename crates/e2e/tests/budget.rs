//! The request budget as a user spends it: scripted sessions of real use,
//! in one page (one bearer token, as the platform counts), against the
//! documented 60 requests a minute; and every view coming back by itself
//! when the platform refuses or fails.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use scalingo_e2e::{wait_until, wait_up_to, Result, Session};
use scalingo_sim::ChaosConfig;
use serde_json::json;

/// Waits `seconds` while the page lives its life (polling, streams), noting
/// the platform's busiest minute for the page's token meanwhile. A wait of
/// the test's own making, not a condition: the session is about time.
async fn live_for(session: &Session, seconds: u64) -> u64 {
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut peak = 0;
    while Instant::now() < until {
        peak = peak.max(session.sim.requests().peak_last_minute);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    peak
}

async fn every_chart_drawn(session: &Session) -> Option<()> {
    let drawn = session
        .client
        .execute(
            "const slots = [...document.querySelectorAll('[data-chart-slot]')]; return slots.length >= 5 && slots.every(s => s.querySelector('canvas'));",
            vec![],
        )
        .await
        .ok()?;
    (drawn == json!(true)).then_some(())
}

/// The list left open with its polling, the metrics churned as in the
/// issue, a scale followed to its end at the platform's real pace, the
/// live logs: never a refused request, never over 60 in a minute.
#[tokio::test(flavor = "multi_thread")]
async fn a_session_of_real_use_stays_under_the_limit() -> Result {
    let session = Session::start_with("budget-real-use", |config| {
        config.rate_limit = Some(60);
        config.log_rate = 2.0;
        // Operations at the platform's pace: a scale takes many polls.
        config.op_speed = 1.0;
    })
    .await?;
    session.run(async |session| {
        let mut peak = 0;
        session.open("/apps").await?;
        session.wait_text(".app-table", "shop-api").await?;
        peak = peak.max(live_for(session, 45).await);
        let after_list = session.sim.requests().total;

        // In the page from now on: links and tabs, as a user goes.
        session.click_text(".app-table tbody th a", "shop-api").await?;
        session.click_text(".tabs__tab", "Metrics").await?;
        wait_until("the charts", || every_chart_drawn(session)).await?;
        for range in ["12 h", "24 h"] {
            session.click_text(".segmented__item", range).await?;
        }
        let types = session.find(".metrics__toolbar select").await?;
        types.select_by_value("worker").await?;
        types.select_by_value("web").await?;
        session
            .click(".metrics__toolbar input[type='checkbox']")
            .await?;
        wait_until("the charts again", || every_chart_drawn(session)).await?;
        peak = peak.max(live_for(session, 20).await);
        let after_metrics = session.sim.requests().total;

        session.click_text(".tabs__tab", "Containers").await?;
        let slider = session.find("#scale-worker-amount").await?;
        slider.send_keys(&char::from(Key::Right).to_string()).await?;
        session
            .click_text(".scale-panel button[type='submit']", "Apply")
            .await?;
        session.wait_text(".operation-banner", "Scale worker").await?;
        // At the platform's pace a scale outlasts the usual wait.
        let banner = wait_up_to("the scale to end", Duration::from_secs(90), || async {
            let banner = session.texts(".operation-banner").await.ok()?.join(" ");
            (banner.contains("Done") || banner.contains("Failed")).then_some(banner)
        })
        .await?;
        assert!(banner.contains("Done"), "{banner}");
        peak = peak.max(session.sim.requests().peak_last_minute);
        let after_scale = session.sim.requests().total;

        session.click_text(".tabs__tab", "Logs").await?;
        session.wait_text(".logs__state", "Live").await?;
        peak = peak.max(live_for(session, 30).await);
        session.click_text(".top-bar__nav a", "Apps").await?;
        session.wait_text(".app-table", "shop-api").await?;

        let requests = session.sim.requests();
        println!(
            "real use: list {} requests in 45 s; metrics churn {}; scale followed {}; logs and back {}; {} refused; busiest minute {}",
            after_list,
            after_metrics - after_list,
            after_scale - after_metrics,
            requests.total - after_scale,
            requests.refused,
            peak.max(requests.peak_last_minute)
        );
        assert_eq!(requests.refused, 0, "{requests:?}");
        assert!(peak.max(requests.peak_last_minute) <= 60, "{requests:?}");
        let problems = session.console_problems(&[]).await?;
        assert!(problems.is_empty(), "{problems:?}");
        Ok(())
    })
    .await
}

/// Under chaos — 500s, 503s, 429s with Retry-After, bodies cut short —
/// every view reaches its content by itself, without a click on Retry.
#[tokio::test(flavor = "multi_thread")]
async fn under_chaos_every_view_recovers_by_itself() -> Result {
    let session = Session::start_with("budget-chaos", |config| {
        config.log_rate = 2.0;
        config.chaos = Some(ChaosConfig {
            seed: 11,
            errors: 0.15,
            rate_limited: 0.15,
            malformed: 0.05,
            ws_drops: 0.2,
            latency_max: Duration::from_millis(150),
        });
    })
    .await?;
    session
        .run(async |session| {
            session.open("/apps").await?;
            session.wait_text(".app-table", "shop-api").await?;
            session
                .click_text(".app-table tbody th a", "shop-api")
                .await?;
            for (tab, ready) in [
                ("Overview", "#containers-title"),
                ("Containers", "#scale-web-amount"),
                ("Metrics", "[data-chart-slot] canvas"),
                ("Logs", ".log-row"),
                ("Activity", ".activity__item"),
                ("Settings", "button[role='switch']"),
            ] {
                session.click_text(".tabs__tab", tab).await?;
                // Longer than the usual wait: a refused read comes back when
                // the platform said it could.
                let shown = || async {
                    let found = session
                        .client
                        .find_all(fantoccini::Locator::Css(ready))
                        .await
                        .ok()?;
                    (!found.is_empty()).then_some(())
                };
                wait_up_to(
                    &format!("{tab} to recover by itself"),
                    Duration::from_secs(60),
                    shown,
                )
                .await?;
            }
            session.click_text(".tabs__tab", "Metrics").await?;
            wait_up_to(
                "every chart to recover by itself",
                Duration::from_secs(60),
                || every_chart_drawn(session),
            )
            .await?;
            session.screenshot("1-recovered").await?;
            let requests = session.sim.requests();
            println!(
                "under chaos: {} requests, {} refused by the rate limit",
                requests.total, requests.refused
            );
            // What chaos makes fail is logged by the browser; nothing else.
            let problems = session
                .console_problems(&[
                    "status of 500",
                    "status of 502",
                    "status of 503",
                    "status of 429",
                    "WebSocket connection",
                ])
                .await?;
            assert!(problems.is_empty(), "{problems:?}");
            Ok(())
        })
        .await
}
