//! Reading the fields of a settings request (collaborators, autoscalers,
//! alerts, notifiers): the object under its root key or the body itself
//! (the platform takes updates both ways), each field by its type. A field
//! of the wrong type is a 422 on that field (`is not a number`, `must be
//! true or false`…), reported with the others of the same kind before any
//! rule is checked.

use scalingo_api::FieldErrors;
use serde_json::{Map, Value};

use crate::domain::error::{ApiError, ApiResult};

pub(super) struct Fields {
    object: Map<String, Value>,
    errors: FieldErrors,
}

impl Fields {
    /// The object under `key`, or the body itself; what is not an object
    /// reads as an empty one, so the rules say what is missing.
    pub(super) fn of(body: &Value, key: &str) -> Fields {
        let object = match body.get(key) {
            Some(Value::Object(inner)) => inner.clone(),
            Some(_) => Map::new(),
            None => body.as_object().cloned().unwrap_or_default(),
        };
        Fields {
            object,
            errors: FieldErrors::new(),
        }
    }

    /// The value of `key`; `null` counts as missing.
    fn get(&self, key: &str) -> Option<&Value> {
        self.object.get(key).filter(|v| !v.is_null())
    }

    /// The keys sent, for requests that take only some.
    pub(super) fn keys(&self) -> impl Iterator<Item = &String> {
        self.object.keys()
    }

    fn invalid(&mut self, key: &str, message: &str) {
        self.errors
            .entry(key.to_owned())
            .or_default()
            .push(message.to_owned());
    }

    /// A string (a number is taken as its text).
    pub(super) fn string(&mut self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => {
                self.invalid(key, "must be a string");
                None
            }
        }
    }

    /// A finite number (or a string holding one).
    pub(super) fn number(&mut self, key: &str) -> Option<f64> {
        let number = match self.get(key)? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        }
        .filter(|n| n.is_finite());
        if number.is_none() {
            self.invalid(key, "is not a number");
        }
        number
    }

    /// A whole number (or a string holding one).
    pub(super) fn whole(&mut self, key: &str) -> Option<i64> {
        let number = match self.get(key)? {
            Value::Number(n) => n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                    .map(|f| f as i64)
            }),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        if number.is_none() {
            self.invalid(key, "must be an integer");
        }
        number
    }

    /// A whole number of at least 0.
    pub(super) fn unsigned(&mut self, key: &str) -> Option<u64> {
        let number = self.whole(key)?;
        let unsigned = u64::try_from(number).ok();
        if unsigned.is_none() {
            self.invalid(key, "must be greater than or equal to 0");
        }
        unsigned
    }

    /// `true` or `false` (also as strings).
    pub(super) fn boolean(&mut self, key: &str) -> Option<bool> {
        let value = match self.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        };
        if value.is_none() {
            self.invalid(key, "must be true or false");
        }
        value
    }

    /// A list of strings (a single string is a list of one).
    pub(super) fn strings(&mut self, key: &str) -> Option<Vec<String>> {
        match self.get(key)? {
            Value::Array(items) if items.iter().all(Value::is_string) => Some(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            ),
            Value::String(one) => Some(vec![one.clone()]),
            _ => {
                self.invalid(key, "must be a list of strings");
                None
            }
        }
    }

    /// An object.
    pub(super) fn object(&mut self, key: &str) -> Option<Map<String, Value>> {
        match self.get(key)? {
            Value::Object(map) => Some(map.clone()),
            _ => {
                self.invalid(key, "must be an object");
                None
            }
        }
    }

    /// The raw value of `key` (`null` is missing).
    pub(super) fn raw(&self, key: &str) -> Option<Value> {
        self.get(key).cloned()
    }

    /// Records a message about `key` (a rule of the route's own).
    pub(super) fn refuse(&mut self, key: &str, message: &str) {
        self.invalid(key, message);
    }

    /// 422 with the fields of the wrong type, if any.
    pub(super) fn finish(self) -> ApiResult<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(self.errors))
        }
    }
}
