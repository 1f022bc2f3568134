use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::PathOrNull;
use crate::StateName;

macro_rules! error_names {
    ($($variant:ident = $name:literal, $doc:literal;)*) => {
        /// An error name in `ErrorEquals`: one of the predefined `States.*` names or a custom one
        /// (such as a Lambda's `errorType`).
        ///
        /// ```
        /// use sfn_asl::ErrorName;
        /// assert_eq!(ErrorName::from("States.Timeout"), ErrorName::Timeout);
        /// assert_eq!(ErrorName::from("PaymentDeclined").as_str(), "PaymentDeclined");
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorName {
            $(#[doc = $doc] $variant,)*
            /// Any other name, such as `PaymentDeclined` or `Lambda.ServiceException`.
            Custom(String),
        }

        impl ErrorName {
            /// Every predefined `States.*` name.
            pub const PREDEFINED: &'static [ErrorName] = &[$(ErrorName::$variant),*];

            /// The name as it appears in ASL.
            pub fn as_str(&self) -> &str {
                match self {
                    $(ErrorName::$variant => $name,)*
                    ErrorName::Custom(name) => name,
                }
            }
        }

        impl From<&str> for ErrorName {
            fn from(name: &str) -> Self {
                match name {
                    $($name => ErrorName::$variant,)*
                    other => ErrorName::Custom(other.to_owned()),
                }
            }
        }
    };
}

error_names! {
    All = "States.ALL", "`States.ALL`: matches every error but `States.Runtime` and `States.DataLimitExceeded`.";
    Timeout = "States.Timeout", "`States.Timeout`: a Task ran past `TimeoutSeconds` or missed a heartbeat.";
    HeartbeatTimeout = "States.HeartbeatTimeout", "`States.HeartbeatTimeout`: a Task sent no heartbeat within `HeartbeatSeconds`.";
    TaskFailed = "States.TaskFailed", "`States.TaskFailed`: a Task failed (as a matcher: any Task error but `States.Timeout`).";
    Permissions = "States.Permissions", "`States.Permissions`: a Task lacked privileges.";
    ResultPathMatchFailure = "States.ResultPathMatchFailure", "`States.ResultPathMatchFailure`: `ResultPath` could not be applied to the input.";
    ParameterPathFailure = "States.ParameterPathFailure", "`States.ParameterPathFailure`: a `.$` path in `Parameters` failed.";
    QueryEvaluationError = "States.QueryEvaluationError", "`States.QueryEvaluationError`: a JSONata expression failed.";
    BranchFailed = "States.BranchFailed", "`States.BranchFailed`: a Parallel branch failed.";
    NoChoiceMatched = "States.NoChoiceMatched", "`States.NoChoiceMatched`: no Choice rule matched and there is no `Default`.";
    IntrinsicFailure = "States.IntrinsicFailure", "`States.IntrinsicFailure`: an intrinsic function failed.";
    ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold", "`States.ExceedToleratedFailureThreshold`: a Map had more failed items than tolerated.";
    ItemReaderFailed = "States.ItemReaderFailed", "`States.ItemReaderFailed`: a Map's `ItemReader` could not read its items.";
    ResultWriterFailed = "States.ResultWriterFailed", "`States.ResultWriterFailed`: a Map's `ResultWriter` could not write.";
    Runtime = "States.Runtime", "`States.Runtime`: an unprocessable run-time fault; never caught.";
    DataLimitExceeded = "States.DataLimitExceeded", "`States.DataLimitExceeded`: a payload over 256 KiB; never caught.";
}

impl ErrorName {
    /// Whether this is one of the predefined `States.*` names.
    pub fn is_predefined(&self) -> bool {
        !matches!(self, ErrorName::Custom(_))
    }
}

impl From<String> for ErrorName {
    fn from(name: String) -> Self {
        match ErrorName::from(name.as_str()) {
            ErrorName::Custom(_) => ErrorName::Custom(name),
            predefined => predefined,
        }
    }
}

impl fmt::Display for ErrorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ErrorName::from)
    }
}

/// `JitterStrategy` of a Retrier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum JitterStrategy {
    /// Wait exactly the computed delay (the default).
    #[default]
    None,
    /// Wait a random time between 0 and the computed delay.
    Full,
}

/// One rule of a state's `Retry` list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Retrier {
    /// `ErrorEquals`: the errors this rule retries.
    pub error_equals: Vec<ErrorName>,
    /// `IntervalSeconds`: the first delay (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_seconds: Option<u64>,
    /// `MaxAttempts`: how many retries (default 3; 0 never retries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u64>,
    /// `BackoffRate`: the delay's multiplier per attempt (default 2.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_rate: Option<f64>,
    /// `MaxDelaySeconds`: the cap on one delay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_delay_seconds: Option<u64>,
    /// `JitterStrategy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jitter_strategy: Option<JitterStrategy>,
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Retrier {
    /// A rule retrying `errors` with AWS's defaults.
    pub fn new(errors: impl IntoIterator<Item = ErrorName>) -> Self {
        Retrier {
            error_equals: errors.into_iter().collect(),
            interval_seconds: None,
            max_attempts: None,
            backoff_rate: None,
            max_delay_seconds: None,
            jitter_strategy: None,
            comment: None,
        }
    }
}

/// One rule of a state's `Catch` list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Catcher {
    /// `ErrorEquals`: the errors this rule catches.
    pub error_equals: Vec<ErrorName>,
    /// `Next`: the state to go to, in the same scope.
    pub next: StateName,
    /// `ResultPath` (JSONPath): where the error output goes in the raw input (default `$`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::io::present"
    )]
    pub result_path: Option<PathOrNull>,
    /// `Output` (JSONata): the next state's input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<Value>,
    /// `Assign`: variables set when this rule catches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<Map<String, Value>>,
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Catcher {
    /// A rule sending `errors` to `next`.
    pub fn new(errors: impl IntoIterator<Item = ErrorName>, next: impl Into<StateName>) -> Self {
        Catcher {
            error_equals: errors.into_iter().collect(),
            next: next.into(),
            result_path: None,
            output: None,
            assign: None,
            comment: None,
        }
    }
}
