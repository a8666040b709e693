//! The built dashboard (`dist/`, made by `scripts/build.sh`) served over
//! HTTP, the same way by the simulator and by the gateway:
//!
//! - every file, with its `.br` or `.gz` copy for clients that accept one
//!   (`Vary: accept-encoding`), and `index.html` for any other path, so
//!   that every view of the dashboard can be linked to (see [`serve`]);
//! - files whose name carries a content hash kept a year, the rest
//!   revalidated (see `caching`);
//! - a strict Content-Security-Policy and the other security headers on
//!   every answer (see `security`);
//! - under a base path (`/portal/scalingo/`) when the build was made for
//!   one (see `base_path`).
//!
//! What `config.json` says, and which routes a server keeps for itself,
//! are the server's business.

mod base_path;
mod caching;
mod security;
mod serve;
mod serving;

pub use base_path::{normalize_base_path, place, Place};
pub use caching::{is_content_hashed, IMMUTABLE, REVALIDATE};
pub use security::{content_security_policy, origin_of, set_security_headers};
pub use serve::serve;
pub use serving::Serving;
