//! What every answer gets on its way out: the request id, the API's
//! caching headers, gzip for JSON, and a 500 for a handler that panicked.

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tower_http::compression::{
    predicate::{And, Predicate, SizeAbove},
    CompressionLayer,
};

use super::{extract::X_REQUEST_ID, response::is_json};
use crate::domain::{error::ApiError, ids};

/// Echoes the client's `X-Request-ID` (or makes one up) on every response,
/// and sets the caching headers the API sends on JSON responses.
pub async fn request_id_and_caching(req: Request, next: Next) -> Response {
    let request_id = req
        .headers()
        .get(&X_REQUEST_ID)
        .filter(|v| !v.is_empty() && v.len() <= 200)
        .cloned()
        .unwrap_or_else(|| {
            HeaderValue::from_str(&ids::uuid(&mut rand::rng()))
                .unwrap_or(HeaderValue::from_static("request"))
        });
    let mut response = next.run(req).await;
    let json = is_json(&response);
    let success = response.status().is_success();
    let headers = response.headers_mut();
    headers.insert(X_REQUEST_ID, request_id);
    if json && !headers.contains_key(header::CACHE_CONTROL) {
        let value = if success {
            "max-age=0, private, must-revalidate"
        } else {
            "no-cache"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The compression predicate of JSON responses.
#[derive(Debug, Clone, Copy)]
pub struct JsonAnswer;

impl Predicate for JsonAnswer {
    fn should_compress<B>(&self, response: &axum::http::Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
    }
}

/// Compresses JSON bodies of more than a few hundred bytes (gzip): a list of
/// apps or a metric series shrinks tenfold. Other bodies pass as they are
/// (files come with their own compressed copies, archives are already
/// gzip, streams must not be buffered).
pub fn json_compression() -> CompressionLayer<And<SizeAbove, JsonAnswer>> {
    CompressionLayer::new()
        .gzip(true)
        .compress_when(SizeAbove::new(512).and(JsonAnswer))
}

/// The 500 of a handler that panicked (it should not; this is the net).
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!("a request handler panicked");
    ApiError::internal().into_response()
}
