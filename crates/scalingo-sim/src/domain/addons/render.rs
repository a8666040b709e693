//! Addon records and the catalogue → API bodies. The simulator's own logos
//! are paths of its origin, made absolute here.

use scalingo_api::{Addon, AddonPlan, AddonProvider, AddonProviderRef};

use super::AddonRecord;
use crate::domain::{model::Platform, origin::Origin, time};

/// A logo URL as sent: the simulator's paths on the request's origin,
/// anything else as it is.
pub fn logo_url(logo: Option<&str>, origin: &Origin) -> Option<String> {
    logo.map(|url| {
        if url.starts_with('/') {
            format!("{}{url}", origin.root())
        } else {
            url.to_owned()
        }
    })
}

/// The plans a list shows: disabled ones only when `show_all`.
pub fn plans(plans: &[AddonPlan], show_all: bool) -> Vec<AddonPlan> {
    plans
        .iter()
        .filter(|p| show_all || !p.disabled)
        .cloned()
        .collect()
}

pub fn provider(record: &AddonProvider, origin: &Origin) -> AddonProvider {
    AddonProvider {
        logo_url: logo_url(record.logo_url.as_deref(), origin),
        plans: plans(&record.plans, false),
        ..record.clone()
    }
}

/// An addon as of its last settling; a provider or plan the catalogue no
/// longer has is named by its id.
pub fn addon(platform: &Platform, record: &AddonRecord, origin: &Origin) -> Addon {
    let (provider, plan) = platform.addon_catalogue_entry(record);
    let provisioned = record.status != scalingo_api::AddonStatus::Provisioning;
    Addon {
        id: record.id.clone(),
        app_id: Some(record.app_id.clone()),
        resource_id: record.resource_id.clone(),
        status: record.status.clone(),
        provisioned_at: provisioned.then(|| time::format(&record.provisioned_at)),
        deprovisioned_at: None,
        updated_at: Some(time::format(&record.updated_at)),
        addon_provider: Some(AddonProviderRef {
            id: record.provider_id.clone(),
            name: provider.map_or_else(|| record.provider_id.clone(), |p| p.name.clone()),
            logo_url: provider.and_then(|p| logo_url(p.logo_url.as_deref(), origin)),
        }),
        plan: Some(plan.cloned().unwrap_or_else(|| AddonPlan {
            id: record.plan_id.clone(),
            ..AddonPlan::default()
        })),
        token: None,
        sso_url: None,
    }
}
