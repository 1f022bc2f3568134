//! What a run would cost on AWS.

/// Standard workflows: USD per state transition ($25 per million).
pub const STANDARD_PER_TRANSITION: f64 = 25.0 / 1_000_000.0;
/// Express workflows: USD per request ($1 per million).
pub const EXPRESS_PER_REQUEST: f64 = 1.0 / 1_000_000.0;
/// Express workflows: USD per GB-second of duration (first tier, us-east-1).
pub const EXPRESS_PER_GB_SECOND: f64 = 0.000_016_67;
/// Express bills memory in 64 MB steps; a local run is billed at the smallest step.
pub const EXPRESS_MEMORY_GB: f64 = 0.0625;

/// The estimated price of one execution under each pricing model, in USD, without free tier.
///
/// ```
/// let cost = sfn_local::Cost::of(1_000_000, 0.0);
/// assert_eq!(cost.standard_usd, 25.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cost {
    /// Standard: state transitions × $25 per million.
    pub standard_usd: f64,
    /// Express: $1 per million requests plus duration (billed in 100 ms steps at 64 MB).
    pub express_usd: f64,
}

impl Cost {
    /// The cost of a run of `transitions` state transitions lasting `seconds` (virtual time).
    pub fn of(transitions: u64, seconds: f64) -> Cost {
        let billed_seconds = ((seconds.max(0.0) * 10.0).ceil().max(1.0)) / 10.0;
        Cost {
            standard_usd: transitions as f64 * STANDARD_PER_TRANSITION,
            express_usd: EXPRESS_PER_REQUEST
                + billed_seconds * EXPRESS_MEMORY_GB * EXPRESS_PER_GB_SECOND,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn express_bills_at_least_100_ms() {
        let cost = Cost::of(10, 0.0);
        let expected = EXPRESS_PER_REQUEST + 0.1 * EXPRESS_MEMORY_GB * EXPRESS_PER_GB_SECOND;
        assert!((cost.express_usd - expected).abs() < 1e-15);
        assert!((cost.standard_usd - 0.00025).abs() < 1e-12);
    }
}
