//! Identifiers in the formats of the platform. Demo data draws them from a
//! seeded generator (so a seed always gives the same ids); live requests draw
//! them from the thread generator.

use rand::{Rng, RngCore};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A 24-hex MongoDB-style ObjectId (apps, containers, events).
pub fn object_id(rng: &mut impl RngCore) -> String {
    let mut bytes = [0u8; 12];
    rng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// A random (version 4) UUID.
pub fn uuid(rng: &mut impl RngCore) -> String {
    let mut b = [0u8; 16];
    rng.fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    format!(
        "{}-{}-{}-{}-{}",
        hex(&b[0..4]),
        hex(&b[4..6]),
        hex(&b[6..8]),
        hex(&b[8..10]),
        hex(&b[10..16])
    )
}

/// `<prefix>-<uuid>`, e.g. `us-…`, `pr-…`, `st-…`.
pub fn prefixed(prefix: &str, rng: &mut impl RngCore) -> String {
    format!("{prefix}-{}", uuid(rng))
}

/// Lowercase alphanumerics, for the `rnd` claim and request ids.
pub fn token_chars(rng: &mut impl Rng, len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..len)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn formats() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let id = object_id(&mut rng);
        assert_eq!(id.len(), 24);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        let u = uuid(&mut rng);
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(prefixed("us", &mut rng).starts_with("us-"));
    }

    #[test]
    fn seeded_ids_repeat() {
        let a = object_id(&mut ChaCha8Rng::seed_from_u64(7));
        let b = object_id(&mut ChaCha8Rng::seed_from_u64(7));
        assert_eq!(a, b);
    }
}
