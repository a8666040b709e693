//! What the domains section says of a domain: its certificate's state and
//! expiry, and the DNS record that points it at the app.

use scalingo_api::{
    is_wildcard_domain, normalize_domain_name, Domain, LetsencryptStatus, SslStatus,
};

use super::time::parse_rfc3339_ms;

const DAY_MS: i64 = 86_400_000;
/// Under this many days left, an expiry is a warning.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// A certificate's expiry in words, with the badge tone it deserves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiry {
    pub text: String,
    /// `ok`, `warning` (under 30 days) or `danger` (expired).
    pub tone: &'static str,
}

/// "Expires in 12 days", "Expires today", "Expired 3 days ago".
pub fn expiry(validity: Option<&str>, now_ms: i64) -> Option<Expiry> {
    let at = parse_rfc3339_ms(validity?)?;
    let days = (at - now_ms).div_euclid(DAY_MS);
    Some(if at <= now_ms {
        let ago = (now_ms - at) / DAY_MS;
        Expiry {
            text: match ago {
                0 => "Expired today".to_owned(),
                1 => "Expired yesterday".to_owned(),
                n => format!("Expired {n} days ago"),
            },
            tone: "danger",
        }
    } else {
        Expiry {
            text: match days {
                0 => "Expires within a day".to_owned(),
                1 => "Expires in 1 day".to_owned(),
                n => format!("Expires in {n} days"),
            },
            tone: if days < EXPIRY_WARNING_DAYS {
                "warning"
            } else {
                "ok"
            },
        }
    })
}

/// The TLS state of a domain as a badge: tone and words.
pub fn tls_badge(domain: &Domain) -> (&'static str, String) {
    match &domain.ssl_status {
        SslStatus::Success => ("ok", "Certificate issued".to_owned()),
        SslStatus::Error => ("danger", "Certificate error".to_owned()),
        SslStatus::Pending => match domain.letsencrypt_status {
            Some(LetsencryptStatus::PendingDns) => ("busy", "Waiting for DNS".to_owned()),
            Some(LetsencryptStatus::DnsRequired) => ("busy", "DNS record required".to_owned()),
            _ => ("busy", "Certificate pending".to_owned()),
        },
        SslStatus::Other(other) => ("muted", other.clone()),
    }
}

/// Where the certificate comes from, in words.
pub fn certificate_source(domain: &Domain) -> &'static str {
    if domain.has_custom_certificate() {
        "Custom certificate"
    } else if domain.letsencrypt_enabled || domain.letsencrypt {
        "Let's Encrypt"
    } else {
        "No certificate"
    }
}

/// A DNS record to create at the domain's DNS provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsRecord {
    pub kind: &'static str,
    pub name: String,
    pub value: String,
    /// What to know about it.
    pub note: &'static str,
}

/// The records that point `domain` at the app whose own host is
/// `app_host` (`shop-api.osc-fr1.scalingo.io`), and the one a wildcard's
/// certificate needs.
pub fn dns_records(domain: &Domain, app_host: &str) -> Vec<DnsRecord> {
    let name = normalize_domain_name(&domain.name);
    let apex = name.split('.').count() == 2 && !is_wildcard_domain(&name);
    let mut records = vec![if apex {
        DnsRecord {
            kind: "ALIAS",
            name: name.clone(),
            value: app_host.to_owned(),
            note: "A root domain cannot have a CNAME: use your provider's ALIAS, ANAME or flattened CNAME record.",
        }
    } else {
        DnsRecord {
            kind: "CNAME",
            name: name.clone(),
            value: app_host.to_owned(),
            note: "",
        }
    }];
    if let (Some(fqdn), Some(value)) = (
        domain.acme_dns_fqdn.as_ref().filter(|f| !f.is_empty()),
        domain.acme_dns_value.as_ref().filter(|v| !v.is_empty()),
    ) {
        records.push(DnsRecord {
            kind: "CNAME",
            name: fqdn.clone(),
            value: value.clone(),
            note: "For the wildcard's certificate: Let's Encrypt checks this record.",
        });
    }
    records
}

/// The host of an app's URL: `https://shop.osc-fr1.scalingo.io/` gives
/// `shop.osc-fr1.scalingo.io`.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> i64 {
        parse_rfc3339_ms("2026-06-01T00:00:00Z").unwrap()
    }

    #[test]
    fn says_when_it_expires() {
        let e = expiry(Some("2026-08-30T00:00:01Z"), now()).unwrap();
        assert_eq!((e.text.as_str(), e.tone), ("Expires in 90 days", "ok"));
        let e = expiry(Some("2026-06-13T00:00:01Z"), now()).unwrap();
        assert_eq!((e.text.as_str(), e.tone), ("Expires in 12 days", "warning"));
        let e = expiry(Some("2026-06-01T00:00:01Z"), now()).unwrap();
        assert_eq!(e.text, "Expires within a day");
        let e = expiry(Some("2026-05-28T23:59:59Z"), now()).unwrap();
        assert_eq!((e.text.as_str(), e.tone), ("Expired 3 days ago", "danger"));
        assert_eq!(expiry(Some("never"), now()), None);
        assert_eq!(expiry(None, now()), None);
    }

    #[test]
    fn records_to_create() {
        let domain = |name: &str| Domain {
            name: name.to_owned(),
            ..Domain::default()
        };
        let records = dns_records(&domain("www.example.com"), "shop.osc-fr1.scalingo.io");
        assert_eq!(records[0].kind, "CNAME");
        assert_eq!(records[0].value, "shop.osc-fr1.scalingo.io");
        assert_eq!(dns_records(&domain("example.com"), "h")[0].kind, "ALIAS");
        let mut wildcard = domain("*.example.com");
        wildcard.acme_dns_fqdn = Some("_acme-challenge.example.com".to_owned());
        wildcard.acme_dns_value = Some("x.acme.scalingo.com".to_owned());
        let records = dns_records(&wildcard, "h");
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].name, "_acme-challenge.example.com");
        assert_eq!(
            host_of("https://shop.osc-fr1.scalingo.io/"),
            "shop.osc-fr1.scalingo.io"
        );
        assert_eq!(host_of("shop.example"), "shop.example");
    }
}
