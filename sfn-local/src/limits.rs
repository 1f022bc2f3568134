//! The limits AWS enforces on an execution, and the executor's own step limit.

use serde_json::Value;

use crate::execution::Failure;

/// Largest input or output of a state, task or execution: 256 KiB of UTF-8.
pub const MAX_PAYLOAD_BYTES: usize = 262_144;
/// Largest history of a Standard execution; reaching it fails the execution.
pub const MAX_HISTORY_EVENTS: u64 = 25_000;
/// Longest Standard execution: one year.
pub const STANDARD_MAX_SECONDS: u64 = 365 * 24 * 3600;
/// Longest Express execution: five minutes.
pub const EXPRESS_MAX_SECONDS: u64 = 300;
/// Longest single Wait (2^31 − 1 seconds); longer is `States.Runtime`.
pub const MAX_WAIT_SECONDS: i64 = 2_147_483_647;
/// A Task's `TimeoutSeconds` when the state sets none (AWS's, not the spec's 60).
pub const DEFAULT_TASK_TIMEOUT_SECONDS: u64 = 99_999_999;
/// Iterations an inline Map runs at once when `MaxConcurrency` is 0.
pub const INLINE_MAP_CONCURRENCY: usize = 40;
/// Child executions a distributed Map runs at once when `MaxConcurrency` is 0.
pub const DISTRIBUTED_MAP_CONCURRENCY: usize = 10_000;
/// The executor's default step limit: state transitions before a run is stopped as endless.
pub const DEFAULT_MAX_TRANSITIONS: u64 = 1_000_000;

/// Fails with `States.DataLimitExceeded` when `value` is over 256 KiB as JSON text.
///
/// Small values are accepted without serializing them: a value's JSON text is at most as long
/// as a cheap estimate (see [`estimate`]), and only values whose estimate is near the limit
/// are measured.
pub(crate) fn check_payload(value: &Value, what: impl FnOnce() -> String) -> Result<(), Failure> {
    check_payload_sized(value, None, what).map(|_| ())
}

/// [`check_payload`] given `known`, an upper bound of `value`'s [`estimate`] when the caller
/// has one (the executor carries it from state to state): a bound under the threshold accepts
/// the value without walking it, which is exactly the decision the walk would have made.
/// Returns an upper bound of the estimate when one is known afterwards.
#[inline]
pub(crate) fn check_payload_sized(
    value: &Value,
    known: Option<usize>,
    what: impl FnOnce() -> String,
) -> Result<Option<usize>, Failure> {
    if let Some(bound) = known.filter(|&b| b < SMALL) {
        return Ok(Some(bound));
    }
    measure_payload(value, what)
}

/// [`check_payload_sized`] without a usable bound: estimate, and serialize near the limit.
fn measure_payload(value: &Value, what: impl FnOnce() -> String) -> Result<Option<usize>, Failure> {
    if let Some(estimate) = estimate(value) {
        return Ok(Some(estimate));
    }
    let size = serde_json::to_vec(value)
        .map(|v| v.len())
        .unwrap_or(usize::MAX);
    if size > MAX_PAYLOAD_BYTES {
        let what = what();
        return Err(Failure::new(
            "States.DataLimitExceeded",
            format!(
                "The size of {what} ({size} bytes) exceeds the maximum number of bytes service limit ({MAX_PAYLOAD_BYTES})."
            ),
        ));
    }
    Ok(None)
}

/// Below this estimate a value is accepted without serializing it.
const SMALL: usize = MAX_PAYLOAD_BYTES / 4;

/// An upper bound of `value`'s JSON text length (every character of a string counted as an
/// escape, every number as 24 bytes), or `None` when that bound is not under a quarter of the
/// limit (the walk stops early then). Adding a value of estimate `e` under a new key `k` adds
/// at most `e + 6 * k.len() + 4` to an object's estimate, which lets the executor carry a bound
/// instead of walking every output.
pub(crate) fn estimate(value: &Value) -> Option<usize> {
    Some(rough_size(value, 0)).filter(|&size| size < SMALL)
}

/// An estimate of the JSON size that stops early once it is clearly small or large.
fn rough_size(value: &Value, acc: usize) -> usize {
    if acc >= SMALL {
        return acc;
    }
    match value {
        Value::Null | Value::Bool(_) => acc + 5,
        Value::Number(_) => acc + 24,
        Value::String(s) => acc + s.len() * 6 + 2,
        Value::Array(items) => items.iter().fold(acc + 2, |a, v| rough_size(v, a + 1)),
        Value::Object(map) => map
            .iter()
            .fold(acc + 2, |a, (k, v)| rough_size(v, a + k.len() * 6 + 4)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn payloads_over_256_kib_exceed_the_data_limit() {
        let big = json!({"data": "x".repeat(MAX_PAYLOAD_BYTES)});
        let err = check_payload(&big, || "the output".into()).unwrap_err();
        assert_eq!(err.error, "States.DataLimitExceeded");
        let fits = json!({"data": "x".repeat(MAX_PAYLOAD_BYTES - 100)});
        assert!(check_payload(&fits, || "the output".into()).is_ok());
    }

    #[test]
    fn a_small_known_bound_is_trusted_and_a_large_one_is_remeasured() {
        let small = json!({"a": 1});
        assert_eq!(
            check_payload_sized(&small, Some(10), String::new),
            Ok(Some(10))
        );
        assert_eq!(
            check_payload_sized(&small, Some(usize::MAX), String::new),
            Ok(estimate(&small))
        );
        let big = json!({"data": "x".repeat(MAX_PAYLOAD_BYTES)});
        let err = check_payload_sized(&big, Some(usize::MAX), String::new).unwrap_err();
        assert_eq!(err.error, "States.DataLimitExceeded");
    }

    #[test]
    fn the_estimate_is_never_below_the_json_length() {
        let value = json!({"k\"ey": ["\u{1}", -1.5e300, null, true, {"x": "é"}], "n": 12});
        assert!(estimate(&value).unwrap() >= value.to_string().len());
    }
}
