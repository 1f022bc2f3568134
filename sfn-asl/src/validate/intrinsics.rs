//! Intrinsic function calls in `.$` values and in a Fail state's `ErrorPath`/`CausePath`.

use super::languages::Ctx;
use crate::intrinsic;
use crate::path::{self, Root};
use crate::pointer::Loc;
use crate::{Code, Diagnostic};

// AWS (SPEC "Intrinsic Functions"; DG `intrinsic-functions.html`): a call is
// `States.<Name>(args)` with one of 18 names, the right number of arguments, string literals in
// single quotes whose only escapes are `\'`, `\{`, `\}` and `\\` (AWS-recorded: `\"` is rejected
// at creation), and at most 10 nested calls per field. AWS's creation error reads "The value for
// the field 'x.$' must be a valid JSONPath or a valid intrinsic function call". Variable
// arguments (`$name`) are recorded as reads.
pub(super) fn check(ctx: &mut Ctx<'_>, text: &str, at: &Loc<'_>, field: &str) {
    match intrinsic::parse(text) {
        Err(e) => ctx.out.push(Diagnostic::error(
            Code::InvalidIntrinsic,
            at.pointer(),
            format!("`{field}` must be a valid JSONPath or a valid intrinsic function call: {e}"),
        )),
        Ok(call) => {
            for p in call.paths() {
                if let Ok(path::Path {
                    root: Root::Variable(name),
                    ..
                }) = path::parse(p)
                {
                    ctx.read(&name, at);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Code, validate_str};

    fn pass(parameters: &str) -> String {
        format!(
            r#"{{"StartAt":"P","States":{{"P":{{"Type":"Pass","Parameters":{parameters},"End":true}}}}}}"#
        )
    }

    fn errors(text: &str) -> Vec<(Code, String)> {
        validate_str(text)
            .errors()
            .map(|d| (d.code, d.pointer.to_string()))
            .collect()
    }

    #[test]
    fn math_add_rejects_a_string_literal() {
        assert_eq!(
            errors(&pass(r#"{"foo.$":"States.MathAdd(1,'-1')"}"#)),
            [(
                Code::InvalidIntrinsic,
                "/States/P/Parameters/foo.$".to_owned()
            )]
        );
    }

    #[test]
    fn escaped_double_quote_is_rejected() {
        let d = validate_str(&pass(
            r#"{"parsed.$":"States.StringToJson('{\\\"a\\\": 1}')"}"#,
        ));
        let e = d.errors().next().unwrap();
        assert_eq!(e.code, Code::InvalidIntrinsic);
        assert!(
            e.message.starts_with(
                "`parsed.$` must be a valid JSONPath or a valid intrinsic function call"
            ),
            "{}",
            e.message
        );
    }

    #[test]
    fn nested_calls_are_checked() {
        assert_eq!(
            errors(&pass(
                r#"{"a":{"b.$":"States.Array(States.Hash($.x, 'SHA-2'))"}}"#
            )),
            [(
                Code::InvalidIntrinsic,
                "/States/P/Parameters/a/b.$".to_owned()
            )]
        );
        assert!(
            errors(&pass(
                r#"{"a.$":"States.MathAdd(States.ArrayLength($$.Execution.Input.m), -1)"}"#
            ))
            .is_empty()
        );
    }
}
