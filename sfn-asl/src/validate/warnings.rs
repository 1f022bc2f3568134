//! What AWS accepts but is almost always a bug (warnings), and the definition's size (an error).

use crate::pointer::Loc;
use std::io;

use super::StateCx;
use crate::model::{BoolExpr, Condition};
use crate::{Code, Diagnostic, Pointer, State, StateMachine};

/// AWS's limit on a definition: 1 MiB (the `definition` parameter of `CreateStateMachine` is at
/// most 1,048,576 characters; Developer Guide, "Service quotas": "Maximum request size: 1 MB").
pub(crate) const MAX_DEFINITION_BYTES: usize = 1_048_576;

/// Every warning about one state.
pub(super) fn check_state(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    match cx.state {
        State::Choice(choice) if choice.default.is_none() => check_choice_default(cx, out),
        State::Task(task)
            if task.timeout_seconds.is_none() && task.timeout_seconds_path.is_none() =>
        {
            check_task_timeout(cx, out);
        }
        _ => {}
    }
}

// Warning: a Choice state without `Default` fails the execution with `States.NoChoiceMatched`
// when no rule matches (ASL spec, "Choice State": "it is RECOMMENDED to have a Default"; AWS
// accepts the definition).
fn check_choice_default(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::warning(
            Code::ChoiceWithoutDefault,
            cx.at(),
            format!(
                "Choice state `{}` has no `Default`: an input that no rule matches fails the execution with `States.NoChoiceMatched`",
                cx.name
            ),
        )
        .with_help("add `\"Default\": \"<state>\"`"),
    );
}

// Warning: a Task without `TimeoutSeconds` (or `TimeoutSecondsPath`) waits up to AWS's default
// of 99999999 seconds, over three years, when its worker never answers (Developer Guide, "Task":
// "we recommend that you specify a timeout"; AWS accepts the definition).
fn check_task_timeout(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::warning(
            Code::TaskWithoutTimeout,
            cx.at(),
            format!(
                "Task state `{}` has no `TimeoutSeconds`: a worker that never answers keeps it waiting for 99999999 seconds (over three years)",
                cx.name
            ),
        )
        .with_help("set `TimeoutSeconds` to the longest the work should take"),
    );
}

// AWS: a definition larger than 1 MiB is rejected by `CreateStateMachine` and
// `ValidateStateMachineDefinition` (the request's `definition` is at most 1,048,576 characters).
// This is an error, not a warning: AWS refuses it.
pub(super) fn check_definition_size(size: usize, out: &mut Vec<Diagnostic>) {
    if size > MAX_DEFINITION_BYTES {
        out.push(
            Diagnostic::error(
                Code::DefinitionTooLarge,
                Pointer::root(),
                format!(
                    "the definition is {size} bytes, over AWS's limit of {MAX_DEFINITION_BYTES} bytes (1 MiB)"
                ),
            )
            .with_help("move large constants out of the definition, or split it with nested state machines"),
        );
    }
}

/// Choice rules nested deeper than this are not serialized to measure the machine (see
/// [`serialized_size`]). The parser accepts at most 128 levels of JSON, so only a model built in
/// Rust gets here.
const MAX_MEASURED_RULE_DEPTH: usize = 1_000;

/// The length of the machine's compact JSON, counted without building the string; `None` for a
/// model whose Choice rules nest deeper than [`MAX_MEASURED_RULE_DEPTH`], which serde's recursive
/// serializer (like [`StateMachine::to_json`]) cannot write on a small thread stack.
pub(super) fn serialized_size(machine: &StateMachine) -> Option<usize> {
    struct Count(usize);
    impl io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut too_deep = false;
    let root = Pointer::root();
    super::each_state(
        &machine.states,
        &Loc::At(&root),
        machine.effective_query_language(),
        &mut |cx| {
            if let State::Choice(choice) = cx.state {
                too_deep |= choice.choices.iter().any(|rule| match &rule.condition {
                    Condition::JsonPath(expr) => rule_depth(expr) > MAX_MEASURED_RULE_DEPTH,
                    Condition::Jsonata(_) => false,
                });
            }
        },
    );
    if too_deep {
        return None;
    }
    let mut count = Count(0);
    // Writing to a counter cannot fail, and serializing the model cannot either (see
    // `StateMachine::to_json`); on a failure the size counted so far is a lower bound.
    let _ = serde_json::to_writer(&mut count, machine);
    Some(count.0)
}

/// How deep `And`/`Or`/`Not` nest in a rule, measured without recursion.
fn rule_depth(expr: &BoolExpr) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(expr, 1)];
    while let Some((expr, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        match expr {
            BoolExpr::Compare(_) => {}
            BoolExpr::Not(inner) => stack.push((inner, depth + 1)),
            BoolExpr::And(rules) | BoolExpr::Or(rules) => {
                stack.extend(rules.iter().map(|r| (r, depth + 1)));
            }
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{errors, one, warnings};
    use super::*;

    #[test]
    fn choice_without_default_warns() {
        let text = one(
            r#"{"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "A"}]},
               "A": {"Type": "Succeed"}"#,
        );
        assert_eq!(
            warnings(&text),
            [(Code::ChoiceWithoutDefault, "/States/S".into())]
        );
        assert_eq!(errors(&text), []);
    }

    #[test]
    fn task_without_timeout_warns() {
        let text =
            one(r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}"#);
        assert_eq!(
            warnings(&text),
            [(Code::TaskWithoutTimeout, "/States/S".into())]
        );
    }

    #[test]
    fn task_with_timeout_path_does_not_warn() {
        let text = one(
            r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSecondsPath": "$.t", "End": true}"#,
        );
        assert_eq!(warnings(&text), []);
    }

    #[test]
    fn definition_over_1_mib_is_an_error() {
        let comment = "x".repeat(MAX_DEFINITION_BYTES);
        let text = format!(
            r#"{{"Comment": "{comment}", "StartAt": "S", "States": {{"S": {{"Type": "Succeed"}}}}}}"#
        );
        assert_eq!(errors(&text), [(Code::DefinitionTooLarge, "".into())]);
        let machine = crate::parse(&text).unwrap();
        assert!(crate::validate(&machine).contains(Code::DefinitionTooLarge));
    }

    #[test]
    fn serialized_size_is_the_compact_json_length() {
        let machine =
            crate::parse(r#"{"StartAt": "S", "States": {"S": {"Type": "Succeed"}}}"#).unwrap();
        assert_eq!(serialized_size(&machine), Some(machine.to_json().len()));
    }
}
