//! Deterministic pseudo-random numbers from names and moments.
//!
//! Logs and metrics are computed on demand rather than stored: the same app,
//! container and moment always give the same value, so two requests (a dump
//! and a stream, a series and the real-time stats) agree, and nothing has to
//! be kept or saved.

/// SplitMix64's finaliser: spreads every input bit over the output.
fn finalise(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A hash of strings (FNV-1a, each part terminated so `("ab","c")` and
/// `("a","bc")` differ), finalised.
pub fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    finalise(h)
}

/// A seed combined with a number (a time slot, an index).
pub fn mix(seed: u64, n: i64) -> u64 {
    finalise(seed ^ finalise(n as u64 ^ 0x9e37_79b9_7f4a_7c15))
}

/// A number in `[0, 1)` from a hash.
pub fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// `unit(mix(seed, n))`.
pub fn unit_at(seed: u64, n: i64) -> f64 {
    unit(mix(seed, n))
}

/// A value between `low` and `high` picked by `seed`.
pub fn between(seed: u64, low: f64, high: f64) -> f64 {
    low + (high - low) * unit(seed)
}

/// Noise in `[0, 1)` that drifts smoothly: hashed knots `period` seconds
/// apart, joined by a cosine ease so curves have no corners.
pub fn smooth(seed: u64, seconds: i64, period: i64) -> f64 {
    let period = period.max(1);
    let knot = seconds.div_euclid(period);
    let frac = seconds.rem_euclid(period) as f64 / period as f64;
    let ease = (1.0 - (frac * std::f64::consts::PI).cos()) / 2.0;
    let (a, b) = (unit_at(seed, knot), unit_at(seed, knot + 1));
    a + (b - a) * ease
}
