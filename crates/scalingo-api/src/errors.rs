//! Error bodies of the API, in all the shapes the reference records:
//! `{"error"}` (400, 401, 409, 500, 503), `{"resource","error"}` (404),
//! `{"errors":{field:[…]}}` (422), `{"name","error","url"}` (402),
//! `{"error","code"}` (403, 429), and plain text (`Retry later`).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::lenient;

/// Field → messages of a 422. Items that are not strings are dropped, and a
/// single string is read as a one-message list.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

fn field_errors<'de, D: Deserializer<'de>>(d: D) -> Result<FieldErrors, D::Error> {
    let Value::Object(map) = Value::deserialize(d)? else {
        return Ok(FieldErrors::new());
    };
    Ok(map
        .into_iter()
        .map(|(field, messages)| {
            let messages = match messages {
                Value::String(s) => vec![s],
                Value::Array(items) => items
                    .into_iter()
                    .filter_map(|m| m.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            };
            (field, messages)
        })
        .filter(|(_, messages)| !messages.is_empty())
        .collect())
}

/// Any error body the API sends. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Set on 404s: which kind of resource was not found.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub resource: Option<String>,
    /// 402: `…free-trial-exceeded`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub name: Option<String>,
    /// 400 on collaboration: `already-collaborator`.
    #[serde(
        default,
        rename = "type",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub kind: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub error: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub code: Option<String>,
    /// 402: where to add a payment method.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub url: Option<String>,
    /// 422: messages per field.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "field_errors"
    )]
    pub errors: FieldErrors,
}

/// The message of a 500, as the API spells it.
pub const INTERNAL_ERROR_MESSAGE: &str = "Internal error occured, we're on it!";

impl ErrorBody {
    /// `{"error": message}`.
    pub fn message(message: impl Into<String>) -> Self {
        ErrorBody {
            error: Some(message.into()),
            ..Default::default()
        }
    }

    /// `{"resource": resource, "error": "not found"}`.
    pub fn not_found(resource: &str) -> Self {
        ErrorBody {
            resource: Some(resource.to_owned()),
            error: Some("not found".to_owned()),
            ..Default::default()
        }
    }

    /// `{"errors": {field: messages}}`.
    pub fn validation(errors: FieldErrors) -> Self {
        ErrorBody {
            errors,
            ..Default::default()
        }
    }

    /// `{"errors": {field: [message]}}`.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), vec![message.into()]);
        Self::validation(errors)
    }

    /// The 402 body of an action the free trial does not allow.
    pub fn free_trial_exceeded(message: impl Into<String>, billing_url: &str) -> Self {
        ErrorBody {
            name: Some("free-trial-exceeded".to_owned()),
            error: Some(message.into()),
            url: Some(billing_url.to_owned()),
            ..Default::default()
        }
    }

    /// `{"error": message, "code": code}`.
    pub fn coded(message: impl Into<String>, code: &str) -> Self {
        ErrorBody {
            error: Some(message.into()),
            code: Some(code.to_owned()),
            ..Default::default()
        }
    }

    /// Reads an error response body: JSON in any recorded shape, or plain
    /// text (kept as the message), or nothing.
    pub fn parse(body: &str) -> Self {
        let trimmed = body.trim();
        if trimmed.is_empty() {
            return ErrorBody::default();
        }
        match serde_json::from_str::<Value>(trimmed) {
            Ok(value @ Value::Object(_)) => serde_json::from_value(value).unwrap_or_default(),
            Ok(Value::String(text)) => ErrorBody::message(text),
            // Plain text such as `Retry later`; long HTML error pages are cut.
            _ => ErrorBody::message(truncate_chars(trimmed, 300)),
        }
    }

    /// True for the 402 of the free trial (clients test the suffix).
    pub fn is_free_trial_exceeded(&self) -> bool {
        self.name
            .as_deref()
            .is_some_and(|name| name.ends_with("free-trial-exceeded"))
    }

    /// Messages of one field of a 422.
    pub fn field_messages(&self, field: &str) -> &[String] {
        self.errors.get(field).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A one-line summary for people: the API's own words, with the field
    /// names of a 422 and the resource of a 404.
    pub fn summary(&self) -> Option<String> {
        if !self.errors.is_empty() {
            let parts: Vec<String> = self
                .errors
                .iter()
                .flat_map(|(field, messages)| messages.iter().map(|m| full_message(field, m)))
                .collect();
            return Some(parts.join("; "));
        }
        match (&self.resource, &self.error) {
            (Some(resource), Some(error)) => Some(format!("{} {error}", humanize(resource))),
            (None, Some(error)) if !error.is_empty() => Some(error.clone()),
            _ => None,
        }
    }
}

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// `current_name` → `Current name`, `container-web-amount` → `Container web amount`.
pub fn humanize(field: &str) -> String {
    let spaced = field.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A Rails-style full message: `Name` + ` can't end with an hyphen`. A
/// message that already starts with a capital is a sentence of its own
/// (`Provided name does not match app name`) and is kept as is.
pub fn full_message(field: &str, message: &str) -> String {
    if message.chars().next().is_some_and(char::is_uppercase) {
        return message.to_owned();
    }
    format!("{} {message}", humanize(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_shape() {
        let e = ErrorBody::parse(r#"{"resource":"app","error":"not found"}"#);
        assert_eq!(e.summary().unwrap(), "App not found");
        let e = ErrorBody::parse(r#"{"errors":{"name":["can't end with an hyphen"]}}"#);
        assert_eq!(e.field_messages("name"), ["can't end with an hyphen"]);
        assert_eq!(e.summary().unwrap(), "Name can't end with an hyphen");
        let e = ErrorBody::parse(
            r#"{"errors":{"current_name":["Provided name does not match app name"]}}"#,
        );
        assert_eq!(
            e.summary().unwrap(),
            "Provided name does not match app name"
        );
        let e = ErrorBody::parse(r#"{"name":"app-free-trial-exceeded","error":"x","url":"u"}"#);
        assert!(e.is_free_trial_exceeded());
        let e = ErrorBody::parse("Retry later");
        assert_eq!(e.summary().unwrap(), "Retry later");
        let e = ErrorBody::parse(r#"{"errors":{"scope":"bad","x":[1,2]}}"#);
        assert_eq!(e.field_messages("scope"), ["bad"]);
        assert!(e.field_messages("x").is_empty());
        assert_eq!(ErrorBody::parse("").summary(), None);
        assert_eq!(ErrorBody::parse("[1,2]").summary().unwrap(), "[1,2]");
    }

    #[test]
    fn constructors_have_the_reference_shapes() {
        assert_eq!(
            serde_json::to_string(&ErrorBody::not_found("app")).unwrap(),
            r#"{"resource":"app","error":"not found"}"#
        );
        assert_eq!(
            serde_json::to_string(&ErrorBody::field("current_name", "x")).unwrap(),
            r#"{"errors":{"current_name":["x"]}}"#
        );
    }

    #[test]
    fn long_text_is_cut_on_a_char_boundary() {
        let body = "é".repeat(400);
        let summary = ErrorBody::parse(&body).summary().unwrap();
        assert_eq!(summary.chars().count(), 301);
    }
}
