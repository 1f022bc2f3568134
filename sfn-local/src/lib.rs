//! Run AWS Step Functions workflows in-process.
//!
//! This crate will hold the executor: input/output processing, intrinsic functions, JSONata,
//! Retry/Catch in virtual time, Parallel and Map, and AWS-style execution history, so a workflow is
//! tested in `cargo test` instead of by deploying it.

// The evaluation primitives below are called by the executor; until it lands they have no
// caller outside their own tests.
#[allow(dead_code, reason = "called by the executor")]
mod eval;
#[allow(dead_code, reason = "called by the executor")]
mod intrinsics;
#[allow(dead_code, reason = "called by the executor")]
mod jsonpath;
#[allow(dead_code, reason = "called by the executor")]
mod template;
