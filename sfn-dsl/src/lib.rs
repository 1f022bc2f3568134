//! Typed builder chains for AWS Step Functions workflows.
//!
//! `sfn-dsl` is where a Rust developer writes a state machine: states are values and handles, so a
//! transition to a state that does not exist cannot be written, and every built machine is checked
//! by [`sfn_asl::validate`](sfn_asl::validate()) before its JSON is handed out.
//!
//! The builder API lands with the sfn-dsl issue; this crate currently re-exports the model.

pub use sfn_asl as asl;
