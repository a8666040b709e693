//! Data shaping for the metrics charts: stacking, hover lookups, summaries.

use super::decimate::Point;

/// Colours of the chart palette (`--chart-1` … `--chart-13`): eight for
/// series in general, five for the router's status classes.
pub const PALETTE_SIZE: usize = 13;

/// The palette entry (1-based, as in `--chart-N`) of colour index `colour`.
pub fn palette_entry(colour: usize) -> usize {
    colour % PALETTE_SIZE + 1
}

/// A named series of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// Index into the chart palette (`--chart-N`).
    pub colour: usize,
    pub points: Vec<Point>,
}

/// Stacks series on one another (router requests by status class): each
/// series' values become the running total of itself and those before it.
/// Points are matched by time; a gap counts as zero inside the stack.
pub fn stack(series: &[Series]) -> Vec<Series> {
    let mut stacked: Vec<Series> = Vec::with_capacity(series.len());
    for current in series {
        let below = stacked.last();
        let points = current
            .points
            .iter()
            .map(|&(time, value)| {
                let base = below.and_then(|b| value_at(&b.points, time)).unwrap_or(0.0);
                let total = match value {
                    Some(v) => Some(base + v),
                    None if below.is_some() => Some(base),
                    None => None,
                };
                (time, total)
            })
            .collect();
        stacked.push(Series {
            name: current.name.clone(),
            colour: current.colour,
            points,
        });
    }
    stacked
}

/// The value at exactly `time`, if the series has one there.
fn value_at(points: &[Point], time: f64) -> Option<f64> {
    let index = points.partition_point(|p| p.0 < time);
    points.get(index).filter(|p| p.0 == time).and_then(|p| p.1)
}

/// The point nearest to `time` (for the hover read-out).
pub fn nearest(points: &[Point], time: f64) -> Option<Point> {
    if points.is_empty() {
        return None;
    }
    let index = points.partition_point(|p| p.0 < time);
    let candidates = [index.checked_sub(1), Some(index)];
    candidates
        .into_iter()
        .flatten()
        .filter_map(|i| points.get(i))
        .min_by(|a, b| (a.0 - time).abs().total_cmp(&(b.0 - time).abs()))
        .copied()
}

/// Minimum, mean, maximum (with its time) and last value of a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub min: f64,
    pub mean: f64,
    pub max: f64,
    pub max_at: f64,
    pub last: f64,
}

pub fn summarise(points: &[Point]) -> Option<Summary> {
    let values: Vec<(f64, f64)> = points
        .iter()
        .filter_map(|&(t, v)| v.filter(|v| v.is_finite()).map(|v| (t, v)))
        .collect();
    let &(_, last) = values.last()?;
    let (max_at, max) = values.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let min = values.iter().map(|v| v.1).fold(f64::INFINITY, f64::min);
    let mean = values.iter().map(|v| v.1).sum::<f64>() / values.len() as f64;
    Some(Summary {
        min,
        mean,
        max,
        max_at,
        last,
    })
}

/// The value range to draw, from zero (all metrics here are ≥ 0) to a bit
/// above the highest value or guide.
pub fn y_range(series: &[Series], guides: &[f64]) -> (f64, f64) {
    let highest = series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|p| p.1))
        .chain(guides.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    (0.0, if highest > 0.0 { highest * 1.1 } else { 1.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(name: &str, values: &[Option<f64>]) -> Series {
        Series {
            name: name.into(),
            colour: 0,
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| (i as f64, *v))
                .collect(),
        }
    }

    #[test]
    fn stacking_adds_up() {
        let stacked = stack(&[
            series("2XX", &[Some(10.0), Some(20.0), None]),
            series("5XX", &[Some(1.0), None, Some(2.0)]),
        ]);
        assert_eq!(
            stacked[0].points.iter().map(|p| p.1).collect::<Vec<_>>(),
            [Some(10.0), Some(20.0), None]
        );
        assert_eq!(
            stacked[1].points.iter().map(|p| p.1).collect::<Vec<_>>(),
            [Some(11.0), Some(20.0), Some(2.0)]
        );
    }

    #[test]
    fn nearest_point() {
        let points = vec![(0.0, Some(1.0)), (10.0, Some(2.0)), (20.0, None)];
        assert_eq!(nearest(&points, 4.0), Some((0.0, Some(1.0))));
        assert_eq!(nearest(&points, 6.0), Some((10.0, Some(2.0))));
        assert_eq!(nearest(&points, 99.0), Some((20.0, None)));
        assert_eq!(nearest(&[], 1.0), None);
    }

    #[test]
    fn summaries() {
        let s = summarise(&[
            (0.0, Some(1.0)),
            (1.0, None),
            (2.0, Some(5.0)),
            (3.0, Some(3.0)),
        ])
        .unwrap();
        assert_eq!((s.min, s.max, s.max_at, s.last), (1.0, 5.0, 2.0, 3.0));
        assert_eq!(s.mean, 3.0);
        assert_eq!(summarise(&[(0.0, None)]), None);
    }

    #[test]
    fn ranges() {
        assert_eq!(y_range(&[series("a", &[Some(10.0)])], &[]), (0.0, 11.0));
        assert_eq!(y_range(&[series("a", &[Some(10.0)])], &[20.0]), (0.0, 22.0));
        assert_eq!(y_range(&[series("a", &[None])], &[]), (0.0, 1.0));
    }
}
