//! Errors of the API, rendered in the shapes the real platform uses (see
//! `scalingo_api::ErrorBody`).

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use scalingo_api::{ErrorBody, FieldErrors, CURRENT_NAME_MISMATCH, INTERNAL_ERROR_MESSAGE};

use crate::http::json_response;

/// An error response: a status and a body (boxed: errors travel through
/// many `Result`s and should not make every one of them large).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Box<ErrorBody>,
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The message of a 401 that does not say more.
pub const NOT_AUTHORIZED: &str = "You are not authorized to do this operation";

impl ApiError {
    pub fn new(status: StatusCode, body: ErrorBody) -> Self {
        ApiError {
            status,
            body: Box::new(body),
        }
    }

    /// 400 `{"error"}`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorBody::message(message))
    }

    /// 400 for a body that is not JSON.
    pub fn invalid_json(detail: impl std::fmt::Display) -> Self {
        Self::bad_request(format!(
            "There was a problem in the JSON you submitted: {detail}"
        ))
    }

    /// 401 `{"error"}`.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorBody::message(message))
    }

    /// 402 of the free-usage rule, about apps.
    pub fn free_trial_exceeded(message: impl Into<String>, billing_url: &str) -> Self {
        Self::free_trial_exceeded_on("app", message, billing_url)
    }

    /// 402 of the free-usage rule, about `resource` (`app`, `containers`).
    pub fn free_trial_exceeded_on(
        resource: &str,
        message: impl Into<String>,
        billing_url: &str,
    ) -> Self {
        let mut body = ErrorBody::free_trial_exceeded(message, billing_url);
        // Clients test the suffix; the platform prefixes it with the resource.
        body.name = Some(format!("{resource}-free-trial-exceeded"));
        Self::new(StatusCode::PAYMENT_REQUIRED, body)
    }

    /// 403 `{"error","code"}`: authenticated, but the role does not allow it.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorBody::coded(message, "forbidden"),
        )
    }

    /// 409 `{"error"}`: the resource's state blocks the action.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, ErrorBody::message(message))
    }

    /// 404 `{"resource","error":"not found"}`.
    pub fn not_found(resource: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorBody::not_found(resource))
    }

    /// 404 `{"error":"not found"}` for a path no route serves.
    pub fn no_route() -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorBody::message("not found"))
    }

    /// 422 `{"errors":{field:[message]}}`.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorBody::field(field, message),
        )
    }

    /// 422 with messages on one field.
    pub fn field_messages(field: &str, messages: Vec<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), messages);
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorBody::validation(errors),
        )
    }

    /// 422 on `current_name`.
    pub fn current_name_mismatch() -> Self {
        Self::field("current_name", CURRENT_NAME_MISMATCH)
    }

    /// 429 `{"error": "Too Many Requests", "code": "rate_limited"}` (the
    /// simulator's convention: the reference leaves the body open). Send
    /// it with [`rate_limited`], which adds `Retry-After`.
    pub fn too_many_requests() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorBody::coded("Too Many Requests", "rate_limited"),
        )
    }

    /// 500 with the platform's own (misspelt) message.
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorBody::message(INTERNAL_ERROR_MESSAGE),
        )
    }
}

/// A 429 telling the client to come back in `retry_after` seconds.
pub fn rate_limited(retry_after: u64) -> Response {
    let mut response = ApiError::too_many_requests().into_response();
    response.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from(retry_after.max(1)),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, &*self.body)
    }
}
