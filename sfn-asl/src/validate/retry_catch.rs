//! `Retry` and `Catch`: error names, `States.ALL`, Retrier ranges, Catcher fields.

use super::StateCx;
use super::values::MAX_SECONDS;
use crate::model::ErrorName;
use crate::{Code, Diagnostic, Pointer};

/// The largest `MaxDelaySeconds` (366 days).
const MAX_DELAY_SECONDS: u64 = 31_622_400;

/// Every Retry/Catch rule for one state.
pub(super) fn check_state(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    let retry = cx.state.retry();
    let catch = cx.state.catch();
    for (i, retrier) in retry.iter().enumerate() {
        let at = || cx.at().field("Retry").index(i);
        check_error_equals(&retrier.error_equals, &at, i + 1 == retry.len(), out);
        check_retrier_values(retrier, &at, out);
    }
    for (i, catcher) in catch.iter().enumerate() {
        let at = || cx.at().field("Catch").index(i);
        check_error_equals(&catcher.error_equals, &at, i + 1 == catch.len(), out);
        check_catcher_fields(cx, catcher, &at, out);
    }
}

// AWS: `ErrorEquals` is a non-empty array of error names (ASL spec, "Retrying after error" /
// "Fallback states"). `States.ALL` must be the only name in its `ErrorEquals` and appear only
// in the last Retrier or Catcher (ASL spec: "MUST appear alone … and MUST appear in the last
// Retrier/Catcher"). Names starting with `States.` are reserved for the predefined errors (ASL
// spec, "Error Names": "Custom error names MUST NOT begin with the prefix States."), so an
// unknown `States.Foo` is an error (it could never match anything), as is an empty name.
fn check_error_equals(
    names: &[ErrorName],
    rule_at: &impl Fn() -> Pointer,
    last: bool,
    out: &mut Vec<Diagnostic>,
) {
    let at = || rule_at().field("ErrorEquals");
    if names.is_empty() {
        out.push(Diagnostic::error(
            Code::InvalidValue,
            at(),
            "`ErrorEquals` needs at least one error name",
        ));
    }
    for (i, name) in names.iter().enumerate() {
        let name_at = || at().index(i);
        match name {
            ErrorName::All => {
                if names.len() > 1 {
                    out.push(
                        Diagnostic::error(
                            Code::StatesAllNotLast,
                            name_at(),
                            "`States.ALL` must be the only error name in its `ErrorEquals`",
                        )
                        .with_help("`States.ALL` already matches the other names"),
                    );
                }
                if !last {
                    out.push(
                        Diagnostic::error(
                            Code::StatesAllNotLast,
                            name_at(),
                            "`States.ALL` must appear only in the last rule",
                        )
                        .with_help("the rules after it can never match: move it to the end"),
                    );
                }
            }
            ErrorName::Custom(custom) if custom.is_empty() => out.push(Diagnostic::error(
                Code::InvalidErrorName,
                name_at(),
                "an error name cannot be empty",
            )),
            ErrorName::Custom(custom) if custom.starts_with("States.") => {
                let mut d = Diagnostic::error(
                    Code::InvalidErrorName,
                    name_at(),
                    format!(
                        "`{custom}` is not a predefined error name; names starting with `States.` are reserved"
                    ),
                );
                // Compare what follows `States.`: the shared prefix would make any name look close.
                let suffix = &custom["States.".len()..];
                if let Some(s) = super::suggest(
                    suffix,
                    ErrorName::PREDEFINED
                        .iter()
                        .filter_map(|n| n.as_str().strip_prefix("States.")),
                ) {
                    d = d.with_help(format!("did you mean `States.{s}`?"));
                }
                out.push(d);
            }
            _ => {}
        }
    }
}

// AWS: `IntervalSeconds` is 1..=99999999, `MaxAttempts` 0..=99999999, `BackoffRate` at least
// 1.0, `MaxDelaySeconds` 1..=31622400 (ASL spec, "Retrying after error"; Developer Guide,
// "Handling errors", Retrier fields).
fn check_retrier_values(
    retrier: &crate::Retrier,
    at: &impl Fn() -> Pointer,
    out: &mut Vec<Diagnostic>,
) {
    let mut range = |field: &str, value: Option<u64>, min: u64, max: u64| {
        if let Some(v) = value
            && !(min..=max).contains(&v)
        {
            out.push(Diagnostic::error(
                Code::InvalidValue,
                at().field(field),
                format!("`{field}` must be between {min} and {max}, not {v}"),
            ));
        }
    };
    range("IntervalSeconds", retrier.interval_seconds, 1, MAX_SECONDS);
    range("MaxAttempts", retrier.max_attempts, 0, MAX_SECONDS);
    range(
        "MaxDelaySeconds",
        retrier.max_delay_seconds,
        1,
        MAX_DELAY_SECONDS,
    );
    if let Some(rate) = retrier.backoff_rate
        && rate < 1.0
    {
        out.push(Diagnostic::error(
            Code::InvalidValue,
            at().field("BackoffRate"),
            format!("`BackoffRate` must be at least 1.0, not {rate}"),
        ));
    }
}

// AWS: a Catcher's `ResultPath` exists in JSONPath states only and its `Output` in JSONata
// states only (ASL spec, "Fallback states" and "Document History, November 22, 2024").
fn check_catcher_fields(
    cx: &StateCx<'_>,
    catcher: &crate::Catcher,
    at: &impl Fn() -> Pointer,
    out: &mut Vec<Diagnostic>,
) {
    if cx.is_jsonata() && catcher.result_path.is_some() {
        out.push(
            Diagnostic::error(
                Code::FieldNotAllowed,
                at().field("ResultPath"),
                "the field `ResultPath` is not supported in a JSONata state",
            )
            .with_help("use `Output` (the error is `$states.errorOutput`)"),
        );
    }
    if !cx.is_jsonata() && catcher.output.is_some() {
        out.push(
            Diagnostic::error(
                Code::FieldNotAllowed,
                at().field("Output"),
                "the field `Output` is not supported in a JSONPath state",
            )
            .with_help("use `ResultPath`, or set `\"QueryLanguage\": \"JSONata\"`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, errors, one, one_jsonata};
    use crate::Code;

    fn task(fields: &str) -> String {
        one(&format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSeconds": 5, {fields}, "Next": "H"}}, "H": {{"Type": "Succeed"}}"#
        ))
    }

    #[test]
    fn catch_all_must_be_last() {
        let text = task(
            r#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"},
                         {"ErrorEquals": ["E"], "Next": "H"}]"#,
        );
        assert_eq!(
            errors(&text),
            [(
                Code::StatesAllNotLast,
                "/States/S/Catch/0/ErrorEquals/0".into()
            )]
        );
    }

    #[test]
    fn retry_all_must_be_alone() {
        let text = task(r#""Retry": [{"ErrorEquals": ["E", "States.ALL"]}]"#);
        assert_eq!(
            errors(&text),
            [(
                Code::StatesAllNotLast,
                "/States/S/Retry/0/ErrorEquals/1".into()
            )]
        );
    }

    #[test]
    fn states_all_alone_and_last_is_accepted() {
        let text = task(
            r#""Retry": [{"ErrorEquals": ["E"]}, {"ErrorEquals": ["States.ALL"]}],
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}]"#,
        );
        assert_eq!(errors(&text), []);
    }

    #[test]
    fn empty_error_equals_is_rejected() {
        let text = task(r#""Retry": [{"ErrorEquals": []}]"#);
        assert_eq!(
            errors(&text),
            [(Code::InvalidValue, "/States/S/Retry/0/ErrorEquals".into())]
        );
    }

    #[test]
    fn unknown_states_error_name_is_rejected_with_suggestion() {
        let text = task(r#""Retry": [{"ErrorEquals": ["States.Timout"]}]"#);
        assert_eq!(
            errors(&text),
            [(
                Code::InvalidErrorName,
                "/States/S/Retry/0/ErrorEquals/0".into()
            )]
        );
        assert_eq!(
            check(&text).0[0].help.as_deref(),
            Some("did you mean `States.Timeout`?")
        );
    }

    #[test]
    fn unknown_states_error_name_far_from_any_gets_no_suggestion() {
        let text = task(r#""Retry": [{"ErrorEquals": ["States.Foo"]}]"#);
        assert_eq!(check(&text).0[0].help, None);
    }

    #[test]
    fn empty_error_name_is_rejected() {
        let text = task(r#""Catch": [{"ErrorEquals": [""], "Next": "H"}]"#);
        assert_eq!(
            errors(&text),
            [(
                Code::InvalidErrorName,
                "/States/S/Catch/0/ErrorEquals/0".into()
            )]
        );
    }

    #[test]
    fn retrier_ranges_are_checked() {
        let text = task(
            r#""Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 0, "MaxAttempts": 100000000,
                "BackoffRate": 0.5, "MaxDelaySeconds": 31622401}]"#,
        );
        assert_eq!(
            errors(&text),
            [
                (
                    Code::InvalidValue,
                    "/States/S/Retry/0/IntervalSeconds".into()
                ),
                (Code::InvalidValue, "/States/S/Retry/0/MaxAttempts".into()),
                (Code::InvalidValue, "/States/S/Retry/0/BackoffRate".into()),
                (
                    Code::InvalidValue,
                    "/States/S/Retry/0/MaxDelaySeconds".into()
                ),
            ]
        );
    }

    #[test]
    fn retrier_bounds_are_accepted() {
        let text = task(
            r#""Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 1, "MaxAttempts": 0,
                "BackoffRate": 1.0, "MaxDelaySeconds": 31622400}]"#,
        );
        assert_eq!(errors(&text), []);
    }

    #[test]
    fn catcher_result_path_in_jsonata_state_is_rejected() {
        let text = one_jsonata(
            r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5,
                "Catch": [{"ErrorEquals": ["E"], "ResultPath": "$.e", "Next": "H"}], "Next": "H"},
               "H": {"Type": "Succeed"}"#,
        );
        assert_eq!(
            errors(&text),
            [(Code::FieldNotAllowed, "/States/S/Catch/0/ResultPath".into())]
        );
    }

    #[test]
    fn catcher_output_in_jsonpath_state_is_rejected() {
        let text = task(r#""Catch": [{"ErrorEquals": ["E"], "Output": {}, "Next": "H"}]"#);
        assert_eq!(
            errors(&text),
            [(Code::FieldNotAllowed, "/States/S/Catch/0/Output".into())]
        );
    }
}
