//! How long things take on the platform, divided by `--op-speed`.
//!
//! The base durations are what a small app sees on the real platform: an
//! operation waits about a second before a worker picks it up, a container
//! boots in a few seconds, and a scale or restart takes several seconds,
//! more when it touches more containers.

use chrono::Duration;

/// Base durations, in milliseconds at speed 1.
const PENDING: f64 = 1000.0;
const ONE_OFF_PENDING: f64 = 300.0;
const BOOT: f64 = 2500.0;
const ONE_OFF_BOOT: f64 = 1500.0;
/// Containers of one operation start (and stop) this far apart: changes
/// roll through an app rather than happen at once.
const STAGGER: f64 = 400.0;
const STOP: f64 = 1500.0;
/// What an operation takes after its last container change.
const MARGIN: f64 = 200.0;
const SCALE_MIN: f64 = 4000.0;
const SCALE_MAX: f64 = 8000.0;
const SCALE_PER_CONTAINER: f64 = 600.0;
const RESTART_MIN: f64 = 6000.0;
const RESTART_MAX: f64 = 10_000.0;
const RESTART_PER_CONTAINER: f64 = 800.0;
const START_ONE_OFF: f64 = 2000.0;
/// A detached one-off whose command says nothing about its length.
const ONE_OFF_RUN: f64 = 30_000.0;
/// An attached one-off nobody attaches to is given up after this.
const ATTACH_TIMEOUT: f64 = 60_000.0;
/// A build with a warm cache: fetching the code, installing what changed,
/// compiling, making the image.
const BUILD: f64 = 45_000.0;
/// A build without a cache installs everything.
const COLD_BUILD_FACTOR: f64 = 1.6;
/// Pushing the image to the registry.
const PUSH: f64 = 6000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    speed: f64,
}

impl Timing {
    /// `speed` must be finite and positive (checked at start).
    pub fn new(speed: f64) -> Self {
        Timing { speed }
    }

    fn ms(&self, ms: f64) -> Duration {
        let micros = (ms * 1000.0 / self.speed).round();
        // Saturates instead of overflowing on absurd `sleep` arguments.
        Duration::microseconds(micros.clamp(0.0, 1e15) as i64)
    }

    pub fn pending(&self) -> Duration {
        self.ms(PENDING)
    }

    pub fn one_off_pending(&self) -> Duration {
        self.ms(ONE_OFF_PENDING)
    }

    pub fn boot(&self) -> Duration {
        self.ms(BOOT)
    }

    pub fn one_off_boot(&self) -> Duration {
        self.ms(ONE_OFF_BOOT)
    }

    pub fn stagger(&self, steps: usize) -> Duration {
        self.ms(STAGGER * steps as f64)
    }

    pub fn stop(&self) -> Duration {
        self.ms(STOP)
    }

    pub fn margin(&self) -> Duration {
        self.ms(MARGIN)
    }

    /// The least a scale of `changed` containers takes.
    pub fn scale(&self, changed: usize) -> Duration {
        let ms = SCALE_MIN + SCALE_PER_CONTAINER * changed as f64;
        self.ms(ms.clamp(SCALE_MIN, SCALE_MAX))
    }

    /// The least a restart of `restarted` containers takes.
    pub fn restart(&self, restarted: usize) -> Duration {
        let ms = RESTART_MIN + RESTART_PER_CONTAINER * restarted as f64;
        self.ms(ms.clamp(RESTART_MIN, RESTART_MAX))
    }

    pub fn start_one_off(&self) -> Duration {
        self.ms(START_ONE_OFF)
    }

    /// How long a build takes: `variation` (around 1) is the app's own
    /// pace, a cold cache makes it longer.
    pub fn build(&self, variation: f64, cold_cache: bool) -> Duration {
        let factor = if cold_cache { COLD_BUILD_FACTOR } else { 1.0 };
        self.ms(BUILD * variation.clamp(0.2, 5.0) * factor)
    }

    pub fn push(&self) -> Duration {
        self.ms(PUSH)
    }

    /// The speed itself (what the demo's deployment under way is paced
    /// with, see `demo::pace_under_way`).
    pub fn speed(&self) -> f64 {
        self.speed
    }

    pub fn attach_timeout(&self) -> Duration {
        self.ms(ATTACH_TIMEOUT)
    }

    /// How long a detached one-off runs: `sleep N` sleeps N seconds (the
    /// easy way to get a predictable one-off in a demo), anything else runs
    /// for half a minute.
    pub fn one_off_run(&self, command: &str) -> Duration {
        self.ms(sleep_seconds(command).map_or(ONE_OFF_RUN, |s| s * 1000.0))
    }
}

/// The argument of the first `sleep N` in a command line.
fn sleep_seconds(command: &str) -> Option<f64> {
    let words: Vec<&str> = command
        .split(|c: char| c.is_whitespace() || c == ';' || c == '&' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .find(|pair| pair[0] == "sleep")
        .and_then(|pair| pair[1].trim_end_matches('s').parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_scale_with_the_speed() {
        let real = Timing::new(1.0);
        let fast = Timing::new(20.0);
        assert_eq!(real.pending(), Duration::seconds(1));
        assert_eq!(fast.pending(), Duration::milliseconds(50));
        assert_eq!(real.scale(0), Duration::seconds(4));
        assert_eq!(real.scale(100), Duration::seconds(8));
        assert_eq!(real.restart(1), Duration::milliseconds(6800));
        assert_eq!(fast.build(1.0, false), Duration::milliseconds(2250));
        assert_eq!(real.build(1.0, true), Duration::seconds(72));
    }

    #[test]
    fn sleep_commands_run_as_long_as_they_say() {
        let t = Timing::new(2.0);
        assert_eq!(t.one_off_run("sleep 10"), Duration::seconds(5));
        assert_eq!(
            t.one_off_run("echo hi; sleep 3s"),
            Duration::milliseconds(1500)
        );
        assert_eq!(t.one_off_run("rake db:migrate"), Duration::seconds(15));
        assert_eq!(t.one_off_run("sleep forever"), Duration::seconds(15));
        assert_eq!(sleep_seconds("sleep 0.5"), Some(0.5));
    }
}
