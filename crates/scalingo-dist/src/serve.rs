//! A file of the build, its `.br` or `.gz` copy when the client accepts it
//! and the build wrote one, or `index.html` for the client-side routes.

use std::path::Path;

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::{caching::set_cache_control, security::set_security_headers};

/// The answer to `request` for `inside`, a path relative to the base (`/`,
/// `/apps/x`, `/app-<hash>.js`), from the build in `dist`, with its
/// caching and security headers (`policy`: the Content-Security-Policy).
pub async fn serve(dist: &Path, inside: &str, request: Request, policy: &str) -> Response {
    // A path no file can have (a segment longer than file names may be: a
    // deep link to an app name of thousands of characters) is a route of
    // the dashboard: its index, not an error of the file system.
    let inside = if inside.split('/').any(|segment| segment.len() > 255) {
        "/"
    } else {
        inside
    };
    let (mut parts, body) = request.into_parts();
    let Some(uri) = with_path(&parts.uri, inside) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    parts.uri = uri;
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let request = Request::from_parts(parts, body);
    // A missing file (`x.wasm`, a chunk of an earlier build) is a 404 its
    // loader can report; any other path is a route of the dashboard (app
    // names have no dot).
    let mut response = if is_file_path(inside) {
        match files.oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        }
    } else {
        let index = ServeFile::new(dist.join("index.html"))
            .precompressed_br()
            .precompressed_gzip();
        match files.fallback(index).oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        }
    };
    // Which copy is sent depends on `Accept-Encoding`: caches must know.
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    set_cache_control(inside, &mut response);
    set_security_headers(policy, &mut response);
    response
}

/// Whether `path` names a file (its last segment has an extension).
fn is_file_path(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// `uri` with its path replaced, the query kept.
fn with_path(uri: &Uri, path: &str) -> Option<Uri> {
    let path_and_query = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    path_and_query.parse().ok()
}
