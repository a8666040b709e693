//! Addons of an app: provisioning, plan changes, deletion, suspension and
//! resumption, with the rules and events of the platform.
//!
//! - A new addon is `provisioning` for a few seconds of the simulator's
//!   clock (see `lifecycle::addon`), then `running`: its variables (a URL
//!   with generated credentials, see `credentials`) are added to the app's
//!   environment then, each with a `new_variable` event carrying the
//!   provider's name in `addon_name`.
//! - One addon per provider per app (422 `addon_provider_id: ["has already
//!   been taken"]`); a disabled plan cannot be chosen (422 `plan_id`); a
//!   paid plan needs a payment method on the owner's account (402
//!   `addon-free-trial-exceeded`).
//! - Deleting an addon removes its variables from the app.
//! - Events: `new_addon`, `upgrade_addon` (also for a downgrade: the
//!   platform has one type for both), `delete_addon`, `suspend_addon`,
//!   `resume_addon`, with `addon_provider_name`, `plan_name` (the plan's
//!   display name; `old_plan_name` and `new_plan_name` for a change) and
//!   `resource_id`.

pub mod catalogue;
pub mod credentials;
pub mod render;

use scalingo_api::{AddonPlan, AddonProvider, AddonStatus};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{
    error::{ApiError, ApiResult},
    ids,
    lifecycle::{addon::provisioning_time, Timing},
    model::{EventUser, Platform, UserRecord},
    platform::event_user,
    time::Timestamp,
};

/// A variable an addon gives its app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddonVariable {
    pub name: String,
    pub value: String,
}

/// An addon of an app. Planned whole when it is created, like a
/// deployment: `provisioned_at` says when it turns `running`;
/// `Platform::settle` moves it and adds its variables to the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddonRecord {
    /// `ad-<uuid>`.
    pub id: String,
    pub app_id: String,
    pub provider_id: String,
    pub plan_id: String,
    pub resource_id: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When provisioning ends.
    pub provisioned_at: Timestamp,
    /// As of the last settling.
    pub status: AddonStatus,
    /// What it adds to the app's environment once provisioned.
    pub variables: Vec<AddonVariable>,
    /// Who asked for it (the variables it adds are recorded as theirs).
    pub created_by: EventUser,
}

/// What a creation asks for.
pub struct AddonOrder<'a> {
    pub provider_id: &'a str,
    pub plan_id: &'a str,
    /// For the 402 body.
    pub billing_url: &'a str,
}

impl Platform {
    /// The addons of an app, in creation order.
    pub fn addons_of<'a>(&'a self, app_id: &'a str) -> impl Iterator<Item = &'a AddonRecord> + 'a {
        self.addons.iter().filter(move |a| a.app_id == app_id)
    }

    pub fn addon_provider(&self, id: &str) -> Option<&AddonProvider> {
        self.addon_providers.iter().find(|p| p.id == id)
    }

    /// The provider and plan of an addon (`None` for what the catalogue no
    /// longer has).
    pub fn addon_catalogue_entry(
        &self,
        addon: &AddonRecord,
    ) -> (Option<&AddonProvider>, Option<&AddonPlan>) {
        let provider = self.addon_provider(&addon.provider_id);
        let plan = provider.and_then(|p| p.plans.iter().find(|plan| plan.id == addon.plan_id));
        (provider, plan)
    }

    fn addon_index(&self, app_id: &str, id: &str) -> ApiResult<usize> {
        self.addons
            .iter()
            .position(|a| a.id == id && a.app_id == app_id)
            .ok_or_else(|| ApiError::not_found("addon"))
    }

    /// The addon `id` of the app at `app_index` (404 `addon`).
    pub fn addon(&self, app_index: usize, id: &str) -> ApiResult<&AddonRecord> {
        let index = self.addon_index(&self.apps[app_index].id, id)?;
        Ok(&self.addons[index])
    }

    /// The plan `plan_id` of `provider_id`, fit to be chosen for the app
    /// at `app_index`: 404 `addon_provider` or `plan`, 422 for a disabled
    /// plan, 402 for a paid one when the owner has no payment method.
    fn choosable_plan(
        &self,
        app_index: usize,
        provider_id: &str,
        plan_id: &str,
        billing_url: &str,
    ) -> ApiResult<AddonPlan> {
        let provider = self
            .addon_provider(provider_id)
            .ok_or_else(|| ApiError::not_found("addon_provider"))?;
        let plan = provider
            .plans
            .iter()
            .find(|p| p.id == plan_id)
            .ok_or_else(|| ApiError::not_found("plan"))?;
        if plan.disabled {
            return Err(ApiError::field(
                "plan_id",
                "is no longer offered: choose another plan",
            ));
        }
        let owner = self.user(&self.apps[app_index].owner_id);
        if !plan.is_free() && owner.is_some_and(|u| !u.has_payment_method) {
            return Err(ApiError::free_trial_exceeded(
                "addon",
                format!(
                    "The {} plan of {} is paid: add a payment method to the account, \
                     or choose a free plan.",
                    plan.display_name, provider.name
                ),
                billing_url,
            ));
        }
        Ok(plan.clone())
    }

    /// `type_data` of an addon event.
    fn addon_event_data(&self, addon: &AddonRecord) -> Value {
        let (provider, plan) = self.addon_catalogue_entry(addon);
        json!({
            "addon_provider_name": provider.map_or(addon.provider_id.as_str(), |p| p.name.as_str()),
            "plan_name": plan.map_or(addon.plan_id.as_str(), |p| p.display_name.as_str()),
            "resource_id": addon.resource_id,
        })
    }

    /// `POST /apps/:app/addons`.
    pub fn provision_addon(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        order: &AddonOrder<'_>,
        now: Timestamp,
        timing: Timing,
    ) -> ApiResult<AddonRecord> {
        let plan = self.choosable_plan(
            app_index,
            order.provider_id,
            order.plan_id,
            order.billing_url,
        )?;
        let app = &self.apps[app_index];
        if self
            .addons_of(&app.id)
            .any(|a| a.provider_id == order.provider_id)
        {
            return Err(ApiError::field(
                "addon_provider_id",
                "has already been taken",
            ));
        }
        let mut rng = rand::rng();
        let resource_id = credentials::resource_id(&app.name, &mut rng);
        let variables = credentials::variables(
            order.provider_id,
            &resource_id,
            &app.name,
            &app.region,
            &mut rng,
        );
        let record = AddonRecord {
            id: ids::prefixed("ad", &mut rng),
            app_id: app.id.clone(),
            provider_id: order.provider_id.to_owned(),
            plan_id: plan.id,
            resource_id,
            created_at: now,
            updated_at: now,
            provisioned_at: now + provisioning_time(timing),
            status: AddonStatus::Provisioning,
            variables,
            created_by: event_user(user),
        };
        let data = self.addon_event_data(&record);
        self.addons.push(record.clone());
        self.push_event("new_addon", app_index, user, data, now);
        Ok(record)
    }

    /// `PATCH /apps/:app/addons/:id`: another plan of the same provider.
    /// 400 for the plan it is on already.
    pub fn change_addon_plan(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        plan_id: &str,
        billing_url: &str,
        now: Timestamp,
    ) -> ApiResult<AddonRecord> {
        let index = self.addon_index(&self.apps[app_index].id.clone(), id)?;
        let provider_id = self.addons[index].provider_id.clone();
        let plan = self.choosable_plan(app_index, &provider_id, plan_id, billing_url)?;
        if plan.id == self.addons[index].plan_id {
            return Err(ApiError::bad_request("The addon is already on this plan"));
        }
        let old = self.addon_event_data(&self.addons[index]);
        let addon = &mut self.addons[index];
        addon.plan_id = plan.id;
        addon.updated_at = now;
        let record = addon.clone();
        let mut data = self.addon_event_data(&record);
        data["old_plan_name"] = old["plan_name"].clone();
        data["new_plan_name"] = data["plan_name"].clone();
        self.push_event("upgrade_addon", app_index, user, data, now);
        Ok(record)
    }

    /// `DELETE /apps/:app/addons/:id`: the addon and its variables.
    pub fn delete_addon(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<()> {
        let app_id = self.apps[app_index].id.clone();
        let index = self.addon_index(&app_id, id)?;
        let data = self.addon_event_data(&self.addons[index]);
        let removed = self.addons.remove(index);
        let provider_name = data["addon_provider_name"].clone();
        let mut gone = Vec::new();
        self.variables.retain(|v| {
            let owned = v.app_id == app_id && removed.variables.iter().any(|a| a.name == v.name);
            if owned {
                gone.push((v.name.clone(), v.value.clone()));
            }
            !owned
        });
        for (name, value) in gone {
            let data = json!({ "name": name, "value": value, "addon_name": provider_name });
            self.push_event("delete_variable", app_index, user, data, now);
        }
        self.push_event("delete_addon", app_index, user, data, now);
        Ok(())
    }

    /// `POST /apps/:app/addons/:id/resume`: 400 unless it is suspended.
    pub fn resume_addon(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<AddonRecord> {
        let index = self.addon_index(&self.apps[app_index].id.clone(), id)?;
        if self.addons[index].status != AddonStatus::Suspended {
            return Err(ApiError::bad_request(format!(
                "The addon is not suspended (it is {})",
                self.addons[index].status
            )));
        }
        let addon = &mut self.addons[index];
        addon.status = AddonStatus::Running;
        addon.updated_at = now;
        let record = addon.clone();
        let data = self.addon_event_data(&record);
        self.push_event("resume_addon", app_index, user, data, now);
        Ok(record)
    }

    /// Suspends a running addon, as the platform does (the simulator's
    /// control, `POST /_sim/addons/:id/suspend`): 404 `addon`, 400 unless
    /// it is running. The `suspend_addon` event is the platform's.
    pub fn suspend_addon(&mut self, id: &str, now: Timestamp) -> ApiResult<AddonRecord> {
        let index = self
            .addons
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| ApiError::not_found("addon"))?;
        if self.addons[index].status != AddonStatus::Running {
            return Err(ApiError::bad_request(format!(
                "Only a running addon can be suspended (it is {})",
                self.addons[index].status
            )));
        }
        let addon = &mut self.addons[index];
        addon.status = AddonStatus::Suspended;
        addon.updated_at = now;
        let record = addon.clone();
        let data = self.addon_event_data(&record);
        if let Some(app_index) = self.apps.iter().position(|a| a.id == record.app_id) {
            self.push_event(
                "suspend_addon",
                app_index,
                &UserRecord::platform(),
                data,
                now,
            );
        }
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{demo, time};

    fn platform() -> (Platform, usize, UserRecord) {
        let p = demo::generate(3, time::now());
        let index = p.apps.iter().position(|a| a.name == "shop-api").unwrap();
        let owner = p.user(&p.apps[index].owner_id).unwrap().clone();
        (p, index, owner)
    }

    fn plan_id(p: &Platform, provider: &str, name: &str) -> String {
        let provider = p.addon_provider(provider).unwrap();
        provider
            .plans
            .iter()
            .find(|plan| plan.name == format!("{}-{name}", provider.id))
            .unwrap()
            .id
            .clone()
    }

    #[test]
    fn data_files_from_before_addons_get_the_catalogue() {
        let (p, ..) = platform();
        let mut value = serde_json::to_value(&p).unwrap();
        let fields = value.as_object_mut().unwrap();
        for key in ["addon_categories", "addon_providers", "addons", "domains"] {
            assert!(fields.remove(key).is_some(), "{key}");
        }
        let loaded: Platform = serde_json::from_value(value).unwrap();
        assert_eq!(loaded.addon_providers, catalogue::providers());
        assert_eq!(loaded.addon_categories, catalogue::categories());
        assert!(loaded.addons.is_empty() && loaded.domains.is_empty());
    }

    #[test]
    fn refused_changes_leave_the_platform_as_it_was() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let timing = Timing::new(1.0);
        let order = |provider: &'static str, plan: &'static str| AddonOrder {
            provider_id: provider,
            plan_id: plan,
            billing_url: "https://billing",
        };
        let err = p
            .provision_addon(index, &ada, &order("nosql", "x"), now, timing)
            .unwrap_err();
        assert_eq!(err.status, 404);
        assert_eq!(err.body.resource.as_deref(), Some("addon_provider"));
        let err = p
            .provision_addon(index, &ada, &order("mysql", "x"), now, timing)
            .unwrap_err();
        assert_eq!(err.body.resource.as_deref(), Some("plan"));
        let legacy = plan_id(&p, "postgresql", "starter-256");
        let mysql = plan_id(&p, "mysql", "starter-512");
        let before = p.clone();
        let mut legacy_order = order("postgresql", "");
        legacy_order.plan_id = &legacy;
        let err = p
            .provision_addon(index, &ada, &legacy_order, now, timing)
            .unwrap_err();
        assert_eq!(err.status, 422);
        p.users
            .iter_mut()
            .for_each(|u| u.has_payment_method = false);
        let mut paid = order("mysql", "");
        paid.plan_id = &mysql;
        let err = p
            .provision_addon(index, &ada, &paid, now, timing)
            .unwrap_err();
        assert_eq!(err.status, 402);
        assert!(err.body.is_free_trial_exceeded());
        p.users.iter_mut().for_each(|u| u.has_payment_method = true);
        assert_eq!(p, before);
    }

    #[test]
    fn an_addon_lives_and_leaves_with_its_variables() {
        let (mut p, index, ada) = platform();
        p.addons.retain(|a| a.provider_id != "mysql");
        let now = time::now();
        let timing = Timing::new(1.0);
        let plan = plan_id(&p, "mysql", "sandbox");
        let record = p
            .provision_addon(
                index,
                &ada,
                &AddonOrder {
                    provider_id: "mysql",
                    plan_id: &plan,
                    billing_url: "",
                },
                now,
                timing,
            )
            .unwrap();
        let app_id = p.apps[index].id.clone();
        let has_url = |p: &Platform| {
            p.variables_of(&app_id)
                .any(|v| v.name == "SCALINGO_MYSQL_URL")
        };
        assert!(!has_url(&p));
        p.settle(record.provisioned_at);
        assert_eq!(
            p.addon(index, &record.id).unwrap().status,
            AddonStatus::Running
        );
        assert!(has_url(&p));
        let last = p.events.last().unwrap();
        assert_eq!(last.kind, "new_variable");
        assert_eq!(last.type_data["addon_name"], "MySQL");
        let business = plan_id(&p, "mysql", "business-1024");
        p.change_addon_plan(index, &ada, &record.id, &business, "", now)
            .unwrap();
        let event = p.events.last().unwrap();
        assert_eq!(event.kind, "upgrade_addon");
        assert_eq!(event.type_data["old_plan_name"], "Sandbox");
        assert_eq!(event.type_data["new_plan_name"], "Business 1G");
        let again = p
            .change_addon_plan(index, &ada, &record.id, &business, "", now)
            .unwrap_err();
        assert_eq!(again.status, 400);
        p.delete_addon(index, &ada, &record.id, now).unwrap();
        assert!(!has_url(&p));
        assert_eq!(p.events.last().unwrap().kind, "delete_addon");
    }
}
