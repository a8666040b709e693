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
    progress: Progress,
    verdict_for: &str,
    verdict: &ServerVerdict,
) -> NameFeedback {
    let broken = app_name_errors(name, AppNameKind::App);
    if !broken.is_empty() {
        let errors = broken
            .iter()
            .filter(|rule| match progress {
                Progress::Untouched => false,
                Progress::Typing => !rule.starts_with("is too short") && *rule != "can't be blank",
                Progress::Settled => true,
            })
            .map(|rule| full_message("name", rule))
            .collect();
        return NameFeedback { errors, note: None };
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
    fn rules_show_while_typing_except_length() {
        let unknown = &ServerVerdict::Unknown;
        assert_eq!(
            feedback("My-", Progress::Typing, "", unknown).errors,
            [
                "Name should contain only lowercap letters, digits and hyphens",
                "Name can't end with an hyphen"
            ]
        );
        assert_eq!(
            feedback("My-", Progress::Settled, "", unknown).errors,
            [
                "Name is too short (minimum is 6 characters)",
                "Name should contain only lowercap letters, digits and hyphens",
                "Name can't end with an hyphen"
            ]
        );
        assert!(feedback("My App", Progress::Untouched, "", unknown)
            .errors
            .is_empty());
        assert!(feedback("", Progress::Typing, "", unknown)
            .errors
            .is_empty());
        assert_eq!(
            feedback("", Progress::Settled, "", unknown).errors,
            ["Name can't be blank"]
        );
    }

    #[test]
    fn server_verdict_applies_to_its_name_only() {
        let taken = ServerVerdict::Rejected(vec!["has already been taken".to_owned()]);
        assert_eq!(
            feedback("shop-api", Progress::Settled, "shop-api", &taken).errors,
            ["Name has already been taken"]
        );
        assert!(feedback("shop-api2", Progress::Typing, "shop-api", &taken)
            .errors
            .is_empty());
        assert_eq!(
            feedback(
                "shop-api",
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
