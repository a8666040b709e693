//! The environment tab as a user goes through it in a real browser: the
//! list with masked values and aliases, add / edit / delete with the
//! name checked while typing, the bulk edit as `.env` text with its diff,
//! a syntax error pointed at its line, the restart offered after a
//! change, and read-only mode.

use scalingo_e2e::{wait_until, Result, Session};
use serde_json::json;

const NAMES: &str = "table.variables tbody th .variable__key";

async fn start(name: &str) -> Result<Session> {
    Session::start_with(name, |config| config.op_speed = 20.0).await
}

/// The text of the row of variable `name`.
async fn row_text(session: &Session, name: &str) -> Result<String> {
    let script = r#"
        const row = [...document.querySelectorAll('table.variables tbody tr')]
            .find(tr => tr.querySelector('th .variable__key')?.textContent === arguments[0]);
        return row ? row.textContent : null;
    "#;
    let found = session.client.execute(script, vec![json!(name)]).await?;
    Ok(found.as_str().unwrap_or_default().to_owned())
}

/// Puts `text` in the `.env` editor as a paste would.
async fn paste_env(session: &Session, text: &str) -> Result {
    session.find("#env-text").await?;
    let script = r#"
        const area = document.querySelector('#env-text');
        area.value = arguments[0];
        area.dispatchEvent(new Event('input', { bubbles: true }));
    "#;
    session.client.execute(script, vec![json!(text)]).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn add_edit_and_delete_a_variable_then_restart() -> Result {
    start("env-crud")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/environment").await?;
            session
                .wait_texts(NAMES, "the variables", |names| {
                    names.iter().any(|n| n == "DATABASE_URL")
                })
                .await?;
            // An alias says what it stands for; a secret is masked until
            // revealed.
            let alias = row_text(session, "DATABASE_URL").await?;
            assert!(
                alias.contains("alias of SCALINGO_POSTGRESQL_URL"),
                "{alias}"
            );
            let masked = row_text(session, "SCALINGO_POSTGRESQL_URL").await?;
            assert!(
                masked.contains('•') && !masked.contains("postgresql://"),
                "{masked}"
            );
            session
                .click_button("Reveal the value of SCALINGO_POSTGRESQL_URL")
                .await?;
            wait_until("the value revealed", || async {
                row_text(session, "SCALINGO_POSTGRESQL_URL")
                    .await
                    .ok()
                    .filter(|t| t.contains("postgresql://"))
            })
            .await?;
            session.screenshot("1-list").await?;

            // Add: the name is checked while typing.
            session.click_button("Add a variable").await?;
            session.type_into("#variable-name", "_BAD").await?;
            session
                .wait_text("#variable-name-errors", "must start with a letter")
                .await?;
            session.type_into("#variable-name", "FEATURE_FLAG").await?;
            session.wait_gone("#variable-name-errors li").await?;
            session.type_into("#variable-value", "on").await?;
            session.screenshot("2-add").await?;
            session.click_button("Add variable").await?;
            session.wait_text(".toasts", "Added FEATURE_FLAG.").await?;
            session
                .wait_texts(NAMES, "the new variable", |names| {
                    names.iter().any(|n| n == "FEATURE_FLAG")
                })
                .await?;
            session
                .wait_text(".env-restart", "Running containers get the new values")
                .await?;

            // Edit: the name stays, the value changes.
            session.click_button("Edit FEATURE_FLAG").await?;
            let readonly = session
                .find("#variable-name")
                .await?
                .attr("readonly")
                .await?;
            assert!(
                readonly.is_some(),
                "the name of an existing variable is read-only"
            );
            session.type_into("#variable-value", "off").await?;
            session.click_button("Save value").await?;
            session
                .wait_text(".toasts", "Changed FEATURE_FLAG.")
                .await?;
            session
                .click_button("Reveal the value of FEATURE_FLAG")
                .await?;
            wait_until("the new value", || async {
                row_text(session, "FEATURE_FLAG")
                    .await
                    .ok()
                    .filter(|t| t.contains("off"))
            })
            .await?;

            // Delete, after a confirmation.
            session.click_button("Delete FEATURE_FLAG").await?;
            session.by_role("dialog", "Delete the variable?").await?;
            session.click("dialog[open] .button--danger").await?;
            session
                .wait_text(".toasts", "Deleted FEATURE_FLAG.")
                .await?;
            session
                .wait_texts(NAMES, "the variable gone", |names| {
                    !names.iter().any(|n| n == "FEATURE_FLAG")
                })
                .await?;

            // The restart offered, through the usual confirmation.
            session.click_button("Restart now").await?;
            session.by_role("dialog", "Restart?").await?;
            session.click("dialog[open] .button--danger").await?;
            session.wait_text(".tray", "Restart shop-api").await?;
            session.wait_gone(".env-restart").await?;
            session.screenshot("3-restarting").await?;
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bulk_edit_shows_its_diff_then_applies() -> Result {
    start("env-bulk")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/environment?view=text").await?;
            let text = session.value("#env-text").await?;
            assert!(
                text.contains("DATABASE_URL=$SCALINGO_POSTGRESQL_URL"),
                "{text}"
            );
            // A syntax error is pointed at its line, and nothing can be
            // reviewed until it is fixed.
            paste_env(session, &format!("{text}this line has no equals sign\n")).await?;
            let line = text.lines().count() + 1;
            session
                .wait_text(
                    "#env-text-errors",
                    &format!("Line {line}: expected NAME=value"),
                )
                .await?;
            assert!(session.button_disabled("Review changes").await?);
            session.screenshot("1-syntax-error").await?;

            // One removed (DATABASE_URL), one changed (the alias target of
            // nothing: a plain value), one added.
            let edited: String = text
                .lines()
                .filter(|l| !l.starts_with("DATABASE_URL="))
                .map(|l| {
                    if l.starts_with("SCALINGO_POSTGRESQL_URL=") {
                        "SCALINGO_POSTGRESQL_URL=postgresql://changed@db:5432/shop".to_owned()
                    } else {
                        l.to_owned()
                    }
                })
                .chain(["NEW_SETTING=\"hello world\"".to_owned()])
                .collect::<Vec<_>>()
                .join("\n");
            paste_env(session, &edited).await?;
            session
                .wait_text("#env-text-status", "1 added, 1 changed, 1 removed")
                .await?;
            session.click_button("Review changes").await?;
            session
                .wait_text("#env-review-title", "Review: 1 added, 1 changed, 1 removed")
                .await?;
            // Values are masked in the diff until asked for.
            let diff = session.texts(".env-diff").await?.join("\n");
            assert!(
                diff.contains("NEW_SETTING") && !diff.contains("hello world"),
                "{diff}"
            );
            session.click_button("Show values").await?;
            session.wait_text(".env-diff", "hello world").await?;
            session.screenshot("2-diff").await?;
            session.click_button("Apply changes").await?;
            session
                .wait_text(
                    ".toasts",
                    "Environment updated: 1 added, 1 changed, 1 removed.",
                )
                .await?;
            session
                .wait_text(".env-restart", "Running containers get the new values")
                .await?;
            // What the platform now has is what was typed.
            let after = session.value("#env-text").await?;
            assert!(after.contains("NEW_SETTING=\"hello world\""), "{after}");
            assert!(!after.contains("DATABASE_URL="), "{after}");
            assert!(
                after.contains("SCALINGO_POSTGRESQL_URL=postgresql://changed@db:5432/shop"),
                "{after}"
            );
            session.assert_no_panic().await
        })
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn read_only_mode_shows_no_change_control() -> Result {
    start("env-read-only")
        .await?
        .run(async |session| {
            session.open("/apps/shop-api/environment").await?;
            session.read_only_on().await?;
            session.open("/apps/shop-api/environment").await?;
            session
                .wait_texts(NAMES, "the variables", |names| names.len() >= 5)
                .await?;
            for control in ["Add a variable", "Edit DATABASE_URL", "Delete DATABASE_URL"] {
                assert!(!session.has_role("button", control).await, "{control}");
            }
            session.open("/apps/shop-api/environment?view=text").await?;
            let area = session.find("#env-text").await?;
            assert!(area.attr("readonly").await?.is_some());
            assert!(!session.has_role("button", "Review changes").await);
            session.assert_no_panic().await
        })
        .await
}
