//! The demo's addons, matching the environments: an app whose environment
//! has `SCALINGO_POSTGRESQL_URL` has a PostgreSQL addon, and so on for
//! every provider of `scalingo_api::ADDON_VARIABLES` (in the demo:
//! PostgreSQL everywhere, Redis and MongoDB where the environment has
//! them). Each addon owns those variables (deleting it removes them) and
//! takes its `resource_id` from its URL's user.
//!
//! Plans: review apps are on `Sandbox` (free); `shop-api` has PostgreSQL
//! `Business 1G` and Redis `Starter 512M`; `marketing-site` (never
//! deployed) PostgreSQL `Sandbox`; the others a paid plan drawn from the
//! seed. `legacy-crm` (stopped) has its PostgreSQL addon `suspended`.
//! Every other addon is `running`. No event is recorded for them (the
//! history is older than them).
//!
//! Drawn from a stream of the seed's generator of its own, after
//! everything else: the rest of the demo is what it was before addons.

use chrono::Duration;
use rand::{seq::IndexedRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use scalingo_api::{AddonStatus, ADDON_VARIABLES};

use super::Generator;
use crate::domain::{
    addons::{credentials, AddonRecord, AddonVariable},
    ids,
    model::{Platform, UserRecord},
    platform::event_user,
    time::Timestamp,
};

/// The generator stream of the demo's addons and domains.
const STREAM: u64 = 21;

/// (app, provider, plan, status) that the seed does not decide.
const CHOSEN: [(&str, &str, &str, AddonStatus); 4] = [
    (
        "shop-api",
        "postgresql",
        "business-1024",
        AddonStatus::Running,
    ),
    ("shop-api", "redis", "starter-512", AddonStatus::Running),
    (
        "marketing-site",
        "postgresql",
        "sandbox",
        AddonStatus::Running,
    ),
    (
        "legacy-crm",
        "postgresql",
        "starter-512",
        AddonStatus::Suspended,
    ),
];

/// The user of a database URL (`scheme://user:password@host…`): its
/// resource id.
fn url_user(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let credentials = rest.split_once('@')?.0;
    let user = credentials.split(':').next()?;
    (!user.is_empty()).then_some(user)
}

/// Takes the demo user's (Ada's) payment method away, so that the
/// free-usage rule (`--free-usage-limits`) and the 402 of paid addon plans
/// apply to her (a demo generated with the rule on starts so).
pub fn without_payment_method(platform: &mut Platform) {
    if let Some(ada) = platform.users.get_mut(super::specs::ADA) {
        ada.has_payment_method = false;
    }
}

/// A generator of the demo's addons and domains for `seed`.
pub(crate) fn generator(seed: u64, now: Timestamp) -> Generator {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    Generator { rng, now }
}

/// Addons for the apps `wanted` picks that have none yet, from their
/// environments.
pub(crate) fn from_environments(
    g: &mut Generator,
    platform: &mut Platform,
    wanted: impl Fn(&str) -> bool,
) {
    let mut added = Vec::new();
    for app in platform.apps.iter().filter(|a| wanted(&a.name)) {
        if platform.addons.iter().any(|a| a.app_id == app.id) {
            continue;
        }
        let owner = platform
            .user(&app.owner_id)
            .cloned()
            .unwrap_or_else(UserRecord::platform);
        for entry in ADDON_VARIABLES {
            let variables: Vec<AddonVariable> = platform
                .variables_of(&app.id)
                .filter(|v| entry.names.contains(&v.name.as_str()))
                .map(|v| AddonVariable {
                    name: v.name.clone(),
                    value: v.value.clone(),
                })
                .collect();
            let Some(main) = variables.iter().find(|v| v.name == entry.main()) else {
                continue;
            };
            let Some(provider) = platform.addon_provider(entry.provider_id) else {
                continue;
            };
            let chosen = CHOSEN
                .iter()
                .find(|(name, provider, ..)| *name == app.name && *provider == entry.provider_id);
            let plan_name = match chosen {
                Some((_, _, plan, _)) => Some(format!("{}-{plan}", provider.id)),
                None if app.is_child() => Some(format!("{}-sandbox", provider.id)),
                None => None,
            };
            let paid: Vec<_> = provider
                .plans
                .iter()
                .filter(|p| !p.disabled && p.price > 0.0)
                .collect();
            let plan = plan_name
                .and_then(|name| provider.plans.iter().find(|p| p.name == name))
                .or_else(|| paid.choose(&mut g.rng).copied())
                .or_else(|| provider.plans.first());
            let Some(plan) = plan else {
                continue;
            };
            let created_at = app.created_at + Duration::minutes(g.rng.random_range(2..240));
            let resource_id = url_user(&main.value)
                .map(str::to_owned)
                .unwrap_or_else(|| credentials::resource_id(&app.name, &mut g.rng));
            added.push(AddonRecord {
                id: ids::prefixed("ad", &mut g.rng),
                app_id: app.id.clone(),
                provider_id: provider.id.clone(),
                plan_id: plan.id.clone(),
                resource_id,
                created_at,
                updated_at: created_at,
                provisioned_at: created_at + Duration::seconds(g.rng.random_range(40..180)),
                status: chosen.map_or(AddonStatus::Running, |c| c.3.clone()),
                variables,
                created_by: event_user(&owner),
            });
        }
    }
    platform.addons.extend(added);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{demo, time};
    use scalingo_api::provider_owns_variable;

    #[test]
    fn addons_match_the_environments() {
        let p = demo::generate(42, time::now());
        for app in &p.apps {
            for variable in p.variables_of(&app.id) {
                let main = ADDON_VARIABLES.iter().find(|e| e.main() == variable.name);
                let Some(entry) = main else { continue };
                let addon = p
                    .addons_of(&app.id)
                    .find(|a| a.provider_id == entry.provider_id)
                    .unwrap_or_else(|| panic!("{} has no {} addon", app.name, entry.provider_id));
                assert!(provider_owns_variable(&addon.provider_id, &variable.name));
                assert!(variable.value.contains(&addon.resource_id), "{}", app.name);
            }
        }
        let shop_api = p.apps.iter().find(|a| a.name == "shop-api").unwrap();
        let plans: Vec<String> = p
            .addons_of(&shop_api.id)
            .map(|a| p.addon_catalogue_entry(a).1.unwrap().display_name.clone())
            .collect();
        assert!(plans.contains(&"Business 1G".to_owned()), "{plans:?}");
        let suspended: Vec<&str> = p
            .addons
            .iter()
            .filter(|a| a.status == AddonStatus::Suspended)
            .filter_map(|a| p.apps.iter().find(|app| app.id == a.app_id))
            .map(|app| app.name.as_str())
            .collect();
        assert_eq!(suspended, ["legacy-crm"]);
        assert_eq!(url_user("redis://:pw@host:1"), None);
        assert_eq!(url_user("postgresql://u_1:pw@host:1/u_1"), Some("u_1"));
    }
}
