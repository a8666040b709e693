//! Where the dashboard lives: at the root, or under a prefix such as
//! `/portal/scalingo/` (`--base-path`) when it is published beside other
//! applications (built with trunk's `--public-url` of the same prefix).

/// `base` as `/` or `/<segments>/`: leading and trailing slashes added,
/// `Err` for what cannot be a path prefix of the dashboard, or would hide
/// a path of the server's own (`reserved` first segments).
pub fn normalize_base_path(base: &str, reserved: &[&str]) -> Result<String, String> {
    let trimmed = base.trim().trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".to_owned());
    }
    let segments: Vec<&str> = trimmed.split('/').collect();
    let valid = segments.iter().all(|s| {
        !s.is_empty()
            && *s != "."
            && *s != ".."
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
    });
    if !valid {
        return Err(format!(
            "the base path {base:?} must be made of letters, digits, '-', '_', '.' and '~' between slashes"
        ));
    }
    if reserved.contains(&segments[0]) {
        return Err(format!(
            "the base path {base:?} would hide the server's own routes ({})",
            reserved.join(", ")
        ));
    }
    Ok(format!("/{trimmed}/"))
}

/// Where a request that no route of the server took belongs.
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
/// `/<segments>/`, see [`normalize_base_path`]).
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
    fn base_paths_are_normalized_or_refused() {
        let reserved = ["v1", "regions", "_sim"];
        assert_eq!(normalize_base_path("", &reserved).unwrap(), "/");
        assert_eq!(normalize_base_path("/", &reserved).unwrap(), "/");
        assert_eq!(
            normalize_base_path("portal/scalingo", &reserved).unwrap(),
            "/portal/scalingo/"
        );
        assert_eq!(
            normalize_base_path("/portal/", &reserved).unwrap(),
            "/portal/"
        );
        for bad in ["/v1", "/regions/x", "/a/../b", "/a b", "/a//b", "/_sim"] {
            assert!(normalize_base_path(bad, &reserved).is_err(), "{bad}");
        }
    }

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
