//! Where the request reached this simulator, which every absolute URL in a
//! response starts with, so that links point back at it under whatever
//! name the client used: `root` is `scheme://host[:port]`, `api` the base
//! URL of the region's API that took the request (the root, or the root
//! and `/regions/<name>`; see `server::regions`).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    root: String,
    api: String,
}

impl Origin {
    /// An origin at the root (no region prefix).
    pub fn new(root: impl Into<String>) -> Self {
        let root = root.into();
        Origin {
            api: root.clone(),
            root,
        }
    }

    /// The same origin for a region served under `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> Self {
        Origin {
            root: self.root.clone(),
            api: format!("{}{prefix}", self.root),
        }
    }

    /// The API base with a WebSocket scheme.
    pub fn websocket(&self) -> String {
        if let Some(rest) = self.api.strip_prefix("https://") {
            format!("wss://{rest}")
        } else if let Some(rest) = self.api.strip_prefix("http://") {
            format!("ws://{rest}")
        } else {
            self.api.clone()
        }
    }

    /// The base URL of the region's API (what its URLs start with).
    pub fn as_str(&self) -> &str {
        &self.api
    }

    /// `scheme://host[:port]`: for what is not regional (the dashboard's
    /// pages, the auth service, the simulator's controls).
    pub fn root(&self) -> &str {
        &self.root
    }

    /// `<api>/v1/apps/<app>/operations/<id>`, with the app as the client
    /// named it (the platform echoes the path).
    pub fn operation_url(&self, app: &str, operation_id: &str) -> String {
        format!("{}/v1/apps/{app}/operations/{operation_id}", self.api)
    }
}
