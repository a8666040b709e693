//! Deserializers that accept what the API sends in practice rather than what
//! the documentation promises: `null` where a string is expected, floats
//! where an integer is expected (`"memory": 5.36870912e+08`), numbers as
//! strings, objects replaced by `null`. Each one falls back to a default
//! instead of failing, so one odd field never discards a whole response.

use serde::{de::DeserializeOwned, Deserialize, Deserializer};
use serde_json::{Map, Value};

fn value_to_string(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn value_to_f64(value: &Value) -> Option<f64> {
    let number = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }?;
    number.is_finite().then_some(number)
}

fn value_to_u64(value: &Value) -> Option<u64> {
    if let Value::Number(n) = value {
        if let Some(u) = n.as_u64() {
            return Some(u);
        }
    }
    let number = value_to_f64(value)?;
    // `as` saturates, which is what we want for absurdly large values.
    (number >= 0.0).then_some(number as u64)
}

fn value_to_i64(value: &Value) -> Option<i64> {
    if let Value::Number(n) = value {
        if let Some(i) = n.as_i64() {
            return Some(i);
        }
    }
    value_to_f64(value).map(|n| n as i64)
}

fn value_to_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.as_str() {
            "true" | "1" => Some(true),
            "false" | "0" | "" => Some(false),
            _ => None,
        },
        Value::Number(n) => n.as_f64().map(|n| n != 0.0),
        _ => None,
    }
}

/// A string; `null`, arrays and objects become `""`, numbers their text.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(value_to_string(Value::deserialize(d)?).unwrap_or_default())
}

/// An optional string; `null`, `""`-less garbage and containers become `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(value_to_string(Value::deserialize(d)?))
}

/// An unsigned integer; floats are truncated, negatives and garbage give 0.
pub fn u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(value_to_u64(&Value::deserialize(d)?).unwrap_or_default())
}

pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(value_to_u64(&Value::deserialize(d)?))
}

pub fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = value_to_u64(&Value::deserialize(d)?).unwrap_or_default();
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(value_to_i64(&Value::deserialize(d)?).unwrap_or_default())
}

pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(value_to_f64(&Value::deserialize(d)?))
}

pub fn f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(value_to_f64(&Value::deserialize(d)?).unwrap_or_default())
}

pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(value_to_bool(&Value::deserialize(d)?).unwrap_or_default())
}

pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(value_to_bool(&Value::deserialize(d)?))
}

/// A JSON object kept as is; anything else becomes an empty map.
pub fn object<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Object(map) => map,
        _ => Map::new(),
    })
}

/// A list of strings; non-string items are skipped, `null` is empty.
pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items.into_iter().filter_map(value_to_string).collect(),
        _ => Vec::new(),
    })
}

/// An optional nested object: anything that does not parse becomes `None`.
pub fn opt_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match Value::deserialize(d)? {
        value @ Value::Object(_) => serde_json::from_value(value).ok(),
        _ => None,
    })
}

/// A list whose items are parsed one by one: an item that does not parse is
/// dropped rather than failing the whole list; `null` is an empty list.
pub fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| serde_json::from_value(item).ok())
            .collect(),
        _ => Vec::new(),
    })
}

/// An optional string converted into `T` (enums that keep unknown values).
pub fn opt_string_into<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<String>,
{
    Ok(value_to_string(Value::deserialize(d)?).map(T::from))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Debug, Default)]
    struct Sample {
        #[serde(default, deserialize_with = "super::string")]
        name: String,
        #[serde(default, deserialize_with = "super::u64")]
        memory: u64,
        #[serde(default, deserialize_with = "super::opt_bool")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "super::vec")]
        items: Vec<u8>,
    }

    #[test]
    fn tolerates_nulls_floats_and_bad_items() {
        let s: Sample = serde_json::from_str(
            r#"{"name":null,"memory":5.36870912e+08,"flag":"true","items":[1,"x",300,2]}"#,
        )
        .unwrap();
        assert_eq!(s.name, "");
        assert_eq!(s.memory, 536_870_912);
        assert_eq!(s.flag, Some(true));
        assert_eq!(s.items, vec![1, 2]);
    }

    #[test]
    fn tolerates_wrong_types() {
        let s: Sample =
            serde_json::from_str(r#"{"name":{"a":1},"memory":-4,"flag":[],"items":{}}"#).unwrap();
        assert_eq!(s.name, "");
        assert_eq!(s.memory, 0);
        assert_eq!(s.flag, None);
        assert!(s.items.is_empty());
    }

    #[test]
    fn numbers_as_strings() {
        let s: Sample = serde_json::from_str(r#"{"name":42,"memory":"1024"}"#).unwrap();
        assert_eq!(s.name, "42");
        assert_eq!(s.memory, 1024);
    }
}
