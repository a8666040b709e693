//! The gateway against a simulator standing for the real platform, over
//! real sockets: each test starts its own pair.

mod files;
mod forwarding;
mod harness;
mod read_only;
mod refusals;
mod upstream_failures;
