use serde_json::{Map, Value};

use super::{PathOrNull, QueryLanguage, Transition};

/// A `Pass` state: passes its input on, optionally reshaped or replaced by a fixed `Result`.
#[derive(Clone, Debug, PartialEq)]
pub struct PassState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<PathOrNull>,
    /// `Parameters` (JSONPath payload template).
    pub parameters: Option<Value>,
    /// `Result` (JSONPath): a fixed result.
    pub result: Option<Value>,
    /// `ResultPath` (JSONPath).
    pub result_path: Option<PathOrNull>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<PathOrNull>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Assign`.
    pub assign: Option<Map<String, Value>>,
    /// `Next` or `End`.
    pub transition: Transition,
}

impl PassState {
    /// A Pass state taking `transition`.
    pub fn new(transition: Transition) -> Self {
        PassState {
            comment: None,
            query_language: None,
            input_path: None,
            parameters: None,
            result: None,
            result_path: None,
            output_path: None,
            output: None,
            assign: None,
            transition,
        }
    }
}
