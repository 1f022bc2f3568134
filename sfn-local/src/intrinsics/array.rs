//! `States.ArrayPartition`, `ArrayContains`, `ArrayRange`, `ArrayGetItem`, `ArrayLength` and
//! `ArrayUnique` (`States.Array` itself needs no code: it is its arguments).

use serde_json::Value;

use super::Args;
use crate::eval::EvalError;
use crate::jsonpath::equal;

/// The most items `States.ArrayRange` may produce.
pub(crate) const MAX_RANGE_ITEMS: usize = 1000;

/// `States.ArrayPartition(array, size)`: chunks of `size` items, the last one shorter.
pub(super) fn partition(args: &Args) -> Result<Value, EvalError> {
    let items = args.array(0)?;
    let size = args.integer(1)?;
    let size = usize::try_from(size)
        .ok()
        .filter(|&s| s > 0)
        .ok_or_else(|| {
            args.fail(format_args!(
                "the chunk size must be a positive integer, found {size}"
            ))
        })?;
    Ok(Value::Array(
        items
            .chunks(size)
            .map(|chunk| Value::Array(chunk.to_vec()))
            .collect(),
    ))
}

/// `States.ArrayContains(array, value)`: whether an item equals `value` (deep equality).
pub(super) fn contains(args: &Args) -> Result<Value, EvalError> {
    let items = args.array(0)?;
    let needle = args.value(1)?;
    Ok(Value::Bool(items.iter().any(|item| equal(item, needle))))
}

/// `States.ArrayRange(start, end, step)`: `start`, `start + step`, … up to `end` inclusive.
pub(super) fn range(args: &Args) -> Result<Value, EvalError> {
    let start = args.integer(0)?;
    let end = args.integer(1)?;
    let step = args.integer(2)?;
    if step == 0 {
        return Err(args.fail("the step must not be 0"));
    }
    let count = if (step > 0 && start > end) || (step < 0 && start < end) {
        0
    } else {
        (end.abs_diff(start) / step.unsigned_abs()).saturating_add(1)
    };
    if count > MAX_RANGE_ITEMS as u64 {
        return Err(args.fail(format_args!(
            "the range has {count} items, more than the {MAX_RANGE_ITEMS} allowed"
        )));
    }
    // `count` is at most 1000, so `i * step` stays far inside i64 and between start and end.
    Ok(Value::Array(
        (0..count as i64)
            .map(|i| Value::from(start + i * step))
            .collect(),
    ))
}

/// `States.ArrayGetItem(array, index)`: the item at `index` (0-based).
pub(super) fn get_item(args: &Args) -> Result<Value, EvalError> {
    let items = args.array(0)?;
    let index = args.integer(1)?;
    usize::try_from(index)
        .ok()
        .and_then(|i| items.get(i))
        .cloned()
        .ok_or_else(|| {
            args.fail(format_args!(
                "index {index} is out of bounds for an array of {} items",
                items.len()
            ))
        })
}

/// `States.ArrayLength(array)`: the number of items.
pub(super) fn length(args: &Args) -> Result<Value, EvalError> {
    Ok(Value::from(args.array(0)?.len()))
}

/// `States.ArrayUnique(array)`: the items without repeats, first occurrences kept in order.
pub(super) fn unique(args: &Args) -> Result<Value, EvalError> {
    let items = args.array(0)?;
    let mut kept: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        if !kept.iter().any(|k| equal(k, item)) {
            kept.push(item.clone());
        }
    }
    Ok(Value::Array(kept))
}
