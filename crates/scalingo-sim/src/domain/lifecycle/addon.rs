//! Addons on the clock: a new addon is `provisioning` for
//! [`PROVISIONING_MS`] (divided by `--op-speed`), then `running`, and its
//! variables join the app's environment at that moment, each with a
//! `new_variable` event (`addon_name`: the provider's name) attributed to
//! whoever asked for the addon. A variable of the same name the app
//! already has takes the addon's value.

use chrono::Duration;
use scalingo_api::AddonStatus;
use serde_json::json;

use super::timing::Timing;
use crate::domain::{ids, model::Platform, model::VariableRecord, time::Timestamp};

/// How long provisioning takes at speed 1: a few seconds (a real database
/// takes a minute or two; a dashboard has nothing more to show meanwhile).
pub const PROVISIONING_MS: f64 = 8000.0;

/// `ms` at the speed of `timing`.
pub(crate) fn at_speed(timing: Timing, ms: f64) -> Duration {
    let micros = (ms * 1000.0 / timing.speed()).round();
    Duration::microseconds(micros.clamp(0.0, 1e15) as i64)
}

pub fn provisioning_time(timing: Timing) -> Duration {
    at_speed(timing, PROVISIONING_MS)
}

impl Platform {
    /// Addons whose provisioning has ended become `running` and give
    /// their app their variables.
    pub(super) fn settle_addons(&mut self, now: Timestamp) {
        for index in 0..self.addons.len() {
            let addon = &self.addons[index];
            if addon.status != AddonStatus::Provisioning || now < addon.provisioned_at {
                continue;
            }
            self.addons[index].status = AddonStatus::Running;
            let addon = self.addons[index].clone();
            let Some(app_index) = self.apps.iter().position(|a| a.id == addon.app_id) else {
                continue;
            };
            let provider_name = self
                .addon_provider(&addon.provider_id)
                .map_or_else(|| addon.provider_id.clone(), |p| p.name.clone());
            for variable in &addon.variables {
                let existing = self
                    .variables
                    .iter_mut()
                    .find(|v| v.app_id == addon.app_id && v.name == variable.name);
                match existing {
                    Some(record) => record.value = variable.value.clone(),
                    None => self.variables.push(VariableRecord {
                        id: ids::object_id(&mut rand::rng()),
                        app_id: addon.app_id.clone(),
                        name: variable.name.clone(),
                        value: variable.value.clone(),
                    }),
                }
                let data = json!({
                    "name": variable.name,
                    "value": variable.value,
                    "addon_name": provider_name,
                });
                self.push_event_as(
                    "new_variable",
                    app_index,
                    addon.created_by.clone(),
                    data,
                    addon.provisioned_at,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provisioning_follows_the_speed() {
        assert_eq!(provisioning_time(Timing::new(1.0)), Duration::seconds(8));
        assert_eq!(
            provisioning_time(Timing::new(20.0)),
            Duration::milliseconds(400)
        );
    }
}
