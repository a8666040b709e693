//! Events as sentences for the activity feed: who did what, from what to
//! what. Unknown event types still read as something sensible.

use scalingo_api::{Event, ScaleValue};
use serde_json::Value;

/// Families of events the feed can be filtered by.
pub const KINDS: [(&str, &str); 10] = [
    ("deploy", "Deployments"),
    ("environment", "Environment"),
    ("scale", "Scaling"),
    ("restart", "Restarts"),
    ("settings", "Settings"),
    ("lifecycle", "Create, rename, transfer, delete"),
    ("run", "One-off runs"),
    ("resources", "Addons and domains"),
    ("people", "Collaborators"),
    ("alerts", "Alerts and notifiers"),
];

/// The family of an event type (`edit_app` → `settings`), if it has one.
pub fn kind_of(event_type: &str) -> Option<&'static str> {
    Some(match event_type {
        "deployment" => "deploy",
        "scale" => "scale",
        "restart" | "crash" | "repeated_crash" | "stop_app" => "restart",
        "edit_app" | "stack_changed" | "update_app_project" => "settings",
        "new_app" | "rename_app" | "transfer_app" | "delete_app" | "create_review_app"
        | "destroy_review_app" => "lifecycle",
        "run" => "run",
        "new_variable" | "edit_variable" | "edit_variables" | "delete_variable" => "environment",
        "new_addon" | "upgrade_addon" | "delete_addon" | "resume_addon" | "suspend_addon"
        | "new_domain" | "edit_domain" | "delete_domain" => "resources",
        "new_autoscaler" | "edit_autoscaler" | "delete_autoscaler" => "scale",
        "new_collaborator"
        | "accept_collaborator"
        | "delete_collaborator"
        | "change_collaborator_role" => "people",
        "new_alert" | "delete_alert" | "alert" | "new_notifier" | "edit_notifier"
        | "delete_notifier" => "alerts",
        _ => return None,
    })
}

fn text(event: &Event, key: &str) -> Option<String> {
    match event.type_data.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(o) => o
            .get("username")
            .or_else(|| o.get("name"))
            .or_else(|| o.get("email"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    }
}

/// The names of the variables of a bulk edit's list (`new_vars`…), which
/// the API gives as objects with their values: only the names are read.
fn variable_names(event: &Event, key: &str) -> Vec<String> {
    event
        .type_data
        .get(key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| match item {
                    Value::Object(o) => o.get("name").and_then(Value::as_str),
                    Value::String(name) => Some(name.as_str()),
                    _ => None,
                })
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn scale_side(value: &Option<ScaleValue>) -> String {
    match value {
        None => "0".to_owned(),
        Some(v) if v.size.is_empty() => v.amount.to_string(),
        Some(v) => format!("{}×{}", v.amount, v.size),
    }
}

fn setting_name(key: &str) -> String {
    match key {
        "force_https" => "Force HTTPS".to_owned(),
        "sticky_session" => "sticky sessions".to_owned(),
        "router_logs" => "router logs".to_owned(),
        other => other.replace('_', " "),
    }
}

/// The sentence for an event, without its time and app (shown beside it).
pub fn describe(event: &Event) -> String {
    let who = event
        .user
        .as_ref()
        .map(|u| u.username.clone())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "The platform".to_owned());
    match event.kind.as_str() {
        "scale" => {
            let changes: Vec<String> = event
                .scale_changes()
                .iter()
                .map(|c| {
                    format!(
                        "{} from {} to {}",
                        c.process_type,
                        scale_side(&c.before),
                        scale_side(&c.after)
                    )
                })
                .collect();
            if changes.is_empty() {
                format!("{who} scaled the app")
            } else {
                format!("{who} scaled {}", changes.join(", "))
            }
        }
        "restart" => {
            let scope = event
                .type_data
                .get("scope")
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "every container".to_owned());
            let reason = text(event, "reason")
                .filter(|r| r != "user_restart")
                .map(|r| format!(" ({})", r.replace('_', " ")))
                .unwrap_or_default();
            format!("{who} restarted {scope}{reason}")
        }
        "deployment" => {
            let git_ref: String = text(event, "git_ref")
                .unwrap_or_default()
                .chars()
                .take(7)
                .collect();
            let pusher = text(event, "pusher").unwrap_or(who);
            let status = text(event, "status").unwrap_or_else(|| "unknown".to_owned());
            let duration = text(event, "duration")
                .map(|d| format!(" in {d} s"))
                .unwrap_or_default();
            format!("{pusher} deployed {git_ref}: {status}{duration}")
        }
        "edit_app" => {
            let changes: Vec<String> = event
                .type_data
                .iter()
                .filter_map(|(key, value)| match value {
                    Value::Bool(on) => Some(format!(
                        "turned {} {}",
                        if *on { "on" } else { "off" },
                        setting_name(key)
                    )),
                    _ => None,
                })
                .collect();
            if changes.is_empty() {
                format!("{who} changed the settings")
            } else {
                format!("{who} {}", changes.join(", "))
            }
        }
        "rename_app" => format!(
            "{who} renamed the app from {} to {}",
            text(event, "old_name").unwrap_or_default(),
            text(event, "new_name").unwrap_or_default()
        ),
        "transfer_app" => format!(
            "{who} transferred the app from {} to {}",
            text(event, "old_owner").unwrap_or_default(),
            text(event, "new_owner").unwrap_or_default()
        ),
        "new_app" => match text(event, "parent_app_name").filter(|p| !p.is_empty()) {
            Some(parent) => format!("{who} created the app as a child of {parent}"),
            None => format!("{who} created the app"),
        },
        "delete_app" => format!("{who} deleted the app"),
        "stack_changed" => format!(
            "{who} changed the stack from {} to {}",
            text(event, "previous_stack_name").unwrap_or_default(),
            text(event, "current_stack_name").unwrap_or_default()
        ),
        "update_app_project" => format!(
            "{who} moved the app from project {} to {}",
            text(event, "old_project_name").unwrap_or_default(),
            text(event, "new_project_name").unwrap_or_default()
        ),
        "run" => {
            let detached = event.type_data.get("detached").and_then(Value::as_bool) == Some(true);
            format!(
                "{who} ran “{}”{}",
                super::format::isolate(&text(event, "command").unwrap_or_default()),
                if detached { " in the background" } else { "" }
            )
        }
        // The API's variable events carry the values: the feed says the
        // names only, never a secret.
        "new_variable" | "edit_variable" | "delete_variable" => {
            let verb = match event.kind.as_str() {
                "new_variable" => "added",
                "edit_variable" => "changed",
                _ => "deleted",
            };
            let name = text(event, "name").unwrap_or_else(|| "a variable".to_owned());
            let addon = text(event, "addon_name")
                .filter(|a| !a.is_empty())
                .map(|a| format!(" (add-on {a})"))
                .unwrap_or_default();
            format!("{who} {verb} the environment variable {name}{addon}")
        }
        "edit_variables" => {
            let parts: Vec<String> = [
                ("added", "new_vars"),
                ("changed", "updated_vars"),
                ("deleted", "deleted_vars"),
            ]
            .into_iter()
            .filter_map(|(verb, key)| {
                let names = variable_names(event, key);
                (!names.is_empty()).then(|| format!("{verb} {}", names.join(", ")))
            })
            .collect();
            if parts.is_empty() {
                format!("{who} edited the environment")
            } else {
                format!("{who} edited the environment: {}", parts.join("; "))
            }
        }
        "crash" | "repeated_crash" => format!(
            "{} crashed{}",
            text(event, "container_type").unwrap_or_else(|| "A container".to_owned()),
            if event.kind == "repeated_crash" {
                " repeatedly"
            } else {
                ""
            }
        ),
        "new_addon" | "upgrade_addon" | "delete_addon" | "resume_addon" | "suspend_addon" => {
            addon_sentence(event, &who)
        }
        "new_domain" | "edit_domain" | "delete_domain" => {
            let verb = match event.kind.as_str() {
                "new_domain" => "added",
                "edit_domain" => "changed",
                _ => "deleted",
            };
            match text(event, "hostname").filter(|h| !h.is_empty()) {
                Some(host) => format!("{who} {verb} the domain {}", isolate(&host)),
                None => format!("{who} {verb} a domain"),
            }
        }
        "new_collaborator"
        | "accept_collaborator"
        | "delete_collaborator"
        | "change_collaborator_role" => collaborator_sentence(event, &who),
        "new_autoscaler" | "edit_autoscaler" | "delete_autoscaler" => {
            let kind = text(event, "container_type").unwrap_or_else(|| "a type".to_owned());
            if event.kind == "delete_autoscaler" {
                return format!("{who} deleted the autoscaler of {}", isolate(&kind));
            }
            let verb = if event.kind == "new_autoscaler" {
                "set up"
            } else {
                "changed"
            };
            let range = match (text(event, "min_containers"), text(event, "max_containers")) {
                (Some(min), Some(max)) => format!(": {min} to {max} containers"),
                _ => String::new(),
            };
            let target = text(event, "target_text")
                .map(|t| format!(", target {}", isolate(&t)))
                .unwrap_or_default();
            format!(
                "{who} {verb} the autoscaler of {}{range}{target}",
                isolate(&kind)
            )
        }
        "new_alert" | "delete_alert" | "alert" => {
            let metric = text(event, "metric").unwrap_or_else(|| "a metric".to_owned());
            let kind = text(event, "container_type").unwrap_or_default();
            let below = event
                .type_data
                .get("send_when_below")
                .and_then(Value::as_bool)
                == Some(true);
            let limit = text(event, "limit_text")
                .map(|l| format!(" {} {}", if below { "below" } else { "above" }, isolate(&l)))
                .unwrap_or_default();
            let on = format!("{} of {}", isolate(&metric), isolate(&kind));
            match event.kind.as_str() {
                "new_alert" => format!("{who} added an alert on {on}{limit}"),
                "delete_alert" => format!("{who} deleted the alert on {on}"),
                _ => {
                    let value = text(event, "value_text")
                        .map(|v| format!(" at {}", isolate(&v)))
                        .unwrap_or_default();
                    format!("Alert: {on}{value}{limit}")
                }
            }
        }
        "new_notifier" | "edit_notifier" | "delete_notifier" => {
            let verb = match event.kind.as_str() {
                "new_notifier" => "added",
                "edit_notifier" => "changed",
                _ => "deleted",
            };
            let name = text(event, "notifier_name")
                .or_else(|| text(event, "name"))
                .map(|n| format!(" {}", isolate(&n)))
                .unwrap_or_default();
            format!("{who} {verb} the notifier{name}")
        }
        other => format!("{who}: {}", other.replace('_', " ")),
    }
}

fn isolate(text: &str) -> String {
    super::format::isolate(text)
}

/// "ada added PostgreSQL (Business 1G)", "ada moved Redis from Starter
/// 512M to Starter 1G".
fn addon_sentence(event: &Event, who: &str) -> String {
    let provider =
        isolate(&text(event, "addon_provider_name").unwrap_or_else(|| "an addon".to_owned()));
    let plan = text(event, "plan_name")
        .filter(|p| !p.is_empty())
        .map(|p| format!(" ({})", isolate(&p)))
        .unwrap_or_default();
    match event.kind.as_str() {
        "new_addon" => format!("{who} added {provider}{plan}"),
        "upgrade_addon" => match (text(event, "old_plan_name"), text(event, "new_plan_name")) {
            (Some(old), Some(new)) => format!(
                "{who} moved {provider} from {} to {}",
                isolate(&old),
                isolate(&new)
            ),
            _ => format!("{who} changed the plan of {provider}{plan}"),
        },
        "delete_addon" => format!("{who} removed {provider}{plan} and its data"),
        "resume_addon" => format!("{who} resumed {provider}"),
        _ => format!("{who} suspended {provider}"),
    }
}

/// The collaborator events name the person by e-mail (a pending one has
/// no username yet).
fn collaborator_sentence(event: &Event, who: &str) -> String {
    let person = event.type_data.get("collaborator");
    let field = |key: &str| {
        person
            .and_then(|p| p.get(key))
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty() && *v != "n/a")
            .map(str::to_owned)
    };
    let them = isolate(
        &field("email")
            .or_else(|| field("username"))
            .unwrap_or_else(|| "someone".to_owned()),
    );
    let limited = person
        .and_then(|p| p.get("is_limited"))
        .and_then(Value::as_bool)
        == Some(true);
    let role = if limited {
        "a limited collaborator"
    } else {
        "a collaborator"
    };
    match event.kind.as_str() {
        "new_collaborator" => format!("{who} invited {them} as {role}"),
        "accept_collaborator" => format!("{them} accepted the invitation"),
        "delete_collaborator" => format!("{who} removed {them}"),
        _ => format!("{who} made {them} {role}"),
    }
}

/// Deployment statuses that mean it failed (the reference's list).
pub const FAILED_DEPLOYMENTS: [&str; 5] = [
    "build-error",
    "crashed-error",
    "timeout-error",
    "hook-error",
    "aborted",
];

/// How long after a scale or a restart a crash of one of its types is
/// taken as that operation failing (operations take seconds to minutes).
const OPERATION_WINDOW_MS: i64 = 15 * 60_000;

fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    line.chars().take(200).collect()
}

/// The container types an operation event started containers of.
fn started_types(event: &Event) -> Vec<String> {
    match event.kind.as_str() {
        "scale" => event
            .scale_changes()
            .into_iter()
            .filter(|c| c.after.as_ref().is_some_and(|v| v.amount > 0))
            .map(|c| c.process_type)
            .collect(),
        "restart" => event
            .type_data
            .get("scope")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|label| label.split('-').next().unwrap_or(label).to_owned())
                    .collect()
            })
            // No scope: every type.
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// For each event, why it stands for a failure, if it does:
/// - a crash is one;
/// - a deployment whose status is an error;
/// - a scale or a restart followed, within a quarter of an hour and before
///   any other change of the app's containers, by a crash of a type it
///   started (that is how the platform reports containers that failed to
///   start; the events themselves carry no outcome).
pub fn failures(events: &[Event]) -> Vec<Option<String>> {
    let time = |e: &Event| {
        e.created_at
            .as_deref()
            .and_then(super::time::parse_rfc3339_ms)
    };
    let app = |e: &Event| {
        e.app_id
            .clone()
            .or_else(|| e.app_name.clone())
            .unwrap_or_default()
    };
    events
        .iter()
        .map(|event| match event.kind.as_str() {
            "crash" | "repeated_crash" => Some(
                text(event, "crash_logs")
                    .map(|logs| first_line(&logs))
                    .filter(|l| !l.is_empty())
                    .unwrap_or_else(|| "the containers stopped unexpectedly".to_owned()),
            ),
            "deployment" => text(event, "status")
                .filter(|status| FAILED_DEPLOYMENTS.contains(&status.as_str()))
                .map(|status| status.replace('-', " ")),
            "scale" | "restart" => {
                let at = time(event)?;
                let types = started_types(event);
                let own_app = app(event);
                // The events of the same app after this one, oldest first.
                let mut later: Vec<(i64, &Event)> = events
                    .iter()
                    .filter(|e| app(e) == own_app && !std::ptr::eq(*e, event))
                    .filter_map(|e| Some((time(e)?, e)))
                    .filter(|(t, _)| *t >= at && *t <= at + OPERATION_WINDOW_MS)
                    .collect();
                later.sort_by_key(|(t, _)| *t);
                for (_, next) in later {
                    match next.kind.as_str() {
                        "crash" | "repeated_crash" => {
                            let kind = text(next, "container_type").unwrap_or_default();
                            if types.is_empty() || types.contains(&kind) {
                                let logs = text(next, "crash_logs")
                                    .map(|l| first_line(&l))
                                    .filter(|l| !l.is_empty());
                                return Some(match logs {
                                    Some(logs) => format!("{kind} crashed: {logs}"),
                                    None => format!("{kind} crashed"),
                                });
                            }
                        }
                        "scale" | "restart" | "deployment" => return None,
                        _ => {}
                    }
                }
                None
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(kind: &str, time: &str, data: Value) -> Event {
        serde_json::from_value(json!({
            "id": time, "type": kind, "app_id": "ap-1", "created_at": time,
            "user": {"username": "ada"}, "type_data": data
        }))
        .unwrap()
    }

    #[test]
    fn failed_operations_read_as_failures() {
        let scale = |time: &str| {
            at(
                "scale",
                time,
                json!({"previous_containers": {"web": "0:S"}, "containers": {"web": "2:S"}}),
            )
        };
        let crash = |time: &str| {
            at(
                "crash",
                time,
                json!({"container_type": "web", "crash_logs": "container web-2 failed to start\nexit 137"}),
            )
        };
        // Newest first, as the API lists them.
        let events = vec![
            crash("2024-03-02T10:01:00Z"),
            scale("2024-03-02T10:00:00Z"),
            scale("2024-03-02T09:00:00Z"),
            at(
                "deployment",
                "2024-03-02T08:00:00Z",
                json!({"status": "build-error"}),
            ),
            at(
                "deployment",
                "2024-03-02T07:00:00Z",
                json!({"status": "success"}),
            ),
        ];
        assert_eq!(
            failures(&events),
            [
                Some("container web-2 failed to start".to_owned()),
                Some("web crashed: container web-2 failed to start".to_owned()),
                // Another scale came between it and the crash.
                None,
                Some("build error".to_owned()),
                None,
            ]
        );
        // A crash of another type, or long after, is not the scale's.
        let other = vec![
            at(
                "crash",
                "2024-03-02T10:01:00Z",
                json!({"container_type": "worker"}),
            ),
            scale("2024-03-02T10:00:00Z"),
            at(
                "crash",
                "2024-03-02T12:00:00Z",
                json!({"container_type": "web"}),
            ),
        ];
        assert_eq!(failures(&other)[1], None);
    }

    fn event(kind: &str, data: Value) -> Event {
        serde_json::from_value(
            json!({"id": "1", "type": kind, "user": {"username": "ada"}, "type_data": data}),
        )
        .unwrap()
    }

    #[test]
    fn sentences() {
        assert_eq!(
            describe(&event(
                "scale",
                json!({"previous_containers": {"web": "2:M"}, "containers": {"web": "3:L"}})
            )),
            "ada scaled web from 2×M to 3×L"
        );
        assert_eq!(
            describe(&event(
                "restart",
                json!({"scope": null, "reason": "user_restart"})
            )),
            "ada restarted every container"
        );
        assert_eq!(
            describe(&event(
                "restart",
                json!({"scope": ["web-1"], "reason": "security_maintenance"})
            )),
            "ada restarted web-1 (security maintenance)"
        );
        assert_eq!(
            describe(&event("edit_app", json!({"force_https": true}))),
            "ada turned on Force HTTPS"
        );
        assert_eq!(
            describe(&event(
                "rename_app",
                json!({"old_name": "a", "new_name": "b"})
            )),
            "ada renamed the app from a to b"
        );
        assert_eq!(
            describe(&event(
                "transfer_app",
                json!({"old_owner": {"username": "ada"}, "new_owner": {"username": "grace"}})
            )),
            "ada transferred the app from ada to grace"
        );
        assert_eq!(
            describe(&event(
                "deployment",
                json!({"git_ref": "0123456789", "status": "success", "duration": 42, "pusher": "grace"})
            )),
            "grace deployed 0123456: success in 42 s"
        );
        assert_eq!(
            describe(&event(
                "run",
                json!({"command": "rake x", "detached": true})
            )),
            "ada ran “\u{2068}rake x\u{2069}” in the background"
        );
        assert_eq!(
            describe(&event("new_domain", json!({}))),
            "ada added a domain"
        );
        assert_eq!(
            describe(&event(
                "upgrade_addon",
                json!({"addon_provider_name": "Redis", "old_plan_name": "S", "new_plan_name": "M"})
            )),
            "ada moved \u{2068}Redis\u{2069} from \u{2068}S\u{2069} to \u{2068}M\u{2069}"
        );
        assert_eq!(
            describe(&event(
                "new_collaborator",
                json!({"collaborator": {"email": "zoe@example.com", "username": "n/a", "is_limited": true}})
            )),
            "ada invited \u{2068}zoe@example.com\u{2069} as a limited collaborator"
        );
        assert_eq!(
            describe(&event(
                "new_autoscaler",
                json!({"container_type": "web", "min_containers": "2", "max_containers": "6", "target_text": "100 rpm"})
            )),
            "ada set up the autoscaler of \u{2068}web\u{2069}: 2 to 6 containers, target \u{2068}100 rpm\u{2069}"
        );
        assert_eq!(
            describe(&event(
                "new_alert",
                json!({"metric": "memory", "container_type": "web", "limit_text": "80%"})
            )),
            "ada added an alert on \u{2068}memory\u{2069} of \u{2068}web\u{2069} above \u{2068}80%\u{2069}"
        );
        assert_eq!(kind_of("delete_notifier"), Some("alerts"));
        assert_eq!(kind_of("resume_addon"), Some("resources"));
    }

    #[test]
    fn variable_events_say_names_never_values() {
        let edited = describe(&event(
            "edit_variable",
            json!({"name": "API_KEY", "value": "s3cr3t", "old_value": "0ld"}),
        ));
        assert_eq!(edited, "ada changed the environment variable API_KEY");
        let bulk = describe(&event(
            "edit_variables",
            json!({
                "new_vars": [{"name": "A", "value": "s3cr3t"}],
                "updated_vars": [{"name": "B", "value": "x", "old_value": "y"}],
                "deleted_vars": [{"name": "C", "value": "z"}]
            }),
        ));
        assert_eq!(
            bulk,
            "ada edited the environment: added A; changed B; deleted C"
        );
        assert!(!bulk.contains("s3cr3t"));
        assert_eq!(
            describe(&event(
                "new_variable",
                json!({"name": "REDIS_URL", "value": "redis://", "addon_name": "redis"})
            )),
            "ada added the environment variable REDIS_URL (add-on redis)"
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("edit_app"), Some("settings"));
        assert_eq!(kind_of("repeated_crash"), Some("restart"));
        assert_eq!(kind_of("new_variable"), Some("environment"));
    }
}
