//! The environment of an app: its variables, their changes and the events
//! those record.
//!
//! Changes are checked whole before anything changes: a 422 or a 404
//! leaves the environment as it was. Every change records the event the
//! platform records, values included, as the platform's do:
//! `new_variable`, `edit_variable` (with `old_value`) and
//! `delete_variable` (`{name, value, addon_name}`), and `edit_variables`
//! for the bulk edit and the bulk deletion (`{new_vars, updated_vars,
//! deleted_vars}`, each a list or `null`). Changing a variable does not
//! restart the app.

use scalingo_api::{alias_target, variable_errors, FieldErrors, NewVariable};
use serde_json::{json, Value};

use super::{
    error::{ApiError, ApiResult},
    ids,
    model::{Platform, UserRecord, VariableRecord},
    time::Timestamp,
};

/// How many aliases are followed before giving up (a cycle, or a chain
/// longer than anyone writes).
const MAX_ALIAS_DEPTH: usize = 10;

impl Platform {
    pub fn variables_of<'a>(
        &'a self,
        app_id: &'a str,
    ) -> impl Iterator<Item = &'a VariableRecord> + 'a {
        self.variables.iter().filter(move |v| v.app_id == app_id)
    }

    fn variable_named(&self, app_id: &str, name: &str) -> Option<&VariableRecord> {
        self.variables
            .iter()
            .find(|v| v.app_id == app_id && v.name == name)
    }

    /// What a container of the app gets for `value`: aliases (`$OTHER`)
    /// followed to a value. An alias to a variable the app does not have,
    /// or a cycle, is kept as written: there is nothing to resolve it to.
    pub fn resolved_value(&self, app_id: &str, value: &str) -> String {
        let mut current = value;
        for _ in 0..MAX_ALIAS_DEPTH {
            let Some(target) = alias_target(current) else {
                return current.to_owned();
            };
            match self.variable_named(app_id, target) {
                Some(variable) => current = &variable.value,
                None => return value.to_owned(),
            }
        }
        value.to_owned()
    }

    /// `POST /apps/:app/variables`: 422 on the rules, or a name the app
    /// already has.
    pub fn add_variable(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        new: &NewVariable,
        now: Timestamp,
    ) -> ApiResult<VariableRecord> {
        let app_id = self.apps[app_index].id.clone();
        let mut errors = variable_errors(&new.name, &new.value);
        if errors.is_empty() && self.variable_named(&app_id, &new.name).is_some() {
            errors.insert("name".to_owned(), vec!["has already been taken".to_owned()]);
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let record = VariableRecord {
            id: ids::object_id(&mut rand::rng()),
            app_id,
            name: new.name.clone(),
            value: new.value.clone(),
        };
        self.variables.push(record.clone());
        let type_data = json!({ "name": record.name, "value": record.value, "addon_name": null });
        self.push_event("new_variable", app_index, user, type_data, now);
        Ok(record)
    }

    fn variable_index(&self, app_id: &str, id: &str) -> ApiResult<usize> {
        self.variables
            .iter()
            .position(|v| v.id == id && v.app_id == app_id)
            .ok_or_else(|| ApiError::not_found("variable"))
    }

    /// `PATCH /apps/:app/variables/:id`: 404 `variable`, 422 on the value.
    pub fn update_variable(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        value: &str,
        now: Timestamp,
    ) -> ApiResult<VariableRecord> {
        let index = self.variable_index(&self.apps[app_index].id.clone(), id)?;
        let mut errors = variable_errors(&self.variables[index].name, value);
        // The name is not part of the request: its rules are not this
        // request's business.
        errors.remove("name");
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let variable = &mut self.variables[index];
        let old_value = std::mem::replace(&mut variable.value, value.to_owned());
        let record = variable.clone();
        let type_data = json!({
            "name": record.name,
            "value": record.value,
            "old_value": old_value,
            "addon_name": null,
        });
        self.push_event("edit_variable", app_index, user, type_data, now);
        Ok(record)
    }

    /// `DELETE /apps/:app/variables/:id`: 404 `variable`.
    pub fn delete_variable(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<()> {
        let index = self.variable_index(&self.apps[app_index].id.clone(), id)?;
        let removed = self.variables.remove(index);
        let type_data = json!({ "name": removed.name, "value": removed.value, "addon_name": null });
        self.push_event("delete_variable", app_index, user, type_data, now);
        Ok(())
    }

    /// `PUT /apps/:app/variables`, the bulk edit: each item creates the
    /// variable of its name or changes its value (a name given twice takes
    /// the last value). Errors are reported per item, under
    /// `variables-<index>-name` and `variables-<index>-value` (the index in
    /// the request, from 0), like the scale's `container-<type>-amount`:
    /// the reference does not say how the platform names them. Returns the
    /// variables of the request, as they are now, in the request's order.
    pub fn upsert_variables(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        items: &[NewVariable],
        now: Timestamp,
    ) -> ApiResult<Vec<VariableRecord>> {
        let app_id = self.apps[app_index].id.clone();
        let mut errors = FieldErrors::new();
        for (position, item) in items.iter().enumerate() {
            for (field, messages) in variable_errors(&item.name, &item.value) {
                errors.insert(format!("variables-{position}-{field}"), messages);
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let (mut created, mut updated) = (Vec::new(), Vec::new());
        for item in items {
            let existing = self
                .variables
                .iter_mut()
                .find(|v| v.app_id == app_id && v.name == item.name);
            match existing {
                Some(variable) if variable.value == item.value => {}
                Some(variable) => {
                    let old_value = std::mem::replace(&mut variable.value, item.value.clone());
                    updated.push(json!({
                        "name": item.name,
                        "value": item.value,
                        "old_value": old_value,
                    }));
                }
                None => {
                    self.variables.push(VariableRecord {
                        id: ids::object_id(&mut rand::rng()),
                        app_id: app_id.clone(),
                        name: item.name.clone(),
                        value: item.value.clone(),
                    });
                    created.push(json!({ "name": item.name, "value": item.value }));
                }
            }
        }
        if !created.is_empty() || !updated.is_empty() {
            let type_data = json!({
                "new_vars": list_or_null(created),
                "updated_vars": list_or_null(updated),
                "deleted_vars": null,
            });
            self.push_event("edit_variables", app_index, user, type_data, now);
        }
        let mut named: Vec<VariableRecord> = Vec::new();
        for item in items {
            if named.iter().any(|v| v.name == item.name) {
                continue;
            }
            if let Some(variable) = self.variable_named(&app_id, &item.name) {
                named.push(variable.clone());
            }
        }
        Ok(named)
    }

    /// `DELETE /apps/:app/variables` with ids: all of them, or none (404
    /// `variable` when one is not the app's; 422 on `variable_ids` when
    /// there is none).
    pub fn delete_variables(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        ids: &[String],
        now: Timestamp,
    ) -> ApiResult<()> {
        if ids.is_empty() {
            return Err(ApiError::field("variable_ids", "can't be blank"));
        }
        let app_id = self.apps[app_index].id.clone();
        for id in ids {
            self.variable_index(&app_id, id)?;
        }
        let mut deleted = Vec::new();
        self.variables.retain(|v| {
            let gone = v.app_id == app_id && ids.contains(&v.id);
            if gone {
                deleted.push(json!({ "name": v.name, "value": v.value }));
            }
            !gone
        });
        let type_data = json!({
            "new_vars": null,
            "updated_vars": null,
            "deleted_vars": list_or_null(deleted),
        });
        self.push_event("edit_variables", app_index, user, type_data, now);
        Ok(())
    }
}

fn list_or_null(items: Vec<Value>) -> Value {
    if items.is_empty() {
        Value::Null
    } else {
        Value::Array(items)
    }
}

/// The event types whose data carries variable values (hidden from limited
/// collaborators, see `routes::events`).
pub const VALUE_EVENTS: [&str; 4] = [
    "new_variable",
    "edit_variable",
    "delete_variable",
    "edit_variables",
];

/// `type_data` of a variable event without its values: names stay.
pub fn without_values(type_data: &Value) -> Value {
    match type_data {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| !matches!(key.as_str(), "value" | "old_value"))
                .map(|(key, value)| (key.clone(), without_values(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_values).collect()),
        other => other.clone(),
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

    fn new(name: &str, value: &str) -> NewVariable {
        NewVariable {
            name: name.into(),
            value: value.into(),
        }
    }

    #[test]
    fn aliases_resolve_to_values_and_stop_at_cycles() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        p.variables.retain(|v| v.app_id != p.apps[index].id);
        for (name, value) in [
            ("TARGET", "postgres://db"),
            ("FIRST", "$TARGET"),
            ("SECOND", "$FIRST"),
            ("LOOP_A", "$LOOP_B"),
            ("LOOP_B", "$LOOP_A"),
            ("DANGLING", "$NOPE"),
        ] {
            p.add_variable(index, &ada, &new(name, value), now).unwrap();
        }
        let app_id = p.apps[index].id.clone();
        assert_eq!(p.resolved_value(&app_id, "$SECOND"), "postgres://db");
        assert_eq!(p.resolved_value(&app_id, "$LOOP_A"), "$LOOP_A");
        assert_eq!(p.resolved_value(&app_id, "$NOPE"), "$NOPE");
        assert_eq!(p.resolved_value(&app_id, "plain"), "plain");
    }

    #[test]
    fn bulk_changes_are_checked_whole_and_recorded_once() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let before = p.clone();
        let refused = p.upsert_variables(index, &ada, &[new("OK", "1"), new("_BAD", "")], now);
        let body = refused.unwrap_err();
        assert_eq!(body.status, 422);
        assert_eq!(
            body.body.field_messages("variables-1-name"),
            ["must start with a letter"]
        );
        assert_eq!(
            body.body.field_messages("variables-1-value"),
            ["can't be blank"]
        );
        assert_eq!(p, before);
        let events = p.events.len();
        p.upsert_variables(
            index,
            &ada,
            &[new("NEW_ONE", "1"), new("NEW_ONE", "2")],
            now,
        )
        .unwrap();
        assert_eq!(p.events.len(), events + 1);
        let data = &p.events.last().unwrap().type_data;
        assert_eq!(data["new_vars"], json!([{"name": "NEW_ONE", "value": "1"}]));
        assert_eq!(
            data["updated_vars"],
            json!([{"name": "NEW_ONE", "value": "2", "old_value": "1"}])
        );
        assert_eq!(data["deleted_vars"], Value::Null);
    }

    #[test]
    fn values_can_be_taken_out_of_event_data() {
        let data = json!({"name": "A", "value": "s3cr3t", "old_value": "x",
            "updated_vars": [{"name": "B", "value": "y", "old_value": "z"}], "deleted_vars": null});
        assert_eq!(
            without_values(&data),
            json!({"name": "A", "updated_vars": [{"name": "B"}], "deleted_vars": null})
        );
    }
}
