//! Runnable sfn workflows, written with the `sfn-dsl` builder. Each module builds one workflow;
//! each example in `examples/` prints its ASL JSON:
//! `cargo run -p examples --example NAME`.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use sfn_dsl::{BuildError, Workflow};

pub mod callback;
pub mod distributed_map;
pub mod image_pipeline;
pub mod jsonata_variables;
pub mod manager_approval;
pub mod order_api;
pub mod order_processing;
pub mod retry_dlq;
pub mod typed_payloads;
pub mod workload;

/// The ARN of Lambda function `name` in the examples' account and region.
pub fn function_arn(name: &str) -> String {
    format!("arn:aws:lambda:us-east-1:123456789012:function:{name}")
}

/// Prints a workflow's ASL JSON (pretty) to stdout, or its build errors to stderr.
pub fn print(workflow: Result<Workflow, BuildError>) -> ExitCode {
    match workflow {
        Ok(workflow) => {
            println!("{}", workflow.to_json_pretty());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: the workflow could not be built\n{error}");
            ExitCode::FAILURE
        }
    }
}
