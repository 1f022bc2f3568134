//! The check, delegated to sfn-asl (the sqlx-macros contract): the lowered document goes through
//! `sfn_asl::parse` (shape rules: `Next` with `End`, a rule without `Next`, fields a state type
//! does not have) and `sfn_asl::validate` (every validator rule), exactly as a definition file
//! would. The macro adds no rule of its own here, so it and the validator cannot disagree; each
//! diagnostic lands on the tokens its JSON Pointer maps to.

use serde_json::Value;
use sfn_asl::{Code, Diagnostic, Pointer, StateMachine};

use crate::ctxt::Ctxt;
use crate::span_map::SpanMap;

/// How many times a document with shape errors is repaired and parsed again (each round removes
/// the fields those errors point at, so the validator can still run on the rest).
const MAX_ROUNDS: usize = 8;

/// Checks `json`; reports every error into `cx` and returns the machine when there were none.
///
/// `holes` are the parts that had errors before (see `Lowered::holes`): diagnostics inside them,
/// and reachability diagnostics, are not reported, as they may only be consequences.
pub(crate) fn run(
    cx: &Ctxt,
    mut json: Value,
    spans: &SpanMap,
    holes: Vec<Pointer>,
) -> Option<StateMachine> {
    if holes.iter().any(|h| h.as_str().is_empty()) {
        return None;
    }
    // A state with an error of its own becomes a terminal placeholder of the same name: its
    // transitions still resolve, and what it lacks (a skipped `next`) is not reported again.
    for hole in &holes {
        if let Some(state) = enclosing_state(hole) {
            replace(&mut json, &state, serde_json::json!({ "Type": "Succeed" }));
        }
    }
    let mut removed: Vec<Pointer> = holes;
    for _ in 0..MAX_ROUNDS {
        let text = json.to_string();
        match sfn_asl::parse(&text) {
            Ok(machine) => {
                let diagnostics = sfn_asl::validate(&machine);
                let mut clean = true;
                for d in diagnostics.errors() {
                    // Removing fields may cut transitions: reachability is only trusted on an
                    // unrepaired document.
                    if !removed.is_empty()
                        && (matches!(d.code, Code::UnreachableState | Code::NoTerminalState)
                            || removed
                                .iter()
                                .any(|r| d.pointer.starts_with(r) || r.starts_with(&d.pointer)))
                    {
                        continue;
                    }
                    cx.push(spans.error(d));
                    clean = false;
                }
                return (clean && removed.is_empty()).then_some(machine);
            }
            Err(error) => {
                let mut progress = false;
                for d in error.diagnostics.iter() {
                    if removed
                        .iter()
                        .any(|r| r.starts_with(&d.pointer) || d.pointer.starts_with(r))
                    {
                        // Caused by a removal or an earlier error (a field now missing).
                        continue;
                    }
                    cx.push(spans.error(d));
                    if let Some(target) = removable(d) {
                        progress |= remove(&mut json, &target);
                        removed.push(target);
                    }
                }
                if !progress {
                    return None;
                }
            }
        }
    }
    None
}

/// The field to drop so that `d` goes away: the pointer itself, or the array holding it. A whole
/// state or scope is never dropped (transitions to it would then fail too).
fn removable(d: &Diagnostic) -> Option<Pointer> {
    let tokens: Vec<String> = d.pointer.tokens().collect();
    // The deepest object key on the path: array items are removed with their array.
    let mut cut = tokens.len();
    while cut > 0 && tokens[cut - 1].parse::<usize>().is_ok() {
        cut -= 1;
    }
    // A state's own field is at least `States/<name>/<field>`.
    let field = tokens[..cut].iter().rposition(|t| t == "States")?;
    if cut < field + 3 {
        return None;
    }
    let mut pointer = Pointer::root();
    for t in &tokens[..cut] {
        pointer = pointer.field(t);
    }
    Some(pointer)
}

/// The state that `pointer` is in or at (`/States/P/Branches/0` → `/States/P`).
fn enclosing_state(pointer: &Pointer) -> Option<Pointer> {
    let tokens: Vec<String> = pointer.tokens().collect();
    let states = tokens[..tokens.len().saturating_sub(1)]
        .iter()
        .rposition(|t| t == "States")?;
    let mut out = Pointer::root();
    for t in &tokens[..states + 2] {
        out = out.field(t);
    }
    Some(out)
}

/// Replaces the value at `pointer`, if there is one.
fn replace(json: &mut Value, pointer: &Pointer, value: Value) {
    if let Some(slot) = json.pointer_mut(pointer.as_str()) {
        *slot = value;
    }
}

/// Removes the value at `pointer`; whether anything was removed.
fn remove(json: &mut Value, pointer: &Pointer) -> bool {
    let tokens: Vec<String> = pointer.tokens().collect();
    let Some((last, path)) = tokens.split_last() else {
        return false;
    };
    let mut at = json;
    for t in path {
        at = match at {
            Value::Object(map) => match map.get_mut(t) {
                Some(v) => v,
                None => return false,
            },
            Value::Array(items) => match t.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match at {
        Value::Object(map) => map.shift_remove(last).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Span;

    fn errors(json: Value) -> Vec<String> {
        let cx = Ctxt::new();
        let machine = run(&cx, json, &SpanMap::new(Span::call_site()), Vec::new());
        match cx.check() {
            Ok(()) => {
                assert!(machine.is_some());
                Vec::new()
            }
            Err(e) => e.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_valid_document_gives_the_machine() {
        let json = serde_json::json!({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}});
        assert!(errors(json).is_empty());
    }

    #[test]
    fn shape_and_validator_errors_are_reported_together() {
        // `Next` with `End` is a shape error; the unknown target is the validator's.
        let json = serde_json::json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B", "End": true},
            "B": {"Type": "Pass", "Next": "Nowhere"}
        }});
        let errors = errors(json);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("Nowhere")), "{errors:?}");
    }

    #[test]
    fn a_state_with_lowering_errors_does_not_hide_the_others() {
        // `/States/A` lost its `Next` to an earlier error: it is a placeholder now, and the
        // unknown target in `B` is still found.
        let json = serde_json::json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass"},
            "B": {"Type": "Pass", "Next": "Nowhere"}
        }});
        let cx = Ctxt::new();
        let hole = Pointer::parse("/States/A").unwrap();
        assert!(run(&cx, json, &SpanMap::new(Span::call_site()), vec![hole]).is_none());
        let errors: Vec<String> = cx
            .check()
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("Nowhere"));
    }

    #[test]
    fn enclosing_state_strips_to_the_state() {
        let p = |s: &str| Pointer::parse(s).unwrap();
        assert_eq!(
            enclosing_state(&p("/States/P/Branches/0")),
            Some(p("/States/P"))
        );
        assert_eq!(
            enclosing_state(&p("/States/P/Branches/0/States/A/Next")),
            Some(p("/States/P/Branches/0/States/A"))
        );
        assert_eq!(enclosing_state(&p("/States/A")), Some(p("/States/A")));
        assert_eq!(enclosing_state(&p("/StartAt")), None);
    }

    #[test]
    fn removable_targets_fields_never_states() {
        let at = |p: &str| Diagnostic::error(Code::InvalidType, Pointer::parse(p).unwrap(), "x");
        assert_eq!(
            removable(&at("/States/A/End")).unwrap().as_str(),
            "/States/A/End"
        );
        assert_eq!(
            removable(&at("/States/A/Choices/0")).unwrap().as_str(),
            "/States/A/Choices"
        );
        assert_eq!(removable(&at("/States/A")), None);
        assert_eq!(removable(&at("/StartAt")), None);
    }
}
