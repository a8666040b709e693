//! Chaos applied to one request: before its handler (latency, refusals,
//! the stream cut), and after it (a corrupted body).

use std::{sync::Arc, time::Duration};

use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, Method, StatusCode},
    response::{IntoResponse, Response},
};

use super::{Corruption, Decision, Fault, Run};
use crate::{
    domain::error::ApiError,
    http::response::{is_json, rate_limited},
};

/// Put in the extensions of a stream request (logs, deployments): the
/// stream is cut (without a close frame) this long after it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamCut(pub Duration);

/// Resolves when a stream's cut is due (`after` it opened); never when
/// chaos drew none for it.
pub async fn cut_due(after: Option<Duration>) {
    match after {
        Some(after) => tokio::time::sleep(after).await,
        None => std::future::pending().await,
    }
}

/// The decision for one request, and where to count what it did.
pub struct Plan {
    run: Arc<Run>,
    decision: Decision,
}

fn server_error(status: u16) -> Response {
    match status {
        500 => ApiError::internal(),
        other => ApiError::unavailable(other),
    }
    .into_response()
}

/// `stream=true` in the query (a logs stream), or a deployments stream:
/// a stream is being opened.
fn opens_stream(request: &Request) -> bool {
    request.uri().path().starts_with("/_deployments/")
        || request
            .uri()
            .query()
            .is_some_and(|q| q.split('&').any(|pair| pair == "stream=true"))
}

impl Plan {
    pub(super) fn new(run: Arc<Run>, decision: Decision) -> Self {
        Plan { run, decision }
    }

    /// Waits the added latency, then refuses the request (the response to
    /// send instead of handling it) or lets it through.
    pub async fn before(&self, request: &mut Request) -> Option<Response> {
        if !self.decision.latency.is_zero() {
            tokio::time::sleep(self.decision.latency).await;
        }
        let counters = &self.run.counters;
        match self.decision.fault {
            Some(Fault::ServerError(status)) => {
                Run::count(&counters.server_errors);
                return Some(server_error(status));
            }
            Some(Fault::RateLimited(seconds)) => {
                Run::count(&counters.rate_limited);
                return Some(rate_limited(seconds));
            }
            _ => {}
        }
        if let Some(cut) = self.decision.stream_cut.filter(|_| opens_stream(request)) {
            Run::count(&counters.stream_cuts);
            request.extensions_mut().insert(StreamCut(cut));
        }
        None
    }

    /// Corrupts the body of a `GET` answered 200 with JSON when that is the
    /// decision; other responses pass unchanged.
    pub async fn after(&self, method: &Method, response: Response) -> Response {
        let Some(Fault::Malformed(corruption)) = self.decision.fault else {
            return response;
        };
        if method != Method::GET || response.status() != StatusCode::OK || !is_json(&response) {
            return response;
        }
        Run::count(&self.run.counters.malformed);
        corrupt(response, corruption).await
    }
}

async fn corrupt(response: Response, corruption: Corruption) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let corrupted = match corruption {
        Corruption::Garbage => br#"{"apps": ["#.to_vec(),
        Corruption::Truncated => {
            // At a character boundary: the body stays UTF-8, only the JSON
            // is broken.
            let text = String::from_utf8_lossy(&bytes);
            let mut cut = text.len() / 2;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].as_bytes().to_vec()
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(corrupted))
}
