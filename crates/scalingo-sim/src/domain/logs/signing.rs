//! Signed URLs: the logs URL and the archive downloads carry their own
//! authorisation (a browser opens them without the bearer), as an HMAC of
//! what they give access to and when they were issued, with a secret drawn
//! per process (like the bearer tokens: a restart invalidates them, and
//! clients ask for a new URL, which they must do anyway).

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Why a signed URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlError {
    /// Missing, malformed or forged signature: 401.
    BadSignature,
    /// Signed by us, but too old: 403.
    Expired,
}

pub struct UrlSigner {
    secret: [u8; 32],
}

impl UrlSigner {
    pub fn random() -> Self {
        let mut secret = [0u8; 32];
        rand::rng().fill_bytes(&mut secret);
        UrlSigner { secret }
    }

    fn mac(&self, fields: &[&str]) -> HmacSha256 {
        // HMAC accepts keys of any length; this cannot fail.
        let mut mac = HmacSha256::new_from_slice(&self.secret).unwrap_or_else(|_| unreachable!());
        for field in fields {
            mac.update(field.as_bytes());
            // A separator that cannot appear in ids or numbers.
            mac.update(b"\n");
        }
        mac
    }

    /// The signature of `fields` (URL-safe base64).
    pub fn sign(&self, fields: &[&str]) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(fields).finalize().into_bytes())
    }

    /// Checks `signature` over `fields` (constant time).
    pub fn verify(&self, fields: &[&str], signature: &str) -> Result<(), UrlError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(signature.trim())
            .map_err(|_| UrlError::BadSignature)?;
        self.mac(fields)
            .verify_slice(&bytes)
            .map_err(|_| UrlError::BadSignature)
    }
}

/// Checks a URL signed at `issued` (seconds since the epoch) for `ttl`
/// seconds: the signature first (a forged date is a forgery, not an expiry),
/// then `now < issued + ttl`.
pub fn check(
    signer: &UrlSigner,
    fields: &[&str],
    signature: Option<&str>,
    issued: Option<&str>,
    ttl: u64,
    now: u64,
) -> Result<(), UrlError> {
    let (Some(signature), Some(issued_text)) = (signature, issued) else {
        return Err(UrlError::BadSignature);
    };
    let issued: u64 = issued_text
        .trim()
        .parse()
        .map_err(|_| UrlError::BadSignature)?;
    let mut all = fields.to_vec();
    all.push(issued_text.trim());
    signer.verify(&all, signature)?;
    if now >= issued.saturating_add(ttl) {
        return Err(UrlError::Expired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_urls_verify_until_they_expire() {
        let signer = UrlSigner::random();
        let signature = signer.sign(&["logs", "app-1", "1000"]);
        let ok = check(
            &signer,
            &["logs", "app-1"],
            Some(&signature),
            Some("1000"),
            60,
            1059,
        );
        assert_eq!(ok, Ok(()));
        let late = check(
            &signer,
            &["logs", "app-1"],
            Some(&signature),
            Some("1000"),
            60,
            1060,
        );
        assert_eq!(late, Err(UrlError::Expired));
        let other_app = check(
            &signer,
            &["logs", "app-2"],
            Some(&signature),
            Some("1000"),
            60,
            1001,
        );
        assert_eq!(other_app, Err(UrlError::BadSignature));
        let forged_date = check(
            &signer,
            &["logs", "app-1"],
            Some(&signature),
            Some("2000"),
            60,
            2001,
        );
        assert_eq!(forged_date, Err(UrlError::BadSignature));
        let other_secret = UrlSigner::random();
        let foreign = check(
            &other_secret,
            &["logs", "app-1"],
            Some(&signature),
            Some("1000"),
            60,
            1001,
        );
        assert_eq!(foreign, Err(UrlError::BadSignature));
        assert_eq!(
            check(&signer, &["logs", "app-1"], None, Some("1000"), 60, 1001),
            Err(UrlError::BadSignature)
        );
        assert_eq!(
            check(
                &signer,
                &["logs", "app-1"],
                Some("%%"),
                Some("1000"),
                60,
                1001
            ),
            Err(UrlError::BadSignature)
        );
    }
}
