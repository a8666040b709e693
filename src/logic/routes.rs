//! The dashboard's own URLs, built in one place.

use std::sync::OnceLock;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The path the dashboard is served under (`""`, or `/portal/scalingo`),
/// set once at start-up from the page's `<base>`.
static BASE: OnceLock<String> = OnceLock::new();

/// Records the sub-path the dashboard is served under.
pub fn set_base(base: &str) {
    let _ = BASE.set(base.trim_end_matches('/').to_owned());
}

/// `path` (one of the dashboard's own, from the hrefs here) as a link's
/// `href`: under the sub-path. The router's `navigate` adds the sub-path
/// itself and takes `path` as it is; links are followed by the browser's
/// rules and need it written out.
pub fn link(path: &str) -> String {
    format!(
        "{}{path}",
        BASE.get().map(String::as_str).unwrap_or_default()
    )
}

/// App names come from API data: escape everything that could change the
/// path, keeping the characters valid names are made of.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_');

/// `/apps/<name>` or `/apps/<name>/<tab>`.
pub fn app_href(name: &str, tab: Option<&str>) -> String {
    let name = utf8_percent_encode(name, SEGMENT);
    match tab {
        Some(tab) => format!("/apps/{name}/{tab}"),
        None => format!("/apps/{name}"),
    }
}

/// The tabs of an app page, in order: (path segment, label).
pub const APP_TABS: [(&str, &str); 7] = [
    ("overview", "Overview"),
    ("containers", "Containers"),
    ("logs", "Logs"),
    ("metrics", "Metrics"),
    ("activity", "Activity"),
    ("child-apps", "Child apps"),
    ("settings", "Settings"),
];

/// The tab a path segment names, if it is one.
pub fn app_tab(segment: Option<&str>) -> Option<&'static str> {
    match segment {
        None | Some("") => Some(APP_TABS[0].0),
        Some(segment) => APP_TABS
            .iter()
            .map(|(tab, _)| *tab)
            .find(|tab| *tab == segment),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs() {
        assert_eq!(app_href("shop-api", None), "/apps/shop-api");
        assert_eq!(
            app_href("shop-api", Some("overview")),
            "/apps/shop-api/overview"
        );
        assert_eq!(app_href("a/../b?c#d", None), "/apps/a%2F%2E%2E%2Fb%3Fc%23d");
    }

    #[test]
    fn tabs() {
        assert_eq!(app_tab(None), Some("overview"));
        assert_eq!(app_tab(Some("overview")), Some("overview"));
        assert_eq!(app_tab(Some("nope")), None);
    }
}
