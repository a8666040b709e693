//! Which paths are which: the regional API (what the region prefix leads
//! to, and what chaos and the hostile quirks touch), and the paths that are
//! never the dashboard's.

/// Whether `path` is `root` or under it.
fn under(path: &str, root: &str) -> bool {
    path == root || path.strip_prefix(root).is_some_and(|r| r.starts_with('/'))
}

/// Paths of a region's API, without the region prefix: `/v1/…`, the logs
/// URLs (`/_logs/…`), the deployments streams (`/_deployments/…`) and the
/// source upload URLs (`/_sources/…`). The rest of the root is the
/// dashboard's.
pub fn is_regional_api(path: &str) -> bool {
    REGIONAL_ROOTS.iter().any(|root| under(path, root))
}

/// The roots of [`is_regional_api`]: the platform's API host and the
/// hosts it hands out URLs of.
const REGIONAL_ROOTS: [&str; 4] = ["/v1", "/_logs", "/_deployments", "/_sources"];

/// Paths of the API and of the simulator's own routes: never a file of the
/// dashboard (see `config::RESERVED`).
pub fn is_reserved(path: &str) -> bool {
    REGIONAL_ROOTS
        .iter()
        .chain(&["/_sim", "/regions"])
        .any(|root| under(path, root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_classify() {
        assert!(is_regional_api("/v1/apps"));
        assert!(is_regional_api("/_logs/apps/1/logs"));
        assert!(is_regional_api("/_deployments/apps/shop-api"));
        assert!(is_regional_api("/_sources/1/archive.tar.gz"));
        assert!(is_reserved("/_sources/1"));
        assert!(!is_regional_api("/v1x"));
        assert!(!is_regional_api("/apps/shop-api"));
        assert!(is_reserved("/_sim/chaos") && is_reserved("/regions/x"));
        assert!(!is_reserved("/regionsx") && !is_reserved("/"));
    }
}
