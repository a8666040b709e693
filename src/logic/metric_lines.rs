//! Which lines each chart of the metrics tab draws, from the user's choice.

use super::{
    chart_data::Series,
    metric_cache::SeriesId,
    metrics::{five_xx_rate, STATUS_CLASSES},
};

/// Containers drawn one by one at most (the platform's cap per type).
pub const MAX_LINES: u32 = 10;

/// One line of a chart: which series, and how it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSpec {
    pub id: SeriesId,
    pub name: String,
    pub colour: usize,
}

/// What the CPU and memory charts show.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeChoice {
    pub hours: u32,
    pub kind: String,
    /// Containers drawn one by one, or 0 for the type's mean.
    pub containers: u32,
}

/// Lines computed from a chart's data (the 5XX rate from the classes).
pub type Derive = fn(Vec<Series>) -> Vec<Series>;

fn line(metric: &str, kind: Option<&str>, index: Option<u32>, variant: Option<&str>) -> SeriesId {
    SeriesId {
        metric: metric.to_owned(),
        container_type: kind.map(str::to_owned),
        index,
        variant: variant.map(str::to_owned),
    }
}

/// The lines of a per-type metric: the mean, or one per container.
pub fn type_lines(metric: &str, choice: &TypeChoice) -> Vec<LineSpec> {
    let kind = choice.kind.as_str();
    if choice.containers > 1 {
        (1..=choice.containers.min(MAX_LINES))
            .map(|i| LineSpec {
                id: line(metric, Some(kind), Some(i), None),
                name: format!("{kind}-{i}"),
                colour: (i - 1) as usize,
            })
            .collect()
    } else {
        vec![LineSpec {
            id: line(metric, Some(kind), None, None),
            name: format!("{kind} (mean)"),
            colour: 0,
        }]
    }
}

/// The memory chart's lines: memory as chosen, and the type's mean swap.
pub fn memory_lines(choice: &TypeChoice) -> Vec<LineSpec> {
    let mut lines = type_lines("memory", choice);
    lines.push(LineSpec {
        id: line("swap", Some(&choice.kind), None, None),
        name: format!("{} swap", choice.kind),
        colour: 5,
    });
    lines
}

/// The requests chart's lines: one per status class.
pub fn router_lines() -> Vec<LineSpec> {
    STATUS_CLASSES
        .iter()
        .map(|(class, colour)| LineSpec {
            id: line("router", None, None, Some(class)),
            name: (*class).to_owned(),
            colour: *colour,
        })
        .collect()
}

/// The response time chart's line.
pub fn response_lines() -> Vec<LineSpec> {
    vec![LineSpec {
        id: line("requests", None, None, Some("p95")),
        name: "p95".to_owned(),
        colour: 0,
    }]
}

/// The 5XX rate chart's line, from the requests by class.
pub fn error_rate_line(series: Vec<Series>) -> Vec<Series> {
    vec![Series {
        name: "5XX rate".to_owned(),
        colour: 12,
        points: five_xx_rate(&series),
    }]
}

/// Whether any line has a point with a value.
pub fn has_data(series: &[Series]) -> bool {
    series
        .iter()
        .any(|s| s.points.iter().any(|p| p.1.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(containers: u32) -> TypeChoice {
        TypeChoice {
            hours: 24,
            kind: "web".to_owned(),
            containers,
        }
    }

    #[test]
    fn the_mean_is_one_line_without_index() {
        let lines = type_lines("cpu", &choice(0));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].name, "web (mean)");
        assert_eq!(lines[0].id.index, None);
    }

    #[test]
    fn a_breakdown_draws_each_container_up_to_the_cap() {
        let lines = type_lines("cpu", &choice(3));
        let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["web-1", "web-2", "web-3"]);
        assert_eq!(type_lines("cpu", &choice(40)).len(), MAX_LINES as usize);
    }

    #[test]
    fn memory_adds_the_mean_swap_whatever_the_breakdown() {
        let lines = memory_lines(&choice(2));
        assert_eq!(lines.len(), 3);
        let swap = lines.last().unwrap();
        assert_eq!(swap.id.metric, "swap");
        assert_eq!(swap.id.index, None);
    }

    #[test]
    fn requests_have_a_line_per_status_class() {
        let lines = router_lines();
        assert_eq!(lines.len(), STATUS_CLASSES.len());
        assert!(lines
            .iter()
            .all(|l| l.id.metric == "router" && l.id.variant.is_some()));
        assert_eq!(response_lines()[0].id.variant.as_deref(), Some("p95"));
    }

    #[test]
    fn no_value_is_no_data() {
        let empty = Series {
            name: "x".to_owned(),
            colour: 0,
            points: vec![(1.0, None), (2.0, None)],
        };
        assert!(!has_data(std::slice::from_ref(&empty)));
        let mut one = empty;
        one.points.push((3.0, Some(0.0)));
        assert!(has_data(&[one]));
    }
}
