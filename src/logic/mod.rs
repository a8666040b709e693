//! Logic pulled out of components: plain types and functions, no DOM, tested
//! on the host.

pub mod activity;
pub mod activity_query;
pub mod addons;
pub mod alerts;
pub mod ansi;
pub mod app_list;
pub mod autoscaler;
pub mod axis;
pub mod build_output;
pub mod chart_data;
pub mod decimate;
pub mod domains;
pub mod dotenv;
pub mod env_diff;
pub mod env_query;
pub mod form_errors;
pub mod format;
pub mod fuzzy;
pub mod html_text;
pub mod log_line;
pub mod log_query;
pub mod log_tab;
pub mod log_view;
pub mod metric_cache;
pub mod metric_lines;
pub mod metrics;
pub mod name_check;
pub mod one_off;
pub mod park;
pub mod query_string;
pub mod routes;
pub mod scale;
pub mod time;
pub mod virtual_list;
