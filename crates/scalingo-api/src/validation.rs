//! Validation rules shared by the dashboard (live feedback while typing) and
//! the simulator (the messages of its 422 bodies).

/// Which naming rules apply: child apps have a shorter maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppNameKind {
    App,
    Child,
}

impl AppNameKind {
    pub const fn min_len(self) -> usize {
        6
    }

    pub const fn max_len(self) -> usize {
        match self {
            AppNameKind::App => 48,
            AppNameKind::Child => 32,
        }
    }
}

/// Every rule `name` breaks, as the API words it (Rails-style fragments to
/// be prefixed with the field name, see [`crate::full_message`]). Empty when
/// the name is valid.
pub fn app_name_errors(name: &str, kind: AppNameKind) -> Vec<String> {
    if name.is_empty() {
        return vec!["can't be blank".to_owned()];
    }
    let mut errors = Vec::new();
    let length = name.chars().count();
    if length < kind.min_len() {
        errors.push(format!(
            "is too short (minimum is {} characters)",
            kind.min_len()
        ));
    }
    if length > kind.max_len() {
        errors.push(format!(
            "is too long (maximum is {} characters)",
            kind.max_len()
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errors.push("should contain only lowercap letters, digits and hyphens".to_owned());
    }
    if name.starts_with('-') {
        errors.push("can't start with an hyphen".to_owned());
    }
    if name.len() > 1 && name.ends_with('-') {
        errors.push("can't end with an hyphen".to_owned());
    }
    if name.contains("--") {
        errors.push("can't contain 2 consecutive hyphens".to_owned());
    }
    errors
}

/// True when `name` follows every rule.
pub fn is_valid_app_name(name: &str, kind: AppNameKind) -> bool {
    app_name_errors(name, kind).is_empty()
}

/// The message of a `current_name` that does not match the app's name.
pub const CURRENT_NAME_MISMATCH: &str = "Provided name does not match app name";

/// The hard limit of containers per process type.
pub const MAX_CONTAINERS_PER_TYPE: i64 = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use AppNameKind::*;

    #[test]
    fn valid_names() {
        for name in ["my-app", "abcdef", "a1-b2-c3", "123456", &"a".repeat(48)] {
            assert!(is_valid_app_name(name, App), "{name}");
        }
        assert!(is_valid_app_name(&"a".repeat(32), Child));
    }

    #[test]
    fn each_rule_has_its_message() {
        assert_eq!(app_name_errors("", App), ["can't be blank"]);
        assert_eq!(
            app_name_errors("abc", App),
            ["is too short (minimum is 6 characters)"]
        );
        assert_eq!(
            app_name_errors(&"a".repeat(49), App),
            ["is too long (maximum is 48 characters)"]
        );
        assert_eq!(
            app_name_errors(&"a".repeat(33), Child),
            ["is too long (maximum is 32 characters)"]
        );
        assert_eq!(
            app_name_errors("My_App1", App),
            ["should contain only lowercap letters, digits and hyphens"]
        );
        assert_eq!(
            app_name_errors("-myapp", App),
            ["can't start with an hyphen"]
        );
        assert_eq!(app_name_errors("myapp-", App), ["can't end with an hyphen"]);
        assert_eq!(
            app_name_errors("my--app", App),
            ["can't contain 2 consecutive hyphens"]
        );
    }

    #[test]
    fn several_rules_at_once() {
        assert_eq!(
            app_name_errors("a--", App),
            [
                "is too short (minimum is 6 characters)",
                "can't end with an hyphen",
                "can't contain 2 consecutive hyphens"
            ]
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // Six characters, twelve bytes: too short is not reported.
        let errors = app_name_errors("éééééé", App);
        assert_eq!(
            errors,
            ["should contain only lowercap letters, digits and hyphens"]
        );
    }
}
