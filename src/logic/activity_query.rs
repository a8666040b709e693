//! The activity feed's filters, in the URL: `?kinds=scale,restart&region=…`.

use super::{activity::KINDS, query_string::QueryString};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActivityQuery {
    /// Families shown; empty for all.
    pub kinds: Vec<String>,
    pub region: String,
}

impl ActivityQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let kinds = get("kinds")
            .unwrap_or_default()
            .split(',')
            .filter(|k| KINDS.iter().any(|(known, _)| known == k))
            .map(str::to_owned)
            .collect();
        ActivityQuery {
            kinds,
            region: get("region").unwrap_or_default(),
        }
    }

    pub fn to_query_string(&self) -> String {
        QueryString::new()
            .text("kinds", &self.kinds.join(","))
            .text("region", &self.region)
            .finish()
    }

    /// Whether an event of `event_type` is shown.
    pub fn accepts(&self, event_type: &str) -> bool {
        self.kinds.is_empty()
            || super::activity::kind_of(event_type)
                .is_some_and(|kind| self.kinds.iter().any(|k| k == kind))
    }

    /// The query with `kind` switched on or off.
    pub fn toggled(&self, kind: &str) -> Self {
        let mut next = self.clone();
        if let Some(position) = next.kinds.iter().position(|k| k == kind) {
            next.kinds.remove(position);
        } else {
            next.kinds.push(kind.to_owned());
            next.kinds.sort();
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_filter() {
        let q = ActivityQuery::from_params(|k| {
            (k == "kinds").then(|| "scale,bogus,restart".to_owned())
        });
        assert_eq!(q.kinds, ["scale", "restart"]);
        assert!(q.accepts("scale"));
        assert!(q.accepts("repeated_crash"));
        assert!(!q.accepts("edit_app"));
        assert_eq!(q.toggled("restart").to_query_string(), "?kinds=scale");
        assert_eq!(ActivityQuery::default().to_query_string(), "");
        assert!(ActivityQuery::default().accepts("anything"));
    }
}
