use serde_json::Value;

use super::{PathOrNull, QueryLanguage};

/// A `Succeed` state: ends the execution (or the branch or iteration) successfully.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SucceedState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<PathOrNull>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<PathOrNull>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
}
