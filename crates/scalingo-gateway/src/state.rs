//! What every request of a running gateway reads.

use std::{path::PathBuf, sync::Arc};

use crate::{config::PROXY_SEGMENT, upstream::Upstream};

pub type SharedGateway = Arc<Gateway>;

pub struct Gateway {
    pub upstream: Upstream,
    /// `/` or `/<prefix>/`.
    pub base_path: String,
    pub dist: PathBuf,
    pub read_only: bool,
}

impl Gateway {
    /// Where the forwarded API lives: `<base path>_proxy`.
    pub fn proxy_root(&self) -> String {
        format!("{}{PROXY_SEGMENT}", self.base_path)
    }
}
