//! The functions Step Functions adds to JSONata: `$partition`, `$range`, `$hash`,
//! `$random([seed])`, `$uuid` and `$parse`; and `$eval`, which it removes.

use std::cell::RefCell;
use std::rc::Rc;

use jsonata_core::evaluator::{Evaluator, EvaluatorError};
use jsonata_core::value::JValue;

use super::convert;
use crate::eval::{Rng, compact, parse_json};
use crate::intrinsics::encoding::digest_hex;

/// The longest sequence `$range` builds (JSONata's own limit for `[a..b]`).
const MAX_RANGE_ITEMS: f64 = 1e7;

/// Whether `expr` can draw random numbers (`$random`, `$uuid`).
pub(super) fn draws_random(expr: &str) -> bool {
    expr.contains("$random") || expr.contains("$uuid")
}

/// Registers the Step Functions functions that `expr` names on `evaluator` (a function is only
/// reachable through its name, so the others are left out); `$random` and `$uuid` draw from
/// `rng`, which [`draws_random`] says is needed.
pub(super) fn register(
    evaluator: &mut Evaluator,
    expr: &str,
    rng: Option<&Rc<RefCell<Rng>>>,
) -> Result<(), EvaluatorError> {
    let named = |name: &str| expr.contains(name);
    if named("$partition") {
        evaluator.register_fn("partition", partition)?;
    }
    if named("$range") {
        evaluator.register_fn("range", range)?;
    }
    if named("$hash") {
        evaluator.register_fn("hash", hash)?;
    }
    if named("$parse") {
        evaluator.register_fn("parse", parse)?;
    }
    if named("$eval") {
        evaluator.register_fn_override("eval", |_args: &[JValue]| {
            Err(EvaluatorError::EvaluationError(
                "$eval is not available in AWS Step Functions; use $parse to read JSON text"
                    .to_owned(),
            ))
        })?;
    }
    let Some(rng) = rng else {
        return Ok(());
    };
    let for_uuid = Rc::clone(rng);
    evaluator.register_fn("uuid", move |args: &[JValue]| {
        arity("uuid", args, 0, 0)?;
        Ok(JValue::string(for_uuid.borrow_mut().uuid_v4()))
    })?;
    let for_random = Rc::clone(rng);
    evaluator.register_fn_override("random", move |args: &[JValue]| {
        arity("random", args, 0, 1)?;
        let value = match args.first() {
            None | Some(JValue::Undefined) => for_random.borrow_mut().next_f64(),
            Some(JValue::Number(seed)) if seed.is_finite() => {
                Rng::seeded(seed.to_bits()).next_f64()
            }
            Some(_) => return Err(type_error("random", 1, "a number")),
        };
        Ok(JValue::Number(value))
    })
}

fn arity(name: &str, args: &[JValue], min: usize, max: usize) -> Result<(), EvaluatorError> {
    if args.len() < min || args.len() > max {
        let expected = if min == max {
            min.to_string()
        } else {
            format!("{min} to {max}")
        };
        return Err(EvaluatorError::TypeError(format!(
            "T0410: ${name} takes {expected} arguments, {} given",
            args.len()
        )));
    }
    Ok(())
}

fn type_error(name: &str, position: usize, expected: &str) -> EvaluatorError {
    EvaluatorError::TypeError(format!(
        "T0410: Argument {position} of function ${name} must be {expected}"
    ))
}

fn integer(name: &str, position: usize, value: Option<&JValue>) -> Result<i64, EvaluatorError> {
    match value {
        Some(JValue::Number(n)) if n.fract() == 0.0 && n.abs() <= MAX_RANGE_ITEMS * 1e8 => {
            Ok(*n as i64)
        }
        _ => Err(type_error(name, position, "an integer")),
    }
}

/// `$partition(array, size)`: the array in chunks of `size` items, the last one shorter.
fn partition(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    arity("partition", args, 2, 2)?;
    let items: Vec<JValue> = match &args[0] {
        JValue::Undefined => return Ok(JValue::Undefined),
        JValue::Array(items) => items.iter().cloned().collect(),
        single => vec![single.clone()],
    };
    let size = integer("partition", 2, args.get(1))?;
    let size = usize::try_from(size)
        .ok()
        .filter(|&s| s > 0)
        .ok_or_else(|| type_error("partition", 2, "a positive integer"))?;
    Ok(JValue::array(
        items
            .chunks(size)
            .map(|chunk| JValue::array(chunk.to_vec()))
            .collect(),
    ))
}

/// `$range(start, end, step)`: `start`, `start + step`, … up to `end` inclusive. The result is a
/// JSONata sequence, so a single item is unwrapped (AWS-recorded: `$range(1, 9, 9)` is `1`).
fn range(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    arity("range", args, 3, 3)?;
    let start = integer("range", 1, args.first())?;
    let end = integer("range", 2, args.get(1))?;
    let step = integer("range", 3, args.get(2))?;
    if step == 0 || (step > 0 && start > end) || (step < 0 && start < end) {
        return Ok(JValue::array(Vec::new()));
    }
    let count = end.abs_diff(start) / step.unsigned_abs() + 1;
    if count as f64 > MAX_RANGE_ITEMS {
        return Err(EvaluatorError::EvaluationError(
            "D2014: The size of the sequence allocated by $range must not exceed 1e7".to_owned(),
        ));
    }
    // `count` is at most 1e7 and the arguments are bounded, so `i * step` cannot overflow.
    let items = (0..count as i64)
        .map(|i| JValue::from(start + i * step))
        .collect();
    Ok(JValue::sequence(items))
}

/// `$hash(value, algorithm)`: the lowercase hex digest of the value (a string as is, anything
/// else as compact JSON) with `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
fn hash(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    arity("hash", args, 2, 2)?;
    let data = match &args[0] {
        JValue::Undefined => return Ok(JValue::Undefined),
        JValue::String(s) => s.to_string(),
        other => match convert::to_json(other) {
            Ok(Some(value)) => compact(&value),
            _ => return Err(type_error("hash", 1, "a JSON value")),
        },
    };
    let Some(JValue::String(algorithm)) = args.get(1) else {
        return Err(type_error("hash", 2, "a string"));
    };
    digest_hex(algorithm, data.as_bytes())
        .map(JValue::string)
        .ok_or_else(|| {
            EvaluatorError::EvaluationError(format!(
                "$hash: unknown algorithm `{algorithm}`; expected one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
            ))
        })
}

/// `$parse(text)`: the JSON value the text holds (`"-0"` is `0`, as AWS-recorded).
fn parse(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    arity("parse", args, 1, 1)?;
    match &args[0] {
        JValue::Undefined => Ok(JValue::Undefined),
        JValue::String(text) => parse_json(text)
            .map(|value| convert::from_json(&value))
            .map_err(|e| {
                EvaluatorError::EvaluationError(format!("$parse: the text is not valid JSON: {e}"))
            }),
        _ => Err(type_error("parse", 1, "a string")),
    }
}
