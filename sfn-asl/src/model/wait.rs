use serde_json::{Map, Value};

use super::{Expr, PathOrNull, QueryLanguage, Transition};

/// How long a Wait state waits: exactly one of `Seconds`, `SecondsPath`, `Timestamp` and
/// `TimestampPath`.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitDuration {
    /// `Seconds`: a fixed number (a `{% %}` expression in JSONata states).
    Seconds(Expr<u64>),
    /// `SecondsPath` (JSONPath): a Reference Path to a number of seconds.
    SecondsPath(String),
    /// `Timestamp`: an RFC 3339 timestamp (a `{% %}` expression in JSONata states).
    Timestamp(String),
    /// `TimestampPath` (JSONPath): a Reference Path to a timestamp.
    TimestampPath(String),
}

impl WaitDuration {
    /// The ASL field that holds this duration.
    pub fn field(&self) -> &'static str {
        match self {
            WaitDuration::Seconds(_) => "Seconds",
            WaitDuration::SecondsPath(_) => "SecondsPath",
            WaitDuration::Timestamp(_) => "Timestamp",
            WaitDuration::TimestampPath(_) => "TimestampPath",
        }
    }
}

/// A `Wait` state: pauses for a time or until a timestamp.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// How long to wait.
    pub duration: WaitDuration,
    /// `InputPath` (JSONPath).
    pub input_path: Option<PathOrNull>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<PathOrNull>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Assign`.
    pub assign: Option<Map<String, Value>>,
    /// `Next` or `End`.
    pub transition: Transition,
}

impl WaitState {
    /// A Wait state waiting `duration`, then taking `transition`.
    pub fn new(duration: WaitDuration, transition: Transition) -> Self {
        WaitState {
            comment: None,
            query_language: None,
            duration,
            input_path: None,
            output_path: None,
            output: None,
            assign: None,
            transition,
        }
    }
}
