//! Where the dashboard lives: at the root, or under a prefix such as
//! `/portal/scalingo/` (`--base-path`) when it is published beside other
//! applications. Only the dashboard's files, its client-side routes and
//! its `config.json` move; the API, `/_sim`, `/_logs`, `/_proxy` and
//! `/regions` stay at the root, where `config.json` points.

/// Where a request that no API route took belongs.
#[derive(Debug, PartialEq, Eq)]
pub enum Place<'a> {
    /// A path of the dashboard, relative to its base (`/`, `/apps/x`,
    /// `/app-<hash>.js`).
    Dashboard(&'a str),
    /// The root, or the base without its trailing slash: sent to the base.
    RedirectToBase,
    /// Outside the dashboard: not found.
    Outside,
}

/// Where `path` belongs, for the dashboard served at `base` (`/` or
/// `/<segments>/`, see `config::normalize_base_path`).
pub fn place<'a>(base: &str, path: &'a str) -> Place<'a> {
    if base == "/" {
        return Place::Dashboard(path);
    }
    if path == "/" || path == base.trim_end_matches('/') {
        return Place::RedirectToBase;
    }
    match path.strip_prefix(base.trim_end_matches('/')) {
        Some(inside) if inside.starts_with('/') => Place::Dashboard(inside),
        _ => Place::Outside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_placed() {
        assert_eq!(place("/", "/apps/x"), Place::Dashboard("/apps/x"));
        let base = "/portal/scalingo/";
        assert_eq!(place(base, "/portal/scalingo/"), Place::Dashboard("/"));
        assert_eq!(
            place(base, "/portal/scalingo/apps/x"),
            Place::Dashboard("/apps/x")
        );
        assert_eq!(place(base, "/"), Place::RedirectToBase);
        assert_eq!(place(base, "/portal/scalingo"), Place::RedirectToBase);
        assert_eq!(place(base, "/portal/scalingox/a"), Place::Outside);
        assert_eq!(place(base, "/apps/x"), Place::Outside);
    }
}
