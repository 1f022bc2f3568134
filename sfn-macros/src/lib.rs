//! Procedural macros for `sfn`.
//!
//! This crate will hold `workflow!{..}`, which compiles a workflow written in a compact Rust-like
//! syntax into ASL JSON at build time, with compile errors on the offending tokens. Use it through
//! `sfn-dsl`, which re-exports it.

mod task_error;

/// `#[derive(TaskError)]` on an enum of unit variants: the error names a Task reports, for
/// `sfn_dsl::Task::errors`. A variant is named after itself, or after `#[sfn(name = "…")]`
/// (which may be a predefined `States.*` name). See `sfn_dsl::TaskError`.
#[proc_macro_derive(TaskError, attributes(sfn))]
pub fn derive_task_error(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    task_error::derive(input.into()).into()
}
