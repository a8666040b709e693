//! Thin wrappers over browser APIs the app needs beyond HTTP: regular
//! expressions, WebSockets, gzip, file downloads. No views here.

pub mod download;
pub mod file_text;
pub mod gunzip;
pub mod log_socket;
pub mod regex;
pub mod resize;
pub mod socket;
