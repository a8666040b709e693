//! The demo's custom domains, one of each state a dashboard shows, on
//! Ada's apps (the same in every seed; dates are offsets from now):
//!
//! | app | domain | certificate |
//! | --- | --- | --- |
//! | `shop-web` | `www.shop.example.com` | Let's Encrypt, issued, **canonical** |
//! | `shop-web` | `shop.example.com` | Let's Encrypt, issued (renewed once) |
//! | `shop-api` | `api.shop.example.com` | custom, valid 240 more days |
//! | `shop-api` | `partners.shop.example.com` | custom, expires in 18 days |
//! | `shop-api` | `api-v1.shop.example.com` | custom, expired 12 days ago |
//! | `docs-site` | `docs.example.com` | Let's Encrypt `error` (challenge failed) |
//! | `docs-site` | `help.example.com` | Let's Encrypt `pending_dns` (for good) |
//! | `docs-site` | `*.docs.example.com` | Let's Encrypt `dns_required` (for good) |
//!
//! No event is recorded for them (the history is older than them).

use chrono::Duration;

use super::Generator;
use crate::domain::{
    domains::{AcmePlan, CustomCertificate, DnsChallenge, DomainRecord},
    ids,
    lifecycle::domain::{acme_token, challenge_error},
    model::Platform,
};

/// How a demo domain gets its certificate.
enum Tls {
    /// Let's Encrypt, issued this many days ago.
    Issued(i64),
    /// Let's Encrypt, whose challenge failed.
    Failed,
    /// Let's Encrypt, waiting for the DNS.
    WaitingForDns,
    /// A wildcard, waiting for its DNS record.
    DnsRecord(&'static str),
    /// A custom certificate (subject, key), expiring in this many days
    /// (negative: expired).
    Custom(&'static str, &'static str, i64),
}

const DOMAINS: [(&str, &str, bool, Tls); 8] = [
    ("shop-web", "www.shop.example.com", true, Tls::Issued(25)),
    ("shop-web", "shop.example.com", false, Tls::Issued(100)),
    (
        "shop-api",
        "api.shop.example.com",
        false,
        Tls::Custom(
            "CN=api.shop.example.com, O=Analytical Engines Ltd, C=GB",
            "RSA 2048 bits",
            240,
        ),
    ),
    (
        "shop-api",
        "partners.shop.example.com",
        false,
        Tls::Custom(
            "CN=*.shop.example.com, O=Analytical Engines Ltd, C=GB",
            "EC 256 bits",
            18,
        ),
    ),
    (
        "shop-api",
        "api-v1.shop.example.com",
        false,
        Tls::Custom("CN=api-v1.shop.example.com", "RSA 2048 bits", -12),
    ),
    ("docs-site", "docs.example.com", false, Tls::Failed),
    ("docs-site", "help.example.com", false, Tls::WaitingForDns),
    (
        "docs-site",
        "*.docs.example.com",
        false,
        Tls::DnsRecord("_acme-challenge.docs.example.com"),
    ),
];

/// Adds the demo's domains (to the apps of the default region).
pub(crate) fn generate(g: &mut Generator, platform: &mut Platform) {
    let now = g.now;
    let mut added = Vec::new();
    for (app_name, name, canonical, tls) in &DOMAINS {
        let Some(app) = platform
            .apps
            .iter()
            .find(|a| a.name == *app_name && a.region == crate::domain::catalogue::DEFAULT_REGION)
        else {
            continue;
        };
        let created_at = g.between_then_and_now(app.created_at.max(now - Duration::days(300)));
        let created_at = match tls {
            Tls::Issued(days) => created_at.min(now - Duration::days(*days) - Duration::hours(1)),
            _ => created_at,
        };
        let mut acme = AcmePlan {
            started_at: created_at,
            dns_ready_at: None,
            done_at: None,
            error: None,
            dns_challenge: None,
        };
        let mut certificate = None;
        match tls {
            Tls::Issued(days) => {
                let done = now - Duration::days(*days);
                acme.dns_ready_at = Some(done - Duration::seconds(30));
                acme.done_at = Some(done);
            }
            Tls::Failed => {
                acme.dns_ready_at = Some(created_at + Duration::minutes(3));
                acme.done_at = Some(created_at + Duration::minutes(4));
                acme.error = Some(challenge_error(name, &acme_token(&mut g.rng)));
            }
            Tls::WaitingForDns => {}
            Tls::DnsRecord(fqdn) => {
                acme.dns_challenge = Some(DnsChallenge {
                    fqdn: (*fqdn).to_owned(),
                    value: acme_token(&mut g.rng),
                });
            }
            Tls::Custom(subject, key, days) => {
                certificate = Some(CustomCertificate {
                    subject: (*subject).to_owned(),
                    key: (*key).to_owned(),
                    not_after: now + Duration::days(*days),
                    uploaded_at: created_at,
                });
            }
        }
        added.push(DomainRecord {
            id: ids::object_id(&mut g.rng),
            app_id: app.id.clone(),
            name: (*name).to_owned(),
            created_at,
            updated_at: created_at,
            canonical: *canonical,
            letsencrypt_enabled: true,
            certificate,
            acme,
        });
    }
    platform.domains.extend(added);
}

#[cfg(test)]
mod tests {
    use crate::domain::{demo, time};
    use scalingo_api::{LetsencryptStatus, SslStatus};

    #[test]
    fn every_state_is_there() {
        let now = time::now();
        let p = demo::generate(42, now);
        let tls = |name: &str| {
            p.domains
                .iter()
                .find(|d| d.name == name)
                .unwrap_or_else(|| panic!("{name}"))
                .tls_at(now)
        };
        let issued = tls("www.shop.example.com");
        assert_eq!(issued.letsencrypt_status, Some(LetsencryptStatus::Created));
        assert!(issued.validity.unwrap() > now + chrono::Duration::days(30));
        assert!(tls("shop.example.com").validity.unwrap() > now);
        assert!(tls("api-v1.shop.example.com").validity.unwrap() < now);
        let soon = tls("partners.shop.example.com").validity.unwrap();
        assert!(soon > now && soon < now + chrono::Duration::days(30));
        assert_eq!(tls("docs.example.com").ssl_status, SslStatus::Error);
        assert_eq!(
            tls("help.example.com").letsencrypt_status,
            Some(LetsencryptStatus::PendingDns)
        );
        assert_eq!(
            tls("*.docs.example.com").letsencrypt_status,
            Some(LetsencryptStatus::DnsRequired)
        );
        let shop_web = p.apps.iter().find(|a| a.name == "shop-web").unwrap();
        assert_eq!(
            p.canonical_domain(&shop_web.id).unwrap().name,
            "www.shop.example.com"
        );
    }
}
