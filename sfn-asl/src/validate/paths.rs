//! Path fields: every Path parses, Reference Paths select a single node, and `ResultPath`
//! writes into the state's input only.

use super::languages::Ctx;
use crate::path::{self, Root};
use crate::pointer::Loc;
use crate::{Code, Diagnostic};

/// What a path field accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum PathRule {
    /// Any Path (`InputPath`, `OutputPath`, `.$` values, Choice `Variable` and `…Path` operands).
    Any,
    /// A Reference Path (`ItemsPath` and the `…Path` fields such as `SecondsPath`).
    Reference,
    /// `ResultPath`: a Reference Path into the input, so neither `$$…` nor a variable.
    Result,
}

// AWS (SPEC "Paths", "Reference Paths"; DG-2023 `amazon-states-language-paths.md`): a Path is a
// string beginning with `$` in Jayway JsonPath syntax, `$$` addressing the Context Object and
// `$name` a variable; a Reference Path may identify only a single node (`.name`, `['name']`,
// `[n]`). `ResultPath` "cannot start with `$$`" and cannot name a variable. AWS reports these at
// creation as SCHEMA_VALIDATION_FAILED ("The value for the field 'ResultPath' must be a valid
// JSONPath"). A variable root is recorded as a read for the dataflow check.
pub(super) fn check(ctx: &mut Ctx<'_>, text: &str, at: &Loc<'_>, field: &str, rule: PathRule) {
    let parsed = match path::simple_root(text) {
        Some(root) => Ok(root),
        None => match rule {
            PathRule::Any => path::parse(text),
            PathRule::Reference | PathRule::Result => path::parse_reference(text),
        }
        .map(|p| p.root),
    };
    let kind = if rule == PathRule::Any {
        "JSONPath"
    } else {
        "reference path"
    };
    match parsed {
        Err(e) => {
            let mut d = Diagnostic::error(
                Code::InvalidPath,
                at.pointer(),
                format!("`{field}` must be a valid {kind}: {e}"),
            );
            if crate::intrinsic::looks_like_call(text) {
                d = d.with_help(format!(
                    "intrinsic functions are not allowed in `{field}`; use a `.$` field of `Parameters` or `ResultSelector`"
                ));
            }
            ctx.out.push(d);
        }
        Ok(root) => match (&root, rule) {
            (Root::Context, PathRule::Result) => ctx.out.push(Diagnostic::error(
                Code::InvalidPath,
                at.pointer(),
                format!("`{field}` cannot start with `$$`: the result is written into the state's input, not the Context Object"),
            )),
            (Root::Variable(name), PathRule::Result) => ctx.out.push(
                Diagnostic::error(
                    Code::InvalidPath,
                    at.pointer(),
                    format!("`{field}` cannot name a variable (`${name}`)"),
                )
                .with_help(format!("to store the result in a variable, use `\"Assign\": {{\"{name}.$\": \"$\"}}`")),
            ),
            (Root::Variable(name), _) => ctx.read(name, at),
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::{Code, validate_str};

    fn task(extra: &str) -> String {
        format!(
            r#"{{"StartAt":"T","States":{{"T":{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",{extra}"End":true}}}}}}"#
        )
    }

    fn errors(text: &str) -> Vec<(Code, String)> {
        validate_str(text)
            .errors()
            .map(|d| (d.code, d.pointer.to_string()))
            .collect()
    }

    #[test]
    fn result_path_must_start_with_dollar() {
        assert_eq!(
            errors(&task(r#""ResultPath":".guid","#)),
            [(Code::InvalidPath, "/States/T/ResultPath".to_owned())]
        );
    }

    #[test]
    fn result_path_must_be_a_reference_path() {
        assert_eq!(errors(&task(r#""ResultPath":"$.a[*]","#)).len(), 1);
        assert_eq!(errors(&task(r#""ResultPath":"$..a","#)).len(), 1);
        assert!(errors(&task(r#""ResultPath":"$.a['b'][0]","#)).is_empty());
    }

    #[test]
    fn result_path_cannot_name_the_context_or_a_variable() {
        let d = validate_str(&task(r#""ResultPath":"$$.Execution.Id","#));
        assert_eq!(d.errors().next().unwrap().code, Code::InvalidPath);
        let d = validate_str(&task(r#""ResultPath":"$foo","#));
        let e = d.errors().next().unwrap();
        assert_eq!(e.message, "`ResultPath` cannot name a variable (`$foo`)");
    }

    #[test]
    fn input_and_output_paths_may_filter() {
        assert!(
            errors(&task(
                r#""InputPath":"$.a[?(@.b > 1)]","OutputPath":"$[(@.length-1)].bar","#
            ))
            .is_empty()
        );
        assert_eq!(
            errors(&task(r#""OutputPath":"$...","#)),
            [(Code::InvalidPath, "/States/T/OutputPath".to_owned())]
        );
    }

    #[test]
    fn seconds_path_fields_are_reference_paths() {
        let text = task(r#""TimeoutSecondsPath":"$.t[0:1]","HeartbeatSecondsPath":"$.h","#);
        assert_eq!(
            errors(&text),
            [(Code::InvalidPath, "/States/T/TimeoutSecondsPath".to_owned())]
        );
    }

    #[test]
    fn choice_variable_must_be_a_path() {
        let text = r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
            {"Variable":"States.ArrayContains($.a, 'x')","BooleanEquals":true,"Next":"D"},
            {"Not":{"Variable":"$.b","StringEqualsPath":"$.c["},"Next":"D"}],
            "Default":"D"},"D":{"Type":"Succeed"}}}"#;
        assert_eq!(
            errors(text),
            [
                (Code::InvalidPath, "/States/C/Choices/0/Variable".to_owned()),
                (
                    Code::InvalidPath,
                    "/States/C/Choices/1/Not/StringEqualsPath".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn fail_paths_take_reference_paths_or_intrinsics() {
        let ok = r#"{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('{}', $.c)"}}}"#;
        assert!(errors(ok).is_empty());
        let bad = r#"{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e[*]","CausePath":"States.Nope()"}}}"#;
        assert_eq!(
            errors(bad),
            [
                (Code::InvalidPath, "/States/F/ErrorPath".to_owned()),
                (Code::InvalidIntrinsic, "/States/F/CausePath".to_owned()),
            ]
        );
    }
}
