//! The settings of chaos mode, from the command line, from tests, or from
//! the JSON of `POST /_sim/chaos`.

use std::time::Duration;

use serde_json::{json, Value};

/// Probabilities (0 to 1) of each fault per request, and the largest added
/// latency. `errors + rate_limited + malformed` is at most 1: a request
/// gets at most one of them.
#[derive(Debug, Clone, PartialEq)]
pub struct ChaosConfig {
    /// The same seed gives the same sequence of decisions.
    pub seed: u64,
    /// 500, 502 or 503.
    pub errors: f64,
    /// 429 with `Retry-After`.
    pub rate_limited: f64,
    /// Corrupted body of a `GET` answered 200 with JSON.
    pub malformed: f64,
    /// Every request waits a random time up to this before it is handled.
    pub latency_max: Duration,
    /// A logs stream is cut early.
    pub ws_drops: f64,
}

impl Default for ChaosConfig {
    /// What `--chaos` alone gives: 10% of requests fail one way or another,
    /// up to 250 ms of latency.
    fn default() -> Self {
        ChaosConfig {
            latency_max: Duration::from_millis(250),
            ..ChaosConfig::with_rate(1, 0.1)
        }
    }
}

impl ChaosConfig {
    /// One overall `rate` of faulty requests: half server errors, a quarter
    /// 429s, a quarter corrupted bodies; as many logs streams cut early; no
    /// latency.
    pub fn with_rate(seed: u64, rate: f64) -> Self {
        ChaosConfig {
            seed,
            errors: rate / 2.0,
            rate_limited: rate / 4.0,
            malformed: rate / 4.0,
            latency_max: Duration::ZERO,
            ws_drops: rate,
        }
    }

    /// `Err` names the first setting that is not a probability.
    pub fn validate(&self) -> Result<(), String> {
        for (name, value) in [
            ("errors", self.errors),
            ("rate_limited", self.rate_limited),
            ("malformed", self.malformed),
            ("ws_drops", self.ws_drops),
        ] {
            if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
                return Err(format!("{name} must be a probability from 0 to 1"));
            }
        }
        if self.errors + self.rate_limited + self.malformed > 1.0 + 1e-9 {
            return Err("errors + rate_limited + malformed must be at most 1".to_owned());
        }
        if self.latency_max > Duration::from_secs(60) {
            return Err("latency_ms must be at most 60000".to_owned());
        }
        Ok(())
    }

    pub fn to_json(&self) -> Value {
        json!({
            "seed": self.seed,
            "errors": self.errors,
            "rate_limited": self.rate_limited,
            "malformed": self.malformed,
            "latency_ms": u64::try_from(self.latency_max.as_millis()).unwrap_or(u64::MAX),
            "ws_drops": self.ws_drops,
        })
    }

    /// The settings of a `POST /_sim/chaos` body. With no fault setting
    /// (only `seed`, or nothing), the defaults. Otherwise the faults are
    /// exactly those asked for: `rate` first (see
    /// [`ChaosConfig::with_rate`]), then the finer ones over it; a fault
    /// not mentioned does not happen, and there is no latency unless
    /// `latency_ms` says so. `Err(field, message)`.
    pub fn from_json(body: &Value) -> Result<Self, (String, String)> {
        // A misspelt setting would silently keep its default: refuse it.
        if let Some(unknown) = body
            .as_object()
            .and_then(|map| map.keys().find(|k| !SETTINGS.contains(&k.as_str())))
        {
            return Err((
                unknown.clone(),
                format!("unknown setting; expected one of {}", SETTINGS.join(", ")),
            ));
        }
        let number = |key: &str| -> Result<Option<f64>, (String, String)> {
            match body.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(value) => value
                    .as_f64()
                    .map(Some)
                    .ok_or_else(|| (key.to_owned(), "must be a number".to_owned())),
            }
        };
        let mentions_a_fault = FAULT_SETTINGS
            .iter()
            .any(|key| body.get(*key).is_some_and(|v| !v.is_null()));
        let mut config = if mentions_a_fault {
            ChaosConfig::with_rate(1, 0.0)
        } else {
            ChaosConfig::default()
        };
        if let Some(seed) = body.get("seed").filter(|v| !v.is_null()) {
            config.seed = seed
                .as_u64()
                .ok_or_else(|| ("seed".to_owned(), "must be a whole number".to_owned()))?;
        }
        if let Some(rate) = number("rate")? {
            config = ChaosConfig {
                latency_max: config.latency_max,
                ..ChaosConfig::with_rate(config.seed, rate)
            };
        }
        for (key, field) in [
            ("errors", &mut config.errors),
            ("rate_limited", &mut config.rate_limited),
            ("malformed", &mut config.malformed),
            ("ws_drops", &mut config.ws_drops),
        ] {
            if let Some(value) = number(key)? {
                *field = value;
            }
        }
        if let Some(ms) = number("latency_ms")? {
            if !(ms.is_finite() && ms >= 0.0) {
                return Err(("latency_ms".to_owned(), "must not be negative".to_owned()));
            }
            config.latency_max = Duration::from_millis(ms as u64);
        }
        config.validate().map_err(|message| {
            let field = message.split(' ').next().unwrap_or("chaos").to_owned();
            (field, message)
        })?;
        Ok(config)
    }

    /// The settings of `--chaos`: empty (or `on`) for the defaults, else
    /// `key=value` pairs separated by commas, with the keys of
    /// [`ChaosConfig::from_json`] (`seed=42,errors=0.1,latency_ms=200`).
    pub fn from_spec(spec: &str) -> Result<Self, String> {
        let spec = spec.trim();
        if spec.is_empty() || spec == "on" {
            return Ok(ChaosConfig::default());
        }
        let mut settings = serde_json::Map::new();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("{pair:?} is not key=value"))?;
            let value: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("{key} must be a number, not {value:?}"))?;
            // Whole numbers stay integers, so that `seed` reads as one.
            let value = if value.fract() == 0.0 && (0.0..9.0e15).contains(&value) {
                json!(value as u64)
            } else {
                json!(value)
            };
            settings.insert(key.trim().to_owned(), value);
        }
        ChaosConfig::from_json(&Value::Object(settings))
            .map_err(|(field, message)| format!("{field}: {message}"))
    }
}

/// The keys of a chaos body (`enabled` is read by `POST /_sim/chaos`).
const SETTINGS: [&str; 8] = [
    "enabled",
    "seed",
    "rate",
    "errors",
    "rate_limited",
    "malformed",
    "latency_ms",
    "ws_drops",
];

/// The keys that say which faults happen (the others do not).
const FAULT_SETTINGS: [&str; 6] = [
    "rate",
    "errors",
    "rate_limited",
    "malformed",
    "latency_ms",
    "ws_drops",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_settings_layer_over_the_rate() {
        let config = ChaosConfig::from_json(
            &json!({"seed": 9, "rate": 0.4, "errors": 0.3, "latency_ms": 5}),
        )
        .unwrap();
        assert_eq!(config.seed, 9);
        assert_eq!(config.errors, 0.3);
        assert_eq!(config.rate_limited, 0.1);
        assert_eq!(config.ws_drops, 0.4);
        assert_eq!(config.latency_max, Duration::from_millis(5));
        assert_eq!(
            ChaosConfig::from_json(&json!({})).unwrap(),
            ChaosConfig::default()
        );
        let seeded = ChaosConfig::from_json(&json!({"seed": 3})).unwrap();
        assert_eq!(
            seeded,
            ChaosConfig {
                seed: 3,
                ..ChaosConfig::default()
            }
        );
        let only_errors = ChaosConfig::from_json(&json!({"errors": 1})).unwrap();
        assert_eq!((only_errors.errors, only_errors.malformed), (1.0, 0.0));
        assert_eq!(only_errors.ws_drops, 0.0);
        assert_eq!(only_errors.latency_max, Duration::ZERO);
        let (field, _) = ChaosConfig::from_json(&json!({"errors": 2})).unwrap_err();
        assert_eq!(field, "errors");
        let (field, _) =
            ChaosConfig::from_json(&json!({"errors": 0.6, "malformed": 0.6})).unwrap_err();
        assert_eq!(field, "errors");
        assert!(ChaosConfig::from_json(&json!({"seed": -1})).is_err());
        assert!(ChaosConfig::from_json(&json!({"rate": "x"})).is_err());
        let (field, _) = ChaosConfig::from_json(&json!({"error": 0.1})).unwrap_err();
        assert_eq!(field, "error");
    }

    #[test]
    fn command_line_settings() {
        assert_eq!(ChaosConfig::from_spec("").unwrap(), ChaosConfig::default());
        assert_eq!(
            ChaosConfig::from_spec("on").unwrap(),
            ChaosConfig::default()
        );
        let config = ChaosConfig::from_spec(
            "seed=42,errors=0.1,rate_limited=0.05,malformed=0.05,latency_ms=200,ws_drops=0.2",
        )
        .unwrap();
        assert_eq!(config.seed, 42);
        assert_eq!(config.errors, 0.1);
        assert_eq!(config.rate_limited, 0.05);
        assert_eq!(config.malformed, 0.05);
        assert_eq!(config.latency_max, Duration::from_millis(200));
        assert_eq!(config.ws_drops, 0.2);
        assert_eq!(ChaosConfig::from_spec("rate=0.4").unwrap().errors, 0.2);
        assert!(ChaosConfig::from_spec("errors").is_err());
        assert!(ChaosConfig::from_spec("errors=lots").is_err());
        assert!(ChaosConfig::from_spec("nope=1").is_err());
        assert!(ChaosConfig::from_spec("errors=2").is_err());
    }
}
