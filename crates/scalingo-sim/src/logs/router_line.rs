//! The router's access lines: one per request, about the web container
//! that served it, in the platform's `key=value` format.

use chrono::Timelike;
use rand::Rng;

use super::content::{fill, hex, pick, Context, PATHS};
use crate::time::Timestamp;

const AGENTS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "curl/8.5.0",
    "okhttp/4.12.0",
    "Scalingo-Health-Check/1.0",
];

/// A request id like the router's (a UUID).
pub fn request_id(rng: &mut impl Rng) -> String {
    format!(
        "{}-{}-4{}-a{}-{}",
        hex(rng, 8),
        hex(rng, 4),
        hex(rng, 3),
        hex(rng, 3),
        hex(rng, 12)
    )
}

fn public_ip(rng: &mut impl Rng) -> String {
    // Documentation ranges (RFC 5737): never someone's real address.
    let net = pick(rng, &["192.0.2", "198.51.100", "203.0.113"]);
    format!("{net}.{}", rng.random_range(1..255))
}

/// An access line of the router, about a request served by `ctx.label`.
pub fn router(rng: &mut impl Rng, ctx: &Context<'_>, at: Timestamp) -> String {
    let method = pick(rng, &["GET", "GET", "GET", "GET", "POST", "PUT", "DELETE"]);
    let path = fill(pick(rng, PATHS), rng);
    let status = match rng.random_range(0..1000) {
        0..=2 => 101,
        3..=9 => 502,
        10..=14 => 500,
        15..=59 => 302,
        60..=74 => 304,
        75..=104 => 404,
        105..=114 => 422,
        _ if method == "POST" => 201,
        _ => 200,
    };
    let duration = rng.random_range(0.002..0.9) * if at.hour() >= 12 { 1.3 } else { 1.0 };
    let referer = if rng.random_bool(0.4) {
        format!("https://{}/", ctx.host)
    } else {
        "-".to_owned()
    };
    format!(
        "method={method} path=\"{path}\" host={} request_id={} container={} from=\"{}\" protocol=https status={status} duration={duration:.3}s bytes={} referer=\"{referer}\" user_agent=\"{}\"",
        ctx.host,
        request_id(rng),
        ctx.label,
        public_ip(rng),
        rng.random_range(0..60_000),
        pick(rng, AGENTS)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{telemetry::noise, time};

    #[test]
    fn access_lines_name_the_container_and_the_request() {
        let ctx = Context {
            host: "app.example.test",
            label: "web-1",
            command: "",
        };
        let mut rng = noise::rng(1);
        let line = router(&mut rng, &ctx, time::now());
        assert!(line.starts_with("method="), "{line}");
        for key in [
            "container=web-1",
            " host=app.example.test",
            " request_id=",
            " status=",
        ] {
            assert!(line.contains(key), "{line}");
        }
    }
}
