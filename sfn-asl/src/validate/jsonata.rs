//! JSONata expressions: every `{% … %}` string of a JSONata state parses, and reads only the
//! `$states` fields that exist where it is evaluated.

use serde_json::Value;

use super::languages::{Ctx, StatesScope};
use crate::jsonata;
use crate::pointer::Loc;
use crate::{Code, Diagnostic, Pointer};

/// Checks every string at any depth of a JSONata field's value.
pub(super) fn check_value(
    ctx: &mut Ctx<'_>,
    value: &Value,
    at: &Loc<'_>,
    field: &str,
    scope: StatesScope,
) {
    // Strings (almost every value) are checked where they are; only containers inside
    // containers get a pointer of their own on the stack.
    let first = match value {
        Value::String(text) => return check_string(ctx, text, at, field, scope),
        Value::Array(_) | Value::Object(_) => at.pointer(),
        _ => return,
    };
    let mut stack: Vec<(&Value, Pointer)> = vec![(value, first)];
    while let Some((value, at)) = stack.pop() {
        let at = Loc::At(&at);
        match value {
            Value::String(text) => check_string(ctx, text, &at, field, scope),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, at.index(i).pointer()));
                }
            }
            Value::Object(map) => {
                for (k, v) in map.iter().rev() {
                    stack.push((v, at.field(k).pointer()));
                }
            }
            _ => {}
        }
    }
}

// AWS (SPEC "JSONata Concepts"; TK `transforming-data.md`): a string that begins with `{%` and
// ends with `%}` is a JSONata 2.0.6 expression and must parse; any other string is a literal
// (so `" {% x %}"` is text, which we warn about because it is almost always a mistake).
// `$states.result` exists only in the `Output`/`Assign` of Task, Parallel and Map, and
// `$states.errorOutput` only in a Catcher's (SPEC "Reserved states Variable").
pub(super) fn check_string(
    ctx: &mut Ctx<'_>,
    text: &str,
    at: &Loc<'_>,
    field: &str,
    scope: StatesScope,
) {
    let Some(body) = jsonata::strip_delimiters(text) else {
        if let Some(problem) = near_miss(text) {
            ctx.out.push(
                Diagnostic::warning(
                    Code::InvalidJsonata,
                    at.pointer(),
                    format!("`{field}` is a literal string, not a JSONata expression: {problem}"),
                )
                .with_help("write the expression as \"{% <expression> %}\", with nothing outside the delimiters"),
            );
        }
        return;
    };
    let expr = match jsonata::parse(body) {
        Ok(expr) => expr,
        Err(e) => {
            ctx.out.push(Diagnostic::error(
                Code::InvalidJsonata,
                at.pointer(),
                format!(
                    "`{field}` holds an invalid JSONata expression: {} at offset {} ({})",
                    e.message,
                    e.offset + 2,
                    e.code
                ),
            ));
            return;
        }
    };
    for name in expr.free_variables() {
        ctx.read(&name, at);
    }
    for state_field in expr.states_fields() {
        let (allowed, place) = match state_field.as_str() {
            "input" | "context" => continue,
            "result" => (
                matches!(scope, StatesScope::Result),
                "only in the `Output` and `Assign` of Task, Parallel and Map states",
            ),
            "errorOutput" => (
                matches!(scope, StatesScope::ErrorOutput),
                "only in a Catcher's `Output` and `Assign`",
            ),
            _ => (
                false,
                "`$states` has only `input`, `result`, `errorOutput` and `context`",
            ),
        };
        if !allowed {
            ctx.out.push(Diagnostic::error(
                Code::InvalidJsonata,
                at.pointer(),
                format!("`$states.{state_field}` is not available in `{field}`: {place}"),
            ));
        }
    }
}

fn near_miss(text: &str) -> Option<&'static str> {
    let trimmed = text.trim();
    if trimmed.len() != text.len() && jsonata::strip_delimiters(trimmed).is_some() {
        Some("blanks outside `{% %}` make it text")
    } else if text.starts_with("{%") {
        Some("it starts with `{%` but does not end with `%}`")
    } else if text.ends_with("%}") {
        Some("it ends with `%}` but does not start with `{%`")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::{Code, Severity, validate_str};

    fn pass_output(output: &str) -> String {
        format!(
            r#"{{"QueryLanguage":"JSONata","StartAt":"X","States":{{"X":{{"Type":"Pass","Output":{output},"End":true}}}}}}"#
        )
    }

    fn diagnostics(text: &str) -> Vec<(Code, Severity, String)> {
        validate_str(text)
            .iter()
            .map(|d| (d.code, d.severity, d.pointer.to_string()))
            .collect()
    }

    #[test]
    fn expressions_must_parse() {
        let d = validate_str(&pass_output(r#""{% 10 + * 2 %}""#));
        let e = d.errors().next().unwrap();
        assert_eq!(e.code, Code::InvalidJsonata);
        assert_eq!(e.pointer.as_str(), "/States/X/Output");
        assert_eq!(
            e.message,
            "`Output` holds an invalid JSONata expression: unexpected `2` at offset 10 (S0201)"
        );
    }

    #[test]
    fn expressions_are_checked_at_any_depth() {
        assert_eq!(
            diagnostics(&pass_output(r#"{"a":[1,{"b":"{% $sum( %}"}]}"#)),
            [(
                Code::InvalidJsonata,
                Severity::Error,
                "/States/X/Output/a/1/b".to_owned()
            )]
        );
    }

    #[test]
    fn valid_expressions_pass() {
        for ok in [
            r#""{% 10 %}""#,
            r#""{%10%}""#,
            r#""{% \n10         %}""#,
            r#""{% $states.input.a %}""#,
        ] {
            assert!(diagnostics(&pass_output(ok)).is_empty(), "{ok}");
        }
    }

    #[test]
    fn near_misses_are_warnings() {
        for text in [r#""{% 10 %""#, r#""10 %}""#, r#"" {% 10 %}""#] {
            assert_eq!(
                diagnostics(&pass_output(text)),
                [(
                    Code::InvalidJsonata,
                    Severity::Warning,
                    "/States/X/Output".to_owned()
                )],
                "{text}"
            );
        }
    }

    #[test]
    fn arguments_cannot_read_the_result() {
        let text = r#"{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task",
            "Resource":"arn:aws:states:::lambda:invoke","Arguments":{"a":"{% $states.result.x %}"},
            "Output":"{% $states.result %}","End":true}}}"#;
        let d = validate_str(text);
        let errors: Vec<_> = d.errors().collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].pointer.as_str(), "/States/T/Arguments/a");
        assert!(
            errors[0]
                .message
                .starts_with("`$states.result` is not available in `Arguments`")
        );
    }

    #[test]
    fn error_output_only_in_catchers() {
        let text = r#"{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task",
            "Resource":"arn:aws:states:::lambda:invoke","Output":"{% $states.errorOutput %}",
            "Catch":[{"ErrorEquals":["States.ALL"],"Next":"F","Output":"{% $states.errorOutput %}"}],
            "End":true},"F":{"Type":"Fail"}}}"#;
        let errors: Vec<_> = diagnostics(text)
            .into_iter()
            .filter(|d| d.1 == Severity::Error)
            .collect();
        assert_eq!(
            errors,
            [(
                Code::InvalidJsonata,
                Severity::Error,
                "/States/T/Output".to_owned()
            )]
        );
    }

    #[test]
    fn jsonpath_states_keep_braces_literal() {
        let text =
            r#"{"StartAt":"X","States":{"X":{"Type":"Pass","Result":"{% 1 + %}","End":true}}}"#;
        assert!(diagnostics(text).is_empty());
    }
}
