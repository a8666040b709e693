//! The URLs of an uploaded source: where to `PUT` the archive, and where
//! the build downloads it from. Signed like the logs URLs (see
//! `logs::signing`), each for its own purpose, with an expiry: the
//! platform's are presigned storage URLs valid ten minutes.
//!
//! The download URL is this simulator's own (`http://` when it is served
//! over HTTP), so a deployment recognises it by its signature rather than
//! requiring HTTPS of it, and reads the archive from the uploads.

use std::time::Duration;

use scalingo_api::Source;

use crate::domain::{
    logs::signing::{check, UrlError, UrlSigner},
    origin::Origin,
};

const UPLOAD: &str = "source-upload";
const DOWNLOAD: &str = "source-download";
/// The file name at the end of a download URL.
const ARCHIVE: &str = "archive.tar.gz";

/// `<api>/_sources/<id>?expires=…&signature=…` to `PUT` the archive to,
/// and `<api>/_sources/<id>/archive.tar.gz?expires=…&signature=…` to
/// download it from, valid `ttl` from `now`.
pub fn source_urls(
    signer: &UrlSigner,
    origin: &Origin,
    id: &str,
    now: u64,
    ttl: Duration,
) -> Source {
    let expires = now.saturating_add(ttl.as_secs()).to_string();
    let base = format!("{}/_sources/{id}", origin.as_str());
    let upload = signer.sign(&[UPLOAD, id, &expires]);
    let download = signer.sign(&[DOWNLOAD, id, &expires]);
    Source {
        upload_url: format!("{base}?expires={expires}&signature={upload}"),
        download_url: format!("{base}/{ARCHIVE}?expires={expires}&signature={download}"),
    }
}

/// Checks the signature of an upload (`download: false`) or a download of
/// source `id`, issued to expire at `expires`.
pub fn check_source_url(
    signer: &UrlSigner,
    id: &str,
    download: bool,
    expires: Option<&str>,
    signature: Option<&str>,
    now: u64,
) -> Result<(), UrlError> {
    let purpose = if download { DOWNLOAD } else { UPLOAD };
    // `check` counts a validity from an issue date: an expiry is an issue
    // date with no time left after it.
    check(signer, &[purpose, id], signature, expires, 0, now)
}

/// What a deployment's `source_url` is, when it is one of this
/// simulator's download URLs (whatever the host it was given under).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnSource {
    /// The source's id, the URL still valid.
    Valid(String),
    /// Ours, but past its expiry.
    Expired,
}

/// Reads `url` as one of this simulator's download URLs; `None` when it is
/// not one (a URL of anywhere else, or a forged signature).
pub fn own_source(signer: &UrlSigner, url: &str, now: u64) -> Option<OwnSource> {
    let (path, query) = url.trim().split_once('?')?;
    let rest = &path[path.find("/_sources/")? + "/_sources/".len()..];
    let id = rest.strip_suffix(&format!("/{ARCHIVE}"))?;
    if id.is_empty() || id.contains('/') {
        return None;
    }
    let param = |key: &str| {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    };
    match check_source_url(signer, id, true, param("expires"), param("signature"), now) {
        Ok(()) => Some(OwnSource::Valid(id.to_owned())),
        Err(UrlError::Expired) => Some(OwnSource::Expired),
        Err(UrlError::BadSignature) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_urls_are_recognised_until_they_expire() {
        let signer = UrlSigner::random();
        let origin = Origin::new("http://127.0.0.1:8080");
        let urls = source_urls(&signer, &origin, "src1", 1000, Duration::from_secs(600));
        assert!(urls
            .upload_url
            .starts_with("http://127.0.0.1:8080/_sources/src1?expires=1600&"));
        assert_eq!(
            own_source(&signer, &urls.download_url, 1599),
            Some(OwnSource::Valid("src1".into()))
        );
        assert_eq!(
            own_source(&signer, &urls.download_url, 1600),
            Some(OwnSource::Expired)
        );
        // The upload URL does not download, nor does a forged one.
        assert_eq!(own_source(&signer, &urls.upload_url, 1000), None);
        let forged = urls.download_url.replace("src1", "src2");
        assert_eq!(own_source(&signer, &forged, 1000), None);
        assert_eq!(
            own_source(&signer, "https://example.com/a.tar.gz", 1000),
            None
        );
        let other = UrlSigner::random();
        assert_eq!(own_source(&other, &urls.download_url, 1000), None);
    }
}
