//! The foundation flows, as a user goes through them in a real browser:
//! connect, list, filter, open an app, create an app, deep links.

use scalingo_e2e::{Result, Session};

const ROWS: &str = ".app-table tbody th a";

#[tokio::test(flavor = "multi_thread")]
async fn list_filter_detail_and_deep_link() -> Result {
    Session::start("list")
        .await?
        .run(async |session| {
            // The local platform publishes a demo token: no prompt.
            session.open("/").await?;
            session.wait_url("/apps").await?;
            session.wait_text(".top-bar__name", "Ada Lovelace").await?;
            let names = session
                .wait_texts(ROWS, "the app list", |names| names.len() >= 12)
                .await?;
            assert!(names.contains(&"shop-api".to_owned()), "{names:?}");
            session.screenshot("1-list").await?;

            // Filter as you type; the filter lives in the URL.
            session
                .type_into("input[aria-label='Filter apps']", "shop-")
                .await?;
            let filtered = session
                .wait_texts(ROWS, "only shop apps", |names| {
                    !names.is_empty() && names.iter().all(|n| n.starts_with("shop-"))
                })
                .await?;
            assert!(filtered.contains(&"shop-web".to_owned()), "{filtered:?}");
            session.wait_url("/apps?q=shop-").await?;
            session
                .wait_text(".app-table__count", &format!("{} of", filtered.len()))
                .await?;
            session.screenshot("2-filtered").await?;

            // Sort by status, newest state in the URL too.
            session.click_text(".table__sort", "Status").await?;
            session.wait_url("/apps?q=shop-&sort=status").await?;

            // Open an app: its formation and containers.
            session.click_text(ROWS, "shop-api").await?;
            session.wait_url("/apps/shop-api").await?;
            session.wait_text("h1", "shop-api").await?;
            session.wait_text(".facts", "storefront").await?;
            let types = session
                .wait_texts("#formation-title + * tbody th", "the formation", |t| {
                    t.len() == 3
                })
                .await?;
            assert_eq!(types, ["web", "worker", "clock"]);
            let containers = session
                .wait_texts("#containers-title + * tbody th", "the containers", |c| {
                    c.len() >= 3
                })
                .await?;
            assert!(containers.contains(&"web-1".to_owned()), "{containers:?}");
            assert!(containers.contains(&"clock-1".to_owned()), "{containers:?}");
            session.screenshot("3-detail").await?;

            // A deep link survives a reload.
            session.open("/apps/shop-api/overview").await?;
            session
                .wait_text(".tabs__tab[aria-current='page']", "Overview")
                .await?;
            session.wait_text("#formation-title + *", "worker").await?;
            session.open("/apps?q=legacy").await?;
            session
                .wait_texts(ROWS, "the filtered list from the URL", |names| {
                    names == ["legacy-crm"]
                })
                .await?;
            assert_eq!(
                session.value("input[aria-label='Filter apps']").await?,
                "legacy"
            );

            // Unknown pages and apps.
            session.open("/nowhere").await?;
            session.wait_text("h1", "Page not found").await?;
            // A missing app gets the not-found page's shape, with a way back.
            session.open("/apps/no-such-app").await?;
            session.wait_text("h1", "App not found").await?;
            session.wait_text(".page--narrow", "no-such-app").await?;
            assert!(session.texts(".error-panel").await?.is_empty());
            session
                .click_text(".page--narrow a", "Go to the app list")
                .await?;
            session.wait_url("/apps").await?;
            session.screenshot("4-not-found").await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn create_app_validates_then_creates() -> Result {
    Session::start("create")
        .await?
        .run(async |session| {
            session.open("/apps").await?;
            session
                .wait_texts(ROWS, "the app list", |names| names.len() >= 12)
                .await?;
            session.click_text("button", "Create an app").await?;
            session.find("dialog[open] #create-app-name").await?;

            // The shared rules, live.
            session.type_into("#create-app-name", "Bad_Name-").await?;
            session
                .wait_text(
                    ".field__errors",
                    "Name can only contain lowercase letters, digits and hyphens",
                )
                .await?;
            session
                .wait_text(".field__errors", "Name can't end with a hyphen")
                .await?;
            // Submitting keeps the dialog and what was typed.
            session
                .click_text("dialog button[type='submit']", "Create app")
                .await?;
            session.find("dialog[open]").await?;
            assert_eq!(session.value("#create-app-name").await?, "Bad_Name-");
            session.screenshot("1-invalid").await?;

            // A taken name: the rules pass, the API's dry run says no.
            session.type_into("#create-app-name", "shop-api").await?;
            session
                .wait_text(".field__errors", "Name has already been taken")
                .await?;
            session.screenshot("2-taken").await?;

            // A good name: available, then created and listed.
            session
                .type_into("#create-app-name", "e2e-fresh-app")
                .await?;
            session
                .wait_text(".field__note", "e2e-fresh-app is available")
                .await?;
            session
                .click_text("dialog button[type='submit']", "Create app")
                .await?;
            session.wait_gone("dialog[open]").await?;
            session
                .wait_text(".notice", "Created e2e-fresh-app")
                .await?;
            session
                .wait_texts(ROWS, "the new app in the list", |names| {
                    names.contains(&"e2e-fresh-app".to_owned())
                })
                .await?;
            session.screenshot("3-created").await?;

            // It exists on the platform, not only on screen.
            session.open("/apps/e2e-fresh-app").await?;
            session.wait_text(".page__title .badge", "New").await?;
            session
                .wait_text("#formation-title + *", "No container types yet")
                .await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn connect_screen_refuses_a_bad_token_then_connects() -> Result {
    Session::start("connect")
        .await?
        .run(async |session| {
            session.open("/apps/shop-web").await?;
            session.wait_text("h1", "shop-web").await?;
            session.click_text(".top-bar button", "Disconnect").await?;
            session.wait_text("h1", "Connect to Scalingo").await?;

            session
                .type_into("#api-token", "tk-us-not-a-real-token")
                .await?;
            session
                .click_text("button[type='submit']", "Connect")
                .await?;
            session
                .wait_text("[role='alert']", "Invalid credentials")
                .await?;
            // What was typed stays.
            assert_eq!(session.value("#api-token").await?, "tk-us-not-a-real-token");
            session.screenshot("1-refused").await?;

            session
                .type_into("#api-token", &session.sim.demo_token)
                .await?;
            session
                .click_text("button[type='submit']", "Connect")
                .await?;
            // The page asked for before connecting is the one shown.
            session.wait_text("h1", "shop-web").await?;
            session.wait_url("/apps/shop-web").await?;
            session.wait_text(".top-bar__name", "Ada Lovelace").await?;
            session.assert_no_panic().await
        })
        .await
}
