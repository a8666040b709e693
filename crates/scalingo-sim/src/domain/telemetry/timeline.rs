//! What ran when: an app's formation over time, read back from its events
//! (scales, restarts, deployments, crashes) and its current formation.
//!
//! Metrics are drawn from this rather than from the container records
//! because the events reach back days (the demo history and every live
//! scale or restart push one), whereas records only know the containers of
//! now. So the charts line up with the events a dashboard draws on them.

use serde_json::Value;

use crate::domain::{
    model::{AppRecord, EventRecord},
    time::Timestamp,
};

/// Amount and size of a process type at some moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Formation {
    pub amount: u32,
    pub size: String,
}

#[derive(Debug, Clone)]
struct ScaleChange {
    at: Timestamp,
    kind: String,
    /// `None`: the type did not exist before this scale.
    previous: Option<Formation>,
    next: Option<Formation>,
}

#[derive(Debug, Clone)]
pub struct Timeline {
    deployed: bool,
    created_at: Timestamp,
    /// Current formation: name, amount, size, creation date.
    current: Vec<(String, Formation, Timestamp)>,
    scales: Vec<ScaleChange>,
    /// Moment and scope (`None`: everything).
    restarts: Vec<(Timestamp, Option<Vec<String>>)>,
    /// Successful deployments (they replace every container).
    deploys: Vec<Timestamp>,
    /// A crashed app runs nothing since its last crash event.
    down_since: Option<Timestamp>,
}

/// `"2:M"` → 2 containers of size M.
fn parse_formation(value: &Value) -> Option<Formation> {
    let text = value.as_str()?;
    let (amount, size) = text.split_once(':')?;
    Some(Formation {
        amount: amount.trim().parse().ok()?,
        size: size.trim().to_owned(),
    })
}

impl Timeline {
    /// The timeline of `app` from `events` (any order; other apps' events
    /// are skipped).
    pub fn new(app: &AppRecord, events: &[EventRecord]) -> Self {
        let mut mine: Vec<&EventRecord> = events.iter().filter(|e| e.app_id == app.id).collect();
        mine.sort_by_key(|e| e.created_at);
        let mut timeline = Timeline {
            deployed: app.last_deployed_at.is_some(),
            created_at: app.created_at,
            current: app
                .formation
                .iter()
                .map(|t| {
                    let formation = Formation {
                        amount: t.amount,
                        size: t.size.clone(),
                    };
                    (t.name.clone(), formation, t.created_at)
                })
                .collect(),
            scales: Vec::new(),
            restarts: Vec::new(),
            deploys: Vec::new(),
            down_since: None,
        };
        for event in mine {
            let data = &event.type_data;
            match event.kind.as_str() {
                "scale" => timeline.push_scale(event.created_at, data),
                "restart" => {
                    let scope = data.get("scope").and_then(Value::as_array).map(|items| {
                        items
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect::<Vec<_>>()
                    });
                    let scope = scope.filter(|s| !s.is_empty());
                    timeline.restarts.push((event.created_at, scope));
                }
                "deployment" if data.get("status").and_then(Value::as_str) == Some("success") => {
                    timeline.deploys.push(event.created_at);
                }
                "crash" | "repeated_crash" => timeline.down_since = Some(event.created_at),
                _ => {}
            }
        }
        if app.status != scalingo_api::AppStatus::Crashed {
            timeline.down_since = None;
        }
        timeline
    }

    fn push_scale(&mut self, at: Timestamp, data: &Value) {
        let empty = serde_json::Map::new();
        let previous = data
            .get("previous_containers")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let next = data
            .get("containers")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (kind, value) in next {
            self.scales.push(ScaleChange {
                at,
                kind: kind.clone(),
                previous: previous.get(kind).and_then(parse_formation),
                next: parse_formation(value),
            });
        }
    }

    /// When a process type first ran: the earliest of its creation and the
    /// events that involve it. `None` for a type the app never had.
    pub fn type_since(&self, kind: &str) -> Option<Timestamp> {
        if !self.deployed {
            return None;
        }
        let created = self
            .current
            .iter()
            .find(|(name, _, _)| name == kind)
            .map(|(_, _, at)| *at);
        let scaled = self.scales.iter().find(|c| c.kind == kind).map(|c| c.at);
        created.or(scaled)?;
        let app_wide = self
            .deploys
            .first()
            .into_iter()
            .chain(self.restarts.first().map(|(at, _)| at))
            .copied();
        created
            .into_iter()
            .chain(scaled)
            .chain(app_wide)
            .min()
            .map(|at| at.max(self.created_at))
    }

    /// Every process type the app has or had.
    pub fn types(&self) -> Vec<String> {
        let mut names: Vec<String> = self.current.iter().map(|(n, _, _)| n.clone()).collect();
        for change in &self.scales {
            if !names.contains(&change.kind) {
                names.push(change.kind.clone());
            }
        }
        names
    }

    /// The amount and size of `kind` at `at`; `None` before the type
    /// existed (or for a type the app never had). An amount of 0 is a type
    /// that exists but runs nothing (a stopped or crashed app).
    pub fn at(&self, kind: &str, at: Timestamp) -> Option<Formation> {
        let since = self.type_since(kind)?;
        if at < since {
            return None;
        }
        let current = self
            .current
            .iter()
            .find(|(name, _, _)| name == kind)
            .map(|(_, f, _)| f.clone());
        let mut formation = match self.scales.iter().find(|c| c.kind == kind && c.at > at) {
            Some(change) => change.previous.clone()?,
            None => current?,
        };
        if self.down_since.is_some_and(|down| at >= down) {
            formation.amount = 0;
        }
        Some(formation)
    }

    /// Web containers running at `at`.
    pub fn web_count(&self, at: Timestamp) -> u32 {
        self.at("web", at).map_or(0, |f| f.amount)
    }

    /// When container `index` of `kind` last (re)started before `at`:
    /// deployments and restarts that reach it, scales that created it or
    /// changed its size. Memory starts low again from there.
    pub fn started(&self, kind: &str, index: u64, at: Timestamp) -> Timestamp {
        let label = format!("{kind}-{index}");
        let mut started = self.type_since(kind).unwrap_or(at).min(at);
        let mut later = |moment: Timestamp| {
            if moment <= at && moment > started {
                started = moment;
            }
        };
        for &deploy in &self.deploys {
            later(deploy);
        }
        for (moment, scope) in &self.restarts {
            let reaches = scope
                .as_ref()
                .is_none_or(|s| s.iter().any(|item| item == kind || *item == label));
            if reaches {
                later(*moment);
            }
        }
        for change in self.scales.iter().filter(|c| c.kind == kind) {
            let replaced = match (&change.previous, &change.next) {
                (Some(previous), Some(next)) => {
                    previous.size != next.size || index > u64::from(previous.amount)
                }
                _ => true,
            };
            if replaced {
                later(change.at);
            }
        }
        started
    }

    /// The moments of the events that disturb traffic (deployments and
    /// restarts), for the 5XX bumps of the router series.
    pub fn disruptions(&self) -> impl Iterator<Item = Timestamp> + '_ {
        self.deploys
            .iter()
            .copied()
            .chain(self.restarts.iter().map(|(at, _)| *at))
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use serde_json::json;

    use super::*;
    use crate::{domain::demo, domain::time};

    fn app_and_events(name: &str) -> (AppRecord, Vec<EventRecord>) {
        let p = demo::generate(42, time::now());
        let app = p.apps.iter().find(|a| a.name == name).unwrap().clone();
        (app, p.events)
    }

    fn event(app: &AppRecord, kind: &str, at: Timestamp, data: Value) -> EventRecord {
        EventRecord {
            id: format!("{kind}-{}", at.timestamp_millis()),
            region: app.region.clone(),
            created_at: at,
            kind: kind.to_owned(),
            app_id: app.id.clone(),
            app_name: app.name.clone(),
            project_id: String::new(),
            project_name: String::new(),
            user: crate::domain::model::EventUser {
                id: String::new(),
                username: String::new(),
                email: String::new(),
            },
            type_data: data,
        }
    }

    #[test]
    fn the_formation_is_read_back_through_scales() {
        let (mut app, _) = app_and_events("status-page");
        app.formation[0].amount = 3;
        app.formation[0].size = "L".to_owned();
        let now = time::now();
        let scaled = now - Duration::hours(1);
        let events = vec![event(
            &app,
            "scale",
            scaled,
            json!({"previous_containers": {"web": "1:M"}, "containers": {"web": "3:L"}}),
        )];
        let t = Timeline::new(&app, &events);
        let before = t.at("web", scaled - Duration::minutes(1)).unwrap();
        assert_eq!((before.amount, before.size.as_str()), (1, "M"));
        let after = t.at("web", now).unwrap();
        assert_eq!((after.amount, after.size.as_str()), (3, "L"));
        // The resize restarted web-1; web-3 was new.
        assert_eq!(t.started("web", 1, now), scaled);
        assert_eq!(t.started("web", 3, now), scaled);
        assert!(t.at("worker", now).is_none());
    }

    #[test]
    fn a_stopped_app_runs_nothing_after_its_scale_to_zero() {
        let (app, events) = app_and_events("legacy-crm");
        let t = Timeline::new(&app, &events);
        assert_eq!(t.web_count(time::now()), 0);
        let (app, events) = app_and_events("marketing-site");
        let t = Timeline::new(&app, &events);
        assert!(t.types().is_empty());
        assert!(t.at("web", time::now()).is_none());
    }
}
