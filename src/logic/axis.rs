//! Axis ticks and value formats for the metrics charts.

/// Round tick values between `min` and `max`, about `target` of them, on a
/// 1-2-5 ladder.
pub fn nice_ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    if !min.is_finite() || !max.is_finite() || target == 0 {
        return Vec::new();
    }
    let (min, max) = if max > min {
        (min, max)
    } else {
        (min, min + 1.0)
    };
    let rough = (max - min) / target as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    // The 1-2-5 step whose tick count is closest to the target.
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .min_by(|a, b| {
            let off = |s: f64| ((max - min) / s - target as f64).abs();
            off(*a).total_cmp(&off(*b))
        })
        .unwrap_or(magnitude);
    // Rounded to the step's decimals: no 0.30000000000000004 on an axis.
    let scale = 10f64.powi((-step.log10().floor()).max(0.0) as i32);
    let first = (min / step).ceil();
    let mut ticks = Vec::new();
    let mut n = first;
    while n * step <= max + step * 1e-9 && ticks.len() < 100 {
        let value = (n * step * scale).round() / scale;
        ticks.push(if value == 0.0 { 0.0 } else { value });
        n += 1.0;
    }
    ticks
}

/// Ticks for a byte axis: steps that are powers of two (128 MiB, 256 MiB…),
/// as container sizes are, so that limits fall on round values.
pub fn byte_ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    if !min.is_finite() || !max.is_finite() || max <= min || target == 0 {
        return nice_ticks(min, max, target);
    }
    let span = max - min;
    let step = (10..=50)
        .map(|k| 2f64.powi(k))
        .min_by(|a, b| {
            let off = |s: f64| (span / s - target as f64).abs();
            off(*a).total_cmp(&off(*b))
        })
        .unwrap_or(1024.0);
    let mut ticks = Vec::new();
    let mut n = (min / step).ceil();
    while n * step <= max && ticks.len() < 100 {
        ticks.push(n * step);
        n += 1.0;
    }
    ticks
}

/// Ticks for a unit: powers of two for bytes, 1-2-5 otherwise.
pub fn ticks_for(unit: Unit, min: f64, max: f64, target: usize) -> Vec<f64> {
    match unit {
        Unit::Bytes => byte_ticks(min, max, target),
        _ => nice_ticks(min, max, target),
    }
}

/// Time ticks (ms) for a window of `hours`: every 30 min for 3 h, 2 h for
/// 12 h, 4 h for 24 h, 8 h for 48 h, 12 h for 72 h; aligned on the step.
pub fn time_ticks(start_ms: f64, end_ms: f64) -> Vec<f64> {
    let span_hours = (end_ms - start_ms) / 3_600_000.0;
    let step_minutes = match span_hours {
        h if h <= 1.0 => 10.0,
        h if h <= 3.5 => 30.0,
        h if h <= 6.5 => 60.0,
        h if h <= 12.5 => 120.0,
        h if h <= 24.5 => 240.0,
        h if h <= 48.5 => 480.0,
        _ => 720.0,
    };
    let step = step_minutes * 60_000.0;
    let mut tick = (start_ms / step).ceil() * step;
    let mut ticks = Vec::new();
    while tick <= end_ms && ticks.len() < 50 {
        ticks.push(tick);
        tick += step;
    }
    ticks
}

/// What a series measures, for labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Percent,
    Bytes,
    PerMinute,
    /// Response times.
    Milliseconds,
}

/// A value as people read it: `42 %`, `512 MiB`, `1.2k rpm`.
pub fn format_value(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => {
            if value.abs() < 10.0 && value.fract() != 0.0 {
                format!("{value:.1} %")
            } else {
                format!("{value:.0} %")
            }
        }
        Unit::Bytes => super::format::bytes(value.max(0.0) as u64),
        Unit::PerMinute => {
            if value.abs() >= 10_000.0 {
                format!("{:.0}k rpm", value / 1_000.0)
            } else if value.abs() >= 1_000.0 {
                format!("{:.1}k rpm", value / 1_000.0)
            } else if value.fract() != 0.0 && value.abs() < 10.0 {
                format!("{value:.1} rpm")
            } else {
                format!("{value:.0} rpm")
            }
        }
        Unit::Milliseconds => {
            if value.abs() >= 1_000.0 {
                format!("{:.1} s", value / 1_000.0)
            } else {
                format!("{value:.0} ms")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_on_a_ladder() {
        assert_eq!(
            nice_ticks(0.0, 100.0, 5),
            [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(nice_ticks(0.0, 0.9, 4), [0.0, 0.2, 0.4, 0.6, 0.8]);
        assert_eq!(nice_ticks(3.0, 3.0, 4), [3.0, 3.2, 3.4, 3.6, 3.8, 4.0]);
        assert!(nice_ticks(f64::NAN, 1.0, 4).is_empty());
        assert_eq!(nice_ticks(-10.0, 10.0, 4), [-10.0, -5.0, 0.0, 5.0, 10.0]);
    }

    #[test]
    fn byte_ticks_are_powers_of_two() {
        let gib = 1024.0 * 1024.0 * 1024.0;
        let ticks = byte_ticks(0.0, 1.1 * gib, 4);
        assert_eq!(ticks, [0.0, 0.25 * gib, 0.5 * gib, 0.75 * gib, gib]);
        assert_eq!(format_value(ticks[1], Unit::Bytes), "256 MiB");
    }

    #[test]
    fn time_ticks_by_window() {
        let hour = 3_600_000.0;
        let ticks = time_ticks(0.0, 3.0 * hour);
        assert_eq!(ticks.len(), 7);
        assert_eq!(ticks[1] - ticks[0], hour / 2.0);
        let ticks = time_ticks(10.0, 72.0 * hour);
        assert_eq!(ticks[1] - ticks[0], 12.0 * hour);
        assert_eq!(ticks[0], 12.0 * hour);
    }

    #[test]
    fn values() {
        assert_eq!(format_value(42.0, Unit::Percent), "42 %");
        assert_eq!(format_value(4.25, Unit::Percent), "4.2 %");
        assert_eq!(format_value(536_870_912.0, Unit::Bytes), "512 MiB");
        assert_eq!(format_value(1_234.0, Unit::PerMinute), "1.2k rpm");
        assert_eq!(format_value(12.0, Unit::PerMinute), "12 rpm");
        assert_eq!(format_value(245.4, Unit::Milliseconds), "245 ms");
        assert_eq!(format_value(1_520.0, Unit::Milliseconds), "1.5 s");
        assert_eq!(format_value(-3.0, Unit::Bytes), "0 B");
    }
}
