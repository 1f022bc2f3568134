//! `States.StringToJson`, `States.JsonToString` and `States.JsonMerge`.

use serde_json::Value;

use super::Args;
use crate::eval::{EvalError, compact};

/// `States.StringToJson(string)`: the JSON value the string holds; blank text is `null`.
pub(super) fn string_to_json(args: &Args) -> Result<Value, EvalError> {
    let text = args.string(0)?;
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    crate::eval::parse_json(text)
        .map_err(|e| args.fail(format_args!("the string is not valid JSON: {e}")))
}

/// `States.JsonToString(value)`: the value as compact JSON text.
pub(super) fn json_to_string(args: &Args) -> Result<Value, EvalError> {
    Ok(Value::String(compact(args.value(0)?)))
}

/// `States.JsonMerge(a, b, false)`: `a` with `b`'s members added, `b` winning on shared keys;
/// nested objects are replaced, not merged. AWS rejects a deep merge (`true`).
pub(super) fn merge(args: &Args) -> Result<Value, EvalError> {
    let left = args.object(0)?;
    let right = args.object(1)?;
    match args.value(2)? {
        Value::Bool(false) => {}
        Value::Bool(true) => {
            return Err(args.fail("argument 3 must be `false`: AWS does not support a deep merge"));
        }
        other => {
            return Err(args.fail(format_args!(
                "argument 3 must be the boolean `false`, found {}",
                compact(other)
            )));
        }
    }
    let mut merged = left.clone();
    for (key, value) in right {
        merged.insert(key.clone(), value.clone());
    }
    Ok(Value::Object(merged))
}
