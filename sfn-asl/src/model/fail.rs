use super::QueryLanguage;

/// A `Fail` state: ends the execution (or fails the enclosing branch) with an error and cause.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FailState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `Error`: the error name (a `{% %}` expression in JSONata states).
    pub error: Option<String>,
    /// `ErrorPath` (JSONPath): a path or intrinsic yielding the error name.
    pub error_path: Option<String>,
    /// `Cause`: a human-readable cause (a `{% %}` expression in JSONata states).
    pub cause: Option<String>,
    /// `CausePath` (JSONPath): a path or intrinsic yielding the cause.
    pub cause_path: Option<String>,
}
