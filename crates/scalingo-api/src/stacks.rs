//! Stacks: the base images apps run on (`GET /v1/features/stacks`).

use serde::{Deserialize, Serialize};

use crate::lenient;

/// A stack (`scalingo-22`, `scalingo-24`…).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stack {
    /// `st-<uuid>`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub base_image: Option<String>,
    /// The stack new apps get when none is given.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub default: bool,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    /// Set once the stack is deprecated; apps still run on it.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub deprecated_at: Option<String>,
}

impl Stack {
    pub fn is_deprecated(&self) -> bool {
        self.deprecated_at.as_deref().is_some_and(|d| !d.is_empty())
    }
}

/// `{"stacks": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StacksResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub stacks: Vec<Stack>,
}
