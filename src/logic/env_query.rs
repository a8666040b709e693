//! The environment tab's view state, kept in its URL: the filter, the
//! order, whether the variables are edited as `.env` text, and whether
//! aliases are shown resolved.

use scalingo_api::Variable;

use super::query_string::QueryString;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvQuery {
    /// Shows the variables whose name holds this, whatever the case.
    pub filter: String,
    /// Names from Z to A.
    pub descending: bool,
    /// The `.env` text editor instead of the list.
    pub as_text: bool,
    /// Aliases (`$OTHER`) shown with the value they stand for.
    pub resolved: bool,
}

impl EnvQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let on = |key: &str| get(key).is_some_and(|v| v == "1");
        EnvQuery {
            filter: get("q").unwrap_or_default(),
            descending: get("sort").is_some_and(|v| v == "desc"),
            as_text: get("view").is_some_and(|v| v == "text"),
            resolved: on("resolved"),
        }
    }

    pub fn to_query_string(&self) -> String {
        QueryString::new()
            .text("q", &self.filter)
            .text("sort", if self.descending { "desc" } else { "" })
            .text("view", if self.as_text { "text" } else { "" })
            .flag("resolved", self.resolved)
            .finish()
    }

    /// The variables shown, in order. Only names are matched: a filter
    /// must not tell which secret holds a string.
    pub fn shown(&self, variables: &[Variable]) -> Vec<Variable> {
        let needle = self.filter.trim().to_lowercase();
        let mut shown: Vec<Variable> = variables
            .iter()
            .filter(|v| needle.is_empty() || v.name.to_lowercase().contains(&needle))
            .cloned()
            .collect();
        shown.sort_by(|a, b| a.name.cmp(&b.name));
        if self.descending {
            shown.reverse();
        }
        shown
    }
}

/// "3 lines · 1,204 characters" for a value, or its length alone when it
/// fits on one line.
pub fn value_size(value: &str) -> String {
    let characters = value.chars().count();
    let lines = value.lines().count().max(1);
    let characters = super::format::thousands(characters as u64);
    if lines > 1 {
        format!("{lines} lines · {characters} characters")
    } else {
        format!("{characters} characters")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variable(name: &str) -> Variable {
        Variable {
            id: format!("id-{name}"),
            name: name.to_owned(),
            value: Some("v".to_owned()),
            ..Default::default()
        }
    }

    #[test]
    fn round_trips_through_the_url() {
        let query = EnvQuery {
            filter: "db url".into(),
            descending: true,
            as_text: true,
            resolved: true,
        };
        let text = query.to_query_string();
        assert_eq!(text, "?q=db%20url&sort=desc&view=text&resolved=1");
        let pairs: Vec<(String, String)> = text[1..]
            .split('&')
            .map(|p| p.split_once('=').unwrap())
            .map(|(k, v)| {
                (
                    k.to_owned(),
                    percent_encoding::percent_decode_str(v)
                        .decode_utf8_lossy()
                        .into_owned(),
                )
            })
            .collect();
        let read = EnvQuery::from_params(|key| {
            pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        });
        assert_eq!(read, query);
        assert_eq!(EnvQuery::default().to_query_string(), "");
    }

    #[test]
    fn filters_names_only_and_sorts() {
        let mut secret = variable("API_KEY");
        secret.value = Some("database".into());
        let all = [variable("DATABASE_URL"), secret, variable("database_pool")];
        let query = EnvQuery {
            filter: "DataBase".into(),
            ..Default::default()
        };
        let names: Vec<String> = query.shown(&all).into_iter().map(|v| v.name).collect();
        assert_eq!(names, ["DATABASE_URL", "database_pool"]);
        let query = EnvQuery {
            descending: true,
            ..Default::default()
        };
        let names: Vec<String> = query.shown(&all).into_iter().map(|v| v.name).collect();
        assert_eq!(names, ["database_pool", "DATABASE_URL", "API_KEY"]);
    }

    #[test]
    fn sizes_say_lines_when_there_are_several() {
        assert_eq!(value_size("abc"), "3 characters");
        assert_eq!(value_size(""), "0 characters");
        assert_eq!(value_size("a\nb\nc"), "3 lines · 5 characters");
        assert_eq!(value_size(&"x".repeat(32_768)), "32,768 characters");
    }
}
