//! Page-number pagination (`meta.pagination`).

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `meta.pagination`. The documentation says `prev_page`, recorded Rails
/// responses say `previous_page`: both are read, and both are written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pagination {
    #[serde(default, deserialize_with = "lenient::u64")]
    pub current_page: u64,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub prev_page: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub previous_page: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub next_page: Option<u64>,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub total_pages: u64,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub total_count: u64,
}

impl Pagination {
    /// The previous page, whichever key the server used.
    pub fn previous(&self) -> Option<u64> {
        self.prev_page.or(self.previous_page)
    }
}

/// `meta` of a paginated response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub pagination: Option<Pagination>,
}
