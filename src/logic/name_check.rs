//! What the create dialog says about the name being typed: the shared
//! naming rules first, then the API's dry-run verdict.

use scalingo_api::{app_name_errors, full_message, AppNameKind};

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

/// Feedback for `name` given what the API said about `verdict_for`. A
/// verdict about another name (the user kept typing) is ignored.
pub fn feedback(
    name: &str,
    touched: bool,
    verdict_for: &str,
    verdict: &ServerVerdict,
) -> NameFeedback {
    let rules: Vec<String> = app_name_errors(name, AppNameKind::App)
        .iter()
        .map(|m| full_message("name", m))
        .collect();
    if !rules.is_empty() {
        return NameFeedback {
            errors: if touched { rules } else { Vec::new() },
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
            errors: messages.iter().map(|m| full_message("name", m)).collect(),
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
    fn rules_show_once_touched() {
        let shown = feedback("My App", true, "", &ServerVerdict::Unknown);
        assert_eq!(
            shown.errors,
            ["Name should contain only lowercap letters, digits and hyphens"]
        );
        assert!(feedback("My App", false, "", &ServerVerdict::Unknown)
            .errors
            .is_empty());
    }

    #[test]
    fn server_verdict_applies_to_its_name_only() {
        let taken = ServerVerdict::Rejected(vec!["has already been taken".to_owned()]);
        assert_eq!(
            feedback("shop-api", true, "shop-api", &taken).errors,
            ["Name has already been taken"]
        );
        assert!(feedback("shop-api2", true, "shop-api", &taken)
            .errors
            .is_empty());
        assert_eq!(
            feedback("shop-api", true, "shop-api", &ServerVerdict::Available)
                .note
                .unwrap(),
            "shop-api is available"
        );
    }
}
