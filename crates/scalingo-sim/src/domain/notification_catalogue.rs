//! The catalogues notifiers are made of: notification platforms, the event
//! types a notifier can select (the names of the platform's documentation)
//! and their categories. Fixed data, the same on every simulator: ids are
//! derived from names, so they survive restarts and data files.

use scalingo_api::{EventCategory, EventType, NotificationPlatform};
use sha2::{Digest, Sha256};

/// A 24-hex id derived from a kind of record and its name.
pub fn catalogue_id(kind: &str, name: &str) -> String {
    let digest = Sha256::digest(format!("{kind}:{name}").as_bytes());
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// (name, display name, position).
const CATEGORIES: [(&str, &str, i64); 8] = [
    ("app", "Application", 1),
    ("collaborators", "Collaborators", 2),
    ("variables", "Environment", 3),
    ("domains", "Domains", 4),
    ("addons", "Addons", 5),
    ("databases", "Databases", 6),
    ("alerts", "Alerts and notifiers", 7),
    ("others", "Projects and integrations", 8),
];

/// (name, category, description): the event types of the platform's
/// documentation on notifiers.
const EVENT_TYPES: [(&str, &str, &str); 47] = [
    ("app_deployed", "app", "An app was deployed"),
    ("app_crashed", "app", "An app crashed"),
    ("app_crashed_repeated", "app", "An app crashed repeatedly"),
    ("app_restarted", "app", "An app was restarted"),
    ("app_scaled", "app", "An app was scaled"),
    ("app_stopped", "app", "An app was stopped"),
    ("app_edited", "app", "An app was edited"),
    ("app_renamed", "app", "An app was renamed"),
    ("app_transferred", "app", "An app was transferred"),
    ("app_deleted", "app", "An app was deleted"),
    ("app_command_ran", "app", "A command was run in an app"),
    ("app_project_updated", "app", "An app project was updated"),
    (
        "app_region_migration_started",
        "app",
        "An app region migration started",
    ),
    (
        "collaborator_invited",
        "collaborators",
        "A collaborator was invited",
    ),
    (
        "collaborator_accepted",
        "collaborators",
        "A collaborator invitation was accepted",
    ),
    (
        "collaborator_removed",
        "collaborators",
        "A collaborator was removed",
    ),
    (
        "collaborator_role_changed",
        "collaborators",
        "A collaborator's role was changed",
    ),
    ("variable_added", "variables", "A variable was added"),
    ("variable_edited", "variables", "A variable was edited"),
    ("variable_removed", "variables", "A variable was removed"),
    (
        "variable_bulk_edited",
        "variables",
        "Some variables were bulk edited",
    ),
    ("domain_added", "domains", "A domain was added"),
    ("domain_edited", "domains", "A domain was edited"),
    ("domain_removed", "domains", "A domain was removed"),
    ("addon_provisioned", "addons", "An addon was provisioned"),
    ("addon_plan_changed", "addons", "An addon plan was changed"),
    ("addon_updated", "addons", "An addon was updated"),
    ("addon_resumed", "addons", "An addon was resumed"),
    ("addon_suspended", "addons", "An addon was suspended"),
    ("addon_deleted", "addons", "An addon was deleted"),
    (
        "addon_db_upgraded",
        "databases",
        "A database addon was upgraded",
    ),
    (
        "database_backup_succeeded",
        "databases",
        "A database backup was completed successfully",
    ),
    (
        "database_backup_failed",
        "databases",
        "A database backup failed",
    ),
    (
        "database_maintenance_planned",
        "databases",
        "A database maintenance was planned",
    ),
    (
        "database_maintenance_started",
        "databases",
        "A database maintenance started",
    ),
    (
        "database_maintenance_completed",
        "databases",
        "A database maintenance completed",
    ),
    (
        "app_alert_triggered",
        "alerts",
        "An app alert was triggered",
    ),
    ("alert_added", "alerts", "An alert was added"),
    ("alert_deleted", "alerts", "An alert was deleted"),
    ("notifier_added", "alerts", "A notifier was added"),
    ("notifier_edited", "alerts", "A notifier was edited"),
    ("notifier_removed", "alerts", "A notifier was removed"),
    ("project_created", "others", "A project was created"),
    ("project_edited", "others", "A project was edited"),
    ("project_deleted", "others", "A project was deleted"),
    (
        "github_link",
        "others",
        "A GitHub repository was linked to an app",
    ),
    (
        "github_unlink",
        "others",
        "A GitHub repository was unlinked from an app",
    ),
];

/// What the default notifier of an app selects: the critical ones.
pub const CRITICAL_EVENTS: [&str; 4] = [
    "app_crashed",
    "app_crashed_repeated",
    "app_alert_triggered",
    "database_backup_failed",
];

/// (name, display name, description).
const PLATFORMS: [(&str, &str, &str); 4] = [
    (
        "email",
        "E-mail",
        "Send notifications by e-mail to collaborators of the app and to other addresses.",
    ),
    (
        "webhook",
        "Webhook",
        "POST a JSON document describing the event to the URL of your choice.",
    ),
    (
        "slack",
        "Slack",
        "Post messages to a Slack channel through an Incoming Webhook (also works with Mattermost).",
    ),
    (
        "rocket_chat",
        "Rocket.Chat",
        "Post messages to a Rocket.Chat channel through an incoming webhook.",
    ),
];

/// "app_deployed" → "App deployed".
fn display_name(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn event_categories() -> Vec<EventCategory> {
    CATEGORIES
        .iter()
        .map(|(name, display, position)| EventCategory {
            id: catalogue_id("event_category", name),
            name: (*name).to_owned(),
            display_name: (*display).to_owned(),
            position: *position,
        })
        .collect()
}

pub fn event_types() -> Vec<EventType> {
    EVENT_TYPES
        .iter()
        .map(|(name, category, description)| EventType {
            id: catalogue_id("event_type", name),
            name: (*name).to_owned(),
            display_name: display_name(name),
            description: (*description).to_owned(),
            category_id: Some(catalogue_id("event_category", category)),
            template: Some(format!("[{{{{app_name}}}}] {description}")),
        })
        .collect()
}

/// The id of the event type called `name`.
pub fn event_type_id(name: &str) -> String {
    catalogue_id("event_type", name)
}

/// The name of the event type `id`, if there is one.
pub fn event_type_name(id: &str) -> Option<&'static str> {
    EVENT_TYPES
        .iter()
        .map(|(name, _, _)| *name)
        .find(|name| event_type_id(name) == id)
}

pub fn platforms() -> Vec<NotificationPlatform> {
    let every_event: Vec<String> = EVENT_TYPES
        .iter()
        .map(|(name, _, _)| event_type_id(name))
        .collect();
    PLATFORMS
        .iter()
        .map(|(name, display, description)| NotificationPlatform {
            id: catalogue_id("notification_platform", name),
            name: (*name).to_owned(),
            display_name: (*display).to_owned(),
            logo_url: Some(format!(
                "https://cdn.scalingo.com/notification-platforms/{name}.svg"
            )),
            available_event_ids: every_event.clone(),
            description: (*description).to_owned(),
        })
        .collect()
}

/// The platform `id`, if there is one.
pub fn platform(id: &str) -> Option<NotificationPlatform> {
    platforms().into_iter().find(|p| p.id == id)
}

/// The platform called `name` (`email`, `webhook`…).
pub fn platform_named(name: &str) -> Option<NotificationPlatform> {
    platforms().into_iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let types = event_types();
        let mut ids: Vec<&str> = types.iter().map(|t| t.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), EVENT_TYPES.len());
        assert_eq!(event_type_id("app_deployed"), types[0].id);
        assert_eq!(event_type_name(&types[0].id), Some("app_deployed"));
        assert_eq!(types[0].display_name, "App deployed");
        let categories = event_categories();
        assert!(types.iter().all(|t| categories
            .iter()
            .any(|c| Some(&c.id) == t.category_id.as_ref())));
        for name in CRITICAL_EVENTS {
            assert!(event_type_name(&event_type_id(name)).is_some(), "{name}");
        }
        let email = platform_named("email").unwrap();
        assert_eq!(platform(&email.id), Some(email));
        assert_eq!(catalogue_id("a", "b").len(), 24);
    }
}
