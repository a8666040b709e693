//! Alerts and notifiers in words: an alert's condition, its delays, and
//! where a notifier sends.

use std::time::Duration;

use scalingo_api::{Alert, Notifier, NotifierTypeData};

/// "5 min", "1 h 30 min", "45 s", "immediately".
pub fn duration_text(duration: Duration) -> String {
    let total = duration.as_secs();
    if total == 0 {
        return "immediately".to_owned();
    }
    let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
    let mut parts = Vec::new();
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0 {
        parts.push(format!("{minutes} min"));
    }
    if seconds > 0 {
        parts.push(format!("{seconds} s"));
    }
    parts.join(" ")
}

/// "above 80% for 5 min", "below 10 rpm for 1 min".
pub fn condition(alert: &Alert) -> String {
    let side = if alert.send_when_below {
        "below"
    } else {
        "above"
    };
    let delay = alert.trigger_delay();
    let lasting = if delay.is_zero() {
        String::new()
    } else {
        format!(" for {}", duration_text(delay))
    };
    format!("{side} {}{lasting}", alert.limit_text())
}

/// "every 30 min", or "once".
pub fn reminder_text(alert: &Alert) -> String {
    alert.reminder().map_or_else(
        || "once".to_owned(),
        |every| format!("every {}", duration_text(every)),
    )
}

/// Where a notifier sends, as text (never a link: it is API data).
pub fn destination(notifier: &Notifier) -> String {
    match notifier.destination() {
        NotifierTypeData::Webhook { webhook_url } => webhook_url,
        NotifierTypeData::Email { user_ids, emails } => {
            let mut to: Vec<String> = emails;
            match user_ids.len() {
                0 => {}
                1 => to.push("1 collaborator".to_owned()),
                n => to.push(format!("{n} collaborators")),
            }
            if to.is_empty() {
                "nobody yet".to_owned()
            } else {
                to.join(", ")
            }
        }
        NotifierTypeData::Other(map) => map
            .iter()
            .map(|(key, value)| format!("{key}: {}", crate::logic::format::json_value(value)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// What a notifier is told of.
pub fn sends(notifier: &Notifier) -> String {
    match (notifier.send_all_events, notifier.send_all_alerts) {
        (true, _) => "Every event".to_owned(),
        (false, true) if notifier.selected_event_ids.is_empty() => "Alerts".to_owned(),
        (false, alerts) => {
            let count = notifier.selected_event_ids.len();
            let events = match count {
                0 => "No event".to_owned(),
                1 => "1 event".to_owned(),
                n => format!("{n} events"),
            };
            if alerts {
                format!("Alerts and {}", events.to_lowercase())
            } else {
                events
            }
        }
    }
}

/// The choices offered for `remind_every`: Go durations and their words.
pub const REMINDERS: [(&str, &str); 6] = [
    ("", "Never"),
    ("15m", "Every 15 min"),
    ("30m", "Every 30 min"),
    ("1h", "Every hour"),
    ("6h", "Every 6 hours"),
    ("24h", "Every day"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use scalingo_api::TriggerMetric;

    #[test]
    fn words() {
        assert_eq!(duration_text(Duration::from_secs(300)), "5 min");
        assert_eq!(duration_text(Duration::from_secs(5400)), "1 h 30 min");
        assert_eq!(duration_text(Duration::from_secs(45)), "45 s");
        assert_eq!(duration_text(Duration::ZERO), "immediately");
        let alert = Alert {
            metric: TriggerMetric::Memory,
            limit: 0.8,
            duration_before_trigger: 240_000_000_000,
            remind_every: "30m".to_owned(),
            ..Alert::default()
        };
        assert_eq!(condition(&alert), "above 80% for 4 min");
        assert_eq!(reminder_text(&alert), "every 30 min");
        let below = Alert {
            send_when_below: true,
            remind_every: String::new(),
            duration_before_trigger: 0,
            ..alert
        };
        assert_eq!(condition(&below), "below 80%");
        assert_eq!(reminder_text(&below), "once");
    }
}
