//! `serde_json::Value` ↔ the engine's `JValue`.

use jsonata_core::value::{JArray, JValue};
use serde_json::{Map, Number, Value};

/// The engine's value for a JSON value (numbers become `f64`, as in JavaScript).
pub(super) fn from_json(value: &Value) -> JValue {
    match value {
        Value::Null => JValue::Null,
        Value::Bool(b) => JValue::Bool(*b),
        Value::Number(n) => JValue::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JValue::string(s.as_str()),
        Value::Array(items) => {
            let flat = !items.iter().any(Value::is_array);
            JValue::Array(JArray::new_flat(
                items.iter().map(from_json).collect(),
                flat,
            ))
        }
        Value::Object(map) => {
            JValue::object(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}

/// The JSON value of an engine value; `None` for `undefined`. Undefined items and members are
/// left out, as `JSON.stringify` does; a function or an infinite number is an error.
pub(super) fn to_json(value: &JValue) -> Result<Option<Value>, String> {
    Ok(Some(match value {
        JValue::Undefined => return Ok(None),
        JValue::Null => Value::Null,
        JValue::Bool(b) => Value::Bool(*b),
        JValue::Number(n) => number(*n)?,
        JValue::String(s) => Value::String(s.to_string()),
        JValue::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                if let Some(v) = to_json(item)? {
                    out.push(v);
                }
            }
            Value::Array(out)
        }
        JValue::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, item) in map.iter() {
                if let Some(v) = to_json(item)? {
                    out.insert(key.clone(), v);
                }
            }
            Value::Object(out)
        }
        JValue::Lambda(_) | JValue::Builtin { .. } | JValue::Regex { .. } => {
            return Err("the value is a function, which has no JSON form".to_owned());
        }
    }))
}

/// A whole number within ±2^53 becomes a JSON integer (`1`, not `1.0`), as JavaScript prints it.
fn number(n: f64) -> Result<Value, String> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if !n.is_finite() {
        return Err("D1001: Number out of range".to_owned());
    }
    if n.fract() == 0.0 && n.abs() <= EXACT {
        // Whole and within ±2^53: the conversion is exact.
        return Ok(Value::from(n as i64));
    }
    Number::from_f64(n)
        .map(Value::Number)
        .ok_or_else(|| "D1001: Number out of range".to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn json_round_trips() {
        let value = json!({"a": [1, 2.5, "x", null, true, {"b": []}]});
        assert_eq!(to_json(&from_json(&value)).unwrap(), Some(value));
    }

    #[test]
    fn whole_floats_become_integers() {
        assert_eq!(to_json(&JValue::Number(3.0)).unwrap(), Some(json!(3)));
        assert_eq!(to_json(&JValue::Number(-0.0)).unwrap(), Some(json!(0)));
    }

    #[test]
    fn undefined_is_none_and_dropped_inside() {
        assert_eq!(to_json(&JValue::Undefined).unwrap(), None);
        let array = JValue::array(vec![JValue::Undefined, JValue::Number(1.0)]);
        assert_eq!(to_json(&array).unwrap(), Some(json!([1])));
    }

    #[test]
    fn infinity_is_an_error() {
        assert!(to_json(&JValue::Number(f64::INFINITY)).is_err());
    }
}
