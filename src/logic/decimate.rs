//! Decimation for time-series charts: at most a minimum and a maximum per
//! pixel column, in time order, so that spikes survive and 100,000 points
//! draw as fast as a few thousand.

/// One point: time (ms) and value; `None` is a gap.
pub type Point = (f64, Option<f64>);

/// Reduces `points` (sorted by time) to at most two points per column of
/// `columns` columns spanning `x_min..x_max`, keeping each column's minimum
/// and maximum in their original order, and keeping gaps (a column that
/// contains a gap breaks the line there).
pub fn min_max(points: &[Point], x_min: f64, x_max: f64, columns: usize) -> Vec<Point> {
    if points.len() <= columns.saturating_mul(2) || columns == 0 || x_max <= x_min {
        return points.to_vec();
    }
    let width = (x_max - x_min) / columns as f64;
    let mut out = Vec::with_capacity(columns * 2 + 8);
    let mut current: Option<usize> = None;
    // (min, max) of the current column, as (index, value).
    let mut low: Option<(usize, f64)> = None;
    let mut high: Option<(usize, f64)> = None;
    let mut gap_in_column = false;
    let flush =
        |out: &mut Vec<Point>, low: Option<(usize, f64)>, high: Option<(usize, f64)>, gap: bool| {
            match (low, high) {
                (Some(l), Some(h)) if l.0 == h.0 => out.push((points[l.0].0, Some(l.1))),
                (Some(l), Some(h)) => {
                    let (first, second) = if l.0 < h.0 { (l, h) } else { (h, l) };
                    out.push((points[first.0].0, Some(first.1)));
                    out.push((points[second.0].0, Some(second.1)));
                }
                _ => {}
            }
            if gap {
                if let Some(&(time, _)) = out.last() {
                    out.push((time, None));
                }
            }
        };
    for (index, &(time, value)) in points.iter().enumerate() {
        let column = (((time - x_min) / width).floor().max(0.0) as usize).min(columns - 1);
        if current != Some(column) {
            if current.is_some() {
                flush(&mut out, low, high, gap_in_column);
            }
            current = Some(column);
            low = None;
            high = None;
            gap_in_column = false;
        }
        match value {
            Some(v) if v.is_finite() => {
                if low.is_none_or(|(_, l)| v < l) {
                    low = Some((index, v));
                }
                if high.is_none_or(|(_, h)| v > h) {
                    high = Some((index, v));
                }
            }
            _ => gap_in_column = true,
        }
    }
    flush(&mut out, low, high, gap_in_column);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_series_are_untouched() {
        let points: Vec<Point> = (0..10).map(|i| (i as f64, Some(i as f64))).collect();
        assert_eq!(min_max(&points, 0.0, 10.0, 100), points);
    }

    #[test]
    fn keeps_extremes_per_column() {
        // 100,000 points over 100 columns; a spike in the middle.
        let mut points: Vec<Point> = (0..100_000)
            .map(|i| (i as f64, Some((i % 7) as f64)))
            .collect();
        points[50_123].1 = Some(1_000.0);
        points[70_001].1 = Some(-50.0);
        let reduced = min_max(&points, 0.0, 100_000.0, 100);
        assert!(reduced.len() <= 200, "{}", reduced.len());
        let values: Vec<f64> = reduced.iter().filter_map(|p| p.1).collect();
        assert!(values.contains(&1_000.0));
        assert!(values.contains(&-50.0));
        // Still in time order.
        assert!(reduced.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn gaps_break_the_line() {
        let mut points: Vec<Point> = (0..1_000).map(|i| (i as f64, Some(1.0))).collect();
        for point in &mut points[400..420] {
            point.1 = None;
        }
        let reduced = min_max(&points, 0.0, 1_000.0, 50);
        assert!(reduced.iter().any(|p| p.1.is_none()));
    }

    #[test]
    fn non_finite_values_are_gaps() {
        let points: Vec<Point> = (0..1_000)
            .map(|i| (i as f64, if i == 500 { Some(f64::NAN) } else { Some(2.0) }))
            .collect();
        let reduced = min_max(&points, 0.0, 1_000.0, 10);
        assert!(reduced.iter().all(|p| p.1.is_none_or(|v| v.is_finite())));
    }
}
