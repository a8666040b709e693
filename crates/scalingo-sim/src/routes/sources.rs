//! Sources: where an archive is uploaded before it is deployed.
//!
//! - `POST /sources` (regional, bearer) → 201 `{"source": {"upload_url",
//!   "download_url"}}`, both signed and valid ten minutes.
//! - `PUT <upload_url>` with the archive as the body (`Content-Type:
//!   application/x-gzip`; at most 50 MB here) → 200, empty. The archive is
//!   kept in memory until the URLs expire (see `uploads`); what it holds
//!   is only looked at by the build. 401 for a bad signature, 403 once
//!   expired, 404 `{"error": "source not found"}` for a source this
//!   simulator no longer has (after a restart).
//! - `GET <download_url>` → 200 `application/x-gzip`, the archive (what
//!   the build fetches); the same 401/403/404, and 404 before an upload.
//!
//! The upload and download URLs carry their own authorisation, like the
//! platform's presigned storage URLs: no bearer, not counted by the rate
//! limit.

use axum::{
    body::Bytes,
    extract::{DefaultBodyLimit, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post, put},
    Router,
};
use scalingo_api::SourceResponse;

use super::{caller::CurrentUser, logs::url_error};
use crate::{
    domain::{
        builds::sources::{check_source_url, source_urls},
        error::{ApiError, ApiResult},
        ids,
        origin::Origin,
        tokens::unix_now,
    },
    http::{
        extract::{query_param, QueryMap},
        response::{created, empty},
    },
    state::SharedState,
    uploads::{Fetched, SOURCE_TTL},
};

/// The largest archive accepted.
const MAX_ARCHIVE_BYTES: usize = 50 * 1024 * 1024;
const RENEW: &str = "create a new source with POST /v1/sources";

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/sources", post(create))
        .route(
            "/_sources/{id}",
            put(upload).layer(DefaultBodyLimit::max(MAX_ARCHIVE_BYTES)),
        )
        .route("/_sources/{id}/archive.tar.gz", get(download))
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(_): CurrentUser,
    origin: Origin,
) -> Response {
    let id = ids::uuid(&mut rand::rng());
    state.uploads.create(&id);
    let source = source_urls(&state.url_signer, &origin, &id, unix_now(), SOURCE_TTL);
    created(&SourceResponse { source })
}

fn check(state: &SharedState, id: &str, download: bool, query: &QueryMap) -> ApiResult<()> {
    check_source_url(
        &state.url_signer,
        id,
        download,
        query_param(query, "expires").as_deref(),
        query_param(query, "signature").as_deref(),
        unix_now(),
    )
    .map_err(|e| url_error(e, "source", RENEW))
}

async fn upload(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    query: QueryMap,
    body: Bytes,
) -> ApiResult<Response> {
    check(&state, &id, false, &query)?;
    if !state.uploads.put(&id, body) {
        return Err(ApiError::gone("source"));
    }
    Ok(empty(StatusCode::OK))
}

async fn download(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    query: QueryMap,
) -> ApiResult<Response> {
    check(&state, &id, true, &query)?;
    match state.uploads.fetch(&id) {
        Fetched::Archive(bytes) => Ok((
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-gzip"),
            )],
            bytes,
        )
            .into_response()),
        Fetched::Empty | Fetched::Missing => Err(ApiError::gone("source")),
    }
}
