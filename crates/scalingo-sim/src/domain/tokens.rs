//! Bearer tokens: issued by the exchange as HS512 JWTs, checked on every
//! authenticated route (see `routes::caller`).

use std::time::Duration;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use rand::RngCore;
use scalingo_api::BearerClaims;
use sha2::Sha512;

use super::ids;

type HmacSha512 = Hmac<Sha512>;

const HEADER: &str = r#"{"typ":"JWT","alg":"HS512"}"#;

/// Why a bearer token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Malformed,
    BadSignature,
    Expired,
}

impl TokenError {
    pub fn message(self) -> &'static str {
        match self {
            TokenError::Malformed | TokenError::BadSignature => "invalid token",
            TokenError::Expired => "token expired",
        }
    }
}

/// Signs and checks bearer tokens. The secret is drawn per process: tokens do
/// not survive a restart, and clients then exchange again, as they would
/// after a key rotation on the real platform.
pub struct TokenSigner {
    secret: [u8; 64],
}

impl TokenSigner {
    pub fn random() -> Self {
        let mut secret = [0u8; 64];
        rand::rng().fill_bytes(&mut secret);
        TokenSigner { secret }
    }

    fn mac(&self) -> HmacSha512 {
        // HMAC accepts keys of any length; this cannot fail.
        HmacSha512::new_from_slice(&self.secret).unwrap_or_else(|_| unreachable!())
    }

    /// A JWT for `user_id`, valid `ttl` from `now` (seconds since the epoch).
    pub fn issue(&self, user_id: &str, now: u64, ttl: Duration) -> String {
        let claims = BearerClaims {
            iss: "Scalingo".to_owned(),
            iat: now,
            exp: now.saturating_add(ttl.as_secs()),
            uuid: user_id.to_owned(),
            rnd: ids::token_chars(&mut rand::rng(), 32),
        };
        let payload = serde_json::to_vec(&claims).unwrap_or_default();
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(HEADER),
            URL_SAFE_NO_PAD.encode(payload)
        );
        let mut mac = self.mac();
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    /// The claims of a token this process issued and that has not expired.
    pub fn verify(&self, token: &str, now: u64) -> Result<BearerClaims, TokenError> {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Malformed);
        };
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| TokenError::Malformed)?;
        let mut mac = self.mac();
        mac.update(header.as_bytes());
        mac.update(b".");
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature)
            .map_err(|_| TokenError::BadSignature)?;
        let bytes = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| TokenError::Malformed)?;
        let claims: BearerClaims =
            serde_json::from_slice(&bytes).map_err(|_| TokenError::Malformed)?;
        if claims.uuid.is_empty() {
            return Err(TokenError::Malformed);
        }
        if now >= claims.exp {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_verify_until_they_expire() {
        let signer = TokenSigner::random();
        let token = signer.issue("us-1", 1000, Duration::from_secs(3600));
        let claims = signer.verify(&token, 1001).unwrap();
        assert_eq!(
            (claims.iss.as_str(), claims.uuid.as_str()),
            ("Scalingo", "us-1")
        );
        assert_eq!((claims.iat, claims.exp), (1000, 4600));
        assert_eq!(signer.verify(&token, 4600), Err(TokenError::Expired));
        let header = token.split('.').next().unwrap();
        assert_eq!(URL_SAFE_NO_PAD.decode(header).unwrap(), HEADER.as_bytes());
    }

    #[test]
    fn other_secrets_and_garbage_are_refused() {
        let token = TokenSigner::random().issue("us-1", 1000, Duration::from_secs(60));
        let signer = TokenSigner::random();
        assert_eq!(signer.verify(&token, 1001), Err(TokenError::BadSignature));
        assert_eq!(signer.verify("garbage", 1001), Err(TokenError::Malformed));
        assert_eq!(signer.verify("a.b.c.d", 1001), Err(TokenError::Malformed));
        assert_eq!(signer.verify("a.b.%%", 1001), Err(TokenError::Malformed));
    }
}
