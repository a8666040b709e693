//! Parking: scaling apps to zero while remembering their formation, and
//! restoring it later. The remembered formations are plain data, kept in
//! the browser and exportable as JSON.

use std::collections::BTreeMap;

use scalingo_api::{ContainerSize, ContainerType, ScaleItem, ScaleRequest};
use serde::{Deserialize, Serialize};

use super::scale::monthly_cents;

/// One container type as it was before parking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkedType {
    pub name: String,
    pub amount: u32,
    pub size: String,
}

/// An app's formation before it was parked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkedApp {
    pub region: String,
    pub app: String,
    /// RFC 3339, from the browser's clock.
    pub parked_at: String,
    pub formation: Vec<ParkedType>,
}

/// Every parked app, by `region/app`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParkingLot {
    #[serde(default)]
    pub apps: BTreeMap<String, ParkedApp>,
}

impl ParkingLot {
    pub fn key(region: &str, app: &str) -> String {
        format!("{region}/{app}")
    }

    /// Reads an exported file; anything else is refused with a reason.
    pub fn import(text: &str) -> Result<ParkingLot, String> {
        let refused = |why: String| format!("not a parked-formations file: {why}");
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| refused(e.to_string()))?;
        if !value.get("apps").is_some_and(serde_json::Value::is_object) {
            return Err(refused("no \"apps\" object".to_owned()));
        }
        let lot: ParkingLot = serde_json::from_value(value).map_err(|e| refused(e.to_string()))?;
        for (key, parked) in &lot.apps {
            if *key != Self::key(&parked.region, &parked.app) {
                return Err(format!("the entry {key} does not match its app"));
            }
        }
        Ok(lot)
    }

    pub fn export(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_owned())
    }
}

/// The formation worth remembering (types running at least one container).
pub fn to_park(formation: &[ContainerType]) -> Vec<ParkedType> {
    formation
        .iter()
        .filter(|kind| kind.amount > 0)
        .map(|kind| ParkedType {
            name: kind.name.clone(),
            amount: kind.amount,
            size: kind.size.clone(),
        })
        .collect()
}

/// The request that stops every running type.
pub fn park_request(formation: &[ContainerType]) -> ScaleRequest {
    ScaleRequest {
        containers: formation
            .iter()
            .filter(|kind| kind.amount > 0)
            .map(|kind| ScaleItem {
                name: kind.name.clone(),
                amount: 0,
                size: None,
            })
            .collect(),
    }
}

/// The request that brings a parked formation back.
pub fn unpark_request(parked: &ParkedApp) -> ScaleRequest {
    ScaleRequest {
        containers: parked
            .formation
            .iter()
            .map(|kind| ScaleItem {
                name: kind.name.clone(),
                amount: i64::from(kind.amount),
                size: (!kind.size.is_empty()).then(|| kind.size.clone()),
            })
            .collect(),
    }
}

/// `web 2×M, worker 1×S`.
pub fn describe(formation: &[ParkedType]) -> String {
    if formation.is_empty() {
        return "nothing running".to_owned();
    }
    formation
        .iter()
        .map(|kind| format!("{} {}×{}", kind.name, kind.amount, kind.size))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the formation costs for 30 days, in cents, when every size is known.
pub fn monthly_cost(formation: &[ParkedType], sizes: &[ContainerSize]) -> Option<f64> {
    formation.iter().try_fold(0.0, |total, kind| {
        let size = sizes.iter().find(|s| s.name == kind.size)?;
        Some(total + monthly_cents(size)? * f64::from(kind.amount))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, amount: u32, size: &str) -> ContainerType {
        ContainerType {
            name: name.into(),
            amount,
            size: size.into(),
            ..Default::default()
        }
    }

    #[test]
    fn park_and_unpark_requests() {
        let formation = vec![
            kind("web", 2, "M"),
            kind("worker", 0, "S"),
            kind("clock", 1, "S"),
        ];
        let parked = to_park(&formation);
        assert_eq!(describe(&parked), "web 2×M, clock 1×S");
        let park = park_request(&formation);
        assert_eq!(
            park.containers
                .iter()
                .map(|c| (c.name.as_str(), c.amount))
                .collect::<Vec<_>>(),
            [("web", 0), ("clock", 0)]
        );
        let app = ParkedApp {
            region: "osc-fr1".into(),
            app: "shop-api-pr-1".into(),
            parked_at: "2026-01-01T00:00:00Z".into(),
            formation: parked,
        };
        let unpark = unpark_request(&app);
        assert_eq!(unpark.containers[0].amount, 2);
        assert_eq!(unpark.containers[0].size.as_deref(), Some("M"));
    }

    #[test]
    fn costs() {
        let sizes = vec![ContainerSize {
            name: "M".into(),
            thirtydays_price: Some(1440),
            ..Default::default()
        }];
        let parked = vec![ParkedType {
            name: "web".into(),
            amount: 2,
            size: "M".into(),
        }];
        assert_eq!(monthly_cost(&parked, &sizes), Some(2880.0));
        let unknown = vec![ParkedType {
            name: "web".into(),
            amount: 1,
            size: "XXL".into(),
        }];
        assert_eq!(monthly_cost(&unknown, &sizes), None);
    }

    #[test]
    fn export_import_round_trip() {
        let mut lot = ParkingLot::default();
        let parked = ParkedApp {
            region: "osc-fr1".into(),
            app: "a".into(),
            parked_at: "t".into(),
            formation: vec![],
        };
        lot.apps.insert(ParkingLot::key("osc-fr1", "a"), parked);
        assert_eq!(ParkingLot::import(&lot.export()).unwrap(), lot);
        assert!(ParkingLot::import("[]").is_err());
        assert!(ParkingLot::import(
            r#"{"apps":{"x/y":{"region":"a","app":"b","parked_at":"","formation":[]}}}"#
        )
        .is_err());
    }
}
