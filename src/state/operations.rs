//! The operation tracker: asynchronous operations (scale, restart, attached
//! run) followed until they end, shown in the page and in a tray that
//! survives navigation. When one ends, the app's data is refreshed.

use std::time::Duration;

use leptos::prelude::*;
use scalingo_api::{operation_id_from_location, OperationStatus};

use crate::api::{AppApi, RecentReads};

/// First poll delay, and the ceiling the backoff grows to.
const FIRST_POLL: Duration = Duration::from_millis(800);
const SLOWEST_POLL: Duration = Duration::from_secs(5);
/// How long a successful operation stays in the tray; failures stay until
/// dismissed.
const DONE_LINGER: Duration = Duration::from_secs(12);
/// Consecutive failed polls before the tracker gives up on an operation.
const MAX_POLL_FAILURES: u32 = 8;

/// One operation being followed.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracked {
    /// Local key (operation ids are only unique per app).
    pub key: u64,
    pub app: String,
    pub region: String,
    /// What the user asked for, e.g. "Scale web to 3×L".
    pub label: String,
    pub operation_id: String,
    pub status: OperationStatus,
    /// The API's error message when the operation failed, or why it could
    /// not be followed.
    pub error: Option<String>,
    /// Browser clock, milliseconds.
    pub started_ms: f64,
    pub finished_ms: Option<f64>,
}

impl Tracked {
    pub fn is_finished(&self) -> bool {
        self.status.is_finished() || self.finished_ms.is_some()
    }
}

/// The tracker context. `Copy`.
#[derive(Clone, Copy)]
pub struct Operations {
    items: RwSignal<Vec<Tracked>>,
    next_key: StoredValue<u64>,
    /// Bumped for an app whenever its data changed: resources read it to
    /// refetch.
    versions: RwSignal<Vec<(String, u64)>>,
    /// Forgotten whenever an app's data changes, so that the reloads it
    /// causes see the change rather than a read cached a moment before.
    reads: StoredValue<Option<RecentReads>>,
}

impl Default for Operations {
    fn default() -> Self {
        Self::new()
    }
}

impl Operations {
    pub fn new() -> Self {
        Operations {
            items: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
            versions: RwSignal::new(Vec::new()),
            reads: StoredValue::new(None),
        }
    }

    /// The tracker forgets `reads` whenever an app's data changes.
    pub fn with_recent_reads(self, reads: RecentReads) -> Self {
        self.reads.set_value(Some(reads));
        self
    }

    /// Every tracked operation, newest first.
    pub fn all(&self) -> Vec<Tracked> {
        self.items.get()
    }

    /// The unfinished operation on `app`, if any: actions that would
    /// conflict with it are disabled.
    pub fn running_on(&self, app: &str) -> Option<Tracked> {
        self.items.with(|items| {
            items
                .iter()
                .find(|op| op.app == app && !op.is_finished())
                .cloned()
        })
    }

    /// The latest operation on `app`, finished or not.
    pub fn latest_on(&self, app: &str) -> Option<Tracked> {
        self.items
            .with(|items| items.iter().find(|op| op.app == app).cloned())
    }

    /// A number that changes whenever `app`'s data should be reloaded.
    pub fn data_version(&self, app: &str) -> u64 {
        self.versions.with(|versions| {
            versions
                .iter()
                .find(|(name, _)| name == app)
                .map_or(0, |(_, version)| *version)
        })
    }

    /// Marks `app`'s data as changed.
    pub fn touch(&self, app: &str) {
        if let Some(reads) = self.reads.try_get_value().flatten() {
            reads.forget();
        }
        self.versions.update(
            |versions| match versions.iter_mut().find(|(name, _)| name == app) {
                Some((_, version)) => *version += 1,
                None => versions.push((app.to_owned(), 1)),
            },
        );
    }

    /// Removes finished operations from the tray.
    pub fn dismiss(&self, key: u64) {
        self.items
            .try_update(|items| items.retain(|op| op.key != key));
    }

    fn update(&self, key: u64, change: impl FnOnce(&mut Tracked)) {
        self.items.update(|items| {
            if let Some(op) = items.iter_mut().find(|op| op.key == key) {
                change(op);
            }
        });
    }

    /// Starts following the operation a `Location` header points to. With no
    /// operation (the API did the work at once), the app is refreshed.
    /// Returns the key of the tracked operation, if there is one.
    pub fn follow(
        &self,
        api: &AppApi,
        label: impl Into<String>,
        location: Option<&str>,
    ) -> Option<u64> {
        let (region, app) = (api.region(), api.name());
        let Some(operation_id) = location.and_then(operation_id_from_location) else {
            self.touch(app);
            return None;
        };
        let key = self.next_key.with_value(|k| *k);
        self.next_key.set_value(key + 1);
        let now = js_sys::Date::now();
        self.items.update(|items| {
            items.insert(
                0,
                Tracked {
                    key,
                    app: app.to_owned(),
                    region: region.to_owned(),
                    label: label.into(),
                    operation_id: operation_id.to_owned(),
                    status: OperationStatus::Pending,
                    error: None,
                    started_ms: now,
                    finished_ms: None,
                },
            );
            // The tray keeps the last few, and every one still running.
            let mut kept = 0;
            items.retain(|op| {
                kept += 1;
                kept <= 8 || !op.is_finished()
            });
        });
        // The app's status changed to scaling/restarting.
        self.touch(app);
        let this = *self;
        let (api, operation_id) = (api.clone(), operation_id.to_owned());
        leptos::task::spawn_local(async move {
            this.poll(api, operation_id, key).await;
        });
        Some(key)
    }

    /// The operation with this key, while it is in the tray.
    pub fn get(&self, key: u64) -> Option<Tracked> {
        self.items
            .with(|items| items.iter().find(|op| op.key == key).cloned())
    }

    /// Waits until the operation ends; its final state (or `None` if it was
    /// dismissed before).
    pub async fn finished(&self, key: u64) -> Option<Tracked> {
        loop {
            let op = self
                .items
                .try_with_untracked(|items| items.iter().find(|op| op.key == key).cloned())??;
            if op.is_finished() {
                return Some(op);
            }
            gloo_timers::future::sleep(Duration::from_millis(300)).await;
        }
    }

    async fn poll(self, api: AppApi, id: String, key: u64) {
        let app = api.name();
        let mut delay = FIRST_POLL;
        let mut failures = 0;
        loop {
            // Slower when the request budget runs low or the tab is hidden.
            gloo_timers::future::sleep(delay.mul_f64(api.client().polling_factor())).await;
            // Gone from the tray (dismissed) or the page was torn down.
            if self
                .items
                .try_with_untracked(|items| items.iter().any(|op| op.key == key))
                != Some(true)
            {
                return;
            }
            match api.operation(&id).await {
                Ok(operation) => {
                    failures = 0;
                    let finished = operation.status.is_finished();
                    self.update(key, |op| {
                        op.status = operation.status.clone();
                        if finished {
                            op.finished_ms = Some(js_sys::Date::now());
                            op.error = operation
                                .error
                                .clone()
                                .or_else(|| operation.message.clone())
                                .filter(|_| operation.status == OperationStatus::Error);
                        }
                    });
                    if finished {
                        self.touch(app);
                        if operation.status == OperationStatus::Done {
                            set_timeout(move || self.dismiss(key), DONE_LINGER);
                        }
                        return;
                    }
                }
                Err(error) => {
                    failures += 1;
                    if failures >= MAX_POLL_FAILURES || !error.is_transient() {
                        self.update(key, |op| {
                            op.finished_ms = Some(js_sys::Date::now());
                            op.error = Some(format!("Lost track of the operation: {error}"));
                        });
                        self.touch(app);
                        return;
                    }
                }
            }
            delay = (delay.mul_f64(1.25)).min(SLOWEST_POLL);
        }
    }
}

/// The tracker of the current page.
pub fn use_operations() -> Operations {
    expect_context::<Operations>()
}
