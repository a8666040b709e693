//! Which paths are which: the regional API (what the region prefix leads
//! to, and what chaos and the hostile quirks touch), and the paths that are
//! never the dashboard's.

/// Whether `path` is `root` or under it.
fn under(path: &str, root: &str) -> bool {
    path == root || path.strip_prefix(root).is_some_and(|r| r.starts_with('/'))
}

/// Paths of a region's API, without the region prefix: `/v1/…` and the
/// logs URLs (`/_logs/…`). The rest of the root is the dashboard's.
pub fn is_regional_api(path: &str) -> bool {
    ["/v1", "/_logs"].iter().any(|root| under(path, root))
}

/// Paths of the API and of the simulator's own routes: never a file of the
/// dashboard (see `config::RESERVED`).
pub fn is_reserved(path: &str) -> bool {
    ["/v1", "/_sim", "/_logs", "/regions"]
        .iter()
        .any(|root| under(path, root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_classify() {
        assert!(is_regional_api("/v1/apps"));
        assert!(is_regional_api("/_logs/apps/1/logs"));
        assert!(!is_regional_api("/v1x"));
        assert!(!is_regional_api("/apps/shop-api"));
        assert!(is_reserved("/_sim/chaos") && is_reserved("/regions/x"));
        assert!(!is_reserved("/regionsx") && !is_reserved("/"));
    }
}
