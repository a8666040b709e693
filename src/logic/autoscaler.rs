//! What the autoscaler panel says: an autoscaler in a sentence, the price
//! range it allows, and the warning of the scale panel.

use scalingo_api::{Autoscaler, ContainerSize};

use super::scale::{euros, monthly_cents};

/// "€28.80 to €86.40 a month": `min` to `max` containers of `size`; `None`
/// when the size has no price.
pub fn price_range(size: Option<&ContainerSize>, min: u32, max: u32) -> Option<String> {
    let each = monthly_cents(size?)?;
    Some(format!(
        "{} to {} a month",
        euros(each * f64::from(min)),
        euros(each * f64::from(max))
    ))
}

/// "Between 2 and 6 containers, on Requests per minute per container,
/// target 150 rpm."
pub fn summary(autoscaler: &Autoscaler) -> String {
    format!(
        "Between {} and {} containers, on {}, target {}.",
        autoscaler.min_containers,
        autoscaler.max_containers,
        autoscaler.metric.label().to_lowercase(),
        autoscaler.target_text()
    )
}

/// What the scale panel says of a type with an enabled autoscaler.
pub fn scale_warning(autoscaler: &Autoscaler) -> String {
    format!(
        "Autoscaled between {} and {} containers. Scaling it by hand turns its autoscaler off.",
        autoscaler.min_containers, autoscaler.max_containers
    )
}

/// The enabled autoscaler of `container_type`, if any.
pub fn enabled_for<'a>(
    autoscalers: &'a [Autoscaler],
    container_type: &str,
) -> Option<&'a Autoscaler> {
    autoscalers
        .iter()
        .find(|a| a.container_type == container_type && a.is_enabled())
}

#[cfg(test)]
mod tests {
    use super::*;
    use scalingo_api::TriggerMetric;

    fn autoscaler() -> Autoscaler {
        Autoscaler {
            container_type: "web".to_owned(),
            metric: TriggerMetric::RpmPerContainer,
            target: 150.0,
            min_containers: 2,
            max_containers: 6,
            ..Autoscaler::default()
        }
    }

    #[test]
    fn says_what_it_does() {
        assert_eq!(
            summary(&autoscaler()),
            "Between 2 and 6 containers, on requests per minute per container, target 150 rpm."
        );
        assert!(scale_warning(&autoscaler()).contains("between 2 and 6"));
        let mut off = autoscaler();
        off.disabled = true;
        assert!(enabled_for(&[off], "web").is_none());
        assert!(enabled_for(&[autoscaler()], "web").is_some());
        assert!(enabled_for(&[autoscaler()], "worker").is_none());
    }

    #[test]
    fn prices_the_range() {
        let size: ContainerSize =
            serde_json::from_str(r#"{"name":"M","thirtydays_price":2880}"#).unwrap();
        assert_eq!(
            price_range(Some(&size), 2, 6).as_deref(),
            Some("€57.60 to €172.80 a month")
        );
        assert_eq!(price_range(None, 2, 6), None);
    }
}
