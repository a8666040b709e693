//! End-to-end tests of the simulator over a real socket: each test starts
//! its own instance on a free port with its own data file.

mod apps_create;
mod apps_rename_delete;
mod apps_update;
mod auth;
mod catalogue;
mod containers;
mod harness;
mod http;
mod persistence;
