//! The probes' settings: their default notifiers, and on `xss-probe-app` a
//! webhook notifier named with markup whose URL is `javascript:`, an
//! e-mail notifier with markup among its addresses, and an alert on
//! `web` memory whose limit is absurd (`1e300`, a ratio: 1e302 %).
//! Expected: names, URLs and addresses shown as text, the URL never a
//! link; the limit shown without breaking the layout.
//!
//! Added to the records directly: the API would refuse them (a
//! `javascript:` webhook, an invalid address), which is the point.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use scalingo_api::{NotifierTypeData, TriggerMetric};

use super::{
    payloads::{IMG_ONERROR, JAVASCRIPT_URL, SCRIPT_TAG},
    XSS_PROBE,
};
use crate::domain::{
    alerts::AlertRecord,
    ids,
    model::Platform,
    notification_catalogue::{self as catalogue, event_type_id},
    notifiers::NotifierRecord,
    time::Timestamp,
};

/// The generator stream of the probes' settings.
const STREAM: u64 = 12;

/// The absurd limit of the probe's alert.
pub const ABSURD_LIMIT: f64 = 1e300;

/// Adds the probes' settings (after their apps, see `data::add`).
pub(super) fn add(platform: &mut Platform, seed: u64, now: Timestamp) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    platform.add_default_notifiers(&mut rng);
    let Some(app) = platform.apps.iter().find(|a| a.name == XSS_PROBE).cloned() else {
        return;
    };
    let notifier =
        |rng: &mut ChaCha8Rng, name: String, kind: &str, data: NotifierTypeData| NotifierRecord {
            id: ids::prefixed("no", rng),
            app_id: app.id.clone(),
            name,
            platform_id: catalogue::platform_named(kind)
                .map(|p| p.id)
                .unwrap_or_default(),
            kind: kind.to_owned(),
            active: true,
            send_all_events: true,
            send_all_alerts: true,
            selected_event_ids: vec![event_type_id("app_deployed")],
            type_data: data.to_map(),
            created_at: now,
            updated_at: now,
        };
    let webhook = notifier(
        &mut rng,
        format!("{IMG_ONERROR}{SCRIPT_TAG} webhook"),
        "webhook",
        NotifierTypeData::Webhook {
            webhook_url: JAVASCRIPT_URL.to_owned(),
        },
    );
    let email = notifier(
        &mut rng,
        format!("<b>mail</b> {SCRIPT_TAG}"),
        "email",
        NotifierTypeData::Email {
            user_ids: vec![format!("us-{IMG_ONERROR}")],
            emails: vec![format!("{SCRIPT_TAG}@example.com"), IMG_ONERROR.to_owned()],
        },
    );
    let alert = AlertRecord {
        id: ids::prefixed("al", &mut rng),
        app_id: app.id.clone(),
        container_type: "web".to_owned(),
        metric: TriggerMetric::Memory.as_str().to_owned(),
        limit: ABSURD_LIMIT,
        send_when_below: false,
        duration_before_trigger: u64::MAX,
        remind_every: SCRIPT_TAG.to_owned(),
        notifiers: vec![webhook.id.clone(), "no-does-not-exist".to_owned()],
        disabled: false,
        created_at: now,
        updated_at: now,
    };
    platform.notifiers.extend([webhook, email]);
    platform.alerts.push(alert);
}
