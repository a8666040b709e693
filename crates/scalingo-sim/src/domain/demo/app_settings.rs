//! The settings of the demo apps: every app's default e-mail notifier, and
//! on `shop-api` a webhook and a Slack notifier, two alerts (memory above
//! 80 % and a p95 response time above 800 ms on `web`) and an autoscaler
//! of its `web` containers on requests per minute per container; on
//! `shop-web`, a pending invitation to someone without an account
//! (`carol@example.org`, limited). Each change has its event in the
//! history, by the owner.
//!
//! Drawn from a stream of the seed's generator of its own, after
//! everything else: the rest of the demo is what it was before.

use chrono::Duration;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use scalingo_api::{CollaboratorStatus, NotifierTypeData, TriggerMetric};
use serde_json::json;

use super::Generator;
use crate::domain::{
    alerts::AlertRecord,
    autoscalers::AutoscalerRecord,
    ids,
    model::{CollaboratorRecord, EventRecord, Platform},
    notification_catalogue::{self as catalogue, event_type_id},
    notifiers::NotifierRecord,
    platform::event_user,
    time::Timestamp,
};

/// The generator stream of the demo's app settings (0 to 3 are taken, see
/// `deployments`).
const STREAM: u64 = 11;

/// The app with notifiers, alerts and an autoscaler.
pub const SETTINGS_APP: &str = "shop-api";
/// The names of its notifiers besides the default one.
pub const WEBHOOK_NOTIFIER: &str = "Deploy webhook";
pub const SLACK_NOTIFIER: &str = "#ops on Slack";
/// The app with a pending invitation to someone without an account.
pub const INVITING_APP: &str = "shop-web";
pub const PENDING_INVITEE: &str = "carol@example.org";

/// Adds the settings of the demo generated with `seed` at `now`.
pub(super) fn generate(platform: &mut Platform, seed: u64, now: Timestamp) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    let mut g = Generator { rng, now };
    platform.add_default_notifiers(&mut g.rng);
    shop_api(&mut g, platform);
    invitation(&mut g, platform);
    platform.events.sort_by_key(|e| e.created_at);
}

/// An event about `app_index`, by its owner, at `at` (ids from `g`).
fn record_event(
    g: &mut Generator,
    platform: &mut Platform,
    app_index: usize,
    kind: &str,
    at: Timestamp,
    type_data: serde_json::Value,
) {
    let app = &platform.apps[app_index];
    let Some(owner) = platform.user(&app.owner_id) else {
        return;
    };
    let event = EventRecord {
        id: ids::object_id(&mut g.rng),
        region: app.region.clone(),
        created_at: at,
        kind: kind.to_owned(),
        app_id: app.id.clone(),
        app_name: app.name.clone(),
        project_id: app.project_id.clone(),
        project_name: platform
            .project(&app.project_id)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        user: event_user(owner),
        type_data,
    };
    platform.events.push(event);
}

fn webhook_notifier(
    g: &mut Generator,
    app_id: &str,
    (name, platform, url): (&str, &str, &str),
    events: &[&str],
    at: Timestamp,
) -> NotifierRecord {
    NotifierRecord {
        id: ids::prefixed("no", &mut g.rng),
        app_id: app_id.to_owned(),
        name: name.to_owned(),
        platform_id: catalogue::platform_named(platform)
            .map(|p| p.id)
            .unwrap_or_default(),
        kind: platform.to_owned(),
        active: true,
        send_all_events: false,
        send_all_alerts: platform == "slack",
        selected_event_ids: events.iter().map(|e| event_type_id(e)).collect(),
        type_data: NotifierTypeData::Webhook {
            webhook_url: url.to_owned(),
        }
        .to_map(),
        created_at: at,
        updated_at: at,
    }
}

fn shop_api(g: &mut Generator, platform: &mut Platform) {
    let Some(index) = platform.apps.iter().position(|a| a.name == SETTINGS_APP) else {
        return;
    };
    let app = platform.apps[index].clone();
    let default = platform
        .notifiers_of(&app.id)
        .next()
        .map(|n| n.id.clone())
        .unwrap_or_default();
    let when = |g: &mut Generator, days: (i64, i64)| {
        let from = g.now - Duration::days(g.rng.random_range(days.0..=days.1));
        g.between_then_and_now(from).max(app.created_at)
    };

    let webhook_at = when(g, (60, 90));
    let webhook = webhook_notifier(
        g,
        &app.id,
        (
            WEBHOOK_NOTIFIER,
            "webhook",
            "https://hooks.example.com/scalingo/shop-api",
        ),
        &["app_deployed", "app_crashed", "app_restarted"],
        webhook_at,
    );
    let slack_at = when(g, (30, 50));
    let slack = webhook_notifier(
        g,
        &app.id,
        (
            SLACK_NOTIFIER,
            "slack",
            "https://hooks.slack.com/services/T0DEMO000/B0DEMO000/demo0webhook0token00000",
        ),
        &["app_deployed", "app_scaled", "app_alert_triggered"],
        slack_at,
    );
    for notifier in [&webhook, &slack] {
        let type_data = json!({
            "notifier_name": notifier.name,
            "active": notifier.active,
            "send_all_events": notifier.send_all_events,
            "selected_events": notifier.selected_event_ids.iter()
                .filter_map(|id| catalogue::event_type_name(id)).collect::<Vec<_>>(),
            "notifier_type": notifier.kind,
            "notifier_type_data": notifier.type_data,
            "platform_name": notifier.kind,
        });
        record_event(
            g,
            platform,
            index,
            "new_notifier",
            notifier.created_at,
            type_data,
        );
    }

    let memory_at = when(g, (20, 29));
    let memory = AlertRecord {
        id: ids::prefixed("al", &mut g.rng),
        app_id: app.id.clone(),
        container_type: "web".to_owned(),
        metric: TriggerMetric::Memory.as_str().to_owned(),
        limit: 0.8,
        send_when_below: false,
        duration_before_trigger: 5 * 60 * 1_000_000_000,
        remind_every: "30m".to_owned(),
        notifiers: vec![slack.id.clone(), default],
        disabled: false,
        created_at: memory_at,
        updated_at: memory_at,
    };
    let p95_at = when(g, (10, 19));
    let p95 = AlertRecord {
        id: ids::prefixed("al", &mut g.rng),
        metric: TriggerMetric::P95ResponseTime.as_str().to_owned(),
        limit: 800.0,
        duration_before_trigger: 4 * 60 * 1_000_000_000,
        remind_every: "1h".to_owned(),
        notifiers: vec![webhook.id.clone()],
        created_at: p95_at,
        updated_at: p95_at,
        ..memory.clone()
    };
    for alert in [&memory, &p95] {
        let metric = TriggerMetric::from(alert.metric.clone());
        let type_data = json!({
            "container_type": alert.container_type,
            "metric": alert.metric,
            "limit": alert.limit,
            "limit_text": metric.format(alert.limit),
            "send_when_below": alert.send_when_below,
        });
        record_event(g, platform, index, "new_alert", alert.created_at, type_data);
    }

    let autoscaler_at = when(g, (3, 9));
    let autoscaler = AutoscalerRecord {
        id: ids::prefixed("au", &mut g.rng),
        app_id: app.id.clone(),
        container_type: "web".to_owned(),
        metric: TriggerMetric::RpmPerContainer.as_str().to_owned(),
        target: 100.0,
        min_containers: 2,
        max_containers: 6,
        disabled: false,
        alert_id_scale_up: ids::prefixed("al", &mut g.rng),
        alert_id_scale_down: ids::prefixed("al", &mut g.rng),
        last_scale: None,
        created_at: autoscaler_at,
        updated_at: autoscaler_at,
    };
    let type_data = json!({
        "container_type": "web",
        "min_containers": "2",
        "max_containers": "6",
        "metric": autoscaler.metric,
        "target": autoscaler.target,
        "target_text": TriggerMetric::RpmPerContainer.format(autoscaler.target),
    });
    record_event(
        g,
        platform,
        index,
        "new_autoscaler",
        autoscaler_at,
        type_data,
    );

    platform.notifiers.extend([webhook, slack]);
    platform.alerts.extend([memory, p95]);
    platform.autoscalers.push(autoscaler);
}

fn invitation(g: &mut Generator, platform: &mut Platform) {
    let Some(index) = platform.apps.iter().position(|a| a.name == INVITING_APP) else {
        return;
    };
    let app = platform.apps[index].clone();
    let from = g.now - Duration::days(2);
    let at = g.between_then_and_now(from);
    platform.collaborators.push(CollaboratorRecord {
        id: ids::object_id(&mut g.rng),
        app_id: app.id.clone(),
        email: PENDING_INVITEE.to_owned(),
        user_id: None,
        status: CollaboratorStatus::Pending,
        is_limited: true,
        invitation_token: ids::token_chars(&mut g.rng, 40),
        created_at: at,
    });
    let inviter = platform.user(&app.owner_id).map(event_user);
    let type_data = json!({
        "collaborator": {
            "id": "",
            "username": "",
            "email": PENDING_INVITEE,
            "is_limited": true,
            "inviter": inviter,
        }
    });
    record_event(g, platform, index, "new_collaborator", at, type_data);
}
