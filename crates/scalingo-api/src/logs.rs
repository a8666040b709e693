//! Logs: the signed URL and the archives.

use serde::{Deserialize, Serialize};

use crate::{lenient, App};

/// `GET /apps/:app/logs`: a signed URL to read and stream the logs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LogsUrlResponse {
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub app: Option<App>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub logs_url: String,
}

/// One archive: a gzip file of log lines covering a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LogsArchive {
    #[serde(default, deserialize_with = "lenient::string")]
    pub url: String,
    /// Bytes.
    #[serde(default, deserialize_with = "lenient::u64")]
    pub size: u64,
    /// Go `time.String()` style, e.g. `2024-03-01 00:00:00 +0000 UTC`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub from: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub to: String,
}

/// `GET /apps/:app/logs_archives?cursor=`: cursor pagination.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LogsArchivesPage {
    #[serde(default, deserialize_with = "lenient::string")]
    pub next_cursor: String,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub has_more: bool,
    #[serde(default, deserialize_with = "lenient::vec")]
    pub archives: Vec<LogsArchive>,
}
