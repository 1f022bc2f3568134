//! `States.MathRandom` and `States.MathAdd`.

use serde_json::Value;

use super::Args;
use crate::eval::{EvalError, Rng, Scope};

/// `States.MathAdd(a, b)`: the sum of the two numbers, each first rounded half up as Java's
/// `Math.round` does (AWS-recorded: `1.49 + 1.5` is `3`, `-2.5 + 0` is `-2`). Both must fall in
/// Java's `int` range.
pub(super) fn add(args: &Args) -> Result<Value, EvalError> {
    let a = rounded(args, 0)?;
    let b = rounded(args, 1)?;
    Ok(Value::from(a + b))
}

fn rounded(args: &Args, i: usize) -> Result<i64, EvalError> {
    let n = args.number(i)?;
    let value = match n.as_i64() {
        Some(v) => v,
        None => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            (f + 0.5).floor() as i64
        }
    };
    if i32::try_from(value).is_err() {
        return Err(args.fail(format_args!(
            "argument {} ({n}) is outside the integer range -2147483648..2147483647",
            i + 1
        )));
    }
    Ok(value)
}

/// `States.MathRandom(start, end[, seed])`: a random integer from `start` to `end` (both
/// included). With a seed the value depends only on the seed; without one it comes from the
/// execution's seeded generator.
pub(super) fn random(args: &Args, scope: &Scope) -> Result<Value, EvalError> {
    let start = args.integer(0)?;
    let end = args.integer(1)?;
    if start > end {
        return Err(args.fail(format_args!(
            "the start ({start}) must not be greater than the end ({end})"
        )));
    }
    let value = if args.len() > 2 {
        let seed = args.integer(2)?;
        Rng::seeded(seed as u64).int_inclusive(start, end)
    } else {
        scope.rng.borrow_mut().int_inclusive(start, end)
    };
    Ok(Value::from(value))
}
