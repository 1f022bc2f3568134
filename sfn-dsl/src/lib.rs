#![doc = include_str!("../README.md")]
//!
//! ## The pieces
//!
//! - chain starters, one per state type: [`task`], [`pass`], [`choice`], [`wait`],
//!   [`succeed`], [`fail`], [`parallel`], [`map`]; [`Chain`] lays states out in order and
//!   [`StateRef`] names a state defined elsewhere (loops, shared handlers); [`Branch`] gives a
//!   Parallel branch or a Map's item processor its own fields;
//! - typed [`Resource`]s with their integration patterns ([`lambda`], [`sqs_send_message`],
//!   [`start_execution`], [`aws_sdk`], …) and deploy-time placeholders ([`arn!`]);
//! - typed conditions ([`path`], [`and`], [`or`], [`not`], [`jsonata`]);
//! - [`Retry`] policies as shared values, [`Catch`] rules, and Result-style errors
//!   ([`TaskError`], [`TypedTask`]);
//! - typed payloads: `#[derive(Payload)]` types as a Task's input and output, with templates
//!   and [`Path`]s the compiler checks ([`Payload`], [`Field`], [`Task::input`],
//!   [`Task::select_result`]);
//! - [`emit`] for build.rs: ASL files, Terraform and CloudFormation snippets, and the IAM policy.
#![forbid(unsafe_code)]

extern crate self as sfn_dsl;

mod branch;
mod builder;
mod chain;
mod choice;
mod condition;
pub mod emit;
mod error;
mod error_map;
mod handle;
mod map;
mod parallel;
mod pass;
mod payload;
mod resource;
mod retry;
mod task;
mod terminal;
mod typed;
mod wait;
mod workflow;

pub use sfn_asl as asl;
pub use sfn_macros::{Payload, TaskError};

pub use branch::Branch;
pub use chain::{Chain, Target};
pub use choice::{Choice, choice};
pub use condition::{Cond, Equatable, Ordered, Ordering, Rule, Var, and, not, or, path};
pub use error::{BuildError, Problem};
pub use error_map::{Handler, TaskError, TypedTask};
pub use handle::StateRef;
pub use map::{Batcher, Map, Reader, Writer, map};
pub use parallel::{Parallel, parallel};
pub use pass::{Pass, pass};
pub use payload::{Jsonata, jsonata};
pub use resource::{
    IntegrationPattern, Resource, activity, aws_sdk, dynamodb_delete_item, dynamodb_get_item,
    dynamodb_put_item, dynamodb_update_item, ecs_run_task, eks_run_job, http_invoke,
    is_arn_or_placeholder, lambda, lambda_invoke, sns_publish, sqs_send_message, start_execution,
};
pub use retry::{Catch, NoTarget, Retry};
pub use task::{Task, task};
pub use terminal::{Fail, Succeed, fail, succeed};
pub use typed::{
    Field, Path, Payload, PayloadTemplate, ResultError, TaskTypes, Template, TemplateError,
    TypeInfo,
};
pub use wait::{Wait, wait};
pub use workflow::{Workflow, WorkflowBuilder};

/// Everything a workflow file needs: `use sfn_dsl::prelude::*;`.
pub mod prelude {
    pub use crate::{
        Batcher, Branch, BuildError, Catch, Chain, Cond, Field, Handler, Path, Payload,
        PayloadTemplate, Reader, Resource, Retry, Rule, StateRef, TaskError, Template, Workflow,
        Writer, activity, and, arn, aws_sdk, choice, dynamodb_delete_item, dynamodb_get_item,
        dynamodb_put_item, dynamodb_update_item, ecs_run_task, eks_run_job, fail, http_invoke,
        jsonata, lambda, lambda_invoke, map, not, or, parallel, pass, path, sns_publish,
        sqs_send_message, start_execution, succeed, task, wait,
    };
    pub use sfn_asl::{
        CsvDelimiter, ErrorName, ExecutionType, InputType, JitterStrategy, PathOrNull,
        QueryLanguage,
    };
}

#[doc(hidden)]
pub mod __private;
mod compiled;

pub use compiled::{CompiledWorkflow, StateId};
pub use sfn_macros::{asl, include_asl, workflow};
