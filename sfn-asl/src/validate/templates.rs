//! Payload templates: `Parameters`, `ResultSelector`, `ItemSelector`, `ItemReader` and
//! `ResultWriter` `Parameters`, `ItemBatcher.BatchInput`, `Credentials` and JSONPath `Assign`.

use serde_json::{Map, Value};

use super::intrinsics;
use super::languages::Ctx;
use super::paths::{self, PathRule};
use crate::pointer::Loc;
use crate::{Code, Diagnostic, Pointer};

// AWS (SPEC "Payload Template"; DG-2023 `input-output-inputpath-params.md`): at any depth of a
// payload template, a key ending in `.$` has a string value that is a Path (`$…`, `$$…`,
// `$name…`) or an intrinsic function call; the key is renamed without `.$`, so `a` and `a.$`
// in one object collide. AWS: "The value for the field 'x.$' must be a valid JSONPath or a
// valid intrinsic function call". The walk is iterative: no template nests deep enough to
// exhaust the stack.
pub(super) fn check(ctx: &mut Ctx<'_>, value: &Value, at: &Loc<'_>) {
    match value {
        Value::Object(map) => {
            let mut stack = Vec::new();
            object(ctx, map, at, &mut stack);
            nested(ctx, stack);
        }
        Value::Array(_) => nested(ctx, vec![(value, at.pointer())]),
        _ => {}
    }
}

/// Checks the containers left on `stack` (each with its pointer) and everything inside them.
fn nested(ctx: &mut Ctx<'_>, mut stack: Vec<(&Value, Pointer)>) {
    while let Some((value, at)) = stack.pop() {
        let at = Loc::At(&at);
        match value {
            Value::Object(map) => {
                object(ctx, map, &at, &mut stack);
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    if item.is_object() || item.is_array() {
                        stack.push((item, at.index(i).pointer()));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Checks a template that is known to be an object (an `Assign` block).
pub(super) fn check_object(ctx: &mut Ctx<'_>, map: &Map<String, Value>, at: &Loc<'_>) {
    let mut stack = Vec::new();
    object(ctx, map, at, &mut stack);
    nested(ctx, stack);
}

fn object<'v>(
    ctx: &mut Ctx<'_>,
    map: &'v Map<String, Value>,
    at: &Loc<'_>,
    stack: &mut Vec<(&'v Value, Pointer)>,
) {
    for (key, value) in map {
        let Some(plain) = key.strip_suffix(".$") else {
            if value.is_object() || value.is_array() {
                stack.push((value, at.field(key).pointer()));
            }
            continue;
        };
        let key_at = at.field(key);
        if map.contains_key(plain) {
            ctx.out.push(Diagnostic::error(
                Code::InvalidPayloadTemplate,
                key_at.pointer(),
                format!("`{key}` and `{plain}` both set the field `{plain}`"),
            ));
        }
        match value {
            Value::String(text) if text.starts_with('$') => {
                paths::check(ctx, text, &key_at, key, PathRule::Any);
            }
            Value::String(text) if crate::intrinsic::looks_like_call(text) => {
                intrinsics::check(ctx, text, &key_at, key);
            }
            _ => {
                let found = match value {
                    Value::String(s) => format!("`{s}`"),
                    other => format!("a {}", kind(other)),
                };
                ctx.out.push(
                    Diagnostic::error(
                        Code::InvalidPayloadTemplate,
                        key_at.pointer(),
                        format!(
                            "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call, not {found}"
                        ),
                    )
                    .with_help(format!("for a literal value, drop the `.$`: `\"{plain}\"`")),
                );
            }
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
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
    fn dollar_key_needs_a_path_or_a_call() {
        assert_eq!(
            errors(&pass(
                r#"{"expectPath.$":"not a path","lorem.$":"ipsum","ok.$":"$.a"}"#
            )),
            [
                (
                    Code::InvalidPayloadTemplate,
                    "/States/P/Parameters/expectPath.$".to_owned()
                ),
                (
                    Code::InvalidPayloadTemplate,
                    "/States/P/Parameters/lorem.$".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn dollar_key_value_must_be_a_string() {
        assert_eq!(
            errors(&pass(r#"{"n.$":5}"#)),
            [(
                Code::InvalidPayloadTemplate,
                "/States/P/Parameters/n.$".to_owned()
            )]
        );
    }

    #[test]
    fn keys_colliding_without_the_suffix_are_rejected() {
        assert_eq!(
            errors(&pass(r#"{"conflict":1,"conflict.$":"$.value"}"#)),
            [(
                Code::InvalidPayloadTemplate,
                "/States/P/Parameters/conflict.$".to_owned()
            )]
        );
    }

    #[test]
    fn templates_are_checked_at_any_depth_and_in_arrays() {
        assert_eq!(
            errors(&pass(r#"{"a":[{"b":{"c.$":"$..."}}]}"#)),
            [(
                Code::InvalidPath,
                "/States/P/Parameters/a/0/b/c.$".to_owned()
            )]
        );
    }

    #[test]
    fn plain_keys_keep_dollar_strings_literal() {
        assert!(errors(&pass(r#"{"a":"$not-a-path[","b":"States.Nope("}"#)).is_empty());
    }

    #[test]
    fn deep_templates_do_not_overflow() {
        let deep = r#"{"a":"#.repeat(100) + r#"{"x.$":"$.y"}"# + &"}".repeat(100);
        assert!(errors(&pass(&deep)).is_empty());
    }
}
