//! The body of `POST /apps/:app/scale`, read and checked against the app
//! (see `scale` for the statuses).

use scalingo_api::{FieldErrors, MAX_CONTAINERS_PER_TYPE};
use serde_json::Value;

use crate::domain::{
    error::{ApiError, ApiResult},
    lifecycle::scale::ScaleTarget,
    model::{AppRecord, Platform},
};

/// One line of the request, before it is checked against the app.
pub(super) struct Line {
    name: String,
    amount: Option<Value>,
    size: Option<String>,
}

pub(super) fn lines(body: &Value) -> ApiResult<Vec<Line>> {
    let blank = || ApiError::field("containers", "can't be blank");
    let items = body
        .get("containers")
        .and_then(Value::as_array)
        .filter(|items| !items.is_empty())
        .ok_or_else(blank)?;
    items
        .iter()
        .map(|item| {
            let name = item
                .get("name")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .ok_or_else(|| ApiError::field("name", "can't be blank"))?;
            Ok(Line {
                name: name.to_owned(),
                amount: item.get("amount").filter(|a| !a.is_null()).cloned(),
                size: item
                    .get("size")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            })
        })
        .collect()
}

/// An amount as a whole number; JSON numbers or numeric strings.
fn whole_number(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The lines checked against the app: 404 for an unknown type first, then
/// every field error in one 422.
pub(super) fn targets(
    p: &Platform,
    app: &AppRecord,
    lines: Vec<Line>,
) -> ApiResult<Vec<ScaleTarget>> {
    let mut errors = FieldErrors::new();
    let mut targets: Vec<ScaleTarget> = Vec::new();
    for line in lines {
        let Some(process) = app.formation.iter().find(|t| t.name == line.name) else {
            return Err(ApiError::not_found("container_type"));
        };
        let amount_key = format!("container-{}-amount", line.name);
        let amount = match line.amount.as_ref().map(whole_number) {
            None => Err("can't be blank".to_owned()),
            Some(None) => Err("is not a number".to_owned()),
            Some(Some(n)) if n < 0 => Err("must be greater than or equal to 0".to_owned()),
            Some(Some(n)) if n > MAX_CONTAINERS_PER_TYPE => Err(format!(
                "can't scale over {MAX_CONTAINERS_PER_TYPE} containers, \
                 contact us at support@scalingo.com if you need more"
            )),
            Some(Some(n)) => Ok(u32::try_from(n).unwrap_or_default()),
        };
        let size = match &line.size {
            None => Ok(process.size.clone()),
            Some(size) if p.container_size(size).is_some() => Ok(size.clone()),
            Some(size) => Err(format!("'{size}' → no such container size")),
        };
        match (amount, size) {
            (Ok(amount), Ok(size)) => {
                // A type named twice: the last line wins.
                targets.retain(|t| t.name != line.name);
                targets.push(ScaleTarget {
                    name: line.name,
                    amount,
                    size,
                });
            }
            (amount, size) => {
                if let Err(message) = amount {
                    errors.entry(amount_key).or_default().push(message);
                }
                if let Err(message) = size {
                    let key = format!("container-{}-size", line.name);
                    errors.entry(key).or_default().push(message);
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(targets)
}
