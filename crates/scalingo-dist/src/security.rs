//! The security headers of the dashboard's files, `index.html` included.
//!
//! The Content-Security-Policy allows what the built app needs and nothing
//! else: its own scripts (no inline script: the build moves trunk's
//! start-up script to a file) and WebAssembly compilation
//! (`'wasm-unsafe-eval'`), its own styles, images from itself and `data:`
//! URLs, and connections to the services the server names (the API of
//! each region, the hosts of the signed logs URLs), over HTTP and over
//! WebSocket (the logs stream). A server may name where violations are
//! reported (the simulator keeps them, so tests can see one).
//!
//! The other headers: no MIME sniffing, no referrer (URLs may carry app
//! names), no framing by other sites, a browsing context of its own, and
//! no access to devices the dashboard never uses.

use axum::{
    http::{header, HeaderName, HeaderValue},
    response::Response,
};

const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/// `scheme://host[:port]` of an absolute URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!scheme.is_empty() && !authority.is_empty()).then(|| format!("{scheme}://{authority}"))
}

/// The WebSocket source of an HTTP one: `http://h` → `ws://h`,
/// `https://h` → `wss://h`.
fn websocket_twin(source: &str) -> Option<String> {
    if let Some(rest) = source.strip_prefix("https://") {
        Some(format!("wss://{rest}"))
    } else {
        source
            .strip_prefix("http://")
            .map(|rest| format!("ws://{rest}"))
    }
}

/// The policy of a dashboard that connects to `connect` besides its own
/// origin (HTTP sources: origins or `*.` wildcards; each is allowed over
/// WebSocket too) and reports violations to `report_uri`, if any.
pub fn content_security_policy(connect: &[String], report_uri: Option<&str>) -> String {
    let mut sources = vec!["'self'".to_owned()];
    for source in connect {
        for candidate in [Some(source.to_owned()), websocket_twin(source)]
            .into_iter()
            .flatten()
        {
            if !sources.contains(&candidate) {
                sources.push(candidate);
            }
        }
    }
    let mut directives = vec![
        "default-src 'self'".to_owned(),
        "script-src 'self' 'wasm-unsafe-eval'".to_owned(),
        "style-src 'self'".to_owned(),
        // Addon providers' logos come from the API as https URLs.
        "img-src 'self' data: https:".to_owned(),
        format!("connect-src {}", sources.join(" ")),
        "object-src 'none'".to_owned(),
        "base-uri 'self'".to_owned(),
        "form-action 'self'".to_owned(),
        "frame-ancestors 'self'".to_owned(),
    ];
    if let Some(uri) = report_uri {
        directives.push(format!("report-uri {uri}"));
    }
    directives.join("; ")
}

/// Sets the policy and the other security headers on a response.
pub fn set_security_headers(policy: &str, response: &mut Response) {
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            PERMISSIONS_POLICY,
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_services_over_http_and_websocket() {
        let policy = content_security_policy(
            &[
                "http://127.0.0.1:8080".to_owned(),
                "https://api.osc-fr1.scalingo.com".to_owned(),
                "http://127.0.0.1:8080".to_owned(),
            ],
            Some("http://127.0.0.1:8080/_sim/csp-reports"),
        );
        assert_eq!(
            policy,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data: https:; connect-src 'self' http://127.0.0.1:8080 ws://127.0.0.1:8080 \
             https://api.osc-fr1.scalingo.com wss://api.osc-fr1.scalingo.com; object-src 'none'; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'self'; \
             report-uri http://127.0.0.1:8080/_sim/csp-reports"
        );
        assert!(!content_security_policy(&[], None).contains("report-uri"));
        assert_eq!(
            origin_of("https://api.example.com:8443/v1/apps?x=1").as_deref(),
            Some("https://api.example.com:8443")
        );
        assert_eq!(origin_of("/relative"), None);
    }
}
