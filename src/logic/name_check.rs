//! What the create dialog says about the name being typed: the shared
//! naming rules first, then the API's dry-run verdict.

use scalingo_api::{app_name_errors, full_message, AppNameKind};

/// A naming rule in the dashboard's words. The shared rules carry the
/// API's wording ("lowercap", "an hyphen"), which the simulator must keep;
/// the dashboard says the same rules in plain English.
pub fn own_wording(rule: &str) -> String {
    let sentence = match rule {
        "should contain only lowercap letters, digits and hyphens" => {
            "can only contain lowercase letters, digits and hyphens"
        }
        "can't start with an hyphen" => "can't start with a hyphen",
        "can't end with an hyphen" => "can't end with a hyphen",
        "can't contain 2 consecutive hyphens" => "can't contain two hyphens in a row",
        other => other,
    };
    full_message("name", sentence)
}

/// The naming rules `name` breaks, in the dashboard's words; while the user
/// is still typing, not that it is too short or empty yet.
pub fn rule_errors(name: &str, kind: AppNameKind, progress: Progress) -> Vec<String> {
    app_name_errors(name, kind)
        .iter()
        .filter(|rule| match progress {
            Progress::Untouched => false,
            Progress::Typing => !rule.starts_with("is too short") && *rule != "can't be blank",
            Progress::Settled => true,
        })
        .map(|rule| own_wording(rule))
        .collect()
}

/// The API's messages about a name, minus the rules the dashboard checks
/// itself (it already says them, in its own words): what is left is what
/// only the API knows, such as a name already taken.
pub fn api_only_messages(api: &[String]) -> Vec<String> {
    let known: Vec<String> = [
        "should contain only lowercap letters, digits and hyphens",
        "can't start with an hyphen",
        "can't end with an hyphen",
        "can't contain 2 consecutive hyphens",
        "can't be blank",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    let mut out: Vec<String> = Vec::new();
    for message in api {
        let rule = message.strip_prefix("Name ").unwrap_or(message);
        let is_rule = known.iter().any(|k| k == rule)
            || rule.starts_with("is too short")
            || rule.starts_with("is too long");
        let text = full_message("name", message);
        if !is_rule && !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// The API's verdict on a name, from a dry run or a real submission.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ServerVerdict {
    /// Nothing asked yet, or the name changed since.
    #[default]
    Unknown,
    Checking,
    Available,
    /// The API's messages for the `name` field.
    Rejected(Vec<String>),
    /// The check itself failed (network…): the rules may still pass.
    Unchecked(String),
}

/// What to show under the name field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameFeedback {
    /// Messages that block submission, as full sentences.
    pub errors: Vec<String>,
    /// A positive or informative note ("Checking…", "Available").
    pub note: Option<String>,
}

/// How far the user is with the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Nothing typed yet: no complaint.
    Untouched,
    /// Typing: complain about what is wrong already, but not that the name
    /// is still too short or empty.
    Typing,
    /// Left the field or submitted: every rule applies.
    Settled,
}

/// Feedback for `name` given what the API said about `verdict_for`. A
/// verdict about another name (the user kept typing) is ignored.
pub fn feedback(
    name: &str,
    kind: AppNameKind,
    progress: Progress,
    verdict_for: &str,
    verdict: &ServerVerdict,
) -> NameFeedback {
    if !app_name_errors(name, kind).is_empty() {
        return NameFeedback {
            errors: rule_errors(name, kind, progress),
            note: None,
        };
    }
    let verdict = if verdict_for == name {
        verdict
    } else {
        &ServerVerdict::Unknown
    };
    match verdict {
        ServerVerdict::Unknown => NameFeedback {
            errors: Vec::new(),
            note: None,
        },
        ServerVerdict::Checking => NameFeedback {
            errors: Vec::new(),
            note: Some("Checking availability…".to_owned()),
        },
        ServerVerdict::Available => NameFeedback {
            errors: Vec::new(),
            note: Some(format!("{name} is available")),
        },
        ServerVerdict::Rejected(messages) => NameFeedback {
            errors: {
                // A rule the API applies that the dashboard does not
                // (they disagree): the API's word is final.
                let only = api_only_messages(messages);
                if only.is_empty() {
                    messages.iter().map(|m| own_wording(m)).collect()
                } else {
                    only
                }
            },
            note: None,
        },
        ServerVerdict::Unchecked(reason) => NameFeedback {
            errors: Vec::new(),
            note: Some(format!("Could not check availability: {reason}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_show_while_typing_except_length() {
        let unknown = &ServerVerdict::Unknown;
        assert_eq!(
            feedback("My-", AppNameKind::App, Progress::Typing, "", unknown).errors,
            [
                "Name can only contain lowercase letters, digits and hyphens",
                "Name can't end with a hyphen"
            ]
        );
        assert_eq!(
            feedback("My-", AppNameKind::App, Progress::Settled, "", unknown).errors,
            [
                "Name is too short (minimum is 6 characters)",
                "Name can only contain lowercase letters, digits and hyphens",
                "Name can't end with a hyphen"
            ]
        );
        assert!(
            feedback("My App", AppNameKind::App, Progress::Untouched, "", unknown)
                .errors
                .is_empty()
        );
        assert!(
            feedback("", AppNameKind::App, Progress::Typing, "", unknown)
                .errors
                .is_empty()
        );
        assert_eq!(
            feedback("", AppNameKind::App, Progress::Settled, "", unknown).errors,
            ["Name can't be blank"]
        );
    }

    #[test]
    fn the_api_repeats_no_rule_the_dashboard_says() {
        let api = vec![
            "can't end with an hyphen".to_owned(),
            "has already been taken".to_owned(),
            "has already been taken".to_owned(),
        ];
        assert_eq!(api_only_messages(&api), ["Name has already been taken"]);
        assert!(
            api_only_messages(&["is too short (minimum is 6 characters)".to_owned()]).is_empty()
        );
        assert_eq!(
            own_wording("can't contain 2 consecutive hyphens"),
            "Name can't contain two hyphens in a row"
        );
    }

    #[test]
    fn server_verdict_applies_to_its_name_only() {
        let taken = ServerVerdict::Rejected(vec!["has already been taken".to_owned()]);
        assert_eq!(
            feedback(
                "shop-api",
                AppNameKind::App,
                Progress::Settled,
                "shop-api",
                &taken
            )
            .errors,
            ["Name has already been taken"]
        );
        assert!(feedback(
            "shop-api2",
            AppNameKind::App,
            Progress::Typing,
            "shop-api",
            &taken
        )
        .errors
        .is_empty());
        assert_eq!(
            feedback(
                "shop-api",
                AppNameKind::App,
                Progress::Settled,
                "shop-api",
                &ServerVerdict::Available
            )
            .note
            .unwrap(),
            "shop-api is available"
        );
    }
}
