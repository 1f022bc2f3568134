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
/// Small values are accepted without serializing them: a value's JSON text is at least as long
/// as a cheap lower bound, and only values whose bound is near the limit are measured.
pub(crate) fn check_payload(value: &Value, what: impl FnOnce() -> String) -> Result<(), Failure> {
    if rough_size(value, 0) < MAX_PAYLOAD_BYTES / 4 {
        return Ok(());
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
    Ok(())
}

/// An estimate of the JSON size that stops early once it is clearly small or large.
fn rough_size(value: &Value, acc: usize) -> usize {
    if acc >= MAX_PAYLOAD_BYTES / 4 {
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
}
