//! Text → [`StateMachine`]: one serde pass into [`crate::raw`], then a check of every state's
//! shape that collects all problems, each with its JSON Pointer and line:column.

use std::borrow::Cow;
use std::str::FromStr;

use serde_json::{Map, Number, Value};

use crate::model::{
    BoolExpr, Branch, ChoiceRule, ChoiceState, Comparison, ComparisonOperator, Condition, Expr,
    FailState, ItemProcessor, MapState, ParallelState, PassState, PathOrNull, Processor, State,
    StateMachine, States, SucceedState, TaskState, Transition, WaitDuration, WaitState,
};
use crate::pointer::Loc;
use crate::raw::{
    Present, RawBranch, RawChoiceRule, RawMachine, RawName, RawScalar, RawState, RawStates,
    RawType, STATE_FIELDS, field_mask,
};
use crate::source_map::SourceMap;
use crate::{Code, Diagnostic, Diagnostics, Pointer, StateName};

/// A definition that could not be read into the model. It holds every problem found, each with
/// its pointer and, when known, its line and column.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{diagnostics}")]
pub struct ParseError {
    /// What is wrong.
    pub diagnostics: Diagnostics,
}

/// Parses a definition from JSON text.
///
/// Fails on malformed JSON, unknown fields, duplicate keys or state names, a missing or unknown
/// `Type`, fields the state type does not have, `Next` together with `End`, and other shapes the
/// model cannot hold. Every such problem is reported, not only the first. Rules about values
/// (references, ranges, paths) are [`validate`](crate::validate())'s job.
///
/// ```
/// let err = sfn_asl::parse(r#"{"StartAt": "A", "States": {
///     "A": {"Type": "Pass", "Next": "B", "End": true},
///     "B": {"Type": "Succeed", "Retry": []}
/// }}"#).unwrap_err();
/// let ids: Vec<_> = err.diagnostics.iter().map(|d| (d.code.id(), d.pointer.to_string())).collect();
/// assert_eq!(ids, [
///     ("conflicting_fields", "/States/A/End".to_owned()),
///     ("field_not_allowed", "/States/B/Retry".to_owned()),
/// ]);
/// assert_eq!(err.diagnostics.0[0].location.unwrap().line, 2);
/// ```
pub fn parse(text: &str) -> Result<StateMachine, ParseError> {
    parse_keyed(text).map(|(machine, _)| machine)
}

/// [`parse`], also saying where each state's name is in `text`, so that diagnostics about the
/// machine can be located without walking the text from the top.
pub(crate) fn parse_keyed(text: &str) -> Result<(StateMachine, StateKeys<'_>), ParseError> {
    // `from_str` skips the UTF-8 check of every string that `from_slice` makes: `text` is
    // already known to be UTF-8 (about 6% of parsing on the benchmark workload).
    match serde_json::from_str(text) {
        Ok(raw) => lower(raw, text.as_bytes()),
        Err(error) => Err(json_error(text.as_bytes(), &error)),
    }
}

/// Parses a definition from JSON bytes; see [`parse`].
pub fn parse_slice(bytes: &[u8]) -> Result<StateMachine, ParseError> {
    match serde_json::from_slice(bytes) {
        Ok(raw) => lower(raw, bytes).map(|(machine, _)| machine),
        Err(error) => Err(json_error(bytes, &error)),
    }
}

/// Where each state's name (its opening quote) is in the parsed text, by name.
pub(crate) struct StateKeys<'t> {
    names: foldhash::HashMap<Cow<'t, str>, NameSeen>,
    /// False when some name was given twice: a pointer's state name is then ambiguous.
    unique: bool,
}

impl StateKeys<'_> {
    /// The byte offset of the key naming state `name`, when known.
    pub(crate) fn key_at(&self, name: &str) -> Option<usize> {
        if !self.unique {
            return None;
        }
        self.names.get(name).and_then(|seen| seen.key_at)
    }
}

/// A state name met while lowering.
struct NameSeen {
    /// The index in [`Lower::scopes`] of the `States` object that holds it.
    scope: usize,
    /// The offset of its key in the text, when serde_json lent the name from it.
    key_at: Option<usize>,
}

/// Checks the raw definition into the model, locating every problem in `bytes`.
fn lower(raw: RawMachine, bytes: &[u8]) -> Result<(StateMachine, StateKeys<'_>), ParseError> {
    let mut lower = Lower {
        text: bytes,
        ..Lower::default()
    };
    let machine = lower.machine(raw);
    let keys = StateKeys {
        names: lower.names,
        unique: !lower.duplicate_names,
    };
    if let (true, Some(machine)) = (lower.diagnostics.is_empty(), machine) {
        return Ok((machine, keys));
    }
    let pointers: Vec<&Pointer> = lower.diagnostics.iter().map(|d| &d.pointer).collect();
    let locations = SourceMap::new(bytes).locate_with(&pointers, |name| keys.key_at(name));
    let diagnostics = lower
        .diagnostics
        .into_iter()
        .zip(locations)
        .map(|(d, location)| match location {
            Some(location) => d.with_location(location),
            None => d,
        })
        .collect::<Vec<_>>();
    Err(ParseError {
        diagnostics: diagnostics.into(),
    })
}

impl FromStr for StateMachine {
    type Err = ParseError;
    fn from_str(text: &str) -> Result<Self, ParseError> {
        parse(text)
    }
}

/// A serde_json error, located by line and column, and by pointer through the source map.
fn json_error(bytes: &[u8], error: &serde_json::Error) -> ParseError {
    let location = crate::Location {
        line: error.line().max(1),
        column: error.column().max(1),
    };
    let pointer = SourceMap::new(bytes)
        .pointer_at(location)
        .unwrap_or_default();
    let text = error.to_string();
    // serde_json appends " at line L column C"; we report the location separately.
    let message = match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    };
    let code = if error.is_syntax() || error.is_eof() {
        Code::InvalidJson
    } else if message.starts_with("unknown field") {
        Code::UnknownField
    } else if message.starts_with("duplicate") {
        Code::DuplicateKey
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        Code::InvalidType
    } else if message.starts_with("unknown variant") {
        Code::InvalidValue
    } else {
        Code::InvalidJson
    };
    let message = message.replace(
        "recursion limit exceeded",
        "the definition nests too deeply (more than 128 levels)",
    );
    ParseError {
        diagnostics: vec![Diagnostic::error(code, pointer, message).with_location(location)].into(),
    }
}

/// The fields only Map states have.
const MAP_OWN: u64 = field_mask(&[
    "ItemProcessor",
    "Iterator",
    "ItemsPath",
    "Items",
    "ItemSelector",
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "MaxConcurrency",
    "MaxConcurrencyPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "Label",
]);

/// Collects problems while turning raw JSON into the model.
#[derive(Default)]
struct Lower<'t> {
    /// The text being parsed, which serde_json lends state names from.
    text: &'t [u8],
    diagnostics: Vec<Diagnostic>,
    /// Every state name seen so far, machine-wide (names must be unique across scopes); lent
    /// from the text where the name is there as is.
    names: foldhash::HashMap<Cow<'t, str>, NameSeen>,
    /// Whether some state name was given twice.
    duplicate_names: bool,
    /// Each `States` object lowered so far, with its pointer when one of its names has no
    /// known key offset; otherwise the first holder of a duplicate name is found in the text.
    scopes: Vec<Option<Pointer>>,
}

impl<'t> Lower<'t> {
    fn error(&mut self, code: Code, pointer: Pointer, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(code, pointer, message));
    }

    /// The pointer of the state that first had a name now seen again: from its scope's pointer
    /// when that was kept, else found in the text from its key's offset.
    fn first_holder(&self, first: &NameSeen, name: &str) -> Option<Pointer> {
        match (&self.scopes[first.scope], first.key_at) {
            (Some(scope), _) => Some(scope.field(name)),
            (None, Some(key_at)) => SourceMap::new(self.text).pointer_of_key(key_at),
            (None, None) => None,
        }
    }

    /// `name`, lent from the text when its key at `key_at` holds it as is (no allocation).
    fn lent(&self, key_at: Option<usize>, name: &str) -> Cow<'t, str> {
        let text = self.text;
        key_at
            .and_then(|at| text.get(at + 1..at + 1 + name.len()))
            .filter(|bytes| *bytes == name.as_bytes())
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .map_or_else(|| Cow::Owned(name.to_owned()), Cow::Borrowed)
    }

    /// The offset of the opening quote of a key whose text serde_json lent from `addr`.
    fn key_offset(&self, addr: usize) -> Option<usize> {
        let offset = addr
            .checked_sub(self.text.as_ptr().addr())?
            .checked_sub(1)?;
        (self.text.get(offset) == Some(&b'"')).then_some(offset)
    }

    fn missing(&mut self, at: &Loc<'_>, field: &str) {
        self.error(
            Code::MissingField,
            at.pointer(),
            format!("the field `{field}` is required but was missing"),
        );
    }

    fn machine(&mut self, raw: RawMachine) -> Option<StateMachine> {
        let root = Pointer::root();
        let root = Loc::At(&root);
        let timeout_seconds = raw
            .timeout_seconds
            .and_then(|n| self.unsigned(&n, &root, "TimeoutSeconds"));
        let (start_at, states) = self.scope(raw.start_at, raw.states, &root)?;
        Some(StateMachine {
            query_language: raw.query_language,
            comment: raw.comment,
            start_at,
            states,
            timeout_seconds,
            version: raw.version,
        })
    }

    fn scope(
        &mut self,
        start_at: Option<String>,
        states: Option<RawStates>,
        at: &Loc<'_>,
    ) -> Option<(StateName, States)> {
        if start_at.is_none() {
            self.missing(at, "StartAt");
        }
        if states.is_none() {
            self.missing(at, "States");
        }
        let (start_at, raw_states) = (start_at?, states?);
        let states_at = at.field("States");
        let scope_index = self.scopes.len();
        self.scopes.push(None);
        let mut states = States::with_capacity(raw_states.0.len());
        self.names.reserve(raw_states.0.len());
        let mut ok = true;
        for (RawName { name, addr }, raw) in raw_states.0 {
            let state_at = states_at.field(&name);
            if let Some(first) = self.names.get(name.as_str()) {
                self.duplicate_names = true;
                let message = if first.scope == scope_index {
                    format!("duplicate state name `{name}`")
                } else {
                    match self.first_holder(first, &name) {
                        Some(first) => format!(
                            "duplicate state name `{name}`: state names must be unique in the whole machine, and `{first}` has it"
                        ),
                        None => format!(
                            "duplicate state name `{name}`: state names must be unique in the whole machine"
                        ),
                    }
                };
                self.error(Code::DuplicateStateName, state_at.pointer(), message);
                ok = false;
                continue;
            }
            let key_at = addr.and_then(|addr| self.key_offset(addr));
            if key_at.is_none() && self.scopes[scope_index].is_none() {
                // Without the key's offset, a later duplicate could not find this name's
                // pointer in the text: keep the scope's.
                self.scopes[scope_index] = Some(states_at.pointer());
            }
            let key = self.lent(key_at, &name);
            self.names.insert(
                key,
                NameSeen {
                    scope: scope_index,
                    key_at,
                },
            );
            match self.state(raw, &state_at) {
                Some(state) => {
                    states.insert(StateName::from(name), state);
                }
                None => ok = false,
            }
        }
        ok.then_some((StateName::from(start_at), states))
    }

    fn branch(&mut self, raw: RawBranch, at: &Loc<'_>, allow_config: bool) -> Option<Branch> {
        if raw.processor_config.is_some() && !allow_config {
            self.error(
                Code::FieldNotAllowed,
                at.field("ProcessorConfig").pointer(),
                "the field `ProcessorConfig` is only allowed in a Map's `ItemProcessor`",
            );
        }
        let (start_at, states) = self.scope(raw.start_at, raw.states, at)?;
        Some(Branch {
            comment: raw.comment,
            query_language: raw.query_language,
            start_at,
            states,
        })
    }

    /// Reports each present field that `type_name` states do not have.
    fn forbid(&mut self, at: &Loc<'_>, type_name: &str, fields: &[(&str, bool)]) {
        for &(field, present) in fields {
            if present {
                self.not_allowed(at, type_name, field);
            }
        }
    }

    /// Reports `field`, which `type_name` states do not have.
    fn not_allowed(&mut self, at: &Loc<'_>, type_name: &str, field: &str) {
        self.error(
            Code::FieldNotAllowed,
            at.field(field).pointer(),
            format!("the field `{field}` is not allowed in a `{type_name}` state"),
        );
    }

    fn transition(
        &mut self,
        next: Option<String>,
        end: Option<bool>,
        at: &Loc<'_>,
    ) -> Option<Transition> {
        match (next, end) {
            (Some(_), Some(_)) => {
                self.error(
                    Code::ConflictingFields,
                    at.field("End").pointer(),
                    "`Next` and `End` cannot both be set",
                );
                None
            }
            (Some(next), None) => Some(Transition::Next(StateName::from(next))),
            (None, Some(true)) => Some(Transition::End),
            (None, Some(false)) => {
                self.error(
                    Code::MissingTransition,
                    at.field("End").pointer(),
                    "`End` is `false` and there is no `Next`: the state has no transition",
                );
                None
            }
            (None, None) => {
                self.error(
                    Code::MissingTransition,
                    at.pointer(),
                    "the state needs `Next` or `\"End\": true`",
                );
                None
            }
        }
    }

    /// `n` as a non-negative integer; else an error at `at`/`field`.
    fn unsigned(&mut self, n: &Number, at: &Loc<'_>, field: &str) -> Option<u64> {
        let value = n.as_u64();
        if value.is_none() {
            self.error(
                Code::InvalidValue,
                at.field(field).pointer(),
                format!("`{field}` must be a non-negative integer, not {n}"),
            );
        }
        value
    }

    /// A number-or-JSONata field: a non-negative integer, or a string (checked as JSONata later).
    fn unsigned_expr(
        &mut self,
        value: Option<RawScalar>,
        at: &Loc<'_>,
        field: &str,
    ) -> Option<Expr<u64>> {
        match value? {
            RawScalar::Number(n) => self.unsigned(&n, at, field).map(Expr::Literal),
            RawScalar::String(s) => Some(Expr::Jsonata(s)),
            RawScalar::Other(kind) => {
                self.error(
                    Code::InvalidType,
                    at.field(field).pointer(),
                    format!("`{field}` must be an integer or a JSONata expression, not {kind}"),
                );
                None
            }
        }
    }

    fn number_expr(
        &mut self,
        value: Option<RawScalar>,
        at: &Loc<'_>,
        field: &str,
    ) -> Option<Expr<f64>> {
        match value? {
            RawScalar::Number(n) => n.as_f64().map(Expr::Literal),
            RawScalar::String(s) => Some(Expr::Jsonata(s)),
            RawScalar::Other(kind) => {
                self.error(
                    Code::InvalidType,
                    at.field(field).pointer(),
                    format!("`{field}` must be a number or a JSONata expression, not {kind}"),
                );
                None
            }
        }
    }

    fn assign(
        &mut self,
        value: Present<crate::raw::Template>,
        at: &Loc<'_>,
    ) -> Option<Map<String, Value>> {
        match value.into_option()?.0 {
            Value::Object(map) => Some(map),
            other => {
                self.error(
                    Code::InvalidType,
                    at.field("Assign").pointer(),
                    format!("`Assign` must be an object, not {}", kind(&other)),
                );
                None
            }
        }
    }

    fn state(&mut self, raw: Box<RawState>, at: &Loc<'_>) -> Option<State> {
        // Only Parallel and Map recurse; the other types are lowered in a separate frame so the
        // recursion does not carry their (large, debug-build) stack space at every level.
        match raw.r#type {
            Some(RawType::Parallel) => self.parallel(raw, at).map(State::from),
            Some(RawType::Map) => self.map(raw, at).map(State::from),
            _ => self.leaf_state(raw, at),
        }
    }

    #[inline(never)]
    fn leaf_state(&mut self, mut raw: Box<RawState>, at: &Loc<'_>) -> Option<State> {
        let Some(type_name) = raw.r#type.take() else {
            self.missing(at, "Type");
            return None;
        };
        match type_name {
            RawType::Task => self.task(raw, at).map(State::from),
            RawType::Pass => self.pass(raw, at).map(State::from),
            RawType::Choice => self.choice(raw, at).map(State::from),
            RawType::Wait => self.wait(raw, at).map(State::from),
            RawType::Succeed => self.succeed(raw, at).map(State::from),
            RawType::Fail => self.fail(raw, at).map(State::from),
            // `state` lowers these two; kept here so the match stays total.
            RawType::Parallel => self.parallel(raw, at).map(State::from),
            RawType::Map => self.map(raw, at).map(State::from),
            RawType::Other(other) => {
                self.error(
                    Code::InvalidStateType,
                    at.field("Type").pointer(),
                    format!("the field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map], not `{other}`"),
                );
                None
            }
        }
    }

    /// Fields only Choice, Wait, Fail, Parallel or Map states have (and the Task-only ones),
    /// reported for any other type, except the `own` fields of `type_name`. A field is reported
    /// when given at all, even as `null`: it is not one of the state type's fields.
    fn forbid_specific(&mut self, r: &RawState, at: &Loc<'_>, type_name: &str, own: u64) {
        // The Map state's own fields, and every other type-specific one.
        const SPECIFIC: u64 = MAP_OWN
            | field_mask(&[
                "Resource",
                "Choices",
                "Default",
                "Seconds",
                "SecondsPath",
                "Timestamp",
                "TimestampPath",
                "Error",
                "ErrorPath",
                "Cause",
                "CausePath",
                "Branches",
                "TimeoutSeconds",
                "TimeoutSecondsPath",
                "HeartbeatSeconds",
                "HeartbeatSecondsPath",
                "Credentials",
                "Result",
            ]);
        let mut misplaced = r.present & SPECIFIC & !own;
        while misplaced != 0 {
            let bit = misplaced.trailing_zeros();
            misplaced &= misplaced - 1;
            // `present` only has bits for `STATE_FIELDS` entries.
            self.not_allowed(at, type_name, STATE_FIELDS[bit as usize]);
        }
    }

    fn task(&mut self, r: Box<RawState>, at: &Loc<'_>) -> Option<TaskState> {
        const OWN: u64 = field_mask(&[
            "Resource",
            "TimeoutSeconds",
            "TimeoutSecondsPath",
            "HeartbeatSeconds",
            "HeartbeatSecondsPath",
            "Credentials",
        ]);
        self.forbid_specific(&r, at, "Task", OWN);
        if r.resource.is_none() {
            self.missing(at, "Resource");
        }
        let timeout_seconds = self.unsigned_expr(r.timeout_seconds, at, "TimeoutSeconds");
        let heartbeat_seconds = self.unsigned_expr(r.heartbeat_seconds, at, "HeartbeatSeconds");
        let assign = self.assign(r.assign, at);
        let transition = self.transition(r.next, r.end, at);
        Some(TaskState {
            comment: r.comment,
            query_language: r.query_language,
            resource: r.resource?,
            input_path: path_or_null(r.input_path),
            parameters: template(r.parameters),
            arguments: template(r.arguments),
            result_selector: template(r.result_selector),
            result_path: path_or_null(r.result_path),
            output_path: path_or_null(r.output_path),
            output: template(r.output),
            assign,
            timeout_seconds,
            timeout_seconds_path: r.timeout_seconds_path,
            heartbeat_seconds,
            heartbeat_seconds_path: r.heartbeat_seconds_path,
            credentials: boxed_template(r.credentials),
            retry: r.retry.unwrap_or_default(),
            catch: r.catch.unwrap_or_default(),
            transition: transition?,
        })
    }

    fn pass(&mut self, r: Box<RawState>, at: &Loc<'_>) -> Option<PassState> {
        self.forbid_specific(&r, at, "Pass", const { field_mask(&["Result"]) });
        self.forbid(
            at,
            "Pass",
            &[
                ("ResultSelector", r.result_selector.is_present()),
                ("Arguments", r.arguments.is_present()),
                ("Retry", r.retry.is_some()),
                ("Catch", r.catch.is_some()),
            ],
        );
        let assign = self.assign(r.assign, at);
        let transition = self.transition(r.next, r.end, at);
        Some(PassState {
            comment: r.comment,
            query_language: r.query_language,
            input_path: path_or_null(r.input_path),
            parameters: template(r.parameters),
            result: template(r.result),
            result_path: path_or_null(r.result_path),
            output_path: path_or_null(r.output_path),
            output: template(r.output),
            assign,
            transition: transition?,
        })
    }

    fn no_transition(&mut self, r: &RawState, at: &Loc<'_>, type_name: &str) {
        self.forbid(
            at,
            type_name,
            &[("Next", r.next.is_some()), ("End", r.end.is_some())],
        );
    }

    fn choice(&mut self, r: Box<RawState>, at: &Loc<'_>) -> Option<ChoiceState> {
        self.forbid_specific(
            &r,
            at,
            "Choice",
            const { field_mask(&["Choices", "Default"]) },
        );
        self.no_transition(&r, at, "Choice");
        self.forbid(
            at,
            "Choice",
            &[
                ("Parameters", r.parameters.is_present()),
                ("ResultSelector", r.result_selector.is_present()),
                ("ResultPath", r.result_path.is_present()),
                ("Arguments", r.arguments.is_present()),
                ("Retry", r.retry.is_some()),
                ("Catch", r.catch.is_some()),
            ],
        );
        let Some(raw_rules) = r.choices else {
            self.missing(at, "Choices");
            return None;
        };
        let choices_at = at.field("Choices");
        let mut choices = Vec::with_capacity(raw_rules.len());
        let mut ok = true;
        for (i, rule) in raw_rules.into_iter().enumerate() {
            match self.choice_rule(rule, &choices_at.index(i)) {
                Some(rule) => choices.push(rule),
                None => ok = false,
            }
        }
        let assign = self.assign(r.assign, at);
        ok.then_some(ChoiceState {
            comment: r.comment,
            query_language: r.query_language,
            choices,
            default: r.default.map(StateName::from),
            input_path: path_or_null(r.input_path),
            output_path: path_or_null(r.output_path),
            output: template(r.output),
            assign,
        })
    }

    fn choice_rule(&mut self, mut rule: RawChoiceRule, at: &Loc<'_>) -> Option<ChoiceRule> {
        // The top-level fields are taken out; `bool_expr` (with `top`) does not look at them.
        let next = rule.next.take();
        let comment = rule.comment.take();
        let assign = match rule.assign.take() {
            None => None,
            Some(Value::Object(map)) => Some(map),
            Some(other) => {
                self.error(
                    Code::InvalidType,
                    at.field("Assign").pointer(),
                    format!("`Assign` must be an object, not {}", kind(&other)),
                );
                None
            }
        };
        let output = rule.output.take();
        let condition = if let Some(condition) = rule.condition.take() {
            let jsonpath = rule.variable.is_some()
                || !rule.operators.is_empty()
                || rule.and.is_some()
                || rule.or.is_some()
                || rule.not.is_some();
            if jsonpath {
                self.error(
                    Code::InvalidChoiceRule,
                    at.pointer(),
                    "a rule has either a JSONata `Condition` or a JSONPath comparison, not both",
                );
                None
            } else {
                match condition {
                    Value::Bool(b) => Some(Condition::Jsonata(Expr::Literal(b))),
                    Value::String(s) => Some(Condition::Jsonata(Expr::Jsonata(s))),
                    other => {
                        self.error(
                            Code::InvalidType,
                            at.field("Condition").pointer(),
                            format!("`Condition` must be `true`, `false` or a JSONata expression, not {}", kind(&other)),
                        );
                        None
                    }
                }
            }
        } else {
            self.bool_expr(rule, at, true).map(Condition::JsonPath)
        };
        if next.is_none() {
            self.missing(at, "Next");
        }
        Some(ChoiceRule {
            condition: condition?,
            next: StateName::from(next?),
            assign,
            output,
            comment,
        })
    }

    fn bool_expr(&mut self, rule: RawChoiceRule, at: &Loc<'_>, top: bool) -> Option<BoolExpr> {
        if !top {
            for (field, present) in [
                ("Next", rule.next.is_some()),
                ("Assign", rule.assign.is_some()),
                ("Output", rule.output.is_some()),
                ("Comment", rule.comment.is_some()),
                ("Condition", rule.condition.is_some()),
            ] {
                if present {
                    self.error(
                        Code::FieldNotAllowed,
                        at.field(field).pointer(),
                        format!("the field `{field}` is not allowed in a nested Choice rule"),
                    );
                }
            }
        }
        let forms = usize::from(rule.and.is_some())
            + usize::from(rule.or.is_some())
            + usize::from(rule.not.is_some())
            + usize::from(rule.variable.is_some() || !rule.operators.is_empty());
        if forms == 0 {
            self.error(
                Code::InvalidChoiceRule,
                at.pointer(),
                "a Choice rule needs `Variable` with a comparison operator, or `And`, `Or` or `Not`",
            );
            return None;
        }
        if forms > 1 {
            self.error(
                Code::InvalidChoiceRule,
                at.pointer(),
                "a Choice rule has exactly one of: a comparison, `And`, `Or`, `Not`",
            );
            return None;
        }
        if let Some(rules) = rule.and {
            return self
                .bool_list(rules, &at.field("And"), "And")
                .map(BoolExpr::And);
        }
        if let Some(rules) = rule.or {
            return self
                .bool_list(rules, &at.field("Or"), "Or")
                .map(BoolExpr::Or);
        }
        if let Some(inner) = rule.not {
            return self
                .bool_expr(*inner, &at.field("Not"), false)
                .map(|e| BoolExpr::Not(Box::new(e)));
        }
        let Some(variable) = rule.variable else {
            self.missing(at, "Variable");
            return None;
        };
        let mut operators = rule.operators;
        if operators.len() != 1 {
            let message = if operators.is_empty() {
                "a comparison needs one operator such as `StringEquals` or `NumericGreaterThan`"
                    .to_owned()
            } else {
                let names: Vec<_> = operators.iter().map(|(n, _)| format!("`{n}`")).collect();
                format!(
                    "each Choice rule can only have one comparison operator, found {}",
                    names.join(", ")
                )
            };
            self.error(Code::InvalidChoiceRule, at.pointer(), message);
            return None;
        }
        let (name, value) = operators.remove(0);
        let mut object = Map::new();
        object.insert(name.to_owned(), value);
        match serde_json::from_value::<ComparisonOperator>(Value::Object(object)) {
            Ok(operator) => Some(BoolExpr::Compare(Comparison { variable, operator })),
            Err(_) => {
                let expected = if name.ends_with("Path") {
                    "a path string"
                } else if name.starts_with("String") || name.starts_with("Timestamp") {
                    "a string"
                } else if name.starts_with("Numeric") {
                    "a number"
                } else {
                    "a boolean"
                };
                self.error(
                    Code::InvalidType,
                    at.field(name).pointer(),
                    format!("`{name}` takes {expected}"),
                );
                None
            }
        }
    }

    fn bool_list(
        &mut self,
        rules: Vec<RawChoiceRule>,
        at: &Loc<'_>,
        field: &str,
    ) -> Option<Vec<BoolExpr>> {
        if rules.is_empty() {
            self.error(
                Code::InvalidChoiceRule,
                at.pointer(),
                format!("`{field}` needs at least one rule"),
            );
            return None;
        }
        let mut out = Vec::with_capacity(rules.len());
        let mut ok = true;
        for (i, rule) in rules.into_iter().enumerate() {
            match self.bool_expr(rule, &at.index(i), false) {
                Some(e) => out.push(e),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn wait(&mut self, r: Box<RawState>, at: &Loc<'_>) -> Option<WaitState> {
        self.forbid_specific(
            &r,
            at,
            "Wait",
            const { field_mask(&["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]) },
        );
        self.forbid(
            at,
            "Wait",
            &[
                ("Parameters", r.parameters.is_present()),
                ("ResultSelector", r.result_selector.is_present()),
                ("ResultPath", r.result_path.is_present()),
                ("Arguments", r.arguments.is_present()),
                ("Retry", r.retry.is_some()),
                ("Catch", r.catch.is_some()),
            ],
        );
        let given: Vec<&str> = [
            ("Seconds", r.seconds.is_some()),
            ("SecondsPath", r.seconds_path.is_some()),
            ("Timestamp", r.timestamp.is_some()),
            ("TimestampPath", r.timestamp_path.is_some()),
        ]
        .into_iter()
        .filter_map(|(f, p)| p.then_some(f))
        .collect();
        let duration = match given.len() {
            0 => {
                self.error(
                    Code::MissingField,
                    at.pointer(),
                    "a Wait state needs one of `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath`",
                );
                None
            }
            1 => {
                if let Some(seconds) = r.seconds {
                    self.unsigned_expr(Some(seconds), at, "Seconds")
                        .map(WaitDuration::Seconds)
                } else if let Some(p) = r.seconds_path {
                    Some(WaitDuration::SecondsPath(p))
                } else if let Some(t) = r.timestamp {
                    Some(WaitDuration::Timestamp(t))
                } else {
                    r.timestamp_path.map(WaitDuration::TimestampPath)
                }
            }
            _ => {
                self.error(
                    Code::ConflictingFields,
                    at.field(given[1]).pointer(),
                    format!(
                        "a Wait state takes only one of {}",
                        given
                            .iter()
                            .map(|f| format!("`{f}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                None
            }
        };
        let assign = self.assign(r.assign, at);
        let transition = self.transition(r.next, r.end, at);
        Some(WaitState {
            comment: r.comment,
            query_language: r.query_language,
            duration: duration?,
            input_path: path_or_null(r.input_path),
            output_path: path_or_null(r.output_path),
            output: template(r.output),
            assign,
            transition: transition?,
        })
    }

    fn succeed(&mut self, r: Box<RawState>, at: &Loc<'_>) -> Option<SucceedState> {
        self.forbid_specific(&r, at, "Succeed", 0);
        self.no_transition(&r, at, "Succeed");
        self.forbid(
            at,
            "Succeed",
            &[
                ("Parameters", r.parameters.is_present()),
                ("ResultSelector", r.result_selector.is_present()),
                ("ResultPath", r.result_path.is_present()),
                ("Arguments", r.arguments.is_present()),
                ("Assign", r.assign.is_present()),
                ("Retry", r.retry.is_some()),
                ("Catch", r.catch.is_some()),
            ],
        );
        Some(SucceedState {
            comment: r.comment,
            query_language: r.query_language,
            input_path: path_or_null(r.input_path),
            output_path: path_or_null(r.output_path),
            output: template(r.output),
        })
    }

    fn fail(&mut self, r: Box<RawState>, at: &Loc<'_>) -> Option<FailState> {
        self.forbid_specific(
            &r,
            at,
            "Fail",
            const { field_mask(&["Error", "ErrorPath", "Cause", "CausePath"]) },
        );
        self.no_transition(&r, at, "Fail");
        self.forbid(
            at,
            "Fail",
            &[
                ("InputPath", r.input_path.is_present()),
                ("OutputPath", r.output_path.is_present()),
                ("Parameters", r.parameters.is_present()),
                ("ResultSelector", r.result_selector.is_present()),
                ("ResultPath", r.result_path.is_present()),
                ("Arguments", r.arguments.is_present()),
                ("Output", r.output.is_present()),
                ("Assign", r.assign.is_present()),
                ("Retry", r.retry.is_some()),
                ("Catch", r.catch.is_some()),
            ],
        );
        Some(FailState {
            comment: r.comment,
            query_language: r.query_language,
            error: r.error,
            error_path: r.error_path,
            cause: r.cause,
            cause_path: r.cause_path,
        })
    }

    fn parallel(&mut self, r: Box<RawState>, at: &Loc<'_>) -> Option<ParallelState> {
        self.forbid_specific(&r, at, "Parallel", const { field_mask(&["Branches"]) });
        let Some(raw_branches) = r.branches else {
            self.missing(at, "Branches");
            return None;
        };
        let branches_at = at.field("Branches");
        let mut branches = Vec::with_capacity(raw_branches.len());
        let mut ok = true;
        for (i, raw) in raw_branches.into_iter().enumerate() {
            match self.branch(raw, &branches_at.index(i), false) {
                Some(b) => branches.push(b),
                None => ok = false,
            }
        }
        let assign = self.assign(r.assign, at);
        let transition = self.transition(r.next, r.end, at);
        if !ok {
            return None;
        }
        Some(ParallelState {
            comment: r.comment,
            query_language: r.query_language,
            branches,
            input_path: path_or_null(r.input_path),
            parameters: template(r.parameters),
            arguments: template(r.arguments),
            result_selector: template(r.result_selector),
            result_path: path_or_null(r.result_path),
            output_path: path_or_null(r.output_path),
            output: template(r.output),
            assign,
            retry: r.retry.unwrap_or_default(),
            catch: r.catch.unwrap_or_default(),
            transition: transition?,
        })
    }

    fn map(&mut self, r: Box<RawState>, at: &Loc<'_>) -> Option<MapState> {
        self.forbid_specific(&r, at, "Map", MAP_OWN);
        self.forbid(at, "Map", &[("Arguments", r.arguments.is_present())]);
        let processor = match (r.item_processor, r.iterator) {
            (Some(_), Some(_)) => {
                self.error(
                    Code::ConflictingFields,
                    at.field("Iterator").pointer(),
                    "a Map state takes `ItemProcessor` or the legacy `Iterator`, not both",
                );
                None
            }
            (Some(p), None) => {
                let config = p.processor_config.clone();
                self.branch(*p, &at.field("ItemProcessor"), true)
                    .map(|branch| {
                        Processor::ItemProcessor(ItemProcessor {
                            processor_config: config,
                            branch,
                        })
                    })
            }
            (None, Some(i)) => self
                .branch(*i, &at.field("Iterator"), false)
                .map(Processor::Iterator),
            (None, None) => {
                self.missing(at, "ItemProcessor");
                None
            }
        };
        let max_concurrency = self.unsigned_expr(r.max_concurrency, at, "MaxConcurrency");
        let tolerated_failure_count =
            self.unsigned_expr(r.tolerated_failure_count, at, "ToleratedFailureCount");
        let tolerated_failure_percentage = self.number_expr(
            r.tolerated_failure_percentage,
            at,
            "ToleratedFailurePercentage",
        );
        let assign = self.assign(r.assign, at);
        let transition = self.transition(r.next, r.end, at);
        Some(MapState {
            comment: r.comment,
            query_language: r.query_language,
            processor: processor?,
            items_path: r.items_path,
            items: boxed_template(r.items),
            item_selector: boxed_template(r.item_selector),
            parameters: template(r.parameters),
            item_reader: r.item_reader.map(|b| *b),
            item_batcher: r.item_batcher.map(|b| *b),
            result_writer: r.result_writer.map(|b| *b),
            max_concurrency,
            max_concurrency_path: r.max_concurrency_path,
            tolerated_failure_percentage,
            tolerated_failure_percentage_path: r.tolerated_failure_percentage_path,
            tolerated_failure_count,
            tolerated_failure_count_path: r.tolerated_failure_count_path,
            label: r.label,
            input_path: path_or_null(r.input_path),
            result_selector: template(r.result_selector),
            result_path: path_or_null(r.result_path),
            output_path: path_or_null(r.output_path),
            output: template(r.output),
            assign,
            retry: r.retry.unwrap_or_default(),
            catch: r.catch.unwrap_or_default(),
            transition: transition?,
        })
    }
}

fn path_or_null(field: Present<Option<String>>) -> Option<PathOrNull> {
    field.into_option().map(|p| match p {
        Some(path) => PathOrNull::Path(path),
        None => PathOrNull::Null,
    })
}

fn template(field: Present<crate::raw::Template>) -> Option<Value> {
    field.into_option().map(|t| t.0)
}

fn boxed_template(field: Present<Box<crate::raw::Template>>) -> Option<Value> {
    field.into_option().map(|t| t.0)
}

/// The kind of a JSON value, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    fn located(text: &str) -> Vec<(String, usize, usize)> {
        let error = crate::parse(text).expect_err("the definition is rejected");
        error
            .diagnostics
            .iter()
            .map(|d| {
                let at = d.location.expect("every problem is located");
                (d.pointer.to_string(), at.line, at.column)
            })
            .collect()
    }

    #[test]
    fn problems_inside_nested_states_are_located_at_their_own_text() {
        let text = "{\"StartAt\": \"P\", \"States\": {\n\"P\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": [\n{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Retry\": []}}}]}}}";
        assert_eq!(
            located(text),
            [
                ("/States/P/Branches/0/States/A/Retry".to_owned(), 3, 51),
                ("/States/P/Branches/0/States/A".to_owned(), 3, 29),
            ]
        );
    }

    #[test]
    fn with_a_state_named_twice_every_problem_is_still_located_at_its_own_text() {
        let text = "{\"StartAt\": \"A\", \"States\": {\n\"A\": {\"Type\": \"Parallel\", \"End\": true, \"Default\": \"B\", \"Branches\": [\n{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}]}}}";
        assert_eq!(
            located(text),
            [
                ("/States/A/Default".to_owned(), 2, 40),
                ("/States/A/Branches/0/States/A".to_owned(), 3, 29),
            ]
        );
    }

    fn duplicate_message(text: &str) -> String {
        let error = crate::parse(text).expect_err("the definition is rejected");
        let d = error
            .diagnostics
            .iter()
            .find(|d| d.code == crate::Code::DuplicateStateName)
            .expect("the duplicate is reported");
        d.message.clone()
    }

    #[test]
    fn a_name_repeated_in_another_scope_names_its_first_holder() {
        let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "A", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}]},
            "A": {"Type": "Succeed"}}}"#;
        assert_eq!(
            duplicate_message(text),
            "duplicate state name `A`: state names must be unique in the whole machine, and `/States/P/Branches/0/States/A` has it"
        );
    }

    #[test]
    fn a_first_holder_with_an_escaped_name_is_named_too() {
        let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "A/\u0042", "Branches": [
            {"StartAt": "A/\u0042", "States": {"A/\u0042": {"Type": "Succeed"}}}]},
            "A/B": {"Type": "Succeed"}}}"#;
        assert_eq!(
            duplicate_message(text),
            "duplicate state name `A/B`: state names must be unique in the whole machine, and `/States/P/Branches/0/States/A~1B` has it"
        );
    }

    #[test]
    fn a_number_field_of_another_kind_says_which_kind_it_got() {
        for (value, kind) in [
            ("true", "a boolean"),
            ("[1, [2]]", "an array"),
            (r#"{"a": {"b": 1}}"#, "an object"),
        ] {
            let text = format!(
                r#"{{"StartAt": "W", "States": {{"W": {{"Type": "Wait", "Seconds": {value}, "End": true}}}}}}"#
            );
            let error = crate::parse(&text).expect_err("the definition is rejected");
            let d = &error.diagnostics.0[0];
            assert_eq!(d.pointer.as_str(), "/States/W/Seconds");
            assert_eq!(
                d.message,
                format!("`Seconds` must be an integer or a JSONata expression, not {kind}")
            );
        }
    }

    #[test]
    fn number_fields_read_integers_decimals_and_expressions() {
        let text = r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "MaxConcurrency": 3, "ToleratedFailurePercentage": 12.5, "ToleratedFailureCount": "{% 1 %}",
            "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}}}}"#;
        let machine = crate::parse(text).expect("the definition parses");
        let crate::State::Map(map) = &machine.states["M"] else {
            panic!("M is a Map state");
        };
        assert_eq!(map.max_concurrency, Some(crate::Expr::Literal(3)));
        assert_eq!(
            map.tolerated_failure_percentage,
            Some(crate::Expr::Literal(12.5))
        );
        assert_eq!(
            map.tolerated_failure_count,
            Some(crate::Expr::Jsonata("{% 1 %}".to_owned()))
        );
    }

    #[test]
    fn fields_of_other_state_types_are_reported_in_field_order_even_when_null() {
        let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true,
            "Label": "x", "Resource": null, "Seconds": 1, "Result": 1}}}"#;
        let error = crate::parse(text).expect_err("the definition is rejected");
        let fields: Vec<_> = error
            .diagnostics
            .iter()
            .map(|d| (d.code.id(), d.pointer.to_string()))
            .collect();
        assert_eq!(
            fields,
            [
                ("field_not_allowed", "/States/P/Resource".to_owned()),
                ("field_not_allowed", "/States/P/Seconds".to_owned()),
                ("field_not_allowed", "/States/P/Label".to_owned()),
            ]
        );
    }
}
