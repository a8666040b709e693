//! What can go wrong between the proxy and upstream, as the API errors the
//! browser gets: each says which side failed, and never shows the token.

use axum::http::StatusCode;
use scalingo_api::ErrorBody;

use crate::error::ApiError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyError {
    /// No answer (connection refused, timeout): 502 `upstream_unreachable`.
    Unreachable(String),
    /// Upstream refused the held API token: 502 `proxy_token_refused`.
    TokenRefused(String),
    /// Upstream answered something unusable: 502 `bad_upstream_answer`.
    BadAnswer(String),
    /// No region of that name upstream: 404 `resource: region`.
    UnknownRegion,
    /// Not forwarded on purpose: 403 with the given code.
    Refused {
        message: &'static str,
        code: &'static str,
    },
    /// A path with `.` or `..` segments: 400.
    BadPath,
}

impl ProxyError {
    pub fn into_api_error(self) -> ApiError {
        let coded = |status, message: String, code: &str| {
            ApiError::new(status, ErrorBody::coded(message, code))
        };
        match self {
            ProxyError::Unreachable(detail) => coded(
                StatusCode::BAD_GATEWAY,
                format!("the proxy cannot reach the Scalingo API: {detail}"),
                "upstream_unreachable",
            ),
            ProxyError::TokenRefused(detail) => coded(
                StatusCode::BAD_GATEWAY,
                format!(
                    "the Scalingo API refused the proxy's API token ({detail}); \
                     set SCALINGO_API_TOKEN to a valid token and restart the proxy"
                ),
                "proxy_token_refused",
            ),
            ProxyError::BadAnswer(detail) => coded(
                StatusCode::BAD_GATEWAY,
                format!("the Scalingo API gave the proxy an unusable answer: {detail}"),
                "bad_upstream_answer",
            ),
            ProxyError::UnknownRegion => ApiError::not_found("region"),
            ProxyError::Refused { message, code } => {
                coded(StatusCode::FORBIDDEN, message.to_owned(), code)
            }
            ProxyError::BadPath => {
                ApiError::bad_request("paths with '.' or '..' segments are not forwarded")
            }
        }
    }
}

impl From<ProxyError> for ApiError {
    fn from(error: ProxyError) -> Self {
        error.into_api_error()
    }
}

/// The reason of a client error, without the URL (it is the same for every
/// request, and says nothing the message does not).
pub fn unreachable(error: &reqwest::Error) -> ProxyError {
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
    ProxyError::Unreachable(detail)
}
