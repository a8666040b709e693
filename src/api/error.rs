//! The error every API call can return, worded for people.

use scalingo_api::ErrorBody;

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request did not get an answer: offline, DNS, CORS refusal…
    #[error("Could not reach the Scalingo API: {0}. Check the connection and retry.")]
    Network(String),
    /// The API answered with an error status; `body` holds its message.
    #[error("{}", http_message(*.status, .body))]
    Http {
        status: u16,
        body: Box<ErrorBody>,
        /// Seconds to wait before retrying (`Retry-After`), when sent.
        retry_after: Option<u32>,
    },
    /// The API answered, but not with what the dashboard can read.
    #[error("The API sent a response the dashboard could not read ({0}).")]
    Decode(String),
    /// No session: the user must connect first.
    #[error("You are not connected.")]
    NotConnected,
    /// Read-only mode refuses every change before it reaches the API.
    #[error("Read-only mode: changes are turned off.")]
    ReadOnly,
}

fn http_message(status: u16, body: &ErrorBody) -> String {
    if let Some(summary) = body.summary() {
        return summary;
    }
    match status {
        400 => "The API rejected the request as invalid.".to_owned(),
        401 => "The API refused the credentials: connect again.".to_owned(),
        402 => "This action needs a payment method on the account.".to_owned(),
        403 => "You are not allowed to do this.".to_owned(),
        404 => "Not found.".to_owned(),
        409 => "The request conflicts with the current state: retry in a moment.".to_owned(),
        422 => "The API rejected the values sent.".to_owned(),
        429 => {
            "Too many requests: the API allows 60 per minute. Wait a moment and retry.".to_owned()
        }
        500..=599 => format!("The Scalingo API had a problem (HTTP {status}). Retry in a moment."),
        _ => format!("Unexpected answer from the API (HTTP {status})."),
    }
}

impl ApiError {
    /// The HTTP status, when the API answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The messages of one field of a 422, for forms.
    pub fn field_messages(&self, field: &str) -> Vec<String> {
        match self {
            ApiError::Http {
                status: 422, body, ..
            } => body.field_messages(field).to_vec(),
            _ => Vec::new(),
        }
    }

    /// True when retrying the same request later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, ApiError::Network(_))
            || matches!(self.status(), Some(408 | 409 | 425 | 429 | 500..=599))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(status: u16, body: &str) -> ApiError {
        ApiError::Http {
            status,
            body: Box::new(ErrorBody::parse(body)),
            retry_after: None,
        }
    }

    #[test]
    fn uses_the_api_message_when_there_is_one() {
        assert_eq!(
            http(404, r#"{"resource":"app","error":"not found"}"#).to_string(),
            "App not found"
        );
        assert_eq!(
            http(422, r#"{"errors":{"name":["has already been taken"]}}"#).to_string(),
            "Name has already been taken"
        );
        assert_eq!(http(429, "Retry later").to_string(), "Retry later");
    }

    #[test]
    fn falls_back_on_the_status() {
        assert!(http(503, "").to_string().contains("HTTP 503"));
        assert!(http(429, "").to_string().contains("60 per minute"));
        assert!(http(503, "").is_transient());
        assert!(!http(422, "").is_transient());
    }

    #[test]
    fn field_messages_only_for_422() {
        let error = http(422, r#"{"errors":{"name":["can't be blank"]}}"#);
        assert_eq!(error.field_messages("name"), ["can't be blank"]);
        assert!(http(400, r#"{"errors":{"name":["x"]}}"#)
            .field_messages("name")
            .is_empty());
    }
}
