//! The scale panel's arithmetic: what a draft formation changes, what it
//! costs, and the one request that applies it.

use scalingo_api::{
    ContainerSize, ContainerType, ScaleItem, ScaleRequest, MAX_CONTAINERS_PER_TYPE,
};

/// The highest amount the panel offers (the API's hard limit per type).
pub const MAX_AMOUNT: u32 = MAX_CONTAINERS_PER_TYPE as u32;

/// What the user wants for one container type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub name: String,
    pub amount: u32,
    pub size: String,
}

/// The drafts matching the current formation, i.e. "no change".
/// The amount typed in a number field, or why it cannot be one.
pub fn parse_amount(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let whole = || format!("Type a whole number of containers, from 0 to {MAX_AMOUNT}.");
    if text.is_empty() {
        return Err(whole());
    }
    if !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(if text.starts_with('-') {
            format!("The number of containers can't be negative: 0 to {MAX_AMOUNT}.")
        } else {
            whole()
        });
    }
    match text.parse::<u32>() {
        Ok(n) if n <= MAX_AMOUNT => Ok(n),
        _ => Err(format!(
            "{MAX_AMOUNT} containers per type at most (Scalingo's support can raise the limit)."
        )),
    }
}

pub fn drafts_from(formation: &[ContainerType]) -> Vec<Draft> {
    formation
        .iter()
        .map(|kind| Draft {
            name: kind.name.clone(),
            amount: kind.amount.min(MAX_AMOUNT),
            size: kind.size.clone(),
        })
        .collect()
}

/// Price of one container of `size` for 30 days, in euro cents: from the
/// current `pricings` when present, else the deprecated `thirtydays_price`.
pub fn monthly_cents(size: &ContainerSize) -> Option<f64> {
    if let Some(pricing) = size.default_pricing() {
        let price: f64 = pricing.price.trim().parse().ok()?;
        let per_month = match pricing.period.as_str() {
            "minute" => price * 60.0 * 24.0 * 30.0,
            "hour" => price * 24.0 * 30.0,
            "day" => price * 30.0,
            "month" | "30days" => price,
            _ => return size.thirtydays_price.map(|c| c as f64),
        };
        // Prices are in euros; the panel computes in cents.
        return Some(per_month * 100.0).filter(|c| c.is_finite() && *c >= 0.0);
    }
    size.thirtydays_price.map(|cents| cents as f64)
}

/// One container type whose amount or size changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeChange {
    pub name: String,
    pub from_amount: u32,
    pub from_size: String,
    pub to_amount: u32,
    pub to_size: String,
}

impl TypeChange {
    /// `2×M → 3×L`.
    pub fn summary(&self) -> String {
        format!(
            "{}×{} → {}×{}",
            self.from_amount, self.from_size, self.to_amount, self.to_size
        )
    }
}

/// The effect of the drafts against the current formation.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub changes: Vec<TypeChange>,
    pub memory_before: u64,
    pub memory_after: u64,
    /// Euro cents per 30 days; `None` when a size has no known price.
    pub monthly_before: Option<f64>,
    pub monthly_after: Option<f64>,
    /// Every type at zero: the app stops.
    pub stops_app: bool,
}

impl Preview {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Cents per 30 days the change adds (negative: saves).
    pub fn monthly_difference(&self) -> Option<f64> {
        Some(self.monthly_after? - self.monthly_before?)
    }
}

fn size_named<'a>(sizes: &'a [ContainerSize], name: &str) -> Option<&'a ContainerSize> {
    sizes.iter().find(|size| size.name == name)
}

fn totals(
    pairs: impl Iterator<Item = (u32, String)>,
    sizes: &[ContainerSize],
) -> (u64, Option<f64>) {
    let mut memory = 0u64;
    let mut cents = Some(0.0);
    for (amount, size) in pairs {
        if amount == 0 {
            continue;
        }
        let known = size_named(sizes, &size);
        memory = memory.saturating_add(
            known
                .map_or(0, |s| s.memory)
                .saturating_mul(u64::from(amount)),
        );
        cents = match (cents, known.and_then(monthly_cents)) {
            (Some(total), Some(each)) => Some(total + each * f64::from(amount)),
            _ => None,
        };
    }
    (memory, cents)
}

/// Compares the drafts with the formation.
pub fn preview(formation: &[ContainerType], drafts: &[Draft], sizes: &[ContainerSize]) -> Preview {
    let changes: Vec<TypeChange> = drafts
        .iter()
        .filter_map(|draft| {
            let current = formation.iter().find(|kind| kind.name == draft.name)?;
            let changed = current.amount != draft.amount || current.size != draft.size;
            changed.then(|| TypeChange {
                name: draft.name.clone(),
                from_amount: current.amount,
                from_size: current.size.clone(),
                to_amount: draft.amount,
                to_size: draft.size.clone(),
            })
        })
        .collect();
    let (memory_before, monthly_before) = totals(
        formation
            .iter()
            .map(|kind| (kind.amount, kind.size.clone())),
        sizes,
    );
    let (memory_after, monthly_after) = totals(
        drafts
            .iter()
            .map(|draft| (draft.amount, draft.size.clone())),
        sizes,
    );
    let stops_app = !changes.is_empty()
        && !drafts.is_empty()
        && drafts.iter().all(|draft| draft.amount == 0)
        && formation.iter().any(|kind| kind.amount > 0);
    Preview {
        changes,
        memory_before,
        memory_after,
        monthly_before,
        monthly_after,
        stops_app,
    }
}

/// The request for every changed type, in one call; a size is sent only
/// when it changes, as the API leaves it alone otherwise.
pub fn request(preview: &Preview) -> ScaleRequest {
    ScaleRequest {
        containers: preview
            .changes
            .iter()
            .map(|change| ScaleItem {
                name: change.name.clone(),
                amount: i64::from(change.to_amount),
                size: (change.to_size != change.from_size).then(|| change.to_size.clone()),
            })
            .collect(),
    }
}

/// `€14.40`.
pub fn euros(cents: f64) -> String {
    format!("€{:.2}", cents.abs() / 100.0)
}

/// `+€28.80/month`, `−€14.40/month` or `no change`.
pub fn euros_difference(cents: f64) -> String {
    if cents.abs() < 0.5 {
        return "no change in price".to_owned();
    }
    let sign = if cents > 0.0 { "+" } else { "−" };
    format!("{sign}{}/month", euros(cents))
}

/// The drafts for `formation` with the user's `pending` changes over it:
/// what was typed survives the panel being rebuilt by a refresh.
pub fn drafts_with_pending(formation: &[ContainerType], pending: &[Draft]) -> Vec<Draft> {
    let mut drafts = drafts_from(formation);
    for draft in &mut drafts {
        if let Some(kept) = pending.iter().find(|p| p.name == draft.name) {
            *draft = kept.clone();
        }
    }
    drafts
}

/// The drafts that differ from `formation`: the user's pending changes.
pub fn changed_drafts(formation: &[ContainerType], drafts: &[Draft]) -> Vec<Draft> {
    let current = drafts_from(formation);
    drafts
        .iter()
        .filter(|draft| !current.contains(draft))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_typed_are_whole_numbers_within_the_limit() {
        assert_eq!(parse_amount("3"), Ok(3));
        assert_eq!(parse_amount(" 10 "), Ok(10));
        assert_eq!(parse_amount("0"), Ok(0));
        assert!(parse_amount("-1").unwrap_err().contains("negative"));
        assert!(parse_amount("3.5").unwrap_err().contains("whole number"));
        assert!(parse_amount("1e9").unwrap_err().contains("whole number"));
        assert!(parse_amount("11").unwrap_err().contains("at most"));
        assert!(parse_amount("99999999999").unwrap_err().contains("at most"));
        assert!(parse_amount("").is_err());
    }
    use serde_json::json;

    fn size(name: &str, memory_mib: u64, thirtydays: u64) -> ContainerSize {
        ContainerSize {
            name: name.to_owned(),
            memory: memory_mib << 20,
            thirtydays_price: Some(thirtydays),
            ..Default::default()
        }
    }

    fn sizes() -> Vec<ContainerSize> {
        vec![
            size("S", 256, 720),
            size("M", 512, 1440),
            size("L", 1024, 2880),
        ]
    }

    fn kind(name: &str, amount: u32, size: &str) -> ContainerType {
        ContainerType {
            name: name.to_owned(),
            amount,
            size: size.to_owned(),
            ..Default::default()
        }
    }

    fn formation() -> Vec<ContainerType> {
        vec![kind("web", 2, "M"), kind("worker", 1, "S")]
    }

    #[test]
    fn no_change_no_request() {
        let f = formation();
        let p = preview(&f, &drafts_from(&f), &sizes());
        assert!(p.is_empty());
        assert_eq!(p.monthly_difference(), Some(0.0));
        assert!(request(&p).containers.is_empty());
    }

    #[test]
    fn scale_up_and_resize() {
        let f = formation();
        let mut drafts = drafts_from(&f);
        drafts[0] = Draft {
            name: "web".into(),
            amount: 3,
            size: "L".into(),
        };
        let p = preview(&f, &drafts, &sizes());
        assert_eq!(p.changes.len(), 1);
        assert_eq!(p.changes[0].summary(), "2×M → 3×L");
        assert_eq!(p.memory_before, (2 * 512 + 256) << 20);
        assert_eq!(p.memory_after, (3 * 1024 + 256) << 20);
        assert_eq!(p.monthly_difference(), Some(3.0 * 2880.0 - 2.0 * 1440.0));
        assert_eq!(
            euros_difference(p.monthly_difference().unwrap()),
            "+€57.60/month"
        );
        assert!(!p.stops_app);
        let r = request(&p);
        assert_eq!(r.containers.len(), 1);
        assert_eq!(
            (r.containers[0].amount, r.containers[0].size.as_deref()),
            (3, Some("L"))
        );
    }

    #[test]
    fn amount_only_sends_no_size() {
        let f = formation();
        let mut drafts = drafts_from(&f);
        drafts[1].amount = 0;
        let p = preview(&f, &drafts, &sizes());
        let r = request(&p);
        assert_eq!(r.containers[0].name, "worker");
        assert_eq!(r.containers[0].size, None);
        assert_eq!(
            euros_difference(p.monthly_difference().unwrap()),
            "−€7.20/month"
        );
    }

    #[test]
    fn everything_to_zero_stops_the_app() {
        let f = formation();
        let drafts: Vec<Draft> = drafts_from(&f)
            .into_iter()
            .map(|d| Draft { amount: 0, ..d })
            .collect();
        let p = preview(&f, &drafts, &sizes());
        assert!(p.stops_app);
        assert_eq!(p.memory_after, 0);
        assert_eq!(p.monthly_after, Some(0.0));
    }

    #[test]
    fn prices_prefer_current_pricings() {
        let mut m = size("M", 512, 1);
        m.pricings.insert(
            "default".into(),
            json!({"price": "0.000333333", "currency": "EUR", "period": "minute"}),
        );
        let cents = monthly_cents(&m).unwrap();
        assert!((cents - 1440.0).abs() < 0.01, "{cents}");
        m.pricings.insert(
            "default".into(),
            json!({"price": "oops", "period": "minute"}),
        );
        assert_eq!(monthly_cents(&m), None);
        assert_eq!(monthly_cents(&size("S", 256, 720)), Some(720.0));
    }

    #[test]
    fn unknown_sizes_have_no_price() {
        let f = vec![kind("web", 1, "XXL")];
        let p = preview(&f, &drafts_from(&f), &sizes());
        assert_eq!(p.monthly_before, None);
        assert_eq!(p.monthly_difference(), None);
    }

    #[test]
    fn pending_changes_survive_a_rebuild() {
        let formation = vec![
            ContainerType {
                name: "web".into(),
                amount: 1,
                size: "M".into(),
                ..ContainerType::default()
            },
            ContainerType {
                name: "worker".into(),
                amount: 2,
                size: "S".into(),
                ..ContainerType::default()
            },
        ];
        let mut drafts = drafts_from(&formation);
        drafts[0].amount = 3;
        let pending = changed_drafts(&formation, &drafts);
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].name, "web");
        // The worker was scaled elsewhere meanwhile: the new value shows,
        // the user's web change is kept.
        let mut refreshed = formation.clone();
        refreshed[1].amount = 4;
        let rebuilt = drafts_with_pending(&refreshed, &pending);
        assert_eq!(rebuilt[0].amount, 3);
        assert_eq!(rebuilt[1].amount, 4);
        assert!(changed_drafts(&formation, &drafts_from(&formation)).is_empty());
    }
}
