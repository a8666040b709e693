//! Domain records → API bodies, as of a moment (the certificate moves on
//! the clock, see `lifecycle::domain`).

use scalingo_api::{AcmeDnsError, Domain};

use super::DomainRecord;
use crate::domain::time::{self, Timestamp};

pub fn domain(record: &DomainRecord, now: Timestamp) -> Domain {
    let tls = record.tls_at(now);
    Domain {
        id: record.id.clone(),
        app_id: Some(record.app_id.clone()),
        name: record.name.clone(),
        created_at: Some(time::format(&record.created_at)),
        canonical: record.canonical,
        ssl: tls.ssl,
        tlscert: tls.tlscert,
        tlskey: tls.tlskey,
        validity: time::format_opt(tls.validity.as_ref()),
        ssl_status: tls.ssl_status,
        letsencrypt_enabled: record.letsencrypt_enabled,
        letsencrypt: tls.letsencrypt,
        letsencrypt_status: tls.letsencrypt_status,
        // The platform sends empty strings and `{}` rather than nulls.
        acme_dns_fqdn: Some(tls.acme_dns_fqdn.unwrap_or_default()),
        acme_dns_value: Some(tls.acme_dns_value.unwrap_or_default()),
        acme_dns_error: Some(AcmeDnsError::default()),
        acme_challenge_error: Some(tls.acme_challenge_error.unwrap_or_default()),
    }
}
