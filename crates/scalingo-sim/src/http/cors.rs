//! CORS: which pages of other origins may call the API from a browser.

use std::time::Duration;

use axum::http::{header, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::extract::{X_DRY_RUN, X_REQUEST_ID};

/// Whether a browser page of `origin` may call the API: a loopback origin
/// (a dev server on another port, e.g. `trunk serve`), or one named with
/// `--allow-origin`. Not any site: the demo token is public, and a page
/// the developer happens to visit must not be able to drive the local
/// platform. The dashboard the simulator serves itself is same-origin and
/// needs no CORS.
pub fn origin_allowed(origin: &str, allowed: &[String]) -> bool {
    if allowed.iter().any(|a| a.trim_end_matches('/') == origin) {
        return true;
    }
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = match rest.strip_prefix('[') {
        // IPv6: `[::1]:8080`.
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => rest.split(':').next().unwrap_or_default(),
    };
    if rest.contains('/') || rest.contains('@') {
        return false;
    }
    matches!(host, "localhost" | "127.0.0.1" | "::1")
}

/// CORS for the API: the origins of [`origin_allowed`]; `Location` is
/// exposed for operation polling.
pub fn cors_layer(allowed: Vec<String>) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| {
            origin
                .to_str()
                .is_ok_and(|origin| origin_allowed(origin, &allowed))
        }))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::HEAD,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            X_DRY_RUN,
            X_REQUEST_ID,
        ])
        .expose_headers([header::LOCATION, X_REQUEST_ID])
        .max_age(Duration::from_secs(600))
}

#[cfg(test)]
mod tests {
    use super::origin_allowed;

    #[test]
    fn only_loopback_and_named_origins_are_allowed() {
        let none: Vec<String> = Vec::new();
        for origin in [
            "http://localhost:5173",
            "http://127.0.0.1:8080",
            "https://localhost",
            "http://[::1]:3000",
        ] {
            assert!(origin_allowed(origin, &none), "{origin}");
        }
        for origin in [
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example:80",
            "null",
            "file://",
        ] {
            assert!(!origin_allowed(origin, &none), "{origin}");
        }
        let named = vec!["https://portal.example.com/".to_owned()];
        assert!(origin_allowed("https://portal.example.com", &named));
    }
}
