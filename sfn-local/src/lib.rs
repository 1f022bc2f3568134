//! Run AWS Step Functions workflows in-process.
//!
//! This crate will hold the executor: input/output processing, intrinsic functions, JSONata,
//! Retry/Catch in virtual time, Parallel and Map, and AWS-style execution history, so a workflow is
//! tested in `cargo test` instead of by deploying it.
