//! The shared state of a running simulator: the platform behind a lock, the
//! token signer, the settings, and the data file every mutation is saved to.

use std::{
    collections::HashSet,
    io,
    net::SocketAddr,
    path::PathBuf,
    sync::{Arc, Mutex, MutexGuard, OnceLock},
    time::Duration,
};

use tokio::sync::watch;

use crate::{
    auth::TokenSigner,
    chaos::Chaos,
    config::{DemoKind, SimConfig},
    csp_reports::CspReports,
    demo,
    error::{ApiError, ApiResult},
    lifecycle::{Timing, DEFAULT_FAILURE},
    logs::signing::UrlSigner,
    model::{Platform, RegionRecord},
    persist, time,
    traffic::Traffic,
};

pub type SharedState = Arc<SimState>;

/// What the routes need from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub free_usage_limits: bool,
    pub token_ttl: Duration,
    pub dist: Option<PathBuf>,
    /// Durations of operations, at the configured speed.
    pub timing: Timing,
    pub logs: LogSettings,
    /// The platform is the hostile demo: its responses get the wire-level
    /// quirks of `hostile::wire`.
    pub hostile: bool,
    /// Where the dashboard is served: `/` or `/<prefix>/`.
    pub base_path: String,
    /// Origins allowed by CORS besides loopback ones.
    pub allowed_origins: Vec<String>,
}

/// How logs are produced and served (see `SimConfig`).
#[derive(Debug, Clone)]
pub struct LogSettings {
    pub rate: f64,
    pub ping_interval: Duration,
    pub stream_max_age: Duration,
    pub url_ttl: Duration,
    pub archive_url_ttl: Duration,
}

pub struct SimState {
    // A std mutex: it is never held across an await (see `read`/`mutate`).
    platform: Mutex<Platform>,
    pub signer: TokenSigner,
    /// Signs the logs and archive URLs.
    pub url_signer: UrlSigner,
    /// Bumped to close every open logs stream (`drop_log_streams`).
    pub log_streams: watch::Sender<u64>,
    pub settings: Settings,
    store: Option<persist::Store>,
    bound: OnceLock<SocketAddr>,
    /// The platform's regions, copied out of it: they never change, and
    /// routing every request must not take the platform lock.
    regions: Vec<RegionRecord>,
    /// Regions whose API answers 503 (`/_sim/regions/:name/down`). Not
    /// saved: an outage is a moment of a test or a demo.
    down: Mutex<HashSet<String>>,
    /// Random faults (see `chaos`); not saved either.
    pub chaos: Chaos,
    /// Requests per bearer token, and the rate limit.
    pub traffic: Traffic,
    /// Content-Security-Policy violations browsers reported.
    pub csp_reports: CspReports,
}

impl SimState {
    /// Loads the data file of `config` if there is one, or generates the demo
    /// platform of its seed (and writes it to the data file).
    pub fn from_config(config: &SimConfig) -> io::Result<SharedState> {
        if !(config.op_speed.is_finite() && config.op_speed > 0.0) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "the operation speed must be a positive number, not {}",
                    config.op_speed
                ),
            ));
        }
        if !(config.log_rate.is_finite() && (0.0..=1000.0).contains(&config.log_rate)) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "the log rate must be a number of lines per second from 0 to 1000, not {}",
                    config.log_rate
                ),
            ));
        }
        if config.log_ping_interval.is_zero() || config.log_stream_max_age.is_zero() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
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
        let base_path =
            crate::config::normalize_base_path(&config.base_path).map_err(invalid_input)?;
        let generate = || {
            let now = time::now();
            let mut platform = demo::generate(config.seed, now);
            if config.demo == DemoKind::Hostile {
                crate::hostile::add(&mut platform, config.seed, now);
            }
            demo::add_load_apps(&mut platform, config.seed, config.demo_apps, now);
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
        let regions = platform.regions.clone();
        if regions.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the data file lists no region",
            ));
        }
        let hostile = platform.hostile;
        Ok(Arc::new(SimState {
            platform: Mutex::new(platform),
            signer: TokenSigner::random(),
            url_signer: UrlSigner::random(),
            log_streams: watch::Sender::new(0),
            settings: Settings {
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
                hostile,
                base_path,
                allowed_origins: config.allowed_origins.clone(),
            },
            store,
            bound: OnceLock::new(),
            regions,
            down: Mutex::new(HashSet::new()),
            chaos: Chaos::new(config.chaos.clone()),
            traffic: Traffic::new(config.rate_limit, config.rate_window),
            csp_reports: CspReports::default(),
        }))
    }

    /// The platform, settled to now: operations and containers are where
    /// time has taken them. Settling is not a change to save (see
    /// `lifecycle`), so reads do not write the data file.
    fn lock(&self) -> MutexGuard<'_, Platform> {
        // A panic while the lock was held cannot leave a half-applied change
        // (see `mutate`), so a poisoned lock is still consistent.
        let mut platform = self.platform.lock().unwrap_or_else(|e| e.into_inner());
        platform.settle(time::now());
        platform
    }

    /// Reads the platform.
    pub fn read<T>(&self, f: impl FnOnce(&Platform) -> T) -> T {
        f(&self.lock())
    }

    /// A copy of the whole platform (for tests and tools).
    pub fn snapshot(&self) -> Platform {
        self.lock().clone()
    }

    /// Applies a change. If `f` fails, the platform is left as it was, so
    /// routes may validate and change in one pass. The change is saved to the
    /// data file before this returns.
    pub async fn mutate<T>(&self, f: impl FnOnce(&mut Platform) -> ApiResult<T>) -> ApiResult<T> {
        let (out, saved) = {
            let mut platform = self.lock();
            let before = platform.clone();
            match f(&mut platform) {
                Ok(out) => {
                    platform.revision += 1;
                    let saved = self
                        .store
                        .is_some()
                        .then(|| (platform.revision, persist::encode(&platform)));
                    (out, saved)
                }
                Err(error) => {
                    *platform = before;
                    return Err(error);
                }
            }
        };
        if let (Some(store), Some((revision, encoded))) = (&self.store, saved) {
            let written = match encoded {
                Ok(bytes) => store.save(revision, bytes).await,
                Err(error) => Err(error),
            };
            if let Err(error) = written {
                tracing::error!(%error, "the data file could not be written");
                return Err(ApiError::internal());
            }
        }
        Ok(out)
    }

    /// Makes the next operation created end in `error` with `message`
    /// (`lifecycle::DEFAULT_FAILURE` when it is empty), saved to the data
    /// file before this returns; returns the message.
    pub async fn fail_next_operation(&self, message: &str) -> ApiResult<String> {
        let message = failure_message(message);
        let armed = message.clone();
        self.mutate(|p| {
            p.fail_next_operation = Some(armed);
            Ok(())
        })
        .await?;
        Ok(message)
    }

    /// The same, without waiting for the data file: the failure is saved
    /// with the next change, which is the operation that takes it.
    pub fn arm_failure(&self, message: &str) {
        self.lock().fail_next_operation = Some(failure_message(message));
    }

    /// Closes every open logs stream (clients reconnect); returns how many
    /// were open.
    pub fn drop_log_streams(&self) -> usize {
        let open = self.log_streams.receiver_count();
        self.log_streams.send_modify(|generation| *generation += 1);
        open
    }

    pub fn regions(&self) -> &[RegionRecord] {
        &self.regions
    }

    /// The region whose API is at the root.
    pub fn default_region_name(&self) -> &str {
        self.regions
            .iter()
            .find(|r| r.default)
            .unwrap_or(&self.regions[0])
            .name
            .as_str()
    }

    /// Takes a region's API down (every request to it answers 503) or
    /// brings it back; false for a region the platform does not have.
    pub fn set_region_down(&self, name: &str, down: bool) -> bool {
        if !self.regions.iter().any(|r| r.name == name) {
            return false;
        }
        let mut regions = self.down.lock().unwrap_or_else(|e| e.into_inner());
        if down {
            regions.insert(name.to_owned());
        } else {
            regions.remove(name);
        }
        true
    }

    pub fn is_region_down(&self, name: &str) -> bool {
        self.down
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(name)
    }

    pub(crate) fn set_bound_addr(&self, addr: SocketAddr) {
        let _ = self.bound.set(addr);
    }

    /// The host to use in URLs when a request has no `Host` header.
    pub fn fallback_host(&self) -> String {
        self.bound
            .get()
            .map(ToString::to_string)
            .unwrap_or_else(|| "localhost".to_owned())
    }
}

fn invalid_input(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.into())
}

fn failure_message(message: &str) -> String {
    match message.trim() {
        "" => DEFAULT_FAILURE.to_owned(),
        message => message.to_owned(),
    }
}
