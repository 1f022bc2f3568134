//! The validator: every rule AWS's `CreateStateMachine` applies, plus warnings for what AWS
//! accepts but is almost always a bug. It never stops at the first problem.
//!
//! One module per rule family; each rule is a `fn check_*` whose comment states the AWS rule and
//! where it is documented:
//! - `structure`: fields per state type and query language, `X` vs `XPath` pairs, state names,
//!   Map inline/distributed fields, `Credentials`, `Resource`;
//! - `values`: numeric ranges and literal-vs-expression fields;
//! - `retry_catch`: `ErrorEquals`, `States.ALL`, Retrier ranges, Catcher fields;
//! - `choice`: Choice rules in the state's query language;
//! - `transitions`: targets, reachability and terminal states per scope, loops without exit;
//! - `warnings`: what AWS accepts but is almost always a bug, and the definition's size;
//! - `variables` (driving `languages`): the languages inside strings — `paths`, `templates`,
//!   `intrinsics`, `jsonata`, `literals` (timestamps, `StringMatches`) — and the variables read
//!   and assigned, with a dataflow check that every read is assigned on some path before it.

mod choice;
mod intrinsics;
mod jsonata;
mod languages;
mod literals;
mod paths;
mod retry_catch;
mod structure;
mod templates;
mod transitions;
mod values;
mod variables;
mod warnings;

use crate::model::{QueryLanguage, States};
use crate::pointer::Loc;
use crate::{Diagnostics, Pointer, SourceMap, State, StateMachine, StateName};

/// Checks a parsed machine; returns every problem found (empty when AWS would accept it and
/// nothing looks wrong).
///
/// The definition's size is measured by serializing the machine once ([`validate_str`] uses the
/// text's length instead); a model built in Rust with Choice rules nested over 1,000 deep is not
/// measured, since serde's recursive serializer could overflow the stack on it.
///
/// ```
/// let machine = sfn_asl::parse(r#"{"StartAt": "A", "States": {
///     "A": {"Type": "Pass", "End": true},
///     "B": {"Type": "Succeed"}
/// }}"#)?;
/// let diagnostics = sfn_asl::validate(&machine);
/// assert_eq!(diagnostics.0[0].aws_message(),
///     "MISSING_TRANSITION_TARGET: State \"B\" is not reachable. at /States/B");
/// # Ok::<(), sfn_asl::ParseError>(())
/// ```
pub fn validate(machine: &StateMachine) -> Diagnostics {
    run(machine, warnings::serialized_size(machine))
}

/// Parses and checks a definition's text: parse errors, or the validator's diagnostics, each
/// with its line and column, in source order. The definition's size is the text's length.
///
/// ```
/// let diagnostics = sfn_asl::validate_str(r#"{"StartAt": "A", "States": {
///     "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///           "TimeoutSeconds": 10, "HeartbeatSeconds": 10, "End": true}
/// }}"#);
/// let d = diagnostics.errors().next().unwrap();
/// assert_eq!(d.code.id(), "invalid_value");
/// assert_eq!(d.pointer.as_str(), "/States/A/HeartbeatSeconds");
/// assert_eq!(d.location.unwrap().line, 3);
/// ```
pub fn validate_str(text: &str) -> Diagnostics {
    match crate::parse::parse_keyed(text) {
        Err(error) => error.diagnostics,
        Ok((machine, keys)) => {
            let mut diagnostics = run(&machine, Some(text.len()));
            if !diagnostics.is_empty() {
                let map = SourceMap::new(text.as_bytes());
                let pointers: Vec<&Pointer> = diagnostics.0.iter().map(|d| &d.pointer).collect();
                let locations = map.locate_with(&pointers, |name| keys.key_at(name));
                for (d, location) in diagnostics.0.iter_mut().zip(locations) {
                    if d.location.is_none() {
                        d.location = location;
                    }
                }
                // In source order, as a compiler reports; the sort is stable, so diagnostics at
                // one place keep the rules' order.
                diagnostics
                    .0
                    .sort_by_key(|d| d.location.map_or((usize::MAX, 0), |l| (l.line, l.column)));
            }
            diagnostics
        }
    }
}

/// Every rule, on a machine whose serialized size is `size` bytes (when it could be measured).
fn run(machine: &StateMachine, size: Option<usize>) -> Diagnostics {
    let mut out = Vec::new();
    if let Some(size) = size {
        warnings::check_definition_size(size, &mut out);
    }
    values::check_machine(machine, &mut out);
    transitions::check(machine, &mut out);
    variables::check(machine, &mut out);
    let machine_language = machine.effective_query_language();
    let root = Pointer::root();
    each_state(
        &machine.states,
        &Loc::At(&root),
        machine_language,
        &mut |cx| {
            structure::check_state(cx, &mut out);
            values::check_state(cx, &mut out);
            retry_catch::check_state(cx, &mut out);
            choice::check_state(cx, &mut out);
            warnings::check_state(cx, &mut out);
        },
    );
    Diagnostics(out)
}

/// One state as the rules see it: where it is and which query language governs it.
pub(crate) struct StateCx<'a> {
    /// The state's name (its key in `States`).
    pub(crate) name: &'a StateName,
    /// The state.
    pub(crate) state: &'a State,
    /// The `States` object that holds the state (`/States`, `/States/P/Branches/0/States`, …).
    pub(crate) states_at: &'a Loc<'a>,
    /// The state's own `QueryLanguage`, else the machine's.
    pub(crate) language: QueryLanguage,
    /// The machine's query language.
    pub(crate) machine_language: QueryLanguage,
}

impl StateCx<'_> {
    /// `/States/<name>`, under its scope. Built on demand: most states need none.
    pub(crate) fn at(&self) -> Pointer {
        self.states_at.field(self.name.as_str()).pointer()
    }

    /// The pointer to a field below the state, such as `["ItemReader", "ReaderConfig"]`.
    pub(crate) fn at_path(&self, tokens: &[&str]) -> Pointer {
        let mut at = self.at();
        for t in tokens {
            at = at.field(t);
        }
        at
    }

    /// Whether the state is a JSONata state.
    pub(crate) fn is_jsonata(&self) -> bool {
        self.language == QueryLanguage::Jsonata
    }
}

/// Calls `f` for every state of `states` and of every nested scope, in document order (a state
/// before the states of its branches).
///
/// A state's query language is its own `QueryLanguage`, else the **machine's**: states inside a
/// Parallel or Map do not inherit the Parallel's or Map's own `QueryLanguage` (ASL spec, "Query
/// Languages").
pub(crate) fn each_state(
    states: &States,
    scope: &Loc<'_>,
    machine_language: QueryLanguage,
    f: &mut impl FnMut(&StateCx<'_>),
) {
    let states_at = scope.field("States");
    for (name, state) in states {
        let cx = StateCx {
            name,
            state,
            states_at: &states_at,
            language: state.query_language().unwrap_or(machine_language),
            machine_language,
        };
        f(&cx);
        if matches!(state, State::Parallel(_) | State::Map(_)) {
            let state_at = states_at.field(name.as_str());
            for (key, branch) in state.scopes() {
                key.with_loc(&state_at, |at| {
                    each_state(&branch.states, at, machine_language, f);
                });
            }
        }
    }
}

/// The closest of `candidates` to `name`, when it is close enough to be a likely typo
/// (Jaro similarity above 0.7, as clap uses).
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro(name, c), c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Test helpers shared by the rule modules' unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::{Code, Diagnostics, Severity};

    /// Validates `text`, which must parse.
    pub(crate) fn check(text: &str) -> Diagnostics {
        if let Err(e) = crate::parse(text) {
            panic!("test definition does not parse: {e}");
        }
        crate::validate_str(text)
    }

    /// The (code, pointer) of every error.
    pub(crate) fn errors(text: &str) -> Vec<(Code, String)> {
        check(text)
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (d.code, d.pointer.as_str().to_owned()))
            .collect()
    }

    /// The (code, pointer) of every warning.
    pub(crate) fn warnings(text: &str) -> Vec<(Code, String)> {
        check(text)
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| (d.code, d.pointer.as_str().to_owned()))
            .collect()
    }

    /// A machine whose `StartAt` is the state `S`, given as its JSON body (which may go on with
    /// more states: `{...}, "T": {...}`).
    pub(crate) fn one(state: &str) -> String {
        format!(r#"{{"StartAt": "S", "States": {{"S": {state}}}}}"#)
    }

    /// Like [`one`], in a JSONata machine.
    pub(crate) fn one_jsonata(state: &str) -> String {
        format!(r#"{{"QueryLanguage": "JSONata", "StartAt": "S", "States": {{"S": {state}}}}}"#)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::one;

    #[test]
    fn validate_and_validate_str_agree_but_for_locations() {
        let text = one(r#"{"Type": "Task", "Resource": "x", "TimeoutSeconds": 0, "Next": "Nope"}"#);
        let from_text = crate::validate_str(&text);
        let from_model = crate::validate(&crate::parse(&text).unwrap());
        let key = |d: &crate::Diagnostic| (d.code, d.pointer.clone(), d.message.clone());
        let mut a: Vec<_> = from_text.iter().map(key).collect();
        let mut b: Vec<_> = from_model.iter().map(key).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert!(from_text.iter().all(|d| d.location.is_some()));
        assert!(from_model.iter().all(|d| d.location.is_none()));
    }

    #[test]
    fn diagnostics_from_text_come_in_source_order() {
        let text = "{\"StartAt\": \"A\", \"States\": {\n\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"},\n\"B\": {\"Type\": \"Task\", \"Resource\": \"x\", \"End\": true}}}";
        let lines: Vec<usize> = crate::validate_str(text)
            .iter()
            .map(|d| d.location.unwrap().line)
            .collect();
        assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
        assert!(lines.len() >= 2, "{lines:?}");
    }
}
