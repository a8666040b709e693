//! The metrics tab in a real browser: charts drawn, range in the URL,
//! hover read-out, live stats matching the containers.

use scalingo_e2e::{wait_until, Result, Session};

/// Counts the pixels of a canvas that differ from its first pixel.
const INKED_PIXELS: &str = r#"
const canvas = document.querySelector(arguments[0]);
if (!canvas || canvas.width === 0) { return 0; }
const ctx = canvas.getContext('2d');
const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
let inked = 0;
for (let i = 0; i < data.length; i += 4) {
  if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) { inked++; }
}
return inked;
"#;

async fn inked(session: &Session, css: &str) -> Option<u64> {
    session
        .client
        .execute(INKED_PIXELS, vec![css.into()])
        .await
        .ok()?
        .as_u64()
}

#[tokio::test(flavor = "multi_thread")]
async fn charts_draw_switch_range_hover_and_stats() -> Result {
    Session::start("metrics")
        .await?
        .run(async |session| {
        session.open("/apps/shop-api/metrics").await?;
        for chart in ["cpu", "memory", "router", "errors"] {
            let css = format!("[data-chart='{chart}'] canvas");
            session.find(&css).await?;
            wait_until(&format!("the {chart} chart to be drawn"), || async {
                inked(session, &css).await.filter(|n| *n > 2_000)
            })
            .await?;
        }
        session.wait_text("[data-chart='memory'] .chart__summary", "Limit").await?;
        session.screenshot_at("[data-chart='cpu']", "1-charts").await?;
        session.screenshot_at("[data-chart='router']", "1-charts-router").await?;

        // A longer range: in the URL, and the data reloads.
        let before = session.texts("[data-chart='cpu'] .chart__summary").await?;
        session.click_text(".segmented__item", "24 h").await?;
        session.wait_url("/apps/shop-api/metrics?range=24h").await?;
        session
            .wait_texts("[data-chart='cpu'] .chart__summary", "a new summary", |now| now != before.as_slice())
            .await?;

        // Hovering shows the time and each series' value.
        let canvas = session.find("[data-chart='cpu'] canvas").await?;
        let arg = serde_json::to_value(&canvas)?;
        session
            .client
            .execute(
                "const c = arguments[0]; const r = c.getBoundingClientRect(); \
                 c.dispatchEvent(new PointerEvent('pointermove', {clientX: r.left + r.width * 0.6, clientY: r.top + r.height / 2, bubbles: true}));",
                vec![arg],
            )
            .await?;
        session.wait_text("[data-chart='cpu'] .chart__tooltip", "%").await?;
        session.screenshot_at("[data-chart='cpu']", "2-hover").await?;

        // The live stats list the same containers as ps.
        let stats = session
            .wait_texts(".stats-panel tbody th", "the stats rows", |rows| !rows.is_empty())
            .await?;
        session.open("/apps/shop-api/containers").await?;
        let ps = session
            .wait_texts("#ps-title + * tbody th", "the containers", |rows| !rows.is_empty())
            .await?;
        let mut running: Vec<String> = ps.into_iter().filter(|l| !l.starts_with("one-off")).collect();
        running.sort();
        let mut stats: Vec<String> = stats.into_iter().filter(|l| !l.starts_with("one-off")).collect();
        stats.sort();
        assert_eq!(stats, running);
        session.assert_no_panic().await
    })
    .await
}
