//! Responses: JSON bodies with the content type Rails sends, the empty
//! bodies of some 202s, and API errors.

use axum::{
    http::{
        header::{self, HeaderValue},
        StatusCode,
    },
    response::{IntoResponse, Response},
};
use serde::Serialize;

use crate::domain::error::ApiError;

pub const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// Whether a response carries JSON.
pub fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
}

/// A JSON response with the content type Rails sends.
pub fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    let content_type = [(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    )];
    match serde_json::to_vec(body) {
        Ok(bytes) => (status, content_type, bytes).into_response(),
        Err(error) => {
            tracing::error!(%error, "response body does not serialize");
            let body = format!(r#"{{"error":"{}"}}"#, scalingo_api::INTERNAL_ERROR_MESSAGE);
            (StatusCode::INTERNAL_SERVER_ERROR, content_type, body).into_response()
        }
    }
}

/// 200 with a JSON body.
pub fn ok<T: Serialize>(body: &T) -> Response {
    json_response(StatusCode::OK, body)
}

/// 201 with a JSON body.
pub fn created<T: Serialize>(body: &T) -> Response {
    json_response(StatusCode::CREATED, body)
}

/// 202 with `Location` pointing at the operation that carries on the work,
/// and a JSON body (scale) or none (restart: the platform sends an empty
/// `text/plain` body).
pub fn accepted<T: Serialize>(location: &str, body: Option<&T>) -> Response {
    let mut response = match body {
        Some(body) => json_response(StatusCode::ACCEPTED, body),
        None => empty(StatusCode::ACCEPTED),
    };
    with_location(&mut response, location);
    response
}

/// Sets `Location` (left out if it is not a valid header value).
pub fn with_location(response: &mut Response, location: &str) {
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
}

/// An empty `text/plain` response (202s without a body).
pub fn empty(status: StatusCode) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
    )
        .into_response()
}

/// 204, no body.
pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        json_response(status, &*self.body)
    }
}

/// A 429 telling the client to come back in `retry_after` seconds.
pub fn rate_limited(retry_after: u64) -> Response {
    let mut response = ApiError::too_many_requests().into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after.max(1)));
    response
}
