//! Splitting an API error between the fields of a form.

use scalingo_api::{full_message, ErrorBody};

/// The full messages of `field` in a 422 body.
pub fn field_messages(body: &ErrorBody, field: &str) -> Vec<String> {
    body.field_messages(field)
        .iter()
        .map(|message| full_message(field, message))
        .collect()
}

/// Every message of a 422 body except those of `shown` fields, as one line;
/// `None` when nothing is left.
pub fn other_messages(body: &ErrorBody, shown: &[&str]) -> Option<String> {
    let rest: Vec<String> = body
        .errors
        .iter()
        .filter(|(field, _)| !shown.contains(&field.as_str()))
        .flat_map(|(field, messages)| messages.iter().map(move |m| full_message(field, m)))
        .collect();
    (!rest.is_empty()).then(|| rest.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_fields() {
        let body = ErrorBody::parse(
            r#"{"errors":{"current_name":["Provided name does not match app name"],"name":["is too short (minimum is 6 characters)"]}}"#,
        );
        assert_eq!(
            field_messages(&body, "current_name"),
            ["Provided name does not match app name"]
        );
        assert_eq!(other_messages(&body, &["current_name", "name"]), None);
        assert_eq!(
            other_messages(&body, &["current_name"]).unwrap(),
            "Name is too short (minimum is 6 characters)"
        );
    }
}
