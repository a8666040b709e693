//! What the gateway refuses before anything is forwarded, as middleware:
//!
//! - requests a browser sent on behalf of another site: they could still
//!   change things (a form posting to the gateway needs no CORS), and the
//!   gateway acts with a token. A browser says where a request comes from
//!   in `Sec-Fetch-Site` (every current browser, on every request, and no
//!   page can set it); older ones only in `Origin`, which is then compared
//!   with `Host` (a reverse proxy in front must pass `Host` through);
//! - with `--read-only`, every request but `GET` and `HEAD`, whatever the
//!   page asks: read-only is then a property of the server, not a
//!   setting of the browser.
//!
//! And what it writes down: one line per request (method, path, status,
//! time), never a header or a body.

use std::time::Instant;

use axum::{
    extract::Request,
    http::{header, HeaderMap, HeaderName, Method},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::{CROSS_SITE, READ_ONLY};

const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// Whether a browser marked the request as sent on behalf of another site.
fn is_cross_site(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text(SEC_FETCH_SITE) {
        return site != "same-origin" && site != "none";
    }
    match text(header::ORIGIN) {
        // Compared without the scheme: a TLS front end may terminate HTTPS.
        Some(origin) => origin.split_once("://").map(|(_, host)| host) != text(header::HOST),
        None => false,
    }
}

pub async fn same_site_only(request: Request, next: Next) -> Response {
    if is_cross_site(request.headers()) {
        return CROSS_SITE.into_response();
    }
    next.run(request).await
}

pub async fn reads_only(request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return READ_ONLY.into_response();
    }
    next.run(request).await
}

pub async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let start = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path = path.as_str(),
        status = response.status().as_u16(),
        ms = start.elapsed().as_millis() as u64,
    );
    response
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_same_origin_requests_pass() {
        let host = ("host", "127.0.0.1:8080");
        assert!(!is_cross_site(&headers(&[host])));
        assert!(!is_cross_site(&headers(&[
            host,
            ("origin", "http://127.0.0.1:8080")
        ])));
        assert!(is_cross_site(&headers(&[
            host,
            ("origin", "https://evil.example")
        ])));
        assert!(is_cross_site(&headers(&[host, ("origin", "null")])));
        assert!(is_cross_site(&headers(&[
            host,
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(is_cross_site(&headers(&[
            host,
            ("sec-fetch-site", "same-site")
        ])));
        // The browser's word wins over a Host a front end rewrote.
        assert!(!is_cross_site(&headers(&[
            ("host", "gateway.internal:8080"),
            ("origin", "https://portal.example.com"),
            ("sec-fetch-site", "same-origin"),
        ])));
    }
}
