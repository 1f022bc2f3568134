//! Choice states: their rules, in the state's query language.

use super::StateCx;
use crate::model::{BoolExpr, ChoiceState, Condition};
use crate::{Code, Diagnostic, State};

/// Every Choice rule for one state.
pub(super) fn check_state(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    let State::Choice(choice) = cx.state else {
        return;
    };
    check_choices_not_empty(cx, choice, out);
    check_rule_language(cx, choice, out);
}

// AWS: `Choices` is a non-empty array of Choice Rules (ASL spec, "Choice State": "MUST have a
// Choices field whose value is a non-empty array"; AWS rejects an empty one).
fn check_choices_not_empty(cx: &StateCx<'_>, choice: &ChoiceState, out: &mut Vec<Diagnostic>) {
    if choice.choices.is_empty() {
        out.push(Diagnostic::error(
            Code::InvalidValue,
            cx.at().field("Choices"),
            "`Choices` cannot be empty",
        ));
    }
}

// AWS: in a JSONata state each rule is a `Condition` (plus `Next`, `Assign`, `Output`); in a
// JSONPath state it is a `Variable` comparison or `And`/`Or`/`Not`, and has no `Output` (ASL
// spec, "Choice State", "JSONata Choice Rules" and "JSONPath Choice Rules").
fn check_rule_language(cx: &StateCx<'_>, choice: &ChoiceState, out: &mut Vec<Diagnostic>) {
    for (i, rule) in choice.choices.iter().enumerate() {
        let at = || cx.at().field("Choices").index(i);
        match (&rule.condition, cx.is_jsonata()) {
            (Condition::JsonPath(expr), true) => {
                let field = match expr {
                    BoolExpr::Compare(_) => "Variable",
                    BoolExpr::And(_) => "And",
                    BoolExpr::Or(_) => "Or",
                    BoolExpr::Not(_) => "Not",
                };
                out.push(
                    Diagnostic::error(
                        Code::FieldNotAllowed,
                        at().field(field),
                        format!("the field `{field}` is not supported in a JSONata state"),
                    )
                    .with_help("JSONata Choice rules test a `Condition`, e.g. `\"Condition\": \"{% $states.input.n > 1 %}\"`"),
                );
            }
            (Condition::Jsonata(_), false) => out.push(
                Diagnostic::error(
                    Code::FieldNotAllowed,
                    at().field("Condition"),
                    "the field `Condition` is not supported in a JSONPath state",
                )
                .with_help("use `Variable` with a comparison operator, or set `\"QueryLanguage\": \"JSONata\"`"),
            ),
            _ => {}
        }
        if !cx.is_jsonata() && rule.output.is_some() {
            out.push(
                Diagnostic::error(
                    Code::FieldNotAllowed,
                    at().field("Output"),
                    "the field `Output` is not supported in a JSONPath state",
                )
                .with_help("set `\"QueryLanguage\": \"JSONata\"` to shape the output per rule"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{errors, one, one_jsonata};
    use crate::Code;

    const REST: &str = r#", "A": {"Type": "Succeed"}"#;

    #[test]
    fn empty_choices_are_rejected() {
        let text = one(&format!(
            r#"{{"Type": "Choice", "Choices": [], "Default": "A"}}{REST}"#
        ));
        assert_eq!(
            errors(&text),
            [(Code::InvalidValue, "/States/S/Choices".into())]
        );
    }

    #[test]
    fn jsonpath_rule_in_jsonata_state_is_rejected() {
        let text = one_jsonata(&format!(
            r#"{{"Type": "Choice", "Default": "A", "Choices": [
                {{"Variable": "$.x", "IsPresent": true, "Next": "A"}},
                {{"And": [{{"Variable": "$.x", "IsNull": true}}], "Next": "A"}}]}}{REST}"#
        ));
        assert_eq!(
            errors(&text),
            [
                (Code::FieldNotAllowed, "/States/S/Choices/0/Variable".into()),
                (Code::FieldNotAllowed, "/States/S/Choices/1/And".into()),
            ]
        );
    }

    #[test]
    fn condition_in_jsonpath_state_is_rejected() {
        let text = one(&format!(
            r#"{{"Type": "Choice", "Default": "A", "Choices": [
                {{"Condition": true, "Next": "A"}}]}}{REST}"#
        ));
        assert_eq!(
            errors(&text),
            [(
                Code::FieldNotAllowed,
                "/States/S/Choices/0/Condition".into()
            )]
        );
    }

    #[test]
    fn rule_output_in_jsonpath_state_is_rejected() {
        let text = one(&format!(
            r#"{{"Type": "Choice", "Default": "A", "Choices": [
                {{"Variable": "$.x", "IsPresent": true, "Output": 1, "Next": "A"}}]}}{REST}"#
        ));
        assert_eq!(
            errors(&text),
            [(Code::FieldNotAllowed, "/States/S/Choices/0/Output".into())]
        );
    }

    #[test]
    fn jsonata_rules_in_jsonata_state_are_accepted() {
        let text = one_jsonata(&format!(
            r#"{{"Type": "Choice", "Default": "A", "Choices": [
                {{"Condition": "{{% $states.input.x %}}", "Output": 1, "Next": "A"}}]}}{REST}"#
        ));
        assert_eq!(errors(&text), []);
    }
}
