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
        Fleet {
            data: use_query(
                || Some(()),
                move |()| load(client.clone()),
                QueryOptions::default(),
            ),
        }
    }

    pub fn refetch(&self) {
        self.data.refetch();
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

/// The region `name` lives in: from the fleet when it listed the app, else
/// by asking each region in turn (a deep link opened before the list).
pub async fn resolve_region(
    client: &ApiClient,
    fleet: Fleet,
    name: &str,
) -> Result<String, ApiError> {
    if let Some(region) = fleet.region_of(name) {
        return Ok(region);
    }
    let regions: Vec<String> = client
        .config()
        .regions
        .iter()
        .map(|r| r.name.clone())
        .collect();
    let mut not_found = None;
    for region in regions {
        match client.app(&region, name).await {
            Ok(_) => return Ok(region),
            Err(error @ ApiError::Http { status: 404, .. }) => {
                not_found.get_or_insert(error);
            }
            Err(other) => return Err(other),
        }
    }
    Err(not_found.unwrap_or(ApiError::NotConnected))
}
