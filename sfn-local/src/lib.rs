//! Run AWS Step Functions workflows in-process, with AWS's semantics, for tests.
//!
//! An [`Executor`] compiles a machine once (from sfn-dsl, `workflow!` or any ASL file) and runs
//! it as many times as a test needs: Task states are answered by Rust closures (or an AWS Step
//! Functions Local mock file), time is virtual (a Wait of an hour takes microseconds but the
//! history says an hour), and randomness is seeded. Each run returns an [`Execution`]: status,
//! output or error and cause, the history as AWS's event types, the number of state transitions
//! and the [`Cost`] the run would have on AWS.
//!
//! ```
//! use serde_json::json;
//! use sfn_local::{Executor, Handler, TaskError};
//!
//! let executor = Executor::from_json(r#"{
//!   "StartAt": "Call",
//!   "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
//!     "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 2}], "End": true}}
//! }"#)?
//! .handler("Call", Handler::responses([Err(TaskError::new("Busy", "try later")), Ok(json!("done"))]));
//!
//! let run = executor.run(json!({}));
//! assert_eq!(run.output, Some(json!("done")));
//! assert_eq!(run.duration_seconds(), 2.0); // the retry waited 2 s of virtual time
//! # Ok::<(), sfn_local::CompileError>(())
//! ```
#![forbid(unsafe_code)]

mod choice;
pub mod clock;
pub mod cost;
#[allow(
    dead_code,
    reason = "JSONata errors are raised once the JSONata engine lands"
)]
mod eval;
mod execution;
mod executor;
pub mod history;
mod intrinsics;
mod io;
#[allow(
    dead_code,
    reason = "`evaluate` and `evaluate_value` are used by the module's own tests"
)]
mod jsonata;
#[allow(dead_code, reason = "part of the path API is used only by tests")]
mod jsonpath;
pub mod limits;
mod mock;
mod program;
mod retry;
mod s3;
mod template;

pub use cost::Cost;
pub use execution::{Execution, Status};
pub use executor::{ExecutionKind, Executor, RunOptions};
pub use mock::{
    Handler, MockConfig, MockConfigError, TaskCall, TaskError, TaskRequest, TaskResult,
};
pub use program::CompileError;
pub use s3::ObjectStore;
