//! End-to-end tests of the simulator over a real socket: each test starts
//! its own instance on a free port with its own data file.

mod apps_create;
mod apps_rename_delete;
mod apps_update;
mod auth;
mod catalogue;
mod chaos;
mod child_apps;
mod containers;
mod dashboard;
mod deployments;
mod deployments_stream;
mod events;
mod harness;
mod hostile;
mod http;
mod logs;
mod logs_archives;
mod logs_stream;
mod metrics;
mod metrics_now;
mod one_offs;
mod persistence;
mod polling;
mod rate_limit;
mod region_data;
mod region_events;
mod region_ops;
mod region_outage;
mod regions;
mod restart;
mod scale;
mod scale_refusals;
mod variables;
mod ws;
