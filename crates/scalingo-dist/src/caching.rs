//! How long browsers and CDNs may keep the dashboard's files. trunk puts a
//! hash of the content in the name of what it builds
//! (`app-1a2b3c4d5e6f7a8b_bg.wasm`, `style-<hash>.css`, and the start-up
//! script `start-<hash>.js`): such a file never changes under its name, so
//! it is kept a year without asking again. Everything else (`index.html`,
//! whose references change with each build, the favicon, `config.json`) is
//! revalidated on every use.

use axum::{
    http::{header, HeaderValue},
    response::Response,
};

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const REVALIDATE: &str = "no-cache";

/// True for `<name>-<hash>[_bg].<extension>`, the hash being hex digits:
/// 16 of them, or fewer when the hash starts with zeros (trunk writes it
/// as a number, without leading zeros: one build in sixteen has 15 digits).
/// Twelve at least, so that an ordinary word is not taken for one.
pub fn is_content_hashed(file_name: &str) -> bool {
    let Some((stem, _extension)) = file_name.split_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((name, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !name.is_empty()
        && (12..=64).contains(&hash.len())
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Sets `Cache-Control` on a response for the dashboard file at `path`:
/// an HTML page (which is what a client-side route gets) is never
/// immutable, whatever its path looks like.
pub(crate) fn set_cache_control(path: &str, response: &mut Response) {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let file_name = path.rsplit('/').next().unwrap_or_default();
    let policy = if response.status().is_success() && !is_html && is_content_hashed(file_name) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_recognised() {
        for hashed in [
            "app-1a2b3c4d5e6f7a8b_bg.wasm",
            "scalingo-dashboard-771dc05ce5db2b9_bg.wasm",
            "scalingo-dashboard-2285dfe43bf0a8e6.js",
            "start-0123456789abcdef.js",
            "style-b4227e46014794ed.css",
            // The chunks, their loader, and a shared chunk.
            "split_metrics_tab-8dc037667a6a3d0c.wasm",
            "chunks-2255da2605d3a008.js",
            "chunk_10-580b05a9fbdb4ac3.wasm",
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
        }
        for plain in [
            "index.html",
            "favicon.svg",
            "config.json",
            "app-123.js",
            "-0123456789abcdef.js",
            "app-0123456789abcdeg.js",
            "app-0123456789abcdef",
        ] {
            assert!(!is_content_hashed(plain), "{plain}");
        }
    }
}
