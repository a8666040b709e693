//! Errors of the API as plain data: a status and a body in the shapes the
//! real platform uses (see `scalingo_api::ErrorBody`). The HTTP layer
//! turns them into responses (see `http::response`).

use scalingo_api::{ErrorBody, FieldErrors, CURRENT_NAME_MISMATCH, INTERNAL_ERROR_MESSAGE};

/// An error answer: a status and a body (boxed: errors travel through many
/// `Result`s and should not make every one of them large).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub body: Box<ErrorBody>,
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The message of a 401 that does not say more.
pub const NOT_AUTHORIZED: &str = "You are not authorized to do this operation";

/// The message of a region whose API is down (the Go client's wording).
pub const UNAVAILABLE_MESSAGE: &str = "upstream provider returned an error, retry later";

impl ApiError {
    pub fn new(status: u16, body: ErrorBody) -> Self {
        ApiError {
            status,
            body: Box::new(body),
        }
    }

    /// 400 `{"error"}`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, ErrorBody::message(message))
    }

    /// 400 for a body that is not JSON.
    pub fn invalid_json(detail: impl std::fmt::Display) -> Self {
        Self::bad_request(format!(
            "There was a problem in the JSON you submitted: {detail}"
        ))
    }

    /// 401 `{"error"}`.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(401, ErrorBody::message(message))
    }

    /// 402 of the free-usage rule, about `resource` (`app`, `containers`).
    pub fn free_trial_exceeded(
        resource: &str,
        message: impl Into<String>,
        billing_url: &str,
    ) -> Self {
        let mut body = ErrorBody::free_trial_exceeded(message, billing_url);
        // Clients test the suffix; the platform prefixes it with the resource.
        body.name = Some(format!("{resource}-free-trial-exceeded"));
        Self::new(402, body)
    }

    /// 403 `{"error","code"}`: authenticated, but the role does not allow it.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(403, ErrorBody::coded(message, "forbidden"))
    }

    /// 403 `{"error","code":"expired"}`: a signed URL past its time.
    pub fn expired(message: impl Into<String>) -> Self {
        Self::new(403, ErrorBody::coded(message, "expired"))
    }

    /// 404 `{"resource","error":"not found"}`.
    pub fn not_found(resource: &str) -> Self {
        Self::new(404, ErrorBody::not_found(resource))
    }

    /// 404 `{"error": "<what> not found"}`, for what has no resource name
    /// (a path no route serves, a download that is gone).
    pub fn gone(what: &str) -> Self {
        Self::new(404, ErrorBody::message(format!("{what} not found")))
    }

    /// 404 `{"error":"not found"}` for a path no route serves.
    pub fn no_route() -> Self {
        Self::new(404, ErrorBody::message("not found"))
    }

    /// 404 `{"error":"no metrics found"}`: a series or value with no data.
    pub fn no_metrics() -> Self {
        Self::new(404, ErrorBody::message("no metrics found"))
    }

    /// 405 `{"error":"method not allowed"}`.
    pub fn method_not_allowed() -> Self {
        Self::new(405, ErrorBody::message("method not allowed"))
    }

    /// 409 `{"error"}`: the resource's state blocks the action.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(409, ErrorBody::message(message))
    }

    /// 422 `{"errors":{field:[message]}}`.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::new(422, ErrorBody::field(field, message))
    }

    /// 422 with messages on one field.
    pub fn field_messages(field: &str, messages: Vec<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), messages);
        Self::validation(errors)
    }

    /// 422 with messages on several fields.
    pub fn validation(errors: FieldErrors) -> Self {
        Self::new(422, ErrorBody::validation(errors))
    }

    /// 422 on `current_name`.
    pub fn current_name_mismatch() -> Self {
        Self::field("current_name", CURRENT_NAME_MISMATCH)
    }

    /// 429 `{"error": "Too Many Requests", "code": "rate_limited"}` (the
    /// simulator's convention: the reference leaves the body open). Sent
    /// with `Retry-After` (see `http::response::rate_limited`).
    pub fn too_many_requests() -> Self {
        Self::new(429, ErrorBody::coded("Too Many Requests", "rate_limited"))
    }

    /// 500 with the platform's own (misspelt) message.
    pub fn internal() -> Self {
        Self::new(500, ErrorBody::message(INTERNAL_ERROR_MESSAGE))
    }

    /// 502 or 503 with the platform's message about a failing provider (a
    /// region down).
    pub fn unavailable(status: u16) -> Self {
        Self::new(status, ErrorBody::message(UNAVAILABLE_MESSAGE))
    }
}
