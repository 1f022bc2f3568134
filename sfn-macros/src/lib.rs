//! Procedural macros for `sfn`.
//!
//! This crate will hold `workflow!{..}`, which compiles a workflow written in a compact Rust-like
//! syntax into ASL JSON at build time, with compile errors on the offending tokens. Use it through
//! `sfn-dsl`, which re-exports it.
