use serde_json::{Map, Value};

use super::{Branch, Catcher, PathOrNull, QueryLanguage, Retrier, Transition};

/// A `Parallel` state: runs every branch on the same input; the result is the array of the
/// branches' outputs, in branch order.
#[derive(Clone, Debug, PartialEq)]
pub struct ParallelState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `Branches`: each its own scope.
    pub branches: Vec<Branch>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<PathOrNull>,
    /// `Parameters` (JSONPath payload template).
    pub parameters: Option<Value>,
    /// `Arguments` (JSONata).
    pub arguments: Option<Value>,
    /// `ResultSelector` (JSONPath).
    pub result_selector: Option<Value>,
    /// `ResultPath` (JSONPath).
    pub result_path: Option<PathOrNull>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<PathOrNull>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Assign`.
    pub assign: Option<Map<String, Value>>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
    /// `Next` or `End`.
    pub transition: Transition,
}

impl ParallelState {
    /// A Parallel state of these branches, taking `transition`.
    pub fn new(branches: Vec<Branch>, transition: Transition) -> Self {
        ParallelState {
            comment: None,
            query_language: None,
            branches,
            input_path: None,
            parameters: None,
            arguments: None,
            result_selector: None,
            result_path: None,
            output_path: None,
            output: None,
            assign: None,
            retry: Vec::new(),
            catch: Vec::new(),
            transition,
        }
    }
}
