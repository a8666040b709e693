//! The fleet: every app of every region, loaded in parallel and shared by
//! the app list, the command palette and the app pages (which need to know
//! which region's API an app lives on).

use leptos::prelude::*;
use scalingo_api::App;

use crate::{
    api::{ApiClient, ApiError},
    state::query::{use_query, Query, QueryOptions},
};

/// The apps of one region, or why they could not be listed.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionApps {
    pub region: String,
    pub display_name: String,
    pub apps: Result<Vec<App>, ApiError>,
}

/// Every region's answer, in configuration order.
pub type FleetData = Vec<RegionApps>;

/// The fleet context. `Copy`.
#[derive(Clone, Copy)]
pub struct Fleet {
    /// An error only when no region answered; otherwise failed regions are
    /// in the data, to be shown beside the others.
    pub data: Query<(), FleetData>,
}

async fn load(client: ApiClient) -> Result<FleetData, ApiError> {
    let regions = load_regions(client).await;
    match regions.iter().find_map(|r| r.apps.as_ref().err()) {
        Some(error) if regions.iter().all(|r| r.apps.is_err()) => Err(error.clone()),
        _ => Ok(regions),
    }
}

async fn load_regions(client: ApiClient) -> FleetData {
    let regions: Vec<(String, String)> = client
        .config()
        .regions
        .iter()
        .map(|r| (r.name.clone(), r.display_name.clone()))
        .collect();
    let requests = regions.into_iter().map(|(region, display_name)| {
        let client = client.clone();
        async move {
            let apps = client.apps(&region).await.map(|apps| {
                apps.into_iter()
                    .map(|mut app| {
                        // The region an app is listed by is the one to talk to.
                        app.region = Some(region.clone());
                        app
                    })
                    .collect()
            });
            RegionApps {
                region,
                display_name,
                apps,
            }
        }
    });
    futures::future::join_all(requests).await
}

impl Fleet {
    pub fn new(client: ApiClient) -> Self {
        let fleet = Fleet {
            data: {
                let client = client.clone();
                use_query(
                    || Some(()),
                    move |()| load(client.clone()),
                    QueryOptions::default(),
                )
            },
        };
        fleet.retry_failed_regions(client);
        fleet
    }

    /// A list read with a region that failed in a way that may pass (a 429,
    /// a 503…) is read again by itself, as a failed read would be: once the
    /// platform's pause is over, then less and less often.
    fn retry_failed_regions(&self, client: ApiClient) {
        let data = self.data;
        let failures = StoredValue::new(0u32);
        Effect::new(move |_| {
            let Some(regions) = data.fresh() else {
                return;
            };
            let transient = regions
                .iter()
                .any(|r| r.apps.as_ref().is_err_and(ApiError::is_transient));
            if !transient {
                failures.set_value(0);
                return;
            }
            failures.update_value(|n| *n += 1);
            let count = failures.get_value();
            let client = client.clone();
            // Cancelled when a newer list arrives (this effect runs again).
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let now = js_sys::Date::now();
                let at = (now + crate::api::traffic::later_retry_delay(count))
                    .max(client.paused_until().unwrap_or(0.0) + 500.0);
                gloo_timers::future::sleep(std::time::Duration::from_millis(
                    (at - now).max(0.0) as u64
                ))
                .await;
                data.refetch();
            });
        });
    }

    pub fn refetch(&self) {
        self.data.refetch();
    }

    /// The fleet once its read under way (if any) is over: its data, or
    /// `None` if no region answered.
    pub async fn settled(&self) -> Option<FleetData> {
        loop {
            let data = self.data;
            let (fresh, failed, loading) =
                untrack(|| (data.fresh(), data.failure().is_some(), data.loading()));
            match (fresh, failed, loading) {
                (Some(regions), _, false) => return Some(regions),
                (None, true, false) => return None,
                _ => {
                    gloo_timers::future::sleep(std::time::Duration::from_millis(100)).await;
                }
            }
        }
    }

    /// Every app listed so far (regions that failed contribute none).
    pub fn apps(&self) -> Vec<App> {
        self.data
            .fresh()
            .map(|regions| {
                regions
                    .into_iter()
                    .flat_map(|r| r.apps.unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The region of `name`, if the fleet has listed it.
    pub fn region_of(&self, name: &str) -> Option<String> {
        untrack(|| self.data.fresh())?.iter().find_map(|r| {
            r.apps
                .as_ref()
                .ok()?
                .iter()
                .any(|app| app.name == name)
                .then(|| r.region.clone())
        })
    }
}

pub fn use_fleet() -> Fleet {
    expect_context::<Fleet>()
}

/// The region `name` lives in, from the fleet: a deep link waits for the
/// list rather than asking each region for the app, which would cost
/// requests and answer 404 from every region but one. A list read before
/// the lookup began may predate the app (it was just created or renamed):
/// then, or when a region could not be listed, the regions are asked.
pub async fn resolve_region(
    client: &ApiClient,
    fleet: Fleet,
    name: &str,
) -> Result<String, ApiError> {
    let started = js_sys::Date::now();
    if let Some(region) = fleet.region_of(name) {
        return Ok(region);
    }
    let listed = fleet.settled().await;
    if let Some(region) = fleet.region_of(name) {
        return Ok(region);
    }
    let read_at = untrack(|| fleet.data.fresh_at()).unwrap_or(0.0);
    let complete = listed
        .as_ref()
        .is_some_and(|regions| regions.iter().all(|r| r.apps.is_ok()));
    if !(complete && read_at >= started) {
        let regions: Vec<String> = client
            .config()
            .regions
            .iter()
            .map(|r| r.name.clone())
            .collect();
        for region in regions {
            match client.app(&region, name).await {
                Ok(_) => return Ok(region),
                Err(ApiError::Http { status: 404, .. }) => {}
                Err(other) => return Err(other),
            }
        }
    }
    Err(ApiError::Http {
        status: 404,
        body: Box::new(scalingo_api::ErrorBody::parse(
            r#"{"resource":"app","error":"not found"}"#,
        )),
        retry_after: None,
    })
}
