//! Retry and Catch: which rule matches an error, and how long to wait before a retry.

use sfn_asl::{ErrorName, JitterStrategy, Retrier};

/// Whether `error` (raised by a state of this kind) is matched by `name` in an `ErrorEquals`.
///
/// `States.ALL` matches everything but the terminal `States.Runtime` and
/// `States.DataLimitExceeded`, which nothing catches, not even by name (AWS-recorded).
/// `States.TaskFailed` matches any error of a Task state but `States.Timeout`.
pub(crate) fn matches(name: &ErrorName, error: &str, from_task: bool) -> bool {
    if is_terminal(error) {
        return false;
    }
    match name {
        ErrorName::All => true,
        ErrorName::TaskFailed if from_task => error != "States.Timeout",
        ErrorName::Timeout => error == "States.Timeout" || error == "States.HeartbeatTimeout",
        other => other.as_str() == error,
    }
}

/// Errors that end the execution whatever the state's Retry and Catch say.
pub(crate) fn is_terminal(error: &str) -> bool {
    error == "States.Runtime" || error == "States.DataLimitExceeded"
}

/// Whether any of `names` matches `error`.
pub(crate) fn any_matches(names: &[ErrorName], error: &str, from_task: bool) -> bool {
    names.iter().any(|n| matches(n, error, from_task))
}

/// The delay in seconds before retry number `k` (0 for the first retry by this rule):
/// `IntervalSeconds × BackoffRate^k`, capped by `MaxDelaySeconds`, then with `FULL` jitter a
/// uniform draw in `[0, delay]` from `unit` (a number in `[0, 1)`).
pub(crate) fn delay_seconds(retrier: &Retrier, k: u32, unit: impl FnOnce() -> f64) -> f64 {
    let interval = retrier.interval_seconds.unwrap_or(1) as f64;
    let rate = retrier.backoff_rate.unwrap_or(2.0);
    let exponent = i32::try_from(k).unwrap_or(i32::MAX);
    let mut delay = interval * rate.powi(exponent);
    if let Some(max) = retrier.max_delay_seconds {
        delay = delay.min(max as f64);
    }
    if !delay.is_finite() {
        delay = f64::MAX;
    }
    match retrier.jitter_strategy.unwrap_or_default() {
        JitterStrategy::None => delay,
        JitterStrategy::Full => delay * unit(),
    }
}

/// `MaxAttempts` with AWS's default of 3.
pub(crate) fn max_attempts(retrier: &Retrier) -> u64 {
    retrier.max_attempts.unwrap_or(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retrier(interval: u64, rate: f64, max_delay: Option<u64>) -> Retrier {
        let mut r = Retrier::new([ErrorName::All]);
        r.interval_seconds = Some(interval);
        r.backoff_rate = Some(rate);
        r.max_delay_seconds = max_delay;
        r
    }

    #[test]
    fn delays_grow_by_the_backoff_rate() {
        let r = retrier(3, 1.5, None);
        assert_eq!(delay_seconds(&r, 0, || 0.0), 3.0);
        assert_eq!(delay_seconds(&r, 1, || 0.0), 4.5);
    }

    #[test]
    fn max_delay_caps_each_delay() {
        let r = retrier(3, 2.0, Some(4));
        assert_eq!(delay_seconds(&r, 0, || 0.0), 3.0);
        assert_eq!(delay_seconds(&r, 1, || 0.0), 4.0);
    }

    #[test]
    fn full_jitter_scales_the_capped_delay() {
        let mut r = retrier(10, 2.0, Some(15));
        r.jitter_strategy = Some(JitterStrategy::Full);
        assert_eq!(delay_seconds(&r, 1, || 0.5), 7.5);
    }

    #[test]
    fn defaults_are_one_second_and_rate_two() {
        let r = Retrier::new([ErrorName::All]);
        assert_eq!(delay_seconds(&r, 2, || 0.0), 4.0);
        assert_eq!(max_attempts(&r), 3);
    }

    #[test]
    fn states_all_never_matches_terminal_errors() {
        assert!(matches(&ErrorName::All, "Boom", false));
        assert!(!matches(&ErrorName::All, "States.Runtime", false));
        assert!(!matches(&ErrorName::Runtime, "States.Runtime", false));
        assert!(!matches(&ErrorName::All, "States.DataLimitExceeded", true));
    }

    #[test]
    fn task_failed_matches_task_errors_except_timeout() {
        assert!(matches(&ErrorName::TaskFailed, "Lambda.Unknown", true));
        assert!(!matches(&ErrorName::TaskFailed, "States.Timeout", true));
        assert!(!matches(&ErrorName::TaskFailed, "Boom", false));
    }

    #[test]
    fn timeout_matchers_also_catch_heartbeat_timeouts() {
        assert!(matches(
            &ErrorName::Timeout,
            "States.HeartbeatTimeout",
            true
        ));
        assert!(!matches(
            &ErrorName::HeartbeatTimeout,
            "States.Timeout",
            true
        ));
    }
}
