//! The hostile demo's addons and domains:
//!
//! - a provider, `hostile-db`, whose name, descriptions and plans carry
//!   markup ([`SCRIPT_TAG`], [`IMG_ONERROR`]), whose logo is a plain
//!   `http://` URL and whose site is a `javascript:` URL; one of its
//!   plans costs 1,000,000,000 € a month. `xss-probe-app` has an addon of
//!   it, with markup in its `resource_id`. Expected: text shown as text,
//!   no logo loaded (only `https` ones are), no clickable `javascript:`.
//! - the probes' environments get addons like every app's (see
//!   `demo::addons`);
//! - domains: on `xss-probe-app`, one named with markup whose Let's
//!   Encrypt challenge failed with markup in its error, and one whose
//!   custom certificate's subject is markup; on `rtl-probe-app`, one with
//!   a right-to-left override; on `huge-strings-app`, a custom
//!   certificate whose subject is 100 KB without a break. Expected: shown
//!   as text, contained in their columns.

use chrono::Duration;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use scalingo_api::{AddonPlan, AddonPricing, AddonPricings, AddonProvider, AddonStatus};

use super::{
    payloads::{huge, IMG_ONERROR, JAVASCRIPT_URL, POP_DIRECTION, RTL_OVERRIDE, SCRIPT_TAG},
    HUGE_STRINGS, RTL_PROBE, XSS_PROBE,
};
use crate::domain::{
    addons::{catalogue::stable_id, AddonRecord},
    demo::{self, Generator},
    domains::{AcmePlan, CustomCertificate, DomainRecord},
    ids,
    model::{Platform, UserRecord},
    platform::event_user,
    time::Timestamp,
};

pub const HOSTILE_PROVIDER: &str = "hostile-db";

fn hostile_plan(name: &str, display_name: String, price: f64, description: String) -> AddonPlan {
    let name = format!("{HOSTILE_PROVIDER}-{name}");
    AddonPlan {
        id: stable_id(&name),
        sku: Some(format!("{name}{SCRIPT_TAG}")),
        name,
        display_name,
        price,
        description,
        on_demand: false,
        disabled: false,
        position: None,
        pricings: Some(AddonPricings {
            default: Some(AddonPricing {
                price,
                currency: format!("EUR{IMG_ONERROR}"),
                period: "month".to_owned(),
            }),
        }),
    }
}

fn provider(platform: &Platform) -> AddonProvider {
    AddonProvider {
        id: HOSTILE_PROVIDER.to_owned(),
        name: format!("Hostile DB {IMG_ONERROR}"),
        logo_url: Some("http://insecure.example.com/logo.png".to_owned()),
        short_description: format!("A database {SCRIPT_TAG}"),
        description: format!(
            "<p>{SCRIPT_TAG}{IMG_ONERROR}<a href=\"{JAVASCRIPT_URL}\">Read the docs</a>\
             <iframe src=\"{JAVASCRIPT_URL}\"></iframe></p>"
        ),
        category: platform.addon_categories.first().cloned(),
        provider_name: Some(format!("Evil Corp {SCRIPT_TAG}")),
        provider_url: Some(JAVASCRIPT_URL.to_owned()),
        hds_available: false,
        plans: vec![
            hostile_plan(
                "free",
                format!("<b>Free</b> {SCRIPT_TAG}"),
                0.0,
                format!("<ul><li>{IMG_ONERROR}</li><li onclick=\"alert(1)\">click</li></ul>"),
            ),
            hostile_plan(
                "billion",
                "Billion".to_owned(),
                1_000_000_000.0,
                format!("<style>body{{display:none}}</style>{SCRIPT_TAG}"),
            ),
        ],
    }
}

/// A domain of the app called `app_name` whose Let's Encrypt did not run
/// (a custom certificate) or failed.
fn domain(
    g: &mut Generator,
    platform: &Platform,
    app_name: &str,
    name: String,
    certificate: Option<CustomCertificate>,
    error: Option<String>,
) -> Option<DomainRecord> {
    let app = platform.apps.iter().find(|a| a.name == app_name)?;
    let created_at = g.between_then_and_now(g.now - Duration::days(5));
    Some(DomainRecord {
        id: ids::object_id(&mut g.rng),
        app_id: app.id.clone(),
        name,
        created_at,
        updated_at: created_at,
        canonical: false,
        letsencrypt_enabled: true,
        certificate,
        acme: AcmePlan {
            started_at: created_at,
            dns_ready_at: Some(created_at + Duration::minutes(1)),
            done_at: Some(created_at + Duration::minutes(2)),
            error,
            dns_challenge: None,
        },
    })
}

fn certificate(g: &Generator, subject: String) -> CustomCertificate {
    CustomCertificate {
        subject,
        key: format!("RSA {IMG_ONERROR} bits"),
        not_after: g.now + Duration::days(200),
        uploaded_at: g.now - Duration::days(2),
    }
}

/// The generator stream of the hostile demo's addons and domains.
const STREAM: u64 = 23;

/// Adds them to `platform`, whose probes and their environments exist.
pub(super) fn add(platform: &mut Platform, seed: u64, now: Timestamp) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    let g = &mut Generator { rng, now };
    platform.addon_providers.push(provider(platform));
    demo::addons::from_environments(g, platform, super::is_probe);
    if let Some(app) = platform.apps.iter().find(|a| a.name == XSS_PROBE) {
        let owner = platform
            .user(&app.owner_id)
            .cloned()
            .unwrap_or_else(UserRecord::platform);
        let created_at = app.created_at + Duration::hours(1);
        let record = AddonRecord {
            id: ids::prefixed("ad", &mut g.rng),
            app_id: app.id.clone(),
            provider_id: HOSTILE_PROVIDER.to_owned(),
            plan_id: stable_id(&format!("{HOSTILE_PROVIDER}-billion")),
            resource_id: format!("xss_{SCRIPT_TAG}"),
            created_at,
            updated_at: created_at,
            provisioned_at: created_at + Duration::minutes(1),
            status: AddonStatus::Running,
            variables: Vec::new(),
            created_by: event_user(&owner),
        };
        platform.addons.push(record);
    }
    let challenge = format!(
        "acme: error: 403 :: {SCRIPT_TAG} :: Invalid response from <a href=\"{JAVASCRIPT_URL}\">here</a>"
    );
    let subject_markup = certificate(g, format!("CN={SCRIPT_TAG}, O={IMG_ONERROR}"));
    let huge_subject = certificate(g, format!("CN={}", huge("huge-subject-")));
    let domains = [
        domain(
            g,
            platform,
            XSS_PROBE,
            format!("{IMG_ONERROR}.example.com"),
            None,
            Some(challenge),
        ),
        domain(
            g,
            platform,
            XSS_PROBE,
            "markup-cert.example.com".to_owned(),
            Some(subject_markup),
            None,
        ),
        domain(
            g,
            platform,
            RTL_PROBE,
            format!("invoice{RTL_OVERRIDE}moc.elpmaxe{POP_DIRECTION}.example.com"),
            None,
            None,
        ),
        domain(
            g,
            platform,
            HUGE_STRINGS,
            "huge-cert.example.com".to_owned(),
            Some(huge_subject),
            None,
        ),
    ];
    platform.domains.extend(domains.into_iter().flatten());
}
