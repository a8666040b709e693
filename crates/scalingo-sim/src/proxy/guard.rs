//! The proxy acts with the user's API token, so only the dashboard it
//! serves may use it, not any page the browser has open: no CORS headers
//! (other origins cannot read answers), and requests a browser marks as
//! coming from another site are refused before anything is forwarded
//! (they could still change things: a form posting to the proxy needs no
//! CORS). Browsers send `Origin` on every request that is not a same-origin
//! `GET`, and `Sec-Fetch-Site` on every request.

use axum::http::{header, HeaderMap};

use super::error::ProxyError;

const CROSS_SITE: ProxyError = ProxyError::Refused {
    message: "requests from other sites are refused: this proxy acts with an API token",
    code: "cross_site_request",
};

/// `Err` for a request that a browser sent on behalf of another site.
pub fn same_origin_only(headers: &HeaderMap) -> Result<(), ProxyError> {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        if site != "same-origin" && site != "none" {
            return Err(CROSS_SITE);
        }
    }
    if let Some(origin) = text(header::ORIGIN) {
        let origin_host = origin.split_once("://").map(|(_, host)| host);
        // Compared without the scheme: a TLS front end may terminate HTTPS.
        if origin_host.is_none() || origin_host != text(header::HOST) {
            return Err(CROSS_SITE);
        }
    }
    Ok(())
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
        assert!(same_origin_only(&headers(&[("host", "127.0.0.1:8080")])).is_ok());
        assert!(same_origin_only(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
            ("sec-fetch-site", "same-origin"),
        ]))
        .is_ok());
        assert!(same_origin_only(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "https://evil.example"),
        ]))
        .is_err());
        assert!(
            same_origin_only(&headers(&[("host", "127.0.0.1:8080"), ("origin", "null"),])).is_err()
        );
        assert!(same_origin_only(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("sec-fetch-site", "cross-site"),
        ]))
        .is_err());
    }
}
