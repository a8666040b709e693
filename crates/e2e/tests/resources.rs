//! Resources and people as a user goes through them in a real browser:
//! an addon added with its price preview, provisioned, moved to another
//! plan and removed; a domain added until its certificate is issued, a bad
//! certificate refused in the browser, canonical set; a collaborator
//! invited, accepting, then given the app; an autoscaler set up, its range
//! on the scale slider and its target on the chart; a notifier and an
//! alert, the alert's limit on the chart.

use scalingo_e2e::{wait_until, Result, Session};
use serde_json::json;

async fn start(name: &str) -> Result<Session> {
    Session::start_with(name, |config| config.op_speed = 20.0).await
}

/// The text of the first `css` element whose text contains `text`.
async fn card_text(session: &Session, css: &str, text: &str) -> Result<String> {
    let script = r#"
        const card = [...document.querySelectorAll(arguments[0])]
            .find(el => el.textContent.includes(arguments[1]));
        return card ? card.textContent : null;
    "#;
    let found = session
        .client
        .execute(script, vec![json!(css), json!(text)])
        .await?;
    Ok(found.as_str().unwrap_or_default().to_owned())
}

/// Waits until the `css` element holding `text` also holds `wanted`.
async fn wait_card(session: &Session, css: &str, text: &str, wanted: &str) -> Result<String> {
    wait_until(
        &format!("`{css}` of “{text}” to say “{wanted}”"),
        || async {
            card_text(session, css, text)
                .await
                .ok()
                .filter(|t| t.to_lowercase().contains(&wanted.to_lowercase()))
        },
    )
    .await
}

/// Waits until an item of the activity feed says `sentence` (read without
/// the marks that isolate API text).
async fn wait_activity(session: &Session, sentence: &str) -> Result {
    let script = r#"
        return [...document.querySelectorAll('.activity__item')]
            .some(el => el.textContent.replace(/[\u2068\u2069]/g, '').includes(arguments[0]));
    "#;
    wait_until(&format!("the activity to say “{sentence}”"), || async {
        let found = session
            .client
            .execute(script, vec![json!(sentence)])
            .await
            .ok()?;
        found.as_bool().filter(|f| *f).map(|_| ())
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn addon_added_with_its_price_then_replanned_and_removed() -> Result {
    start("addons")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/addons").await?;
            wait_card(session, "li.addon", "PostgreSQL", "Running").await?;
            session.screenshot("1-list").await?;

            // Pick a provider, then a plan: the price and the new monthly
            // total are shown before anything is sent.
            session.click_button("Add an addon").await?;
            session.click_text("button.provider", "MongoDB").await?;
            session.click_text("label.plan", "Starter 512M").await?;
            session
                .wait_text("#addon-add .scale-preview", "+€14.40/month")
                .await?;
            session.screenshot("2-preview").await?;
            session.click_button("Add MongoDB").await?;
            session.wait_gone("#addon-add").await?;
            wait_card(session, "li.addon", "MongoDB", "Provisioning").await?;
            wait_card(session, "li.addon", "MongoDB", "Running").await?;

            // Its variables are on the Environment tab, tagged with it.
            session.open("/apps/shop-api/environment").await?;
            wait_card(
                session,
                "table.variables tbody tr",
                "SCALINGO_MONGO_URL",
                "MongoDB",
            )
            .await?;

            // Another plan, with the difference it makes.
            session.open("/apps/shop-api/addons").await?;
            session.click_button("Change the plan of MongoDB").await?;
            session.click_text("label.plan", "Starter 1G").await?;
            session
                .wait_text("#addon-plan .scale-preview", "+€14.40/month")
                .await?;
            session.click_button("Change the plan").await?;
            session.wait_gone("#addon-plan").await?;
            wait_card(session, "li.addon", "MongoDB", "Starter 1G").await?;

            // Removing asks for the resource's name and says the data goes.
            let card = card_text(session, "li.addon", "MongoDB").await?;
            let resource = session
                .client
                .execute(
                    r#"return [...document.querySelectorAll('li.addon')]
                        .find(el => el.textContent.includes('MongoDB'))
                        .querySelector('dd.mono').textContent"#,
                    vec![],
                )
                .await?
                .as_str()
                .unwrap_or_default()
                .to_owned();
            assert!(!resource.is_empty(), "{card}");
            session.click_button("Remove MongoDB").await?;
            session
                .wait_text("#addon-remove", "erases its data")
                .await?;
            assert!(
                session
                    .button_disabled("Remove MongoDB and erase its data")
                    .await?
            );
            session
                .type_into("#addon-remove-confirm", &resource)
                .await?;
            session
                .click_button("Remove MongoDB and erase its data")
                .await?;
            session.wait_gone("#addon-remove").await?;
            wait_until("the MongoDB card to go", || async {
                card_text(session, "li.addon", "MongoDB")
                    .await
                    .ok()
                    .filter(String::is_empty)
                    .map(|_| ())
            })
            .await?;

            // Without a payment method, a paid plan is refused with the
            // API's message, and the choice stays.
            session
                .sim_control("/_sim/payment-method", json!({"present": false}))
                .await?;
            session.click_button("Add an addon").await?;
            session.click_text("button.provider", "MySQL").await?;
            session.click_text("label.plan", "Starter 512M").await?;
            session.click_button("Add MySQL").await?;
            session.wait_text("#addon-add", "payment method").await?;
            session.click_text("#addon-add button", "Cancel").await?;
            session.wait_gone("#addon-add").await?;

            // The provider's dashboard opens in a new tab, signed in.
            let before = session.client.windows().await?.len();
            session
                .click_button("Open the dashboard of PostgreSQL in a new tab")
                .await?;
            let opened = wait_until("the dashboard's tab", || async {
                let windows = session.client.windows().await.ok()?;
                (windows.len() > before).then_some(windows)
            })
            .await?;
            let main = session.client.window().await?;
            let tab = opened
                .into_iter()
                .find(|w| *w != main)
                .ok_or("no new tab")?;
            session.client.switch_to_window(tab).await?;
            wait_until("the signed dashboard address", || async {
                let url = session.client.current_url().await.ok()?;
                url.as_str()
                    .contains("/_sim/addon-dashboard/")
                    .then_some(())
            })
            .await?;
            session.client.close_window().await?;
            session.client.switch_to_window(main).await?;

            // A suspended addon is resumed.
            session.open("/apps/legacy-crm/addons").await?;
            wait_card(session, "li.addon", "PostgreSQL", "Suspended").await?;
            session.click_button("Resume PostgreSQL").await?;
            wait_card(session, "li.addon", "PostgreSQL", "Running").await?;

            // The activity tells what was done, in words.
            session.open("/apps/shop-api/activity").await?;
            for sentence in [
                "ada added MongoDB (Starter 512M)",
                "ada moved MongoDB from Starter 512M to Starter 1G",
                "ada removed MongoDB (Starter 1G) and its data",
            ] {
                wait_activity(session, sentence).await?;
            }
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn domain_added_certified_checked_and_made_canonical() -> Result {
    start("domains")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/settings/domains").await?;
            wait_card(
                session,
                "li.domain",
                "partners.shop.example.com",
                "Expires in",
            )
            .await?;
            wait_card(session, "li.domain", "api-v1.shop.example.com", "Expired").await?;

            // The name is checked while it is typed.
            session
                .type_into("#domain-name", "https://status.shop.example.com")
                .await?;
            session
                .wait_text("#domain-name-errors", "without http://")
                .await?;
            session.find("#domain-name").await?.clear().await?;
            session
                .type_into("#domain-name", "status.shop.example.com")
                .await?;
            session.click_button("Add the domain").await?;
            wait_card(
                session,
                "li.domain",
                "status.shop.example.com",
                "Certificate issued",
            )
            .await?;
            wait_card(
                session,
                "li.domain",
                "status.shop.example.com",
                "Expires in",
            )
            .await?;
            session.screenshot("1-issued").await?;

            // A bad PEM is refused in the browser, with what is wrong.
            session
                .click_button("Upload a certificate for status.shop.example.com")
                .await?;
            session
                .type_into(
                    "#certificate-pem",
                    "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
                )
                .await?;
            session
                .wait_text("#certificate-pem-errors", "not a certificate")
                .await?;
            session.click_button("Upload the certificate").await?;
            session
                .wait_text("#certificate-key-errors", "can't be blank")
                .await?;
            session.screenshot("2-bad-pem").await?;
            session
                .click_text("#certificate-upload button", "Cancel")
                .await?;
            session.wait_gone("#certificate-upload").await?;

            // Canonical: the app's other addresses redirect to it.
            session
                .click_button("Make canonical: status.shop.example.com")
                .await?;
            wait_card(session, "li.domain", "status.shop.example.com", "Canonical").await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn collaborator_invited_accepts_then_receives_the_app() -> Result {
    start("collaborators")
        .await?
        .run(async |session| {
            session
                .open("/apps/shop-api/settings/collaborators")
                .await?;
            wait_card(session, "table.collaborators tbody tr", "Owner", "Owner").await?;

            // The address is checked while it is typed.
            session.type_into("#invite-email", "zoe.martin@").await?;
            session.click_button("Send the invitation").await?;
            session
                .wait_text("#invite-email-errors", "is invalid")
                .await?;
            session
                .type_into("#invite-email", "zoe.martin@example.com")
                .await?;
            session.click_button("Send the invitation").await?;
            wait_card(
                session,
                "table.collaborators tbody tr",
                "zoe.martin@example.com",
                "Invitation pending",
            )
            .await?;
            session.screenshot("1-invited").await?;

            // Zoé accepts on her side.
            session
                .sim_control(
                    "/_sim/invitations/accept",
                    json!({"email": "zoe.martin@example.com", "app": "shop-api"}),
                )
                .await?;

            // The transfer form offers her once she has accepted.
            session.click_role("link", "General").await?;
            session.find("#transfer-owner").await?;
            session
                .click("#transfer-owner option[value='zoe.martin@example.com']")
                .await?;
            session.type_into("#transfer-confirm", "shop-api").await?;
            session
                .click_text(".danger-zone__item button", "Transfer")
                .await?;
            session
                .wait_text(".toasts", "now belongs to zoe.martin@example.com")
                .await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn autoscaler_range_on_the_slider_and_target_on_the_chart() -> Result {
    start("autoscaler")
        .await?
        .run(async |session| {
            session.open("/apps/shop-web/containers").await?;
            session.click_button("Set up an autoscaler for web").await?;
            // The recommended target is proposed.
            wait_until("the recommended target", || async {
                session
                    .value("#autoscaler-target")
                    .await
                    .ok()
                    .filter(|v| !v.is_empty())
            })
            .await?;
            session.find("#autoscaler-min").await?.clear().await?;
            session.type_into("#autoscaler-min", "1").await?;
            session.click_button("Set up the autoscaler").await?;
            session
                .wait_text("#autoscaler-form", "greater than or equal to 2")
                .await?;
            session.find("#autoscaler-min").await?.clear().await?;
            session.type_into("#autoscaler-min", "2").await?;
            session.find("#autoscaler-max").await?.clear().await?;
            session.type_into("#autoscaler-max", "5").await?;
            session.wait_text("#autoscaler-form", " a month").await?;
            session.click_button("Set up the autoscaler").await?;
            session.wait_gone("#autoscaler-form").await?;
            wait_card(
                session,
                "table.autoscalers tbody tr",
                "web",
                "Between 2 and 5",
            )
            .await?;

            // The slider shows the range and the warning.
            session
                .wait_text("#scale-web-autoscaler", "between 2 and 5")
                .await?;
            session.find(".scale-row__autoscaled").await?;
            session.screenshot("1-slider").await?;

            // The requests chart draws the target.
            session.click_role("link", "Metrics").await?;
            session
                .wait_text(
                    "figure[data-chart='router'] .chart__summary",
                    "Autoscaler target",
                )
                .await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn notifier_and_alert_then_its_limit_on_the_chart() -> Result {
    start("alerts")
        .await?
        .run(async |session| {
            session.open("/apps/shop-web/settings/alerts").await?;
            session.wait_text("#notifiers-title", "Notifiers").await?;
            wait_card(session, "tbody tr", "Default notifier", "Active").await?;

            // A webhook notifier: its own field, checked before sending.
            session.click_button("Add a notifier").await?;
            session.find("#notifier-platform").await?;
            session
                .click_text("#notifier-platform option", "Webhook")
                .await?;
            session.type_into("#notifier-name", "Ops webhook").await?;
            session
                .type_into("#notifier-url", "javascript:alert(1)")
                .await?;
            session.click_button("Add the notifier").await?;
            session
                .wait_text("#notifier-url-errors", "http:// or https://")
                .await?;
            session.find("#notifier-url").await?.clear().await?;
            session
                .type_into("#notifier-url", "https://hooks.example.com/ops")
                .await?;
            session.click_button("Add the notifier").await?;
            session.wait_gone("#notifier-form").await?;
            wait_card(
                session,
                "tbody tr",
                "Ops webhook",
                "https://hooks.example.com/ops",
            )
            .await?;
            session
                .click_button("Send a test notification to Ops webhook")
                .await?;
            session
                .wait_text(".toasts", "Test notification sent")
                .await?;

            // An alert on memory above 75 % of web, to both notifiers.
            session.click_button("Add an alert").await?;
            session.type_into("#alert-limit", "75").await?;
            session
                .click_text("#alert-form label.checkbox", "Ops webhook")
                .await?;
            session.click_button("Add the alert").await?;
            session.wait_gone("#alert-form").await?;
            wait_card(session, "tbody tr", "Memory of web", "above 75%").await?;
            session.screenshot("1-alerts").await?;

            // The memory chart draws the limit.
            session.click_role("link", "Metrics").await?;
            session
                .wait_text(
                    "figure[data-chart='memory'] .chart__summary",
                    "Alert above 75%",
                )
                .await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn another_user_sees_their_own_apps_and_a_limited_role_no_controls() -> Result {
    start("limited")
        .await?
        .run(async |session| {
            session.open("/apps").await?;
            session
                .wait_texts(".app-table tbody th a", "ada's apps", |names| {
                    names.iter().any(|n| n == "admin-portal")
                })
                .await?;
            // Grace connects at once in the same page: never ada's list.
            session.click_text(".top-bar button", "Disconnect").await?;
            session
                .type_into("#api-token", scalingo_sim::GRACE_TOKEN)
                .await?;
            session
                .click_text("button[type='submit']", "Connect")
                .await?;
            session.wait_text(".top-bar__name", "Grace").await?;
            let names = session
                .wait_texts(".app-table tbody th a", "grace's apps", |names| {
                    names.iter().any(|n| n == "shop-worker")
                })
                .await?;
            assert!(!names.iter().any(|n| n == "admin-portal"), "{names:?}");

            // A limited collaborator sees the addons, not the changes the
            // API would refuse.
            session.click_role("link", "shop-worker").await?;
            session.click_role("link", "Addons").await?;
            session.find("li.addon").await?;
            session.wait_text(".notice", "limited collaborator").await?;
            assert!(!session.has_role("button", "Add an addon").await);
            assert!(session.texts("li.addon button").await?.is_empty());
            session.click_role("link", "Settings").await?;
            session.click_role("link", "Collaborators").await?;
            session.find("table.collaborators").await?;
            session.wait_text(".notice", "limited collaborator").await?;
            assert!(session.texts("#invite-email").await?.is_empty());
            session.assert_no_panic().await
        })
        .await
}
