//! Assembling a simulator's state from its configuration: the settings
//! checked, the platform loaded from the data file or generated (the demo,
//! hostile or not, with its load apps), and the layers' state.

use std::io;

use crate::{
    config::{normalize_base_path, DemoKind, SimConfig},
    domain::{demo, hostile, lifecycle::Timing, time},
    layers::rate_limit::Traffic,
    persist,
    state::{LogSettings, Settings, SharedState, SimState},
};

/// Loads the data file of `config` if there is one, or generates the demo
/// platform of its seed (and writes it to the data file).
pub fn state(config: &SimConfig) -> io::Result<SharedState> {
    if !(config.op_speed.is_finite() && config.op_speed > 0.0) {
        return Err(invalid_input(format!(
            "the operation speed must be a positive number, not {}",
            config.op_speed
        )));
    }
    if !(config.log_rate.is_finite() && (0.0..=1000.0).contains(&config.log_rate)) {
        return Err(invalid_input(format!(
            "the log rate must be a number of lines per second from 0 to 1000, not {}",
            config.log_rate
        )));
    }
    if config.log_ping_interval.is_zero() || config.log_stream_max_age.is_zero() {
        return Err(invalid_input(
            "the log ping interval and stream age must be longer than zero",
        ));
    }
    if config.rate_limit == Some(0) || config.rate_window.is_zero() {
        return Err(invalid_input(
            "the rate limit and its window must be above zero",
        ));
    }
    if let Some(chaos) = &config.chaos {
        chaos
            .validate()
            .map_err(|e| invalid_input(format!("chaos: {e}")))?;
    }
    let base_path = normalize_base_path(&config.base_path).map_err(invalid_input)?;
    let generate = || {
        let now = time::now();
        let mut platform = demo::generate(config.seed, now);
        if config.demo == DemoKind::Hostile {
            hostile::add(&mut platform, config.seed, now);
        }
        demo::add_load_apps(&mut platform, config.seed, config.demo_apps, now);
        demo::pace_under_way(&mut platform, now, Timing::new(config.op_speed));
        if config.free_usage_limits {
            demo::without_payment_method(&mut platform);
        }
        platform
    };
    let (platform, store) = match &config.data {
        Some(path) => {
            let platform = match persist::load(path)? {
                Some(platform) => platform,
                None => {
                    let platform = generate();
                    persist::write_atomic(path, &persist::encode(&platform)?)?;
                    platform
                }
            };
            let store = persist::Store::new(path.clone(), platform.revision);
            (platform, Some(store))
        }
        None => (generate(), None),
    };
    if platform.regions.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the data file lists no region",
        ));
    }
    let settings = Settings {
        free_usage_limits: config.free_usage_limits,
        token_ttl: config.token_ttl,
        dist: config.dist.clone(),
        timing: Timing::new(config.op_speed),
        logs: LogSettings {
            rate: config.log_rate,
            ping_interval: config.log_ping_interval,
            stream_max_age: config.log_stream_max_age,
            url_ttl: config.logs_url_ttl,
            archive_url_ttl: config.archive_url_ttl,
        },
        hostile: platform.hostile,
        base_path,
        allowed_origins: config.allowed_origins.clone(),
    };
    Ok(SimState::new(
        platform,
        store,
        settings,
        config.chaos.clone(),
        Traffic::new(config.rate_limit, config.rate_window),
    ))
}

fn invalid_input(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.into())
}
