//! A domain's certificate on the clock. Let's Encrypt is planned when it
//! starts (the domain's creation, the removal of a custom certificate, or
//! Let's Encrypt turned back on) and read at any moment, like a
//! deployment's status: `pending_dns` for [`DNS_MS`] (divided by
//! `--op-speed`), then `new` for [`ISSUANCE_MS`], then `created` with a
//! certificate for `CN=<name>` valid 90 days, renewed every 60 days (so
//! it never expires while the simulator runs).
//!
//! Names the end-to-end tests can use to stop elsewhere:
//! - `acme-fail.<…>` ends in `error`, with an `acme_challenge_error`;
//! - `no-dns.<…>` never leaves `pending_dns` (its DNS never points at the
//!   platform);
//! - a wildcard (`*.<…>`) is `dns_required` for good: its challenge is a
//!   DNS record (`acme_dns_fqdn`, `acme_dns_value`) nobody creates.

use chrono::Duration;
use rand::Rng;
use scalingo_api::{is_wildcard_domain, LetsencryptStatus, SslStatus};

use super::{addon::at_speed, timing::Timing};
use crate::domain::{
    domains::{AcmePlan, DnsChallenge, DomainRecord},
    time::Timestamp,
};

/// Until the DNS is seen pointing at the platform, at speed 1.
pub const DNS_MS: f64 = 4000.0;
/// From then until the certificate is issued (or refused), at speed 1.
pub const ISSUANCE_MS: f64 = 6000.0;
/// The prefix of a name whose challenge fails.
pub const ACME_FAIL_PREFIX: &str = "acme-fail.";
/// The prefix of a name whose DNS never points at the platform.
pub const NO_DNS_PREFIX: &str = "no-dns.";
/// What the key of a Let's Encrypt certificate is.
pub const LETSENCRYPT_KEY: &str = "RSA 2048 bits";
const VALIDITY_DAYS: i64 = 90;
const RENEWAL_DAYS: i64 = 60;

/// The message of a failed HTTP-01 challenge, as Let's Encrypt words it.
pub fn challenge_error(name: &str, token: &str) -> String {
    format!(
        "acme: error: 403 :: urn:ietf:params:acme:error:unauthorized :: \
         Invalid response from http://{name}/.well-known/acme-challenge/{token}: 404"
    )
}

/// A token of an ACME challenge (43 characters of URL-safe base64).
pub fn acme_token(rng: &mut impl Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..43)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Let's Encrypt for `name`, from `now`.
pub fn plan_acme(name: &str, now: Timestamp, timing: Timing) -> AcmePlan {
    let mut rng = rand::rng();
    if is_wildcard_domain(name) {
        let base = name.trim_start_matches("*.");
        return AcmePlan {
            started_at: now,
            dns_ready_at: None,
            done_at: None,
            error: None,
            dns_challenge: Some(DnsChallenge {
                fqdn: format!("_acme-challenge.{base}"),
                value: acme_token(&mut rng),
            }),
        };
    }
    if name.starts_with(NO_DNS_PREFIX) {
        return AcmePlan {
            started_at: now,
            dns_ready_at: None,
            done_at: None,
            error: None,
            dns_challenge: None,
        };
    }
    let dns_ready_at = now + at_speed(timing, DNS_MS);
    AcmePlan {
        started_at: now,
        dns_ready_at: Some(dns_ready_at),
        done_at: Some(dns_ready_at + at_speed(timing, ISSUANCE_MS)),
        error: name
            .starts_with(ACME_FAIL_PREFIX)
            .then(|| challenge_error(name, &acme_token(&mut rng))),
        dns_challenge: None,
    }
}

/// What a domain's certificate is at a moment: the TLS fields of its API
/// object.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainTls {
    pub ssl: bool,
    pub tlscert: Option<String>,
    pub tlskey: Option<String>,
    pub validity: Option<Timestamp>,
    pub ssl_status: SslStatus,
    pub letsencrypt: bool,
    pub letsencrypt_status: Option<LetsencryptStatus>,
    pub acme_dns_fqdn: Option<String>,
    pub acme_dns_value: Option<String>,
    pub acme_challenge_error: Option<String>,
}

impl DomainTls {
    fn none(ssl_status: SslStatus, letsencrypt_status: Option<LetsencryptStatus>) -> Self {
        DomainTls {
            ssl: false,
            tlscert: None,
            tlskey: None,
            validity: None,
            ssl_status,
            letsencrypt: false,
            letsencrypt_status,
            acme_dns_fqdn: None,
            acme_dns_value: None,
            acme_challenge_error: None,
        }
    }
}

impl DomainRecord {
    /// The certificate at `now`: the custom one when there is one (Let's
    /// Encrypt does not run then), else Let's Encrypt's where its plan is;
    /// nothing (`pending`) when Let's Encrypt is off and no certificate
    /// was uploaded.
    pub fn tls_at(&self, now: Timestamp) -> DomainTls {
        if let Some(custom) = &self.certificate {
            return DomainTls {
                ssl: true,
                tlscert: Some(custom.subject.clone()),
                tlskey: Some(custom.key.clone()),
                validity: Some(custom.not_after),
                ..DomainTls::none(SslStatus::Success, None)
            };
        }
        if !self.letsencrypt_enabled {
            return DomainTls::none(SslStatus::Pending, None);
        }
        let acme = &self.acme;
        if let Some(challenge) = &acme.dns_challenge {
            return DomainTls {
                acme_dns_fqdn: Some(challenge.fqdn.clone()),
                acme_dns_value: Some(challenge.value.clone()),
                ..DomainTls::none(SslStatus::Pending, Some(LetsencryptStatus::DnsRequired))
            };
        }
        let passed = |at: Option<Timestamp>| at.is_some_and(|at| at <= now);
        if !passed(acme.dns_ready_at) {
            return DomainTls::none(SslStatus::Pending, Some(LetsencryptStatus::PendingDns));
        }
        let Some(done_at) = acme.done_at.filter(|at| *at <= now) else {
            return DomainTls::none(SslStatus::Pending, Some(LetsencryptStatus::New));
        };
        if let Some(error) = &acme.error {
            return DomainTls {
                acme_challenge_error: Some(error.clone()),
                ..DomainTls::none(SslStatus::Error, Some(LetsencryptStatus::Error))
            };
        }
        let renewals = (now - done_at).num_seconds() / Duration::days(RENEWAL_DAYS).num_seconds();
        let issued_at = done_at + Duration::days(RENEWAL_DAYS * renewals);
        DomainTls {
            tlscert: Some(format!("CN={}", self.name)),
            tlskey: Some(LETSENCRYPT_KEY.to_owned()),
            validity: Some(issued_at + Duration::days(VALIDITY_DAYS)),
            letsencrypt: true,
            ..DomainTls::none(SslStatus::Success, Some(LetsencryptStatus::Created))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time;

    fn record(name: &str, now: Timestamp) -> DomainRecord {
        DomainRecord {
            id: "d".into(),
            app_id: "a".into(),
            name: name.into(),
            created_at: now,
            updated_at: now,
            canonical: false,
            letsencrypt_enabled: true,
            certificate: None,
            acme: plan_acme(name, now, Timing::new(1.0)),
        }
    }

    #[test]
    fn lets_encrypt_goes_through_its_steps() {
        let now = time::now();
        let domain = record("www.example.com", now);
        let at = |ms: i64| domain.tls_at(now + Duration::milliseconds(ms));
        assert_eq!(
            at(0).letsencrypt_status,
            Some(LetsencryptStatus::PendingDns)
        );
        assert_eq!(at(0).ssl_status, SslStatus::Pending);
        assert_eq!(at(4000).letsencrypt_status, Some(LetsencryptStatus::New));
        let issued = at(10_000);
        assert_eq!(issued.letsencrypt_status, Some(LetsencryptStatus::Created));
        assert_eq!(issued.ssl_status, SslStatus::Success);
        assert!(issued.letsencrypt && !issued.ssl);
        assert_eq!(issued.tlscert.as_deref(), Some("CN=www.example.com"));
        let done = now + Duration::seconds(10);
        assert_eq!(issued.validity, Some(done + Duration::days(90)));
        // Renewed in time: never expired.
        let later = domain.tls_at(done + Duration::days(200));
        assert_eq!(later.validity, Some(done + Duration::days(180 + 90)));
    }

    #[test]
    fn markers_stop_elsewhere() {
        let now = time::now();
        let later = now + Duration::days(1);
        let failed = record("acme-fail.example.com", now).tls_at(later);
        assert_eq!(failed.ssl_status, SslStatus::Error);
        assert_eq!(failed.letsencrypt_status, Some(LetsencryptStatus::Error));
        assert!(failed
            .acme_challenge_error
            .unwrap()
            .contains("http://acme-fail.example.com/.well-known/acme-challenge/"));
        let waiting = record("no-dns.example.com", now).tls_at(later);
        assert_eq!(
            waiting.letsencrypt_status,
            Some(LetsencryptStatus::PendingDns)
        );
        let wildcard = record("*.example.com", now).tls_at(later);
        assert_eq!(
            wildcard.letsencrypt_status,
            Some(LetsencryptStatus::DnsRequired)
        );
        assert_eq!(
            wildcard.acme_dns_fqdn.as_deref(),
            Some("_acme-challenge.example.com")
        );
        assert_eq!(wildcard.acme_dns_value.unwrap().len(), 43);
        let mut off = record("www.example.com", now);
        off.letsencrypt_enabled = false;
        let off = off.tls_at(later);
        assert_eq!(
            (off.ssl_status, off.letsencrypt_status),
            (SslStatus::Pending, None)
        );
    }
}
