//! Logs: the signed URL, the text dump behind it, and the archives.

use gloo_net::http::Request;
use percent_encoding::utf8_percent_encode;
use scalingo_api::{LogsArchivesPage, LogsUrlResponse};

use super::{apps::app_path, ApiClient, ApiError, Base};

/// Adds query parameters to a signed URL that may already have some.
pub fn with_params(url: &str, params: &[(&str, &str)]) -> String {
    let mut out = url.to_owned();
    for (key, value) in params {
        out.push(if out.contains('?') { '&' } else { '?' });
        out.push_str(key);
        out.push('=');
        out.push_str(&utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string());
    }
    out
}

/// The WebSocket form of a logs URL: `https` → `wss`, `http` → `ws`.
pub fn stream_url(logs_url: &str) -> Option<String> {
    let url = with_params(logs_url, &[("stream", "true")]);
    if let Some(rest) = url.strip_prefix("https://") {
        Some(format!("wss://{rest}"))
    } else {
        url.strip_prefix("http://")
            .map(|rest| format!("ws://{rest}"))
    }
}

impl ApiClient {
    /// `GET /apps/:app/logs`: a signed URL to read and stream the logs.
    /// It carries a token: it is never shown, logged or put in a link.
    pub async fn logs_url(&self, region: &str, app: &str) -> Result<String, ApiError> {
        let path = format!("{}/logs", app_path(app));
        let response: LogsUrlResponse = self.get_json(Base::Region(region), path).await?;
        if response.logs_url.is_empty() {
            return Err(ApiError::Decode("the API returned no logs URL".to_owned()));
        }
        Ok(response.logs_url)
    }

    /// The last `lines` lines behind a logs URL (`text/plain`); 204 and 404
    /// mean "no logs yet".
    pub async fn logs_dump(&self, logs_url: &str, lines: u32) -> Result<String, ApiError> {
        let url = with_params(logs_url, &[("n", &lines.to_string())]);
        let response = Request::get(&url).send().await.map_err(|e| {
            ApiError::Network(e.to_string().lines().next().unwrap_or("").to_owned())
        })?;
        match response.status() {
            204 | 404 => Ok(String::new()),
            status if status >= 400 => Err(ApiError::Http {
                status,
                retry_after: None,
                body: Box::new(scalingo_api::ErrorBody::parse(
                    &response.text().await.unwrap_or_default(),
                )),
            }),
            _ => response
                .text()
                .await
                .map_err(|e| ApiError::Network(e.to_string())),
        }
    }

    /// `GET /apps/:app/logs_archives[?cursor=…]`.
    pub async fn logs_archives(
        &self,
        region: &str,
        app: &str,
        cursor: Option<&str>,
    ) -> Result<LogsArchivesPage, ApiError> {
        let mut path = format!("{}/logs_archives", app_path(app));
        if let Some(cursor) = cursor.filter(|c| !c.is_empty()) {
            path = with_params(&path, &[("cursor", cursor)]);
        }
        self.get_json(Base::Region(region), path).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_and_stream_urls() {
        assert_eq!(
            with_params(
                "https://logs.x/apps/1/logs?token=a&timestamp=2",
                &[("n", "100")]
            ),
            "https://logs.x/apps/1/logs?token=a&timestamp=2&n=100"
        );
        assert_eq!(
            with_params("http://h/logs", &[("filter", "web|worker")]),
            "http://h/logs?filter=web%7Cworker"
        );
        assert_eq!(
            stream_url("https://logs.x/l?token=a").as_deref(),
            Some("wss://logs.x/l?token=a&stream=true")
        );
        assert_eq!(
            stream_url("http://127.0.0.1:8080/l?t=1").as_deref(),
            Some("ws://127.0.0.1:8080/l?t=1&stream=true")
        );
        assert_eq!(stream_url("ftp://x"), None);
    }
}
