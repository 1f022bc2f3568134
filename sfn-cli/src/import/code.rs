//! A tiny Rust expression tree and its printer: flat when it fits, broken the way rustfmt breaks
//! it otherwise (one method call per line, one argument per line, `json!` bodies indented).

use serde_json::Value;

/// How wide a line may be.
const MAX_WIDTH: usize = 100;
/// How wide a call chain or an argument list may be on one line (rustfmt's `chain_width` and
/// `fn_call_width`).
const SMALL_WIDTH: usize = 60;

/// A Rust expression.
#[derive(Clone, Debug)]
pub(crate) enum Code {
    /// Text printed as is (a literal, a path, a variable).
    Raw(String),
    /// `name(args)`.
    Call(String, Vec<Code>),
    /// `root.method(args).method(args)…`, kept flat (a workflow with 20,000 states is one
    /// chain of 20,000 calls, which nested values would recurse through).
    Chain(Box<Code>, Vec<(&'static str, Vec<Code>)>),
    /// `json!(value)`.
    Json(Value),
    /// `[items]`.
    Array(Vec<Code>),
    /// `Name { field: value, .. }`, with `..Default::default()` when `rest` is set.
    Struct(String, Vec<(&'static str, Code)>, bool),
}

impl Code {
    /// Text printed as is.
    pub(crate) fn raw(text: impl Into<String>) -> Code {
        Code::Raw(text.into())
    }

    /// A string literal.
    pub(crate) fn str(text: &str) -> Code {
        Code::Raw(string_literal(text))
    }

    /// A JSON value: `json!(…)` when the macro can expand it, otherwise (a payload with many
    /// entries) `Value::Object(Map::from_iter([…]))` / `Value::Array(vec![…])` around smaller
    /// `json!`s, since `json!` recurses once per entry and stops at the compiler's recursion
    /// limit (128).
    pub(crate) fn json(value: &Value) -> Code {
        if json_cost(value) <= JSON_BUDGET {
            return Code::Json(value.clone());
        }
        match value {
            Value::Object(map) => {
                let entries = map
                    .iter()
                    .map(|(k, v)| {
                        Code::call(
                            "",
                            vec![
                                Code::raw(format!("{}.to_owned()", string_literal(k))),
                                Code::json(v),
                            ],
                        )
                    })
                    .collect();
                Code::call(
                    "serde_json::Value::Object",
                    vec![Code::call(
                        "serde_json::Map::from_iter",
                        vec![Code::Array(entries)],
                    )],
                )
            }
            Value::Array(items) => Code::call(
                "serde_json::Value::Array",
                vec![Code::call(
                    "Vec::from",
                    vec![Code::Array(items.iter().map(Code::json).collect())],
                )],
            ),
            // Scalars cost 1.
            _ => Code::Json(value.clone()),
        }
    }

    /// `name(args)`.
    pub(crate) fn call(name: impl Into<String>, args: Vec<Code>) -> Code {
        Code::Call(name.into(), args)
    }

    /// `self.method(args)`.
    pub(crate) fn method(self, method: &'static str, args: Vec<Code>) -> Code {
        match self {
            Code::Chain(root, mut calls) => {
                calls.push((method, args));
                Code::Chain(root, calls)
            }
            other => Code::Chain(Box::new(other), vec![(method, args)]),
        }
    }

    /// Prints the expression starting at column `indent` (and with `prefix` columns of text
    /// already on its first line).
    pub(crate) fn print(&self, indent: usize, prefix: usize) -> String {
        let flat = self.flat();
        let fits = !flat.contains('\n') && indent + prefix + flat.len() <= MAX_WIDTH;
        match self {
            Code::Raw(_) => flat,
            Code::Json(value) => format!("json!({})", json(value, indent, prefix + 6)),
            Code::Call(..) | Code::Array(_) if fits && self.args_width() <= SMALL_WIDTH => flat,
            Code::Chain(..) if fits && flat.len() <= SMALL_WIDTH => flat,
            Code::Call(name, args) => match args.as_slice() {
                // One block-like argument: let it break itself, as rustfmt's overflow does.
                [only] if only.is_block_like() => {
                    format!("{name}({})", only.print(indent, prefix + name.len() + 1))
                }
                _ => format!("{name}{}", broken_args(args, indent, "(", ")")),
            },
            Code::Array(items) => broken_args(items, indent, "[", "]"),
            Code::Struct(..) if fits && flat.len() <= SMALL_WIDTH => flat,
            Code::Struct(name, fields, rest) => {
                let mut out = format!("{name} {{");
                for (field, value) in fields {
                    out.push('\n');
                    push_indent(&mut out, indent + 4);
                    out.push_str(field);
                    out.push_str(": ");
                    out.push_str(&value.print(indent + 4, field.len() + 2));
                    out.push(',');
                }
                if *rest {
                    out.push('\n');
                    push_indent(&mut out, indent + 4);
                    out.push_str("..Default::default()");
                }
                out.push('\n');
                push_indent(&mut out, indent);
                out.push('}');
                out
            }
            Code::Chain(root, calls) => {
                let mut out = root.print(indent, prefix);
                for (method, args) in calls {
                    out.push('\n');
                    push_indent(&mut out, indent + 4);
                    let head = format!(".{method}");
                    out.push_str(&head);
                    out.push_str(&args_text(args, indent + 4, head.len()));
                }
                out
            }
        }
    }

    /// The expression on one line (a `json!` body may still span lines when it is long).
    fn flat(&self) -> String {
        match self {
            Code::Raw(text) => text.clone(),
            Code::Call(name, args) => format!("{name}({})", flat_list(args)),
            Code::Chain(root, calls) => {
                let mut out = root.flat();
                for (method, args) in calls {
                    out.push('.');
                    out.push_str(method);
                    out.push('(');
                    out.push_str(&flat_list(args));
                    out.push(')');
                }
                out
            }
            Code::Json(value) => format!("json!({})", json_flat(value)),
            Code::Array(items) => format!("[{}]", flat_list(items)),
            Code::Struct(name, fields, rest) => {
                let mut parts: Vec<String> = fields
                    .iter()
                    .map(|(f, v)| format!("{f}: {}", v.flat()))
                    .collect();
                if *rest {
                    parts.push("..Default::default()".to_owned());
                }
                format!("{name} {{ {} }}", parts.join(", "))
            }
        }
    }

    /// Whether rustfmt lets the expression, as a lone argument, start on the caller's line and
    /// break inside itself (calls, arrays, structs, macros), rather than move to its own line.
    fn is_block_like(&self) -> bool {
        !matches!(self, Code::Raw(_))
    }

    fn args_width(&self) -> usize {
        match self {
            Code::Call(_, args) | Code::Array(args) => flat_list(args).len(),
            _ => 0,
        }
    }
}

fn flat_list(items: &[Code]) -> String {
    items.iter().map(Code::flat).collect::<Vec<_>>().join(", ")
}

/// `(args)` after a method name printed at `indent`, flat when it fits.
fn args_text(args: &[Code], indent: usize, prefix: usize) -> String {
    let flat = format!("({})", flat_list(args));
    if !flat.contains('\n') && indent + prefix + flat.len() <= MAX_WIDTH {
        return flat;
    }
    if let [only] = args
        && only.is_block_like()
    {
        // One block-like argument: let it break itself, as rustfmt's overflow does.
        return format!("({})", only.print(indent, prefix + 1));
    }
    broken_args(args, indent, "(", ")")
}

/// `open` + one argument per line + `close`.
fn broken_args(args: &[Code], indent: usize, open: &str, close: &str) -> String {
    let mut out = open.to_owned();
    for arg in args {
        out.push('\n');
        push_indent(&mut out, indent + 4);
        out.push_str(&arg.print(indent + 4, 0));
        out.push(',');
    }
    out.push('\n');
    push_indent(&mut out, indent);
    out.push_str(close);
    out
}

fn push_indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A Rust string literal with `text`'s exact characters.
pub(crate) fn string_literal(text: &str) -> String {
    // `Debug` for `str` writes a valid Rust string literal: quotes, backslashes and control
    // characters escaped, everything else (Korean included) as is.
    format!("{text:?}")
}

/// A JSON number as a Rust literal `json!` (or an `impl Serialize` argument) turns back into
/// the same number: integers beyond `i32` carry a suffix, since an unsuffixed literal is an
/// `i32`.
pub(crate) fn number_literal(n: &serde_json::Number) -> String {
    if let Some(u) = n.as_u64() {
        if u <= i32::MAX as u64 {
            u.to_string()
        } else {
            format!("{u}u64")
        }
    } else if let Some(i) = n.as_i64() {
        if i >= i64::from(i32::MIN) {
            i.to_string()
        } else {
            format!("{i}i64")
        }
    } else {
        // Not an integer, so a finite f64 (serde_json has no other numbers without
        // `arbitrary_precision`); `Debug` always writes a float literal (`2.0`, `1e300`).
        float_literal(n.as_f64().unwrap_or_default())
    }
}

/// An `f64` literal (`2.0`, `0.5`, `1e300`).
pub(crate) fn float_literal(f: f64) -> String {
    format!("{f:?}")
}

/// The most `json!` recursion a literal may need: half the compiler's default limit, so the
/// estimate below can be off by a factor of two.
const JSON_BUDGET: usize = 64;

/// An estimate of the macro recursion `json!` needs for `value`: each object entry costs about
/// four levels and each array item two, on top of what came before it in the same object or
/// array, plus what the value inside needs.
fn json_cost(value: &Value) -> usize {
    match value {
        Value::Object(map) => map
            .values()
            .enumerate()
            .map(|(i, v)| 4 * (i + 1) + json_cost(v))
            .max()
            .unwrap_or(1),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| 2 * (i + 1) + json_cost(v))
            .max()
            .unwrap_or(1),
        _ => 1,
    }
}

/// A `json!` body on one line.
fn json_flat(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_literal(n),
        Value::String(s) => string_literal(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(json_flat).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) if map.is_empty() => "{}".to_owned(),
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", string_literal(k), json_flat(v)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    }
}

/// A `json!` body at column `indent`, `prefix` columns into the line: flat when short,
/// otherwise one entry per line with trailing commas (which `json!` accepts).
fn json(value: &Value, indent: usize, prefix: usize) -> String {
    let flat = json_flat(value);
    if indent + prefix + flat.len() <= MAX_WIDTH && flat.len() <= SMALL_WIDTH {
        return flat;
    }
    let mut out = String::new();
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for item in items {
                out.push('\n');
                push_indent(&mut out, indent + 4);
                out.push_str(&json(item, indent + 4, 0));
                out.push(',');
            }
            out.push('\n');
            push_indent(&mut out, indent);
            out.push(']');
        }
        Value::Object(map) if !map.is_empty() => {
            out.push('{');
            for (k, v) in map {
                out.push('\n');
                push_indent(&mut out, indent + 4);
                let key = format!("{}: ", string_literal(k));
                out.push_str(&key);
                out.push_str(&json(v, indent + 4, key.len()));
                out.push(',');
            }
            out.push('\n');
            push_indent(&mut out, indent);
            out.push('}');
        }
        _ => out.push_str(&flat),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_chains_stay_on_one_line() {
        let code = Code::call("pass", vec![Code::str("A")]).method("end", vec![]);
        assert_eq!(code.print(4, 8), r#"pass("A").end()"#);
    }

    #[test]
    fn long_chains_break_one_call_per_line() {
        let code = Code::call("task", vec![Code::str("Validate the order")])
            .method(
                "resource",
                vec![Code::str("arn:aws:lambda:us-east-1:1:function:F")],
            )
            .method("end", vec![]);
        assert_eq!(
            code.print(4, 8),
            "task(\"Validate the order\")\n        .resource(\"arn:aws:lambda:us-east-1:1:function:F\")\n        .end()"
        );
    }

    #[test]
    fn big_integers_carry_a_suffix() {
        assert_eq!(number_literal(&5_000_000_000u64.into()), "5000000000u64");
        assert_eq!(
            number_literal(&(-5_000_000_000i64).into()),
            "-5000000000i64"
        );
        assert_eq!(number_literal(&(-5i64).into()), "-5");
    }

    #[test]
    fn floats_keep_their_point() {
        assert_eq!(
            number_literal(&serde_json::Number::from_f64(2.0).unwrap()),
            "2.0"
        );
    }

    #[test]
    fn long_json_breaks_per_entry_with_trailing_commas() {
        let value = serde_json::json!({"FunctionName": "arn:aws:lambda:us-east-1:1:function:F", "Payload.$": "$"});
        assert_eq!(
            Code::Json(value).print(0, 0),
            "json!({\n    \"FunctionName\": \"arn:aws:lambda:us-east-1:1:function:F\",\n    \"Payload.$\": \"$\",\n})"
        );
    }

    #[test]
    fn objects_too_big_for_json_are_built_from_entries() {
        let map: serde_json::Map<String, Value> =
            (0..40).map(|i| (format!("k{i}"), Value::from(i))).collect();
        let text = Code::json(&Value::Object(map)).print(0, 0);
        assert!(
            text.starts_with("serde_json::Value::Object(serde_json::Map::from_iter(["),
            "{text}"
        );
        assert!(text.contains("(\"k39\".to_owned(), json!(39)),"), "{text}");
    }

    #[test]
    fn small_objects_stay_one_json_macro() {
        let value = serde_json::json!({"a": [1, 2, {"b": null}]});
        assert_eq!(
            Code::json(&value).print(0, 0),
            r#"json!({ "a": [1, 2, { "b": null }] })"#
        );
    }
}
