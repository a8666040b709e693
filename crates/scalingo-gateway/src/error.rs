//! What the gateway refuses, and what can go wrong between it and the
//! upstream, as the API's error bodies (the dashboard shows their
//! `error`): each says which side failed, and none carries the token.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use scalingo_api::ErrorBody;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GatewayError {
    /// No answer (connection refused, timeout): 502 `upstream_unreachable`.
    Unreachable(String),
    /// The upstream refused the held API token: 502 `gateway_token_refused`.
    TokenRefused(String),
    /// The upstream answered something unusable: 502 `bad_upstream_answer`.
    BadAnswer(String),
    /// No region of that name upstream: 404 `resource: region`.
    UnknownRegion,
    /// A path the gateway neither forwards nor serves: 404.
    NotFound,
    /// A path with `.` or `..` segments: 400.
    BadPath,
    /// A body over the forwarded size: 413.
    TooLarge,
    /// Not forwarded on purpose: 403 with the given code.
    Refused {
        message: &'static str,
        code: &'static str,
    },
}

/// Token routes would hand a bearer to the browser, or mint tokens.
pub const TOKEN_ROUTE: GatewayError = GatewayError::Refused {
    message: "token routes are not forwarded: the gateway holds the token",
    code: "token_routes_refused",
};

/// A request a browser sent on behalf of another site.
pub const CROSS_SITE: GatewayError = GatewayError::Refused {
    message: "requests from other sites are refused: this gateway acts with an API token",
    code: "cross_site_request",
};

/// A change asked of a read-only gateway.
pub const READ_ONLY: GatewayError = GatewayError::Refused {
    message: "this dashboard is read-only: the gateway forwards only reads (GET and HEAD)",
    code: "read_only",
};

impl GatewayError {
    fn status_and_body(self) -> (StatusCode, ErrorBody) {
        let bad_gateway =
            |message: String, code| (StatusCode::BAD_GATEWAY, ErrorBody::coded(message, code));
        match self {
            GatewayError::Unreachable(detail) => bad_gateway(
                format!("the gateway cannot reach the Scalingo API: {detail}"),
                "upstream_unreachable",
            ),
            GatewayError::TokenRefused(detail) => bad_gateway(
                format!(
                    "the Scalingo API refused the gateway's API token ({detail}); \
                     set SCALINGO_API_TOKEN to a valid token and restart the gateway"
                ),
                "gateway_token_refused",
            ),
            GatewayError::BadAnswer(detail) => bad_gateway(
                format!("the Scalingo API gave the gateway an unusable answer: {detail}"),
                "bad_upstream_answer",
            ),
            GatewayError::UnknownRegion => (StatusCode::NOT_FOUND, ErrorBody::not_found("region")),
            GatewayError::NotFound => (StatusCode::NOT_FOUND, ErrorBody::message("not found")),
            GatewayError::BadPath => (
                StatusCode::BAD_REQUEST,
                ErrorBody::message("paths with '.' or '..' segments are not forwarded"),
            ),
            GatewayError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorBody::message("the request body is too large to forward"),
            ),
            GatewayError::Refused { message, code } => {
                (StatusCode::FORBIDDEN, ErrorBody::coded(message, code))
            }
        }
    }
}

impl IntoResponse for GatewayError {
    fn into_response(self) -> Response {
        let (status, body) = self.status_and_body();
        let mut response =
            (status, serde_json::to_string(&body).unwrap_or_default()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        response
    }
}

/// The reason of a client error, with its causes but without the URL
/// (the same for every request, and it says nothing the message does not).
pub fn unreachable(error: &reqwest::Error) -> GatewayError {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    let mut detail = kind.to_owned();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        detail = format!("{kind}: {cause}");
        source = cause.source();
    }
    GatewayError::Unreachable(detail)
}
