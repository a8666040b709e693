//! Environment variables of an application: the object, the bodies of the
//! single and bulk changes, and the rules of names and values shared by
//! the dashboard (live feedback) and the simulator (its 422 bodies).

use serde::{Deserialize, Serialize};

use crate::{lenient, FieldErrors};

/// The longest name, in characters.
pub const MAX_VARIABLE_NAME_LEN: usize = 64;
/// The longest value, in characters (8192 until 2026-03-20).
pub const MAX_VARIABLE_VALUE_LEN: usize = 32768;

/// A variable, as listed, created and updated.
///
/// `value` is `None` when the server left it out: the simulator does so
/// for limited collaborators, who may see the names but not the values
/// (how the platform hides them is not documented).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Variable {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub app_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub value: Option<String>,
}

impl Variable {
    /// The name another variable's value refers to, when this one is an
    /// alias (`$OTHER`).
    pub fn alias_of(&self) -> Option<&str> {
        self.value.as_deref().and_then(alias_target)
    }

    /// True when the server did not send the value.
    pub fn is_hidden(&self) -> bool {
        self.value.is_none()
    }
}

/// `{"variables": […]}`: the list, and the answer of the bulk edit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VariablesResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub variables: Vec<Variable>,
}

/// `{"variable": …}`: the answer of a creation or an update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VariableResponse {
    pub variable: Variable,
}

/// A name and a value: what a creation sends, and each item of the bulk
/// edit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewVariable {
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub value: String,
}

/// Body of `POST /apps/:app/variables`: `{"variable": {"name", "value"}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateVariableRequest {
    pub variable: NewVariable,
}

/// The value of `PATCH /apps/:app/variables/:id` (a name never changes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VariableUpdate {
    #[serde(default, deserialize_with = "lenient::string")]
    pub value: String,
}

/// Body of `PATCH /apps/:app/variables/:id`: `{"variable": {"value"}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateVariableRequest {
    pub variable: VariableUpdate,
}

/// Body of `PUT /apps/:app/variables`, the bulk edit: variables created or
/// updated by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BulkVariablesRequest {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub variables: Vec<NewVariable>,
}

/// Body of `DELETE /apps/:app/variables`: the ids to delete (the API also
/// takes them in the query, as `variable_ids[]=`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteVariablesRequest {
    #[serde(default, deserialize_with = "lenient::strings")]
    pub variable_ids: Vec<String>,
}

/// Every rule `name` breaks, as the API words it (fragments to prefix with
/// the field name, see [`crate::full_message`]); empty when it is valid. A
/// blank name breaks two rules, as recorded on the platform.
pub fn variable_name_errors(name: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if name.trim().is_empty() {
        errors.push("can't be blank".to_owned());
    }
    if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        errors.push("must start with a letter".to_owned());
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        errors.push("should contain only letters, digits and underscores".to_owned());
    }
    if name.chars().count() > MAX_VARIABLE_NAME_LEN {
        errors.push(format!(
            "is too long (maximum is {MAX_VARIABLE_NAME_LEN} characters)"
        ));
    }
    errors
}

/// Every rule `value` breaks; empty when it is valid. Blank is Rails'
/// blank: empty or only whitespace.
pub fn variable_value_errors(value: &str) -> Vec<String> {
    if value.trim().is_empty() {
        return vec!["can't be blank".to_owned()];
    }
    if value.chars().count() > MAX_VARIABLE_VALUE_LEN {
        return vec![format!(
            "is too long (maximum is {MAX_VARIABLE_VALUE_LEN} characters)"
        )];
    }
    Vec::new()
}

/// The body of a 422 about a name and a value: `{"name": […], "value":
/// […]}`, with only the fields that break a rule; empty when both are
/// valid.
pub fn variable_errors(name: &str, value: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for (field, messages) in [
        ("name", variable_name_errors(name)),
        ("value", variable_value_errors(value)),
    ] {
        if !messages.is_empty() {
            errors.insert(field.to_owned(), messages);
        }
    }
    errors
}

/// The name a value refers to when the whole value is an alias, `$OTHER`
/// (the container gets the other variable's value); `None` for any other
/// value, `$` followed by something that cannot be a name included.
pub fn alias_target(value: &str) -> Option<&str> {
    let name = value.strip_prefix('$')?;
    variable_name_errors(name).is_empty().then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_platform_rules() {
        for valid in ["A", "DATABASE_URL", "a1_b2", &"N".repeat(64)] {
            assert!(variable_name_errors(valid).is_empty(), "{valid}");
        }
        assert_eq!(
            variable_name_errors(""),
            ["can't be blank", "must start with a letter"]
        );
        assert_eq!(
            variable_name_errors("_SECRET"),
            ["must start with a letter"]
        );
        assert_eq!(variable_name_errors("1PASS"), ["must start with a letter"]);
        assert_eq!(
            variable_name_errors("MY-VAR"),
            ["should contain only letters, digits and underscores"]
        );
        assert_eq!(
            variable_name_errors(&"N".repeat(65)),
            ["is too long (maximum is 64 characters)"]
        );
        assert_eq!(
            variable_name_errors(" "),
            [
                "can't be blank",
                "must start with a letter",
                "should contain only letters, digits and underscores"
            ]
        );
        // Characters, not bytes; and no Unicode letters.
        assert_eq!(
            variable_name_errors("ÉTÉ"),
            [
                "must start with a letter",
                "should contain only letters, digits and underscores"
            ]
        );
    }

    #[test]
    fn values_are_present_and_bounded() {
        assert_eq!(variable_value_errors(""), ["can't be blank"]);
        assert_eq!(variable_value_errors(" \n\t"), ["can't be blank"]);
        assert!(variable_value_errors(&"v".repeat(MAX_VARIABLE_VALUE_LEN)).is_empty());
        assert_eq!(
            variable_value_errors(&"v".repeat(MAX_VARIABLE_VALUE_LEN + 1)),
            ["is too long (maximum is 32768 characters)"]
        );
        // 32768 characters of two bytes each are still within the limit.
        assert!(variable_value_errors(&"é".repeat(MAX_VARIABLE_VALUE_LEN)).is_empty());
        assert!(variable_value_errors("-----BEGIN KEY-----\nabc\n-----END KEY-----").is_empty());
    }

    #[test]
    fn the_422_body_of_an_empty_creation_is_the_recorded_one() {
        let errors = variable_errors("", "");
        let body = serde_json::to_string(&crate::ErrorBody::validation(errors)).unwrap();
        assert_eq!(
            body,
            r#"{"errors":{"name":["can't be blank","must start with a letter"],"value":["can't be blank"]}}"#
        );
        assert!(variable_errors("OK", "yes").is_empty());
    }

    #[test]
    fn aliases_name_another_variable() {
        assert_eq!(alias_target("$DATABASE_URL"), Some("DATABASE_URL"));
        assert_eq!(alias_target("DATABASE_URL"), None);
        assert_eq!(alias_target("$"), None);
        assert_eq!(alias_target("$_X"), None);
        assert_eq!(alias_target("$A B"), None);
        assert_eq!(alias_target("postgres://$HOST/db"), None);
        assert_eq!(alias_target("$$A"), None);
    }

    #[test]
    fn odd_variables_do_not_fail_the_list() {
        let body = r#"{"variables":[
            {"id":"v1","app_id":"a1","name":"PORT","value":8080},
            {"id":"v2","name":"SECRET"},
            {"id":"v3","name":null,"value":null,"extra":[1]},
            {"id":"v4","name":"ALIAS","value":"$PORT"},
            "junk", 42, null]}"#;
        let list: VariablesResponse = serde_json::from_str(body).unwrap();
        assert_eq!(list.variables.len(), 4);
        assert_eq!(list.variables[0].value.as_deref(), Some("8080"));
        assert!(list.variables[1].is_hidden());
        assert_eq!(list.variables[2].name, "");
        assert_eq!(list.variables[3].alias_of(), Some("PORT"));
        let empty: VariablesResponse = serde_json::from_str(r#"{"variables":null}"#).unwrap();
        assert!(empty.variables.is_empty());
    }

    #[test]
    fn request_bodies_have_the_reference_shapes() {
        let create = CreateVariableRequest {
            variable: NewVariable {
                name: "A".into(),
                value: "1".into(),
            },
        };
        assert_eq!(
            serde_json::to_string(&create).unwrap(),
            r#"{"variable":{"name":"A","value":"1"}}"#
        );
        let update = UpdateVariableRequest {
            variable: VariableUpdate { value: "2".into() },
        };
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"variable":{"value":"2"}}"#
        );
        let bulk: BulkVariablesRequest =
            serde_json::from_str(r#"{"variables":[{"name":"A","value":"1"},7]}"#).unwrap();
        assert_eq!(bulk.variables.len(), 1);
        let delete: DeleteVariablesRequest =
            serde_json::from_str(r#"{"variable_ids":["v1",2,null]}"#).unwrap();
        assert_eq!(delete.variable_ids, ["v1", "2"]);
        let hidden = Variable {
            id: "v".into(),
            name: "N".into(),
            ..Variable::default()
        };
        assert_eq!(
            serde_json::to_string(&hidden).unwrap(),
            r#"{"id":"v","name":"N"}"#
        );
    }
}
