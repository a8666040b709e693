//! What came back from a successful request.

use serde::de::DeserializeOwned;

use super::ApiError;

/// What came back from a successful request.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub text: String,
}

impl Answer {
    /// Reads the body as `T`. Going through `serde_json::Value` means the
    /// models are compiled for one deserializer only (the lenient helpers
    /// already use `Value`), which keeps the WebAssembly smaller.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        let value: serde_json::Value = match serde_json::from_str(&self.text) {
            Ok(value) => value,
            // Nested past the parser's limit: read it without the excess.
            Err(error) => scalingo_api::prune_deep_json(&self.text, scalingo_api::MAX_JSON_DEPTH)
                .and_then(|pruned| serde_json::from_str(&pruned).ok())
                .ok_or_else(|| ApiError::Decode(error.to_string()))?,
        };
        serde_json::from_value(value).map_err(|e| ApiError::Decode(e.to_string()))
    }
}
