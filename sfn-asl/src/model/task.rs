use serde_json::{Map, Value};

use super::{Catcher, Expr, PathOrNull, QueryLanguage, Retrier, Transition};

/// A `Task` state: one unit of work done by a `Resource` (a Lambda function, an optimized or SDK
/// integration, an activity, an HTTP endpoint).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `Resource`: the ARN of the work.
    pub resource: String,
    /// `InputPath` (JSONPath).
    pub input_path: Option<PathOrNull>,
    /// `Parameters` (JSONPath payload template).
    pub parameters: Option<Value>,
    /// `Arguments` (JSONata: an object or a `{% %}` string).
    pub arguments: Option<Value>,
    /// `ResultSelector` (JSONPath payload template over the result).
    pub result_selector: Option<Value>,
    /// `ResultPath` (JSONPath).
    pub result_path: Option<PathOrNull>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<PathOrNull>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Assign`.
    pub assign: Option<Map<String, Value>>,
    /// `TimeoutSeconds` (a JSONata expression in JSONata states).
    pub timeout_seconds: Option<Expr<u64>>,
    /// `TimeoutSecondsPath` (JSONPath).
    pub timeout_seconds_path: Option<String>,
    /// `HeartbeatSeconds` (a JSONata expression in JSONata states).
    pub heartbeat_seconds: Option<Expr<u64>>,
    /// `HeartbeatSecondsPath` (JSONPath).
    pub heartbeat_seconds_path: Option<String>,
    /// `Credentials`: `{"RoleArn": …}` or `{"RoleArn.$": …}`.
    pub credentials: Option<Value>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
    /// `Next` or `End`.
    pub transition: Transition,
}

impl TaskState {
    /// A Task running `resource`, then taking `transition`.
    pub fn new(resource: impl Into<String>, transition: Transition) -> Self {
        TaskState {
            comment: None,
            query_language: None,
            resource: resource.into(),
            input_path: None,
            parameters: None,
            arguments: None,
            result_selector: None,
            result_path: None,
            output_path: None,
            output: None,
            assign: None,
            timeout_seconds: None,
            timeout_seconds_path: None,
            heartbeat_seconds: None,
            heartbeat_seconds_path: None,
            credentials: None,
            retry: Vec::new(),
            catch: Vec::new(),
            transition,
        }
    }
}
