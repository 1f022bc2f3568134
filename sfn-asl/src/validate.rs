//! The validator: every rule AWS's `CreateStateMachine` applies, plus warnings for what AWS
//! accepts but is almost always a bug. It never stops at the first problem.

mod transitions;

use crate::{Diagnostic, Diagnostics, SourceMap, StateMachine};

/// Checks a parsed machine; returns every problem found (empty when AWS would accept it and
/// nothing looks wrong).
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
    let mut out = Vec::new();
    transitions::check(machine, &mut out);
    Diagnostics(out)
}

/// Parses and checks a definition's text: parse errors, or the validator's diagnostics, each
/// with its line and column.
pub fn validate_str(text: &str) -> Diagnostics {
    match crate::parse(text) {
        Err(error) => error.diagnostics,
        Ok(machine) => {
            let mut diagnostics = validate(&machine);
            if !diagnostics.is_empty() {
                let map = SourceMap::new(text.as_bytes());
                for d in &mut diagnostics.0 {
                    locate(&map, d);
                }
            }
            diagnostics
        }
    }
}

fn locate(map: &SourceMap<'_>, d: &mut Diagnostic) {
    if d.location.is_none() {
        d.location = map.locate(&d.pointer);
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
