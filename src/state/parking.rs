//! The formations of parked apps, remembered in the browser
//! (`localStorage`) so that they can be restored, and exported.

use leptos::prelude::*;

use crate::logic::park::{ParkedApp, ParkingLot};

const STORAGE_KEY: &str = "scalingo-dashboard.parked";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The parking context. `Copy`.
#[derive(Clone, Copy)]
pub struct Parking {
    lot: RwSignal<ParkingLot>,
}

impl Parking {
    pub fn load() -> Self {
        let lot = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| ParkingLot::import(&text).ok())
            .unwrap_or_default();
        Parking {
            lot: RwSignal::new(lot),
        }
    }

    fn save(&self) -> Result<(), String> {
        let text = self.lot.with_untracked(ParkingLot::export);
        storage()
            .ok_or_else(|| "the browser's storage is not available".to_owned())?
            .set_item(STORAGE_KEY, &text)
            .map_err(|_| {
                "the browser's storage refused the formations (full or disabled)".to_owned()
            })
    }

    pub fn get(&self, region: &str, app: &str) -> Option<ParkedApp> {
        self.lot
            .with(|lot| lot.apps.get(&ParkingLot::key(region, app)).cloned())
    }

    pub fn count(&self) -> usize {
        self.lot.with(|lot| lot.apps.len())
    }

    /// Remembers a formation before the app is scaled to zero. It is saved
    /// first: a failure here stops the parking of that app.
    pub fn remember(&self, parked: ParkedApp) -> Result<(), String> {
        self.lot.update(|lot| {
            lot.apps
                .insert(ParkingLot::key(&parked.region, &parked.app), parked);
        });
        self.save()
    }

    /// Forgets a formation once it is restored.
    pub fn forget(&self, region: &str, app: &str) {
        self.lot.update(|lot| {
            lot.apps.remove(&ParkingLot::key(region, app));
        });
        let _ = self.save();
    }

    pub fn export(&self) -> String {
        self.lot.with_untracked(ParkingLot::export)
    }

    /// Adds the formations of an exported file (they win over the same apps).
    pub fn import(&self, text: &str) -> Result<usize, String> {
        let imported = ParkingLot::import(text)?;
        let count = imported.apps.len();
        self.lot.update(|lot| lot.apps.extend(imported.apps));
        self.save()?;
        Ok(count)
    }
}

pub fn use_parking() -> Parking {
    expect_context::<Parking>()
}
