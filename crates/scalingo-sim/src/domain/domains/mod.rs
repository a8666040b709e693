//! Custom domains of an app and their certificates: the rules of a name
//! and of an upload (the shared `scalingo_api::domain_name_errors` and
//! `certificate_upload_errors`), the canonical domain, and the events:
//! `new_domain` and `delete_domain` (`hostname`, `ssl`), `edit_domain`
//! (`hostname`, `ssl`, `old_ssl`), where `ssl` tells whether a custom
//! certificate is set.
//!
//! - A name is unique in its region (422 `name: ["has already been
//!   taken"]`, whichever app has it); an app has at most
//!   [`MAX_DOMAINS_PER_APP`] (422 on `name`).
//! - A custom certificate's subject and expiry are read from it when it
//!   is a certificate this simulator can read (see
//!   `scalingo_api::certificate_info`); otherwise the subject is
//!   `CN=<name>` and it expires a year after its upload. Whether the key
//!   matches the certificate is not checked.
//! - `canonical: true` makes a domain the app's only canonical one (the
//!   others are unset, without events of their own); a wildcard cannot be
//!   canonical (422 `canonical`).

pub mod render;

use chrono::{DateTime, Duration, Utc};
use scalingo_api::{
    certificate_info, certificate_upload_errors, domain_name_errors, is_wildcard_domain,
    normalize_domain_name, private_key_description, DomainUpdate, FieldErrors, NewDomain,
    MAX_DOMAINS_PER_APP,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{
    error::{ApiError, ApiResult},
    ids,
    lifecycle::{domain::plan_acme, Timing},
    model::{Platform, UserRecord},
    time::Timestamp,
};

/// The DNS-01 challenge of a wildcard: the TXT record to create.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DnsChallenge {
    pub fqdn: String,
    pub value: String,
}

/// Let's Encrypt for a domain, planned whole when it starts (see
/// `lifecycle::domain`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcmePlan {
    pub started_at: Timestamp,
    /// When the domain's DNS points at the platform (`None`: never).
    pub dns_ready_at: Option<Timestamp>,
    /// When the certificate is issued, or the challenge fails.
    pub done_at: Option<Timestamp>,
    /// `Some`: the challenge fails with this message.
    pub error: Option<String>,
    /// A wildcard's challenge (it waits for that record for good).
    pub dns_challenge: Option<DnsChallenge>,
}

/// An uploaded certificate, as the API describes it (the PEM is not
/// kept: the API never gives it back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomCertificate {
    /// `CN=www.example.com, O=…`.
    pub subject: String,
    /// The key's type and size: `RSA 2048 bits`.
    pub key: String,
    pub not_after: Timestamp,
    pub uploaded_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainRecord {
    /// 24-hex ObjectId.
    pub id: String,
    pub app_id: String,
    /// Normalized (lowercase, no final dot).
    pub name: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub canonical: bool,
    pub letsencrypt_enabled: bool,
    pub certificate: Option<CustomCertificate>,
    pub acme: AcmePlan,
}

/// How long a certificate this simulator cannot read is taken to be valid.
const UNREAD_CERTIFICATE_DAYS: i64 = 365;

fn parse_time(text: &str) -> Option<Timestamp> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// The description of an upload whose shape was checked.
fn custom_certificate(name: &str, cert: &str, key: &str, now: Timestamp) -> CustomCertificate {
    let info = certificate_info(cert);
    CustomCertificate {
        subject: info
            .as_ref()
            .map(|i| i.subject.clone())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("CN={name}")),
        key: private_key_description(key).unwrap_or_else(|| "RSA 2048 bits".to_owned()),
        not_after: info
            .and_then(|i| parse_time(&i.not_after))
            .unwrap_or(now + Duration::days(UNREAD_CERTIFICATE_DAYS)),
        uploaded_at: now,
    }
}

/// `Some(true)`: a certificate is uploaded; `Some(false)`: the custom
/// certificate is removed (both fields empty); `None`: neither field.
fn upload_kind(tlscert: Option<&str>, tlskey: Option<&str>) -> Option<bool> {
    let filled = |f: Option<&str>| f.is_some_and(|t| !t.trim().is_empty());
    if tlscert.is_none() && tlskey.is_none() {
        return None;
    }
    Some(filled(tlscert) || filled(tlskey))
}

impl Platform {
    /// The domains of an app, in creation order.
    pub fn domains_of<'a>(
        &'a self,
        app_id: &'a str,
    ) -> impl Iterator<Item = &'a DomainRecord> + 'a {
        self.domains.iter().filter(move |d| d.app_id == app_id)
    }

    /// The canonical domain of an app.
    pub fn canonical_domain(&self, app_id: &str) -> Option<&DomainRecord> {
        self.domains
            .iter()
            .find(|d| d.app_id == app_id && d.canonical)
    }

    fn domain_index(&self, app_id: &str, id: &str) -> ApiResult<usize> {
        self.domains
            .iter()
            .position(|d| d.id == id && d.app_id == app_id)
            .ok_or_else(|| ApiError::not_found("domain"))
    }

    /// The domain `id` of the app at `app_index` (404 `domain`).
    pub fn domain(&self, app_index: usize, id: &str) -> ApiResult<&DomainRecord> {
        let index = self.domain_index(&self.apps[app_index].id, id)?;
        Ok(&self.domains[index])
    }

    /// True when an app of `region` has a domain called `name`.
    fn domain_taken(&self, region: &str, name: &str) -> bool {
        self.domains.iter().any(|d| {
            d.name == name
                && self
                    .apps
                    .iter()
                    .any(|a| a.id == d.app_id && a.region == region)
        })
    }

    fn set_canonical(&mut self, app_id: &str, domain_index: usize) {
        for domain in self.domains.iter_mut().filter(|d| d.app_id == app_id) {
            domain.canonical = false;
        }
        self.domains[domain_index].canonical = true;
    }

    /// `POST /apps/:app/domains`.
    pub fn add_domain(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        new: &NewDomain,
        now: Timestamp,
        timing: Timing,
    ) -> ApiResult<DomainRecord> {
        let app = &self.apps[app_index];
        let name = normalize_domain_name(&new.name);
        let mut errors = certificate_upload_errors(new.tlscert.as_deref(), new.tlskey.as_deref());
        let mut name_errors = domain_name_errors(&new.name);
        if name_errors.is_empty() {
            if self.domain_taken(&app.region, &name) {
                name_errors.push("has already been taken".to_owned());
            } else if self.domains_of(&app.id).count() >= MAX_DOMAINS_PER_APP {
                name_errors.push(format!(
                    "An app can have at most {MAX_DOMAINS_PER_APP} custom domains: remove one first"
                ));
            }
        }
        if !name_errors.is_empty() {
            errors.insert("name".to_owned(), name_errors);
        }
        if new.canonical == Some(true) && is_wildcard_domain(&name) {
            errors.insert(
                "canonical".to_owned(),
                vec!["A wildcard domain can't be the canonical domain".to_owned()],
            );
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let certificate = match (new.tlscert.as_deref(), new.tlskey.as_deref()) {
            (Some(cert), Some(key)) if upload_kind(Some(cert), Some(key)) == Some(true) => {
                Some(custom_certificate(&name, cert, key, now))
            }
            _ => None,
        };
        let record = DomainRecord {
            id: ids::object_id(&mut rand::rng()),
            app_id: app.id.clone(),
            acme: plan_acme(&name, now, timing),
            name,
            created_at: now,
            updated_at: now,
            canonical: false,
            letsencrypt_enabled: new.letsencrypt_enabled.unwrap_or(true),
            certificate,
        };
        let app_id = app.id.clone();
        self.domains.push(record);
        let index = self.domains.len() - 1;
        if new.canonical == Some(true) {
            self.set_canonical(&app_id, index);
        }
        let record = self.domains[index].clone();
        let data = json!({ "hostname": record.name, "ssl": record.certificate.is_some() });
        self.push_event("new_domain", app_index, user, data, now);
        Ok(record)
    }

    /// `PATCH /apps/:app/domains/:id`: the certificate, Let's Encrypt and
    /// the canonical flag (the name cannot change).
    pub fn update_domain(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        update: &DomainUpdate,
        now: Timestamp,
        timing: Timing,
    ) -> ApiResult<DomainRecord> {
        let app_id = self.apps[app_index].id.clone();
        let index = self.domain_index(&app_id, id)?;
        let (tlscert, tlskey) = (update.tlscert.as_deref(), update.tlskey.as_deref());
        let mut errors: FieldErrors = certificate_upload_errors(tlscert, tlskey);
        let name = self.domains[index].name.clone();
        if update.canonical == Some(true) && is_wildcard_domain(&name) {
            errors.insert(
                "canonical".to_owned(),
                vec!["A wildcard domain can't be the canonical domain".to_owned()],
            );
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let domain = &mut self.domains[index];
        let old_ssl = domain.certificate.is_some();
        match upload_kind(tlscert, tlskey) {
            Some(true) => {
                domain.certificate = Some(custom_certificate(
                    &name,
                    tlscert.unwrap_or_default(),
                    tlskey.unwrap_or_default(),
                    now,
                ));
            }
            // Back to Let's Encrypt, which starts again.
            Some(false) if domain.certificate.take().is_some() => {
                domain.acme = plan_acme(&name, now, timing);
            }
            _ => {}
        }
        if let Some(enabled) = update.letsencrypt_enabled {
            if enabled && !domain.letsencrypt_enabled {
                domain.acme = plan_acme(&name, now, timing);
            }
            domain.letsencrypt_enabled = enabled;
        }
        domain.updated_at = now;
        match update.canonical {
            Some(true) => self.set_canonical(&app_id, index),
            Some(false) => self.domains[index].canonical = false,
            None => {}
        }
        let record = self.domains[index].clone();
        let data = json!({
            "hostname": record.name,
            "ssl": record.certificate.is_some(),
            "old_ssl": old_ssl,
        });
        self.push_event("edit_domain", app_index, user, data, now);
        Ok(record)
    }

    /// `DELETE /apps/:app/domains/:id`.
    pub fn delete_domain(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<()> {
        let index = self.domain_index(&self.apps[app_index].id.clone(), id)?;
        let removed = self.domains.remove(index);
        let data = json!({ "hostname": removed.name, "ssl": removed.certificate.is_some() });
        self.push_event("delete_domain", app_index, user, data, now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{demo, time};

    const CERT: &str = include_str!("../../../../scalingo-api/testdata/tls/ec.crt");
    const KEY: &str = include_str!("../../../../scalingo-api/testdata/tls/ec.key");

    fn platform() -> (Platform, usize, UserRecord) {
        let p = demo::generate(3, time::now());
        let index = p.apps.iter().position(|a| a.name == "status-page").unwrap();
        let owner = p.user(&p.apps[index].owner_id).unwrap().clone();
        (p, index, owner)
    }

    fn named(name: &str) -> NewDomain {
        NewDomain {
            name: name.into(),
            ..NewDomain::default()
        }
    }

    #[test]
    fn names_are_checked_normalized_and_unique() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let timing = Timing::new(1.0);
        let record = p
            .add_domain(
                index,
                &ada,
                &named(" WWW.Status.Example.com. "),
                now,
                timing,
            )
            .unwrap();
        assert_eq!(record.name, "www.status.example.com");
        let err = p
            .add_domain(index, &ada, &named("www.status.example.com"), now, timing)
            .unwrap_err();
        assert_eq!(err.body.field_messages("name"), ["has already been taken"]);
        let err = p
            .add_domain(index, &ada, &named("https://x.example.com"), now, timing)
            .unwrap_err();
        assert_eq!(err.status, 422);
        let existing = p.domains_of(&p.apps[index].id).count();
        for n in existing..MAX_DOMAINS_PER_APP {
            p.add_domain(
                index,
                &ada,
                &named(&format!("d{n}.example.com")),
                now,
                timing,
            )
            .unwrap();
        }
        let err = p
            .add_domain(index, &ada, &named("one-more.example.com"), now, timing)
            .unwrap_err();
        assert!(err.body.field_messages("name")[0].contains("at most 20"));
    }

    #[test]
    fn certificates_are_read_and_removed() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let timing = Timing::new(1.0);
        let new = NewDomain {
            name: "status.example.org".into(),
            tlscert: Some(CERT.into()),
            tlskey: Some(KEY.into()),
            canonical: Some(true),
            ..NewDomain::default()
        };
        let record = p.add_domain(index, &ada, &new, now, timing).unwrap();
        let custom = record.certificate.clone().unwrap();
        assert_eq!(custom.subject, "CN=shop.example.com, O=Example Shop, C=FR");
        assert_eq!(custom.key, "EC 256 bits");
        assert_eq!(time::format(&custom.not_after), "2036-12-01T16:58:34.000Z");
        assert_eq!(p.canonical_domain(&record.app_id).unwrap().id, record.id);
        let event = p.events.last().unwrap();
        assert_eq!(
            event.type_data,
            json!({"hostname": "status.example.org", "ssl": true})
        );

        let other = p
            .add_domain(
                index,
                &ada,
                &NewDomain {
                    canonical: Some(true),
                    ..named("www.status.example.org")
                },
                now,
                timing,
            )
            .unwrap();
        assert_eq!(p.canonical_domain(&record.app_id).unwrap().id, other.id);

        let removed = p
            .update_domain(
                index,
                &ada,
                &record.id,
                &DomainUpdate::remove_certificate(),
                now,
                timing,
            )
            .unwrap();
        assert!(removed.certificate.is_none());
        assert_eq!(p.events.last().unwrap().type_data["old_ssl"], true);
        let err = p
            .update_domain(
                index,
                &ada,
                &record.id,
                &DomainUpdate {
                    tlscert: Some(CERT.into()),
                    ..DomainUpdate::default()
                },
                now,
                timing,
            )
            .unwrap_err();
        assert_eq!(err.body.field_messages("tlskey"), ["can't be blank"]);
        p.delete_domain(index, &ada, &record.id, now).unwrap();
        assert_eq!(p.domain(index, &record.id).unwrap_err().status, 404);
    }
}
