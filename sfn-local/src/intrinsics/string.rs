//! `States.Format` and `States.StringSplit`.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::Value;

use super::{Args, push_unprotected, unprotect};
use crate::eval::EvalError;

/// `States.Format(template, …values)`: each `{}` in the template replaced by the next value.
/// Strings are inserted as they are, other values as AWS renders them (objects Java-style:
/// `{Arg1=1, Arg2=[]}`). The number of `{}` must equal the number of values.
pub(super) fn format(args: &Args) -> Result<Value, EvalError> {
    let template = args.string(0)?;
    let values = &args.values()[1..];
    let count = placeholders(template).count();
    if count != values.len() {
        return Err(args.fail(format_args!(
            "the template has {count} placeholders but {} values were given",
            values.len()
        )));
    }
    // Escaped braces (`\{`, `\}`) reach here as stand-ins, so they are not placeholders.
    let mut out = String::with_capacity(template.len() + 8 * values.len());
    let mut from = 0;
    for (at, value) in placeholders(template).zip(values) {
        push_unprotected(&mut out, &template[from..at]);
        render(&mut out, value);
        from = at + 2;
    }
    push_unprotected(&mut out, &template[from..]);
    Ok(Value::String(out))
}

/// The literal template of a `States.Format` call split at its placeholders once, when the
/// machine is compiled: a run then neither scans the template nor collects the values, and
/// produces what [`format`] does.
#[derive(Debug)]
pub(super) struct SplitTemplate {
    /// The text around the placeholders, escaped braces restored: one more than the values.
    pieces: Vec<String>,
    /// The capacity [`format`] gives its output.
    capacity: usize,
}

impl SplitTemplate {
    /// Splits `template`; `None` when it does not have one placeholder for each of `values`
    /// values (the call fails then, as [`format`] reports).
    pub(super) fn new(template: &str, values: usize) -> Option<SplitTemplate> {
        let mut pieces = Vec::with_capacity(values + 1);
        let mut from = 0;
        for at in placeholders(template) {
            pieces.push(unprotect(&template[from..at]));
            from = at + 2;
        }
        pieces.push(unprotect(&template[from..]));
        (pieces.len() == values + 1).then(|| SplitTemplate {
            pieces,
            capacity: template.len() + 8 * values,
        })
    }

    /// The formatted string; `values` are the call's value arguments, evaluated in order as
    /// they are rendered (the first error is returned, as [`format`] would have).
    pub(super) fn render<'a>(
        &self,
        values: impl Iterator<Item = Result<Cow<'a, Value>, EvalError>>,
    ) -> Result<Value, EvalError> {
        let mut out = String::with_capacity(self.capacity);
        let mut pieces = self.pieces.iter();
        // `new` keeps one piece more than there are values, so there is a first one.
        out.push_str(pieces.next().map_or("", String::as_str));
        for (value, piece) in values.zip(pieces) {
            render(&mut out, value?.as_ref());
            out.push_str(piece);
        }
        Ok(Value::String(out))
    }
}

/// The byte offsets of the `{}` placeholders in `template`, left to right, not overlapping
/// (what `str::matches("{}")` finds, without its substring-search setup).
fn placeholders(template: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = template.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + 1 < bytes.len() {
            if bytes[i] == b'{' && bytes[i + 1] == b'}' {
                i += 2;
                return Some(i - 2);
            }
            i += 1;
        }
        None
    })
}

/// Renders `value` as AWS's `States.Format` does (Java's `toString` of the parsed JSON).
pub(crate) fn render(out: &mut String, value: &Value) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => push_integer(out, u, false),
            (None, Some(i)) => push_integer(out, i.unsigned_abs(), i < 0),
            _ => {
                let _ = write!(out, "{n}");
            }
        },
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

/// Appends an integer in decimal, as `Number`'s `Display` writes it, without the formatter.
fn push_integer(out: &mut String, mut n: u64, negative: bool) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        out.push('-');
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
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
