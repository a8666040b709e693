//! Logs archives: the list, and the downloads it links to.
//!
//! `GET /v1/apps/:app/logs_archives[?cursor=C]` → 200
//! `{"next_cursor": "…", "has_more": bool, "archives": [{"url", "size",
//! "from", "to"}]}`, newest first, 5 per page; follow `next_cursor` while
//! `has_more` (it is `""` on the last page). `from`/`to` are in Go's
//! `time.String()` style (`2024-03-01 00:00:00 +0000 UTC`), `size` is the
//! exact byte count of the download, known without building it (see
//! `domain::logs::archive_file`). An app without archives (never
//! deployed) gets `{"next_cursor":"","has_more":false,"archives":[]}`.
//! The legacy `?page=N` (1-based) is read when there is no cursor. 400
//! `{"error"}` for a cursor or page that is not a whole number; 404 `app`.
//!
//! `GET <url>` (no bearer: `expires` and `signature` are in the query, the
//! URL is valid 60 minutes, `SimConfig::archive_url_ttl`) → 200
//! `application/gzip` with `Content-Length`; 401 `{"error"}` for a bad or
//! missing signature, 403 `{"error","code":"expired"}` once expired, 404
//! `{"error"}` for an app or archive that no longer exists.

use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use scalingo_api::{LogsArchive, LogsArchivesPage};

use super::{caller::CurrentUser, logs::url_error};
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        logs::{
            self, archive_file,
            archives::{archives, page, ArchiveSpec, PAGE_SIZE},
            line::go_time,
            signing::check,
        },
        origin::Origin,
        time,
        tokens::unix_now,
    },
    http::{
        extract::{query_param, ApiRegion, QueryMap},
        response::ok,
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/logs_archives", get(list))
        .route("/_logs/archives/{app_id}/{file}", get(download))
}

/// Where the page starts: after `cursor`, or after the pages before `page`.
fn start(query: &QueryMap, all: &[ArchiveSpec]) -> ApiResult<Option<i64>> {
    let invalid = || ApiError::bad_request("invalid cursor");
    if let Some(cursor) = query_param(query, "cursor").filter(|c| !c.trim().is_empty()) {
        return cursor
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| invalid());
    }
    let Some(page_number) = query_param(query, "page").filter(|p| !p.trim().is_empty()) else {
        return Ok(None);
    };
    let page_number: usize = page_number
        .trim()
        .parse()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| ApiError::bad_request("invalid page"))?;
    let skipped = (page_number - 1).saturating_mul(PAGE_SIZE);
    Ok(match skipped {
        0 => None,
        n => Some(all.get(n - 1).map_or(i64::MIN, |a| a.day)),
    })
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    query: QueryMap,
) -> ApiResult<Response> {
    let (app_id, all) = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app = &p.apps[index];
        Ok::<_, ApiError>((app.id.clone(), archives(p, app, time::now())))
    })?;
    let cursor = start(&query, &all)?;
    let (items, next) = page(&all, cursor);
    let now = unix_now();
    let archives = items
        .iter()
        .map(|spec| LogsArchive {
            url: logs::archive_url(
                &state.url_signer,
                &origin,
                &app_id,
                spec.day,
                now,
                state.settings.logs.archive_url_ttl,
            ),
            size: archive_file::size(spec),
            from: go_time(&spec.from),
            to: go_time(&spec.to),
        })
        .collect();
    Ok(ok(&LogsArchivesPage {
        next_cursor: next.map(|d| d.to_string()).unwrap_or_default(),
        has_more: next.is_some(),
        archives,
    }))
}

async fn download(
    State(state): State<SharedState>,
    region: ApiRegion,
    Path((app_id, file)): Path<(String, String)>,
    query: QueryMap,
) -> ApiResult<Response> {
    let day_text = file.strip_suffix(".log.gz").unwrap_or(&file).to_owned();
    check(
        &state.url_signer,
        &logs::archive_fields(&app_id, &day_text),
        query_param(&query, "signature").as_deref(),
        query_param(&query, "expires").as_deref(),
        0,
        unix_now(),
    )
    .map_err(|e| {
        url_error(
            e,
            "archive",
            "URLs are valid 60 minutes, list the archives again for a fresh one",
        )
    })?;
    let day: i64 = day_text.parse().map_err(|_| ApiError::gone("archive"))?;
    let found = state.read(|p| {
        let app = p
            .apps
            .iter()
            .find(|a| a.id == app_id && a.region == region.as_str())?;
        let spec = archives(p, app, time::now())
            .into_iter()
            .find(|a| a.day == day);
        Some((app.name.clone(), spec))
    });
    let Some((app_name, spec)) = found else {
        return Err(ApiError::gone("app"));
    };
    let spec = spec.ok_or_else(|| ApiError::gone("archive"))?;
    let filename = format!(
        "attachment; filename=\"{app_name}-{}.log.gz\"",
        spec.from.format("%Y-%m-%d")
    );
    // Built now, on the blocking pool: the 50 MB one takes a moment.
    let bytes = tokio::task::spawn_blocking(move || archive_file::render(&spec))
        .await
        .map_err(|_| ApiError::internal())?;
    let disposition =
        HeaderValue::from_str(&filename).unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/gzip"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            ),
        ],
        bytes,
    )
        .into_response())
}
