//! The Amazon States Language (ASL) as Rust types, and a validator that agrees with AWS.
//!
//! `sfn-asl` is the model every other `sfn` crate builds on: [`StateMachine`] and the eight state
//! types, parsed from JSON with every problem reported at once ([`parse`]), serialized back
//! byte-stably ([`StateMachine::to_json`]), and checked by [`validate()`] against the rules AWS's
//! `CreateStateMachine` applies. Each [`Diagnostic`] names a rule ([`Code`]), a JSON
//! [`Pointer`] and, for text, a line and column.
//!
//! ```
//! let text = r#"{
//!   "StartAt": "Charge",
//!   "States": {
//!     "Charge": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
//!                 "TimeoutSeconds": 30, "Next": "Chrage" },
//!     "Done": { "Type": "Succeed" }
//!   }
//! }"#;
//! let diagnostics = sfn_asl::validate_str(text);
//! let first = diagnostics.errors().next().unwrap();
//! assert_eq!(first.code.id(), "unknown_next_state");
//! assert_eq!(first.pointer.as_str(), "/States/Charge/Next");
//! assert_eq!(first.location.unwrap().line, 5);
//!
//! // A valid machine round-trips to the same JSON.
//! let machine = sfn_asl::parse(r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#)?;
//! assert!(sfn_asl::validate(&machine).is_empty());
//! assert_eq!(machine.to_json(), r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#);
//! # Ok::<(), sfn_asl::ParseError>(())
//! ```
#![forbid(unsafe_code)]

mod diagnostic;
pub mod intrinsic;
pub mod jsonata;
pub mod model;
mod name;
mod parse;
pub mod path;
mod pointer;
mod raw;
pub mod render;
mod ser;
mod source_map;
pub mod timestamp;
pub mod validate;

pub use diagnostic::{Code, Diagnostic, Diagnostics, Location, Severity};
pub use model::*;
pub use name::{MAX_STATE_NAME_CHARS, StateName};
pub use parse::{ParseError, parse, parse_slice};
pub use pointer::Pointer;
pub use source_map::SourceMap;
pub use validate::{validate, validate_str};
