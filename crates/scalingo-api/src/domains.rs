//! Custom domains of an application and their certificates: the object,
//! the bodies of a creation and an update, and the rules of a domain name
//! and of a certificate upload, shared by the dashboard (live feedback)
//! and the simulator (its 422 bodies).
//!
//! A domain gets a Let's Encrypt certificate by default
//! (`letsencrypt_status`: `pending_dns` until its DNS points at the
//! platform, `new` while the certificate is requested, `created` once
//! issued; `dns_required` for a wildcard, whose challenge is a DNS record
//! the user creates), or a custom one uploaded with `tlscert` and
//! `tlskey` (`ssl` is then true).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{certificate_errors, lenient, private_key_errors, FieldErrors};

/// The most custom domains an app can have.
pub const MAX_DOMAINS_PER_APP: usize = 20;
/// The longest domain name, in characters.
pub const MAX_DOMAIN_NAME_LEN: usize = 253;
/// The longest label of a domain name.
pub const MAX_DOMAIN_LABEL_LEN: usize = 63;
/// Where the platform serves apps (`<app>.<region>.scalingo.io`): not a
/// custom domain.
pub const PLATFORM_APPS_DOMAIN: &str = "scalingo.io";

/// The state of a domain's certificate, whichever kind it is; unknown
/// values are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum SslStatus {
    /// No certificate yet (Let's Encrypt at work, or waiting for DNS).
    #[default]
    Pending,
    Success,
    Error,
    Other(String),
}

impl SslStatus {
    pub fn as_str(&self) -> &str {
        match self {
            SslStatus::Pending => "pending",
            SslStatus::Success => "success",
            SslStatus::Error => "error",
            SslStatus::Other(other) => other,
        }
    }
}

impl From<String> for SslStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "pending" => SslStatus::Pending,
            "success" => SslStatus::Success,
            "error" => SslStatus::Error,
            _ => SslStatus::Other(value),
        }
    }
}

impl From<SslStatus> for String {
    fn from(value: SslStatus) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for SslStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where Let's Encrypt is for a domain; unknown values are kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum LetsencryptStatus {
    /// The domain's DNS does not point at the platform yet.
    PendingDns,
    /// The certificate is being requested.
    New,
    /// The certificate is issued (and renewed in time).
    Created,
    /// A wildcard: the DNS record `acme_dns_fqdn` must hold
    /// `acme_dns_value`.
    DnsRequired,
    /// The challenge failed (`acme_challenge_error` says why).
    Error,
    Other(String),
}

impl LetsencryptStatus {
    pub fn as_str(&self) -> &str {
        match self {
            LetsencryptStatus::PendingDns => "pending_dns",
            LetsencryptStatus::New => "new",
            LetsencryptStatus::Created => "created",
            LetsencryptStatus::DnsRequired => "dns_required",
            LetsencryptStatus::Error => "error",
            LetsencryptStatus::Other(other) => other,
        }
    }
}

impl From<String> for LetsencryptStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "pending_dns" => LetsencryptStatus::PendingDns,
            "new" => LetsencryptStatus::New,
            "created" => LetsencryptStatus::Created,
            "dns_required" => LetsencryptStatus::DnsRequired,
            "error" => LetsencryptStatus::Error,
            _ => LetsencryptStatus::Other(value),
        }
    }
}

impl From<LetsencryptStatus> for String {
    fn from(value: LetsencryptStatus) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for LetsencryptStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn ssl_status<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SslStatus, D::Error> {
    Ok(lenient::opt_string_into(d)?.unwrap_or_default())
}

/// `""` (Let's Encrypt not in use) reads as `None`.
fn letsencrypt_status<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<LetsencryptStatus>, D::Error> {
    Ok(lenient::opt_string(d)?
        .filter(|s| !s.is_empty())
        .map(LetsencryptStatus::from))
}

fn empty_when_none<S: serde::Serializer>(
    status: &Option<LetsencryptStatus>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.as_ref().map_or("", LetsencryptStatus::as_str))
}

/// Let's Encrypt is on unless the API says otherwise.
fn enabled_by_default<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(lenient::opt_bool(d)?.unwrap_or(true))
}

fn yes() -> bool {
    true
}

/// Why the DNS challenge of a wildcard cannot be answered automatically:
/// the DNS provider configured and the variables it lacks. `{}` when there
/// is nothing wrong.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AcmeDnsError {
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "lenient::string"
    )]
    pub dns_provider: String,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient::strings"
    )]
    pub variables: Vec<String>,
}

impl AcmeDnsError {
    pub fn is_empty(&self) -> bool {
        self.dns_provider.is_empty() && self.variables.is_empty()
    }
}

/// A custom domain, as listed, shown, created and updated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub app_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    /// The domain the app redirects to (at most one per app).
    #[serde(default, deserialize_with = "lenient::bool")]
    pub canonical: bool,
    /// A custom certificate is set.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub ssl: bool,
    /// The certificate's subject (`CN=www.example.com`), on read.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub tlscert: Option<String>,
    /// The key's type and size (`RSA 2048 bits`), on read.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub tlskey: Option<String>,
    /// When the certificate in use expires (a timestamp).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub validity: Option<String>,
    #[serde(default, deserialize_with = "ssl_status")]
    pub ssl_status: SslStatus,
    #[serde(default = "yes", deserialize_with = "enabled_by_default")]
    pub letsencrypt_enabled: bool,
    /// The certificate in use is Let's Encrypt's.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub letsencrypt: bool,
    /// `None` when Let's Encrypt is not at work (`""` on the wire).
    #[serde(
        default,
        deserialize_with = "letsencrypt_status",
        serialize_with = "empty_when_none"
    )]
    pub letsencrypt_status: Option<LetsencryptStatus>,
    /// The DNS record a wildcard's challenge needs…
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub acme_dns_fqdn: Option<String>,
    /// …and the value it must hold.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub acme_dns_value: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub acme_dns_error: Option<AcmeDnsError>,
    /// Why Let's Encrypt could not issue the certificate.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub acme_challenge_error: Option<String>,
}

impl Default for Domain {
    fn default() -> Self {
        Domain {
            id: String::new(),
            app_id: None,
            name: String::new(),
            created_at: None,
            canonical: false,
            ssl: false,
            tlscert: None,
            tlskey: None,
            validity: None,
            ssl_status: SslStatus::default(),
            letsencrypt_enabled: true,
            letsencrypt: false,
            letsencrypt_status: None,
            acme_dns_fqdn: None,
            acme_dns_value: None,
            acme_dns_error: None,
            acme_challenge_error: None,
        }
    }
}

impl Domain {
    /// True when the certificate in use is an uploaded one.
    pub fn has_custom_certificate(&self) -> bool {
        self.ssl
    }

    /// The problem a dashboard should show: the challenge's error, or the
    /// DNS provider's missing variables; `None` when there is none.
    pub fn problem(&self) -> Option<String> {
        if let Some(error) = self.acme_challenge_error.as_ref().filter(|e| !e.is_empty()) {
            return Some(error.clone());
        }
        let dns = self.acme_dns_error.as_ref().filter(|e| !e.is_empty())?;
        Some(format!(
            "The DNS provider {} lacks {}",
            dns.dns_provider,
            dns.variables.join(", ")
        ))
    }
}

/// `{"domains": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DomainsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub domains: Vec<Domain>,
}

/// `{"domain": …}`: a domain shown, created or updated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DomainResponse {
    pub domain: Domain,
}

/// What a creation sends; unset fields are left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewDomain {
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub canonical: Option<bool>,
    /// A certificate in PEM (with its chain).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub tlscert: Option<String>,
    /// Its private key in PEM.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub tlskey: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub letsencrypt_enabled: Option<bool>,
}

/// Body of `POST /apps/:app/domains`: `{"domain": {"name", …}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateDomainRequest {
    pub domain: NewDomain,
}

/// What an update changes; unset fields are left out (and unchanged). The
/// name cannot change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DomainUpdate {
    /// `false` unsets it (there is no other way to have no canonical
    /// domain).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub canonical: Option<bool>,
    /// `""` with `tlskey: ""` removes the custom certificate.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub tlscert: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub tlskey: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub letsencrypt_enabled: Option<bool>,
}

impl DomainUpdate {
    /// Makes the domain canonical, or not.
    pub fn canonical(canonical: bool) -> Self {
        DomainUpdate {
            canonical: Some(canonical),
            ..Default::default()
        }
    }

    /// Uploads a custom certificate and its key.
    pub fn certificate(tlscert: impl Into<String>, tlskey: impl Into<String>) -> Self {
        DomainUpdate {
            tlscert: Some(tlscert.into()),
            tlskey: Some(tlskey.into()),
            ..Default::default()
        }
    }

    /// Removes the custom certificate (Let's Encrypt takes over).
    pub fn remove_certificate() -> Self {
        Self::certificate("", "")
    }
}

/// Body of `PATCH /apps/:app/domains/:id`: `{"domain": {…}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateDomainRequest {
    pub domain: DomainUpdate,
}

/// A domain name as the platform keeps it: without the spaces around it,
/// lowercase, without a final dot.
pub fn normalize_domain_name(name: &str) -> String {
    let trimmed = name.trim().to_ascii_lowercase();
    match trimmed.strip_suffix('.') {
        Some(stripped) if !stripped.ends_with('.') => stripped.to_owned(),
        _ => trimmed,
    }
}

/// Every rule a custom domain name breaks, as fragments to prefix with the
/// field name (`can't be blank`) or sentences that say what to type
/// instead; empty when it is valid. The name is normalized first (see
/// [`normalize_domain_name`]): `WWW.Example.com.` is valid.
///
/// A name has at least two labels of letters, digits and hyphens, each 1
/// to 63 characters, not starting or ending with a hyphen, 253 characters
/// in all; a wildcard (`*.example.com`) has `*` as its whole first label.
/// It cannot be under the platform's own domain.
pub fn domain_name_errors(name: &str) -> Vec<String> {
    let name = normalize_domain_name(name);
    if name.is_empty() {
        return vec!["can't be blank".to_owned()];
    }
    if name.contains("://") || name.starts_with("http:") || name.starts_with("https:") {
        return vec![
            "Enter the domain name alone, without http:// or https:// (www.example.com)".to_owned(),
        ];
    }
    if name.contains(['/', '?', '#', '@', ':']) {
        return vec![
            "Enter the domain name alone, without a path or a port (www.example.com)".to_owned(),
        ];
    }
    if name.contains(char::is_whitespace) {
        return vec!["can't contain spaces".to_owned()];
    }
    let mut errors = Vec::new();
    if name.chars().count() > MAX_DOMAIN_NAME_LEN {
        errors.push(format!(
            "is too long (maximum is {MAX_DOMAIN_NAME_LEN} characters)"
        ));
    }
    let labels: Vec<&str> = name.split('.').collect();
    let plain = match labels.split_first() {
        Some((&"*", rest)) => rest,
        _ => &labels[..],
    };
    if plain.iter().any(|l| l.is_empty()) {
        errors.push("can't have an empty label (two dots in a row, or a dot first)".to_owned());
    }
    if !plain
        .iter()
        .all(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        errors.push(
            "can only contain letters, digits, hyphens and dots \
             (write an internationalized name in its xn-- form)"
                .to_owned(),
        );
    }
    if plain
        .iter()
        .any(|l| l.chars().count() > MAX_DOMAIN_LABEL_LEN)
    {
        errors.push(format!(
            "has a part longer than {MAX_DOMAIN_LABEL_LEN} characters between two dots"
        ));
    }
    if plain.iter().any(|l| l.starts_with('-') || l.ends_with('-')) {
        errors.push("can't have a part that starts or ends with a hyphen".to_owned());
    }
    if plain.len() < 2 {
        errors.push("must have at least two parts, like example.com".to_owned());
    } else if plain
        .last()
        .is_some_and(|tld| !tld.is_empty() && tld.chars().all(|c| c.is_ascii_digit()))
    {
        errors.push("must be a domain name, not an IP address".to_owned());
    }
    if name == PLATFORM_APPS_DOMAIN || name.ends_with(&format!(".{PLATFORM_APPS_DOMAIN}")) {
        errors.push(format!(
            "Domains under {PLATFORM_APPS_DOMAIN} belong to the platform: \
             the app already answers at its own address there"
        ));
    }
    errors
}

/// True for a wildcard name (`*.example.com`).
pub fn is_wildcard_domain(name: &str) -> bool {
    normalize_domain_name(name).starts_with("*.")
}

/// The problems of a certificate upload (`tlscert` and `tlskey` of a
/// creation or an update), per field; empty when it is valid. Both empty
/// (or both absent) is valid: it removes the custom certificate, or sets
/// none. One without the other is `can't be blank` on the other.
pub fn certificate_upload_errors(tlscert: Option<&str>, tlskey: Option<&str>) -> FieldErrors {
    let given = |field: Option<&str>| field.is_some_and(|text| !text.trim().is_empty());
    let mut errors = FieldErrors::new();
    if !given(tlscert) && !given(tlskey) {
        return errors;
    }
    for (field, messages) in [
        ("tlscert", certificate_errors(tlscert.unwrap_or_default())),
        ("tlskey", private_key_errors(tlskey.unwrap_or_default())),
    ] {
        if !messages.is_empty() {
            errors.insert(field.to_owned(), messages);
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_names() {
        for name in [
            "example.com",
            "www.example.com",
            "WWW.Example.COM.",
            "  shop.example.co.uk ",
            "xn--caf-dma.example",
            "a-b.c-d.example",
            "*.example.com",
            &format!("{}.example.com", "a".repeat(63)),
        ] {
            assert!(domain_name_errors(name).is_empty(), "{name}");
        }
        assert_eq!(
            normalize_domain_name(" WWW.Example.com. "),
            "www.example.com"
        );
        assert!(is_wildcard_domain("*.Example.com"));
        assert!(!is_wildcard_domain("example.com"));
    }

    #[test]
    fn each_rule_has_its_message() {
        assert_eq!(domain_name_errors(" "), ["can't be blank"]);
        assert!(domain_name_errors("https://www.example.com")[0].contains("without http://"));
        assert!(domain_name_errors("example.com/path")[0].contains("without a path or a port"));
        assert!(domain_name_errors("example.com:8080")[0].contains("without a path or a port"));
        assert_eq!(
            domain_name_errors("www example.com"),
            ["can't contain spaces"]
        );
        assert_eq!(
            domain_name_errors("localhost"),
            ["must have at least two parts, like example.com"]
        );
        assert_eq!(
            domain_name_errors("www..example.com"),
            ["can't have an empty label (two dots in a row, or a dot first)"]
        );
        assert_eq!(
            domain_name_errors("-www.example.com"),
            ["can't have a part that starts or ends with a hyphen"]
        );
        assert_eq!(
            domain_name_errors("www_1.example.com")[0],
            "can only contain letters, digits, hyphens and dots (write an internationalized name in its xn-- form)"
        );
        assert_eq!(domain_name_errors("café.example").len(), 1);
        assert_eq!(
            domain_name_errors(&format!("{}.com", "a".repeat(64))),
            ["has a part longer than 63 characters between two dots"]
        );
        let long = format!("{}.com", vec!["a".repeat(60); 5].join("."));
        assert_eq!(
            domain_name_errors(&long),
            ["is too long (maximum is 253 characters)"]
        );
        assert_eq!(
            domain_name_errors("10.0.0.1"),
            ["must be a domain name, not an IP address"]
        );
        assert!(domain_name_errors("my-app.osc-fr1.scalingo.io")[0]
            .starts_with("Domains under scalingo.io belong to the platform"));
        assert_eq!(domain_name_errors("scalingo.io").len(), 1);
        assert!(domain_name_errors("notscalingo.io").is_empty());
        assert_eq!(
            domain_name_errors("www.*.example.com")[0],
            "can only contain letters, digits, hyphens and dots (write an internationalized name in its xn-- form)"
        );
        assert_eq!(
            domain_name_errors("*.com"),
            ["must have at least two parts, like example.com"]
        );
        // Full messages read well.
        assert_eq!(
            crate::full_message("name", &domain_name_errors("localhost")[0]),
            "Name must have at least two parts, like example.com"
        );
    }

    #[test]
    fn certificate_uploads_need_both_halves() {
        assert!(certificate_upload_errors(None, None).is_empty());
        assert!(certificate_upload_errors(Some(""), Some("")).is_empty());
        let cert = include_str!("../testdata/tls/ec.crt");
        let key = include_str!("../testdata/tls/ec.key");
        assert!(certificate_upload_errors(Some(cert), Some(key)).is_empty());
        let errors = certificate_upload_errors(Some(cert), None);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors["tlskey"], ["can't be blank"]);
        let errors = certificate_upload_errors(Some(""), Some(key));
        assert_eq!(errors["tlscert"], ["can't be blank"]);
        let errors = certificate_upload_errors(Some(key), Some(cert));
        assert!(errors["tlscert"][0].starts_with("This is a private key"));
        assert!(errors["tlskey"][0].starts_with("This is a certificate"));
        let body = serde_json::to_string(&crate::ErrorBody::validation(certificate_upload_errors(
            Some(cert),
            Some(" "),
        )))
        .unwrap();
        assert_eq!(body, r#"{"errors":{"tlskey":["can't be blank"]}}"#);
    }

    #[test]
    fn domains_read_leniently() {
        let body = r#"{"domains":[
            {"id":"d1","app_id":"a1","name":"example.com","created_at":"2024-01-01T00:00:00.000Z",
             "canonical":true,"ssl":true,"tlscert":"CN=example.com","tlskey":"RSA 2048 bits",
             "validity":"2025-01-01T00:00:00.000Z","ssl_status":"success","letsencrypt_enabled":false,
             "letsencrypt":false,"letsencrypt_status":"","acme_dns_fqdn":"","acme_dns_value":"",
             "acme_dns_error":{},"acme_challenge_error":""},
            {"id":"d2","name":"*.example.org","ssl_status":"dns_wait","letsencrypt_status":"dns_required",
             "acme_dns_fqdn":"_acme-challenge.example.org","acme_dns_value":"abc",
             "acme_dns_error":{"dns_provider":"gandi","variables":["GANDI_API_KEY",3]}},
            {"id":"d3","name":null,"letsencrypt_status":"created","ssl_status":null,"acme_dns_error":null},
            "junk"]}"#;
        let list: DomainsResponse = serde_json::from_str(body).unwrap();
        assert_eq!(list.domains.len(), 3);
        let custom = &list.domains[0];
        assert!(custom.has_custom_certificate() && custom.canonical);
        assert!(!custom.letsencrypt_enabled);
        assert_eq!(custom.letsencrypt_status, None);
        assert_eq!(custom.ssl_status, SslStatus::Success);
        assert_eq!(custom.problem(), None);
        let wildcard = &list.domains[1];
        assert!(wildcard.letsencrypt_enabled);
        assert_eq!(wildcard.ssl_status.as_str(), "dns_wait");
        assert_eq!(
            wildcard.letsencrypt_status,
            Some(LetsencryptStatus::DnsRequired)
        );
        assert_eq!(
            wildcard.problem().as_deref(),
            Some("The DNS provider gandi lacks GANDI_API_KEY, 3")
        );
        let odd = &list.domains[2];
        assert_eq!(odd.name, "");
        assert_eq!(odd.ssl_status, SslStatus::Pending);
        assert_eq!(odd.letsencrypt_status, Some(LetsencryptStatus::Created));
        // `""` and `{}` go back out as they came.
        let json = serde_json::to_value(custom).unwrap();
        assert_eq!(json["letsencrypt_status"], "");
        assert_eq!(json["acme_dns_error"], serde_json::json!({}));
        let none = AcmeDnsError::default();
        assert_eq!(serde_json::to_string(&none).unwrap(), "{}");
    }

    #[test]
    fn request_bodies_leave_unset_fields_out() {
        let create = CreateDomainRequest {
            domain: NewDomain {
                name: "www.example.com".into(),
                canonical: Some(true),
                ..Default::default()
            },
        };
        assert_eq!(
            serde_json::to_string(&create).unwrap(),
            r#"{"domain":{"name":"www.example.com","canonical":true}}"#
        );
        let remove = UpdateDomainRequest {
            domain: DomainUpdate::remove_certificate(),
        };
        assert_eq!(
            serde_json::to_string(&remove).unwrap(),
            r#"{"domain":{"tlscert":"","tlskey":""}}"#
        );
        let unset = UpdateDomainRequest {
            domain: DomainUpdate::canonical(false),
        };
        assert_eq!(
            serde_json::to_string(&unset).unwrap(),
            r#"{"domain":{"canonical":false}}"#
        );
    }
}
