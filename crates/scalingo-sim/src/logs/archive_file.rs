//! The content of an archive: a gzip file of log lines spread over the
//! archive's period, in time order, written by the containers and (when
//! router logs were on) the router of that time.
//!
//! Generated from the spec alone (one generator seeded with the app and the
//! period), so the same archive always has the same bytes, and its size can
//! be listed before it is downloaded. Lines are written until the spec's
//! amount of text is reached, at a pace that spreads them over the period;
//! the marker archive gets the marker line about 62% of the way through.

use std::io::Write;

use chrono::{Duration, Timelike};
use flate2::{write::GzEncoder, Compression};
use rand::Rng;

use super::{
    archives::{ArchiveSpec, MARKER},
    content::{self, Context, Flavor},
    line, router_line,
};
use crate::telemetry::noise;

/// Text gathered before it goes to the compressor.
const CHUNK: usize = 256 * 1024;

/// The marker line's text (after the `[router]` label).
pub fn marker_text(host: &str) -> String {
    format!(
        "method=GET path=\"/api/orders/archived-marker\" host={host} request_id={MARKER} \
         container=web-1 from=\"203.0.113.42\" protocol=https status=200 duration=0.042s \
         bytes=4242 referer=\"-\" user_agent=\"curl/8.5.0\""
    )
}

/// Writes lines, caching the printed second (most lines share it).
struct LineWriter {
    text: String,
    second: i64,
    prefix: String,
}

impl LineWriter {
    fn push(&mut self, at: chrono::DateTime<chrono::Utc>, label: &str, message: &str) {
        let second = at.timestamp();
        if second != self.second || self.prefix.is_empty() {
            self.second = second;
            self.prefix.clear();
            line::write_time(&mut self.prefix, &at);
        }
        // The prefix is `YYYY-MM-DD HH:MM:SS.NNNNNNNNN +0000 UTC`: only the
        // nanoseconds change within a second.
        let nanos = format!("{:09}", at.nanosecond() % 1_000_000_000);
        self.text.push_str(&self.prefix[..20]);
        self.text.push_str(&nanos);
        self.text.push_str(&self.prefix[29..]);
        self.text.push_str(" [");
        self.text.push_str(label);
        self.text.push_str("] ");
        self.text.push_str(message);
        self.text.push('\n');
    }
}

/// An index drawn in proportion to `weights` (not empty).
fn pick_writer(rng: &mut impl Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut roll = rng.random_range(0.0..total.max(f64::MIN_POSITIVE));
    for (i, weight) in weights.iter().enumerate() {
        if roll < *weight {
            return i;
        }
        roll -= weight;
    }
    weights.len() - 1
}

/// The gzip bytes of an archive.
pub fn render(spec: &ArchiveSpec) -> Vec<u8> {
    let mut gz = GzEncoder::new(
        Vec::with_capacity((spec.text_bytes / 6) as usize),
        Compression::fast(),
    );
    let mut rng = noise::rng(noise::hash(&[
        &spec.app_id,
        "archive",
        &spec.from.timestamp().to_string(),
        &spec.to.timestamp().to_string(),
    ]));
    let span = (spec.to - spec.from).num_nanoseconds().unwrap_or(1).max(1) as f64;
    let target = spec.text_bytes.max(1) as f64;
    let marker_at = (spec.text_bytes as f64 * 0.618) as u64;
    let mut marker_written = !spec.marker;
    let mut out = LineWriter {
        text: String::with_capacity(CHUNK + 16 * 1024),
        second: i64::MIN,
        prefix: String::new(),
    };
    let mut written: u64 = 0;
    let flavors: Vec<Flavor> = spec
        .writers
        .iter()
        .map(|(_, kind, command)| Flavor::of(kind, command))
        .collect();
    // Clocks say little; the others write about as much as each other.
    let weights: Vec<f64> = flavors
        .iter()
        .map(|f| if *f == Flavor::Clock { 0.15 } else { 1.0 })
        .collect();
    let webs: Vec<usize> = (0..spec.writers.len())
        .filter(|&i| spec.writers[i].1 == "web")
        .collect();
    while written < spec.text_bytes {
        let progress = written as f64 / target;
        let at = spec.from + Duration::nanoseconds((progress * span) as i64);
        let before = out.text.len();
        if !marker_written && written >= marker_at {
            out.push(at, "router", &marker_text(&spec.host));
            marker_written = true;
        } else if spec.router && !webs.is_empty() && rng.random_bool(0.3) {
            let web = webs[rng.random_range(0..webs.len())];
            let ctx = Context {
                host: &spec.host,
                label: &spec.writers[web].0,
                command: "",
            };
            let text = router_line::router(&mut rng, &ctx, at);
            out.push(at, "router", &text);
        } else {
            let i = pick_writer(&mut rng, &weights);
            let (label, _, command) = &spec.writers[i];
            let ctx = Context {
                host: &spec.host,
                label,
                command,
            };
            let mut moment = at;
            for text in content::entry(&mut rng, flavors[i], &ctx, at) {
                out.push(moment, label, &text);
                moment += Duration::microseconds(rng.random_range(150..3000));
            }
        }
        written += (out.text.len() - before) as u64;
        if out.text.len() >= CHUNK {
            // Writing to a Vec cannot fail.
            let _ = gz.write_all(out.text.as_bytes());
            out.text.clear();
        }
    }
    let _ = gz.write_all(out.text.as_bytes());
    gz.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::GzDecoder;

    use super::*;
    use crate::time;

    fn spec(marker: bool) -> ArchiveSpec {
        let to = time::now();
        ArchiveSpec {
            app_id: "app".to_owned(),
            day: 1,
            from: to - Duration::hours(20),
            to,
            text_bytes: 300_000,
            marker,
            writers: vec![
                ("web-1".to_owned(), "web".to_owned(), String::new()),
                (
                    "worker-1".to_owned(),
                    "worker".to_owned(),
                    "bundle exec sidekiq".to_owned(),
                ),
            ],
            router: true,
            host: "app.example.test".to_owned(),
        }
    }

    fn text(bytes: &[u8]) -> String {
        let mut out = String::new();
        GzDecoder::new(bytes).read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn archives_are_gzip_of_ordered_lines_in_the_period() {
        let spec = spec(false);
        let bytes = render(&spec);
        assert_eq!(bytes, render(&spec));
        let text = text(&bytes);
        assert!(text.len() as u64 >= spec.text_bytes);
        assert!(text.len() as u64 <= spec.text_bytes + 20_000);
        let from = line::go_time(&spec.from)[..10].to_owned();
        let mut previous = String::new();
        for l in text.lines() {
            assert!(l.contains(" +0000 UTC ["), "{l}");
            let stamp = &l[..29];
            assert!(stamp >= previous.as_str(), "{stamp} after {previous}");
            previous = stamp.to_owned();
        }
        assert!(text.starts_with(&from));
        assert!(text.contains("[router] method="));
        assert!(!text.contains(MARKER));
    }

    #[test]
    fn the_marker_archive_has_the_marker_once() {
        let text = text(&render(&spec(true)));
        assert_eq!(text.matches(MARKER).count(), 1);
    }
}
