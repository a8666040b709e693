//! The content of an archive: log lines spread evenly over the archive's
//! period, in time order, written in turn by the containers of that time
//! and (when router logs were on) the router, from the corpus (see
//! `corpus`); in a gzip file of stored blocks (see `stored_gzip`).
//!
//! Lines are taken until the spec's amount of text is reached. Every
//! line's length is known without writing it, so the size of the file is
//! known before it is built: listing archives builds none, and the file is
//! only made when it is downloaded. The marker archive gets the marker
//! line about 62% of the way through.

use chrono::{DateTime, Duration};

use super::{
    archives::{ArchiveSpec, MARKER},
    corpus::{self, Flavor, RouterLine},
    line::write_time,
    stored_gzip::{self, StoredGzip},
};

/// `2024-03-02 10:21:07.123456789 +0000 UTC`: every line starts with it.
const STAMP_LEN: usize = 39;
/// Text written before it goes to the gzip writer.
const CHUNK: usize = 64 * 1024;

/// The marker line's text (after the `[router]` label).
pub fn marker_text(host: &str) -> String {
    format!(
        "method=GET path=\"/api/orders/archived-marker\" host={host} request_id={MARKER} \
         container=web-1 from=\"203.0.113.42\" protocol=https status=200 duration=0.042s \
         bytes=4242 referer=\"-\" user_agent=\"curl/8.5.0\""
    )
}

/// What a line says, before it is written.
enum Text<'a> {
    Corpus(&'static str),
    Router(RouterLine<'a>),
}

impl Text<'_> {
    fn len(&self) -> usize {
        match self {
            Text::Corpus(text) => text.len(),
            Text::Router(line) => line.len(),
        }
    }
}

/// The lines of an archive, in order, before their times are known: in
/// each round, every container writes a line, then the router one about
/// each web container.
struct Lines<'a> {
    spec: &'a ArchiveSpec,
    flavors: Vec<Flavor>,
    webs: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    fn new(spec: &'a ArchiveSpec) -> Self {
        let flavors = spec
            .writers
            .iter()
            .map(|(_, kind, command)| Flavor::of(kind, command))
            .collect();
        let webs = spec
            .writers
            .iter()
            .filter(|(_, kind, _)| spec.router && kind == "web")
            .map(|(label, _, _)| label.as_str())
            .collect();
        Lines {
            spec,
            flavors,
            webs,
        }
    }

    /// The `i`-th line: its label and text.
    fn get(&self, i: u64) -> (&'a str, Text<'a>) {
        let round_len = (self.flavors.len() + self.webs.len()).max(1) as u64;
        let (round, at) = (i / round_len, (i % round_len) as usize);
        match self.spec.writers.get(at) {
            Some((label, _, command)) => {
                // Writers start the corpus at different places.
                let n = round + 3 * at as u64;
                let text = corpus::line(self.flavors[at], command, n);
                (label.as_str(), Text::Corpus(text))
            }
            None => {
                let label = self.webs[at - self.flavors.len()];
                let line = RouterLine {
                    host: &self.spec.host,
                    label,
                    n: round,
                };
                ("router", Text::Router(line))
            }
        }
    }
}

/// A written line's bytes: the time, the label, the text, a newline.
fn line_len(label: &str, text_len: usize) -> u64 {
    (STAMP_LEN + " [".len() + label.len() + "] ".len() + text_len + 1) as u64
}

/// How many lines of the rounds are written, and the bytes of the whole
/// text (the marker line included).
fn measure(spec: &ArchiveSpec) -> (u64, u64) {
    let lines = Lines::new(spec);
    let mut count = 0;
    let mut bytes = 0;
    while bytes < spec.text_bytes && !spec.writers.is_empty() {
        let (label, text) = lines.get(count);
        bytes += line_len(label, text.len());
        count += 1;
    }
    if spec.marker {
        bytes += line_len("router", marker_text(&spec.host).len());
    }
    (count, bytes)
}

/// The size of an archive's gzip file, in bytes, without building it.
pub fn size(spec: &ArchiveSpec) -> u64 {
    stored_gzip::size(measure(spec).1)
}

/// The gzip bytes of an archive.
pub fn render(spec: &ArchiveSpec) -> Vec<u8> {
    let (count, bytes) = measure(spec);
    let lines = Lines::new(spec);
    let total = count + u64::from(spec.marker);
    let marker_at = spec.marker.then_some(count * 618 / 1000);
    let span = (spec.to - spec.from).num_nanoseconds().unwrap_or(1).max(1);
    let at = |j: u64| -> DateTime<chrono::Utc> {
        let nanos = i128::from(span) * i128::from(j) / i128::from(total.max(1));
        spec.from + Duration::nanoseconds(nanos as i64)
    };
    let mut gz = StoredGzip::new(bytes);
    let mut text = String::with_capacity(CHUNK + 8 * 1024);
    let write = |j: u64, label: &str, body: &str, text: &mut String| {
        write_time(text, &at(j));
        text.push_str(" [");
        text.push_str(label);
        text.push_str("] ");
        text.push_str(body);
        text.push('\n');
    };
    let mut j = 0;
    for i in 0..count {
        if marker_at == Some(i) {
            write(j, "router", &marker_text(&spec.host), &mut text);
            j += 1;
        }
        let (label, line) = lines.get(i);
        match line {
            Text::Corpus(body) => write(j, label, body, &mut text),
            Text::Router(router) => write(j, label, &router.text(), &mut text),
        }
        j += 1;
        if text.len() >= CHUNK {
            gz.write(text.as_bytes());
            text.clear();
        }
    }
    if marker_at.is_some_and(|m| m >= count) {
        write(j, "router", &marker_text(&spec.host), &mut text);
    }
    gz.write(text.as_bytes());
    gz.finish()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::GzDecoder;

    use super::*;
    use crate::domain::{logs::line::go_time, time};

    fn spec(marker: bool, text_bytes: u64) -> ArchiveSpec {
        let to = time::now();
        ArchiveSpec {
            app_id: "app".to_owned(),
            day: 1,
            from: to - Duration::hours(20),
            to,
            text_bytes,
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
    fn archives_are_the_size_listed_and_ordered_in_their_period() {
        for (marker, text_bytes) in [(false, 300_000), (true, 200_000), (true, 0)] {
            let spec = spec(marker, text_bytes);
            let bytes = render(&spec);
            assert_eq!(bytes.len() as u64, size(&spec));
            assert_eq!(bytes, render(&spec));
            let text = text(&bytes);
            assert!(text.len() as u64 >= spec.text_bytes);
            assert!(text.starts_with(&go_time(&spec.from)[..10]));
            let stamps: Vec<&str> = text.lines().map(|l| &l[..29]).collect();
            assert!(stamps.windows(2).all(|w| w[0] <= w[1]));
            assert!(text.lines().all(|l| l.contains(" +0000 UTC [")));
            assert_eq!(text.matches(MARKER).count(), usize::from(marker));
        }
    }
}
