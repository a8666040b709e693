//! HTTP plumbing shared by every route, free of the platform's state:
//! responses (the domain's errors among them), extractors, which paths are
//! which, CORS and the headers of every answer.

pub mod cors;
pub mod extract;
pub mod headers;
pub mod paths;
pub mod response;
