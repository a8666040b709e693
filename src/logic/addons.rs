//! What the addons tab computes: prices and their change, providers in
//! their categories, and how a provider is pictured.

use scalingo_api::{Addon, AddonPlan, AddonProvider, AddonStatus};

/// `€14.40` for euros (the API's plan prices are euros a month), or the
/// amount and the currency's code for another currency.
pub fn money(amount: f64, currency: &str) -> String {
    match currency {
        "" | "EUR" | "eur" => format!("€{:.2}", amount.abs()),
        other => format!("{:.2} {other}", amount.abs()),
    }
}

/// `€14.40/month`, or `Free`.
pub fn plan_price(plan: &AddonPlan) -> String {
    if plan.is_free() {
        "Free".to_owned()
    } else {
        format!("{}/month", money(plan.monthly_price(), plan.currency()))
    }
}

/// What the app's addons cost a month (a deprovisioned one costs nothing).
pub fn monthly_total(addons: &[Addon]) -> f64 {
    addons
        .iter()
        .filter(|a| a.deprovisioned_at.is_none())
        .filter_map(|a| a.plan.as_ref())
        .map(AddonPlan::monthly_price)
        .sum()
}

/// The sentence of the preview: the plan's price and what the app's
/// monthly total for addons becomes. `replacing` is the plan being left.
pub fn price_preview(total: f64, chosen: &AddonPlan, replacing: Option<&AddonPlan>) -> String {
    let before = replacing.map_or(0.0, AddonPlan::monthly_price);
    let after = total - before + chosen.monthly_price();
    let difference = after - total;
    let currency = chosen.currency();
    let change = if difference.abs() < 0.005 {
        "no change".to_owned()
    } else {
        let sign = if difference > 0.0 { "+" } else { "−" };
        format!("{sign}{}/month", money(difference, currency))
    };
    format!(
        "{}. The app's addons go from {} to {} a month ({change}).",
        plan_price(chosen),
        money(total, currency),
        money(after, currency)
    )
}

/// Providers by category, categories and providers in the API's order
/// (by `position` where given, else by name); providers without a
/// category go under "Other".
pub fn by_category(providers: &[AddonProvider]) -> Vec<(String, Vec<AddonProvider>)> {
    let mut groups: Vec<(String, Option<u64>, Vec<AddonProvider>)> = Vec::new();
    for provider in providers {
        let (name, position) = provider
            .category
            .as_ref()
            .filter(|c| !c.name.trim().is_empty())
            .map_or(("Other".to_owned(), Some(u64::MAX)), |c| {
                (c.name.clone(), c.position)
            });
        match groups.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, _, list)) => list.push(provider.clone()),
            None => groups.push((name, position, vec![provider.clone()])),
        }
    }
    groups.sort_by(|a, b| {
        a.1.unwrap_or(u64::MAX - 1)
            .cmp(&b.1.unwrap_or(u64::MAX - 1))
            .then_with(|| a.0.cmp(&b.0))
    });
    groups
        .into_iter()
        .map(|(name, _, mut list)| {
            list.sort_by_key(|a| a.name.to_lowercase());
            (name, list)
        })
        .collect()
}

/// The plans one can pick, cheapest first (disabled plans are left out).
pub fn selectable_plans(plans: &[AddonPlan]) -> Vec<AddonPlan> {
    let mut plans: Vec<AddonPlan> = plans.iter().filter(|p| !p.disabled).cloned().collect();
    plans.sort_by(|a, b| {
        a.position
            .cmp(&b.position)
            .then_with(|| a.monthly_price().total_cmp(&b.monthly_price()))
    });
    plans
}

/// The logo's address when it may be drawn: `https` only (never `http`,
/// `data:` or `javascript:`), without spaces or control characters.
pub fn logo_src(url: Option<&str>) -> Option<&str> {
    let url = url?.trim();
    let safe = url.len() > "https://".len()
        && url
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    safe.then_some(url)
}

/// The letter of a provider without a logo: its name's first letter.
pub fn initial(name: &str) -> String {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .map_or_else(|| "?".to_owned(), |c| c.to_uppercase().collect())
}

/// The badge tone and words of an addon's status.
pub fn status_badge(status: &AddonStatus) -> (&'static str, String) {
    match status {
        AddonStatus::Provisioning => ("busy", "Provisioning".to_owned()),
        AddonStatus::Running => ("ok", "Running".to_owned()),
        AddonStatus::Suspended => ("danger", "Suspended".to_owned()),
        AddonStatus::Other(other) if other.is_empty() => ("muted", "Unknown".to_owned()),
        AddonStatus::Other(other) => ("muted", other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(id: &str, price: f64) -> AddonPlan {
        AddonPlan {
            id: id.to_owned(),
            name: id.to_owned(),
            display_name: id.to_owned(),
            price,
            ..AddonPlan::default()
        }
    }

    #[test]
    fn previews_the_new_total() {
        assert_eq!(
            price_preview(20.0, &plan("m", 14.4), None),
            "€14.40/month. The app's addons go from €20.00 to €34.40 a month (+€14.40/month)."
        );
        assert_eq!(
            price_preview(34.4, &plan("s", 7.2), Some(&plan("m", 14.4))),
            "€7.20/month. The app's addons go from €34.40 to €27.20 a month (−€7.20/month)."
        );
        assert!(price_preview(0.0, &plan("free", 0.0), None).starts_with("Free."));
        assert!(price_preview(5.0, &plan("a", 5.0), Some(&plan("a", 5.0))).contains("no change"));
    }

    #[test]
    fn draws_only_https_logos() {
        assert_eq!(
            logo_src(Some("https://cdn.example/pg.svg")),
            Some("https://cdn.example/pg.svg")
        );
        assert_eq!(logo_src(Some("http://cdn.example/pg.svg")), None);
        assert_eq!(logo_src(Some("javascript:alert(1)")), None);
        assert_eq!(logo_src(Some("https://a b")), None);
        assert_eq!(logo_src(Some("https://")), None);
        assert_eq!(logo_src(None), None);
        assert_eq!(initial("postgreSQL"), "P");
        assert_eq!(initial("<b>"), "B");
        assert_eq!(initial(""), "?");
    }

    #[test]
    fn totals_and_groups() {
        let addon = |price: f64| Addon {
            plan: Some(plan("p", price)),
            ..Addon::default()
        };
        assert!((monthly_total(&[addon(1.5), addon(2.0)]) - 3.5).abs() < 1e-9);
        let provider = |name: &str, category: Option<(&str, u64)>| AddonProvider {
            name: name.to_owned(),
            category: category.map(|(n, p)| scalingo_api::AddonCategory {
                name: n.to_owned(),
                position: Some(p),
                ..Default::default()
            }),
            ..AddonProvider::default()
        };
        let groups = by_category(&[
            provider("Redis", Some(("Databases", 1))),
            provider("Mailjet", Some(("Email", 3))),
            provider("Other thing", None),
            provider("MySQL", Some(("Databases", 1))),
        ]);
        let names: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|(c, list)| (c.as_str(), list.iter().map(|p| p.name.as_str()).collect()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Databases", vec!["MySQL", "Redis"]),
                ("Email", vec!["Mailjet"]),
                ("Other", vec!["Other thing"]),
            ]
        );
        let plans = selectable_plans(&[
            plan("b", 9.0),
            plan("a", 1.0),
            AddonPlan {
                disabled: true,
                ..plan("x", 0.0)
            },
        ]);
        assert_eq!(
            plans.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
    }
}
