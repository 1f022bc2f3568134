//! `States.Format` and `States.StringSplit`.

use std::fmt::Write as _;

use serde_json::Value;

use super::{Args, push_unprotected};
use crate::eval::EvalError;

/// `States.Format(template, …values)`: each `{}` in the template replaced by the next value.
/// Strings are inserted as they are, other values as AWS renders them (objects Java-style:
/// `{Arg1=1, Arg2=[]}`). The number of `{}` must equal the number of values.
pub(super) fn format(args: &Args) -> Result<Value, EvalError> {
    let template = args.string(0)?;
    let values = &args.values()[1..];
    let placeholders = template.matches("{}").count();
    if placeholders != values.len() {
        return Err(args.fail(format_args!(
            "the template has {placeholders} placeholders but {} values were given",
            values.len()
        )));
    }
    // Escaped braces (`\{`, `\}`) reach here as stand-ins, so they are not placeholders.
    let mut out = String::with_capacity(template.len());
    let mut pieces = template.split("{}");
    if let Some(first) = pieces.next() {
        push_unprotected(&mut out, first);
    }
    for (piece, value) in pieces.zip(values) {
        render(&mut out, value);
        push_unprotected(&mut out, piece);
    }
    Ok(Value::String(out))
}

/// Renders `value` as AWS's `States.Format` does (Java's `toString` of the parsed JSON).
pub(crate) fn render(out: &mut String, value: &Value) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push('=');
                render(out, item);
            }
            out.push('}');
        }
    }
}

/// `States.StringSplit(string, delimiters)`: the pieces between any of the delimiter
/// characters, empty pieces dropped (AWS-recorded: `",,,,"` gives `[]`).
pub(super) fn split(args: &Args) -> Result<Value, EvalError> {
    let text = args.string(0)?;
    let delimiters = args.string(1)?;
    let pieces = text
        .split(|c: char| delimiters.contains(c))
        .filter(|piece| !piece.is_empty())
        .map(|piece| Value::String(piece.to_owned()));
    Ok(Value::Array(pieces.collect()))
}
