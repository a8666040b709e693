//! The Content-Security-Policy violations browsers reported (see
//! `routes::dashboard`): kept so that a test can assert that the
//! dashboard runs under its policy without breaking it.
//!
//! Browsers send two formats: `application/csp-report`, one
//! `{"csp-report": {…}}` per violation (the `report-uri` directive), and
//! `application/reports+json`, an array of `{"type": "csp-violation",
//! "body": {…}}` (the Reporting API). Each report is kept as sent; only the
//! last [`KEPT`] are, so a page that loops on a violation cannot fill the
//! memory.

use std::{collections::VecDeque, sync::Mutex};

use serde_json::Value;

/// How many reports are kept.
pub const KEPT: usize = 200;

#[derive(Debug, Default)]
pub struct CspReports {
    reports: Mutex<VecDeque<Value>>,
}

impl CspReports {
    /// Keeps the reports of one request body (an array is several of
    /// them); returns how many.
    pub fn add(&self, body: Value) -> usize {
        let reports = match body {
            Value::Array(items) => items,
            Value::Null => Vec::new(),
            single => vec![single],
        };
        let added = reports.len();
        let mut kept = self.reports.lock().unwrap_or_else(|e| e.into_inner());
        for report in reports {
            if kept.len() == KEPT {
                kept.pop_front();
            }
            kept.push_back(report);
        }
        added
    }

    /// The reports, oldest first.
    pub fn list(&self) -> Vec<Value> {
        let kept = self.reports.lock().unwrap_or_else(|e| e.into_inner());
        kept.iter().cloned().collect()
    }

    pub fn clear(&self) {
        self.reports
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn arrays_are_several_reports_and_only_the_last_are_kept() {
        let reports = CspReports::default();
        assert_eq!(reports.add(json!({"csp-report": {"n": 0}})), 1);
        assert_eq!(reports.add(json!([{"n": 1}, {"n": 2}])), 2);
        assert_eq!(reports.list().len(), 3);
        for n in 0..KEPT + 10 {
            reports.add(json!({ "n": n }));
        }
        let list = reports.list();
        assert_eq!(list.len(), KEPT);
        assert_eq!(list[0], json!({ "n": 10 }));
        reports.clear();
        assert!(reports.list().is_empty());
    }
}
