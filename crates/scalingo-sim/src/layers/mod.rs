//! The misbehaviour a client is tested against, as middleware layers
//! rather than code in the handlers or the region dispatch: each one is
//! added by the server builder where it applies (`server::app`), and the
//! routes know nothing of them.
//!
//! - `rate_limit`: counts requests per bearer token and refuses those over
//!   the limit, around the whole router;
//! - `chaos`: random latency, errors, 429s, corrupted bodies and cut
//!   streams, around the regional API;
//! - `hostile_wire`: the hostile demo's wire quirks, around the regional
//!   API of a hostile platform.
//!
//! Each layer keeps its own state (an `Arc` the server state shares), so
//! none depends on the server's state.

pub mod chaos;
pub mod hostile_wire;
pub mod rate_limit;
