//! An app's logs: lines generated on demand from its containers' lives (see
//! `collect`) out of a fixed corpus (`corpus`), served as a dump or a
//! WebSocket stream behind a signed URL, and daily archives as gzip files
//! built when they are downloaded (`archives`, `archive_file`).

pub mod archive_file;
pub mod archives;
pub mod collect;
pub mod corpus;
pub mod filter;
pub mod line;
pub mod signing;
pub mod sources;
pub mod stored_gzip;

use std::time::Duration;

use super::origin::Origin;
use signing::UrlSigner;

/// Lines a dump returns without `n`, and at most (larger `n` are capped).
pub const DUMP_DEFAULT: usize = 100;
pub const DUMP_MAX: usize = 10_000;

/// What a logs URL signature covers, before the timestamp.
pub fn logs_fields(app_id: &str) -> [&str; 2] {
    ["logs", app_id]
}

/// What an archive URL signature covers, before the expiry.
pub fn archive_fields<'a>(app_id: &'a str, day: &'a str) -> [&'a str; 3] {
    ["archive", app_id, day]
}

/// `<origin>/_logs/apps/<app id>/logs?token=…&timestamp=<unix>`, signed
/// at `now` (seconds since the epoch). Outside `/v1`: the platform serves
/// logs from another host, so clients treat the URL as opaque.
pub fn logs_url(signer: &UrlSigner, origin: &Origin, app_id: &str, now: u64) -> String {
    let timestamp = now.to_string();
    let [purpose, app] = logs_fields(app_id);
    let token = signer.sign(&[purpose, app, &timestamp]);
    format!(
        "{}/_logs/apps/{app_id}/logs?token={token}&timestamp={timestamp}",
        origin.as_str()
    )
}

/// `<origin>/_logs/archives/<app id>/<day>.log.gz?expires=<unix>&signature=…`,
/// valid `ttl` from `now`.
pub fn archive_url(
    signer: &UrlSigner,
    origin: &Origin,
    app_id: &str,
    day: i64,
    now: u64,
    ttl: Duration,
) -> String {
    let expires = now.saturating_add(ttl.as_secs()).to_string();
    let day = day.to_string();
    let [purpose, app, day_field] = archive_fields(app_id, &day);
    let signature = signer.sign(&[purpose, app, day_field, &expires]);
    format!(
        "{}/_logs/archives/{app_id}/{day}.log.gz?expires={expires}&signature={signature}",
        origin.as_str()
    )
}
