//! `workflow!{..}`, `asl!(..)` and `include_asl!(..)`: AWS Step Functions workflows compiled to
//! ASL JSON at build time, with compile errors on the offending tokens.
//!
//! Use them through `sfn-dsl`, which re-exports them and owns the type they expand to
//! (`sfn_dsl::CompiledWorkflow`). Every check is sfn-asl's: the macro lowers what you wrote to
//! the ASL document, runs `sfn_asl::parse` and `sfn_asl::validate` on it, and maps each
//! diagnostic's JSON Pointer back to your tokens. All errors are reported at once.
//!
//! # The `workflow!` syntax
//!
//! ```
//! let wf = sfn_dsl::workflow! {
//!     comment: "Orders",
//!     start_at: ValidateOrder,                       // optional: the first state by default
//!     ValidateOrder: task {
//!         resource: "arn:aws:lambda:us-east-1:123456789012:function:Validate",
//!         timeout_seconds: 30,
//!         parameters: { "order.$": "$.order", Source: "web" },
//!         retry: [{ error_equals: ["States.TaskFailed"], interval_seconds: 2, max_attempts: 3, backoff_rate: 2.0 }],
//!         catch: [{ error_equals: ["States.ALL"], result_path: "$.error", next: Cancel }],
//!         next: CheckAmount,
//!     },
//!     CheckAmount: choice {
//!         when "$.amount" > 10000 => "주문 검증",
//!         when "$.tier" == "gold" && !is_null("$.coupon") => Cancel,
//!         choices: [{ variable: "$.amount", numeric_less_than: 0, next: Cancel }],
//!         default: Ship,
//!     },
//!     "주문 검증": pass { result: { approved: true }, result_path: "$.approval", next: Ship },
//!     Ship: wait { seconds: 5, next: Done },
//!     Done: succeed,
//!     Cancel: fail { error: "OrderCancelled", cause: "see the logs" },
//! };
//! assert!(wf.json().starts_with(r#"{"Comment":"Orders","StartAt":"ValidateOrder","#));
//! assert_eq!(wf.states.주문_검증, "주문 검증");
//! ```
//!
//! - **The body** lists the machine's fields (`comment`, `start_at`, `query_language`,
//!   `timeout_seconds`, `version`) and its states, separated by commas. A state is
//!   `Name: type { fields }` (or `Name: type` with no fields): the name is an identifier or a
//!   string literal (any Unicode, spaces included), the type one of `task`, `pass`, `choice`,
//!   `wait`, `succeed`, `fail`, `parallel` and `map`. A state whose name is also a machine field
//!   (`comment`, …) must be quoted.
//! - **Fields** are the ASL fields in snake_case (`TimeoutSeconds` → `timeout_seconds`,
//!   `CSVHeaderLocation` → `csv_header_location`). `end` alone means `"End": true`. `next`,
//!   `default` and `start_at` take a state name. `query_language`, `mode`, `jitter_strategy` and
//!   other fixed words take an identifier (`JSONata`, `DISTRIBUTED`) or a string.
//! - **JSON values** (payload templates, `result`, `assign`, `output`, paths, numbers) are
//!   written as JSON with Rust tokens: strings, numbers, `true`, `false`, `null`, `[..]` and
//!   `{..}`. Keys inside JSON objects are written as they should appear (identifier or string
//!   literal): `{ "Payload.$": "$", FunctionName: "f" }`. JSONata expressions are strings:
//!   `output: "{% $states.result %}"`.
//! - **Retry and Catch** are lists of objects with snake_case keys: `error_equals`,
//!   `interval_seconds`, `max_attempts`, `backoff_rate`, `max_delay_seconds`,
//!   `jitter_strategy`; `next`, `result_path`, `output`, `assign`, `comment`.
//! - **Choice rules** are written `when <condition> => Target`, or as ASL-shaped objects in
//!   `choices: [..]` (`variable`, any operator in snake_case such as `timestamp_less_than_path`,
//!   `and`, `or`, `not`, `condition`, `next`, `assign`, `output`, `comment`); both may be mixed
//!   and keep their written order. A condition is `"$.path" OP value` with `==`, `!=`, `<`,
//!   `<=`, `>`, `>=` (a string operand gives the `String…` operators, a number `Numeric…`,
//!   `true`/`false` `BooleanEquals`; `!=` is `Not` of the equality), `operator("$.path",
//!   operand)` for any operator (`is_present("$.x")` defaults its operand to `true`), `!`, `&&`,
//!   `||` and parentheses; a lone string is a JSONata `Condition`: `when "{% $x > 1 %}" => T`.
//!   `=> Target { assign: {..}, output: .., comment: ".." }` adds the rule's other fields.
//! - **Parallel and Map** nest whole workflows: `branches: [{ A: pass { end } }, { .. }]`,
//!   `item_processor: { processor_config: { mode: DISTRIBUTED, execution_type: EXPRESS }, .. }`
//!   (or the legacy `iterator: { .. }`); `item_reader`, `item_batcher` and `result_writer`
//!   are objects with snake_case keys too.
//!
//! # What it expands to
//!
//! In expression position, a `sfn_dsl::CompiledWorkflow<S>`: `.json()` is the compact ASL JSON
//! (a `&'static str` computed by the macro), `.definition()` the typed `sfn_asl::StateMachine`,
//! and `.states` a generated struct with one `sfn_dsl::StateId` field per state, named after it
//! (`wf.states.ValidateOrder`; characters that cannot be in an identifier become `_`).
//!
//! The item form names both the value and its states type, so other code can use them:
//!
//! ```
//! sfn_dsl::workflow! {
//!     /// The order workflow.
//!     pub static ORDER: OrderStates = {
//!         ValidateOrder: pass { next: Done },
//!         Done: succeed,
//!     };
//! }
//! assert_eq!(OrderStates::VALIDATE_ORDER, "ValidateOrder");
//! assert_eq!(ORDER.states.Done, "Done");
//! assert_eq!(ORDER.definition().start_at, "ValidateOrder");
//! ```
//!
//! # Errors
//!
//! Every problem is a compile error on the tokens that caused it, all of them at once: syntax
//! errors (one per entry; the parser resumes at the next `,`), unknown keys ("did you mean"),
//! duplicate states and keys (checked on the tokens, as JSON cannot hold them), and every
//! diagnostic of `sfn_asl::parse` and `sfn_asl::validate` (unknown targets with "did you mean",
//! unreachable states, `Next` with `End`, `States.ALL` not last, malformed paths, …). A state
//! with a syntax error or an unknown key is still checked by nothing but those errors (what it
//! seems to lack may only follow from them), while every other state goes through sfn-asl in
//! the same build. On error
//! the expansion still has the right type, so no second wave of errors follows. Validator
//! warnings are not shown (a stable proc macro cannot emit warnings): run `sfn validate` or
//! `sfn_asl::validate(&wf.definition())` to see them.
//!
//! ```compile_fail
//! let wf = sfn_dsl::workflow! {
//!     Start: pass { next: Chek },
//!     Check: succeed,
//! };
//! ```
#![forbid(unsafe_code)]

mod ast;
mod check;
mod ctxt;
mod dummy;
mod expand;
mod guard;
mod lower;
mod parse;
mod payload;
mod span_map;
mod symbol;
mod task_error;
#[cfg(test)]
mod tests;
mod validate;

use proc_macro::TokenStream;

/// A workflow in a compact Rust-like syntax, compiled to ASL JSON and validated at build time.
///
/// See the [crate documentation](crate) for the syntax. Expands to a
/// `sfn_dsl::CompiledWorkflow` (expression form) or to a `static` plus a states type (item
/// form: `workflow! { pub static NAME: NameStates = { .. }; }`).
///
/// ```
/// let wf = sfn_dsl::workflow! {
///     Hello: pass { result: "world", end },
/// };
/// assert_eq!(wf.json(), r#"{"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":"world","End":true}}}"#);
/// ```
#[proc_macro]
pub fn workflow(input: TokenStream) -> TokenStream {
    guard::catch_panics(|| expand::workflow(input.into())).into()
}

/// An existing ASL definition, validated at build time: inline JSON written as tokens
/// (diagnostics on the offending token) or as one string literal (diagnostics on the literal,
/// with the pointer and line:column).
///
/// ```
/// let wf = sfn_dsl::asl!({
///     "StartAt": "A",
///     "States": { "A": { "Type": "Succeed" } }
/// });
/// assert_eq!(wf.states.A, "A");
/// let same = sfn_dsl::asl!(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#);
/// assert_eq!(wf.json(), same.json());
/// ```
#[proc_macro]
pub fn asl(input: TokenStream) -> TokenStream {
    guard::catch_panics(|| expand::asl(input.into())).into()
}

/// An ASL definition file, relative to the crate's `Cargo.toml`, validated at build time (and
/// rebuilt when the file changes). Diagnostics carry the file, pointer and line:column.
///
/// Like `workflow!`, `asl!` and `include_asl!` also have an item form:
/// `include_asl!(pub static ORDER: OrderStates = "workflows/order.asl.json");`.
///
/// ```ignore
/// let wf = sfn_dsl::include_asl!("workflows/order.asl.json");
/// ```
#[proc_macro]
pub fn include_asl(input: TokenStream) -> TokenStream {
    guard::catch_panics(|| expand::include_asl(input.into())).into()
}

/// `#[derive(TaskError)]` on an enum of unit variants: the error names a Task reports, for
/// `sfn_dsl::Task::errors`. A variant is named after itself, or after `#[sfn(name = "…")]`
/// (which may be a predefined `States.*` name). See `sfn_dsl::TaskError`.
#[proc_macro_derive(TaskError, attributes(sfn))]
pub fn derive_task_error(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    task_error::derive(input.into()).into()
}

/// `#[derive(Payload)]` on a struct with named fields: the struct as a typed Task input or
/// output. Generates `NameTemplate` (one `sfn_dsl::Field` per serialized key) and `NamePaths`
/// (one typed `sfn_dsl::Path` per deserialized key), with keys as serde writes them
/// (`rename`, `rename_all`, `skip*`). See `sfn_dsl::Payload`.
#[proc_macro_derive(Payload)]
pub fn derive_payload(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    payload::derive(input.into()).into()
}
