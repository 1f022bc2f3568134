//! Intrinsic functions (`States.Format(…)` and the 17 others), evaluated over the syntax tree of
//! [`sfn_asl::intrinsic::parse`], so the validator and the executor read calls the same way.
//!
//! Semantics follow what AWS returned in the recorded executions (see the tests), where those
//! differ from the ASL specification: `MathAdd` rounds half up before adding, `StringSplit` splits
//! on every delimiter character and drops empty pieces, `Format` renders objects Java-style
//! (`{a=1}`), `StringToJson("")` is `null`, `JsonMerge` accepts only `false`.
//!
//! A call whose arguments a function rejects fails with `States.IntrinsicFailure`, the name the
//! ASL specification gives (no AWS recording shows a failed call).

mod array;
pub(crate) mod encoding;
mod json;
mod math;
mod string;
mod unique;

use std::borrow::Cow;

use serde_json::{Number, Value};
use sfn_asl::intrinsic::{Arg, Call, Function};

use crate::eval::{EvalError, ParseCache, Scope, compact};
use crate::jsonpath;

/// Evaluates the intrinsic call `text` (e.g. `States.Format('{}', $.x)`) against `scope`.
///
/// A call that does not parse is a `States.Runtime` error (the validator rejects it before a
/// run); a call whose arguments the function rejects is a `States.IntrinsicFailure` error.
pub(crate) fn evaluate(text: &str, scope: &Scope) -> Result<Value, EvalError> {
    let call = CALLS.with(|cache| cache.get_or_parse(text, parse))?;
    evaluate_call(&call, scope)
}

/// Parses the intrinsic call `text` as [`evaluate`] reads it (escaped braces kept apart for
/// `States.Format`) and prepares it, so a definition's calls are parsed once when the machine
/// is compiled.
pub(crate) fn parse(text: &str) -> Result<CompiledCall, EvalError> {
    let mut call = sfn_asl::intrinsic::parse(&protect_escaped_braces(text)).map_err(|e| {
        EvalError::runtime(format!(
            "The value '{text}' is not a valid intrinsic function call: {e}"
        ))
    })?;
    restore_braces(&mut call);
    Ok(CompiledCall::new(&call))
}

/// An intrinsic call prepared for evaluation: literal arguments already values (borrowed, not
/// copied, by each evaluation) and path arguments prepared as [`jsonpath::PathExpr`].
#[derive(Debug)]
pub(crate) struct CompiledCall {
    function: Function,
    args: Vec<CompiledArg>,
    /// A `States.Format` whose template is a literal with one `{}` per value, split once.
    format: Option<Box<string::SplitTemplate>>,
}

#[derive(Debug)]
enum CompiledArg {
    Literal(Value),
    Path(jsonpath::PathExpr),
    Call(CompiledCall),
}

impl CompiledCall {
    fn new(call: &Call) -> Self {
        let args = call
            .args
            .iter()
            .map(|arg| match arg {
                Arg::String(s) => CompiledArg::Literal(Value::String(s.clone())),
                Arg::Number(n) => CompiledArg::Literal(Value::Number(n.clone())),
                Arg::Bool(b) => CompiledArg::Literal(Value::Bool(*b)),
                Arg::Null => CompiledArg::Literal(Value::Null),
                Arg::Path(path) => CompiledArg::Path(jsonpath::PathExpr::new(path)),
                Arg::Call(call) => CompiledArg::Call(CompiledCall::new(call)),
            })
            .collect::<Vec<_>>();
        let format = match (call.function, args.first()) {
            (Function::Format, Some(CompiledArg::Literal(Value::String(template)))) => {
                string::SplitTemplate::new(template, args.len() - 1).map(Box::new)
            }
            _ => None,
        };
        CompiledCall {
            function: call.function,
            args,
            format,
        }
    }
}

/// Stands for `\{` in a string literal until `States.Format` has found its `{}` placeholders.
pub(crate) const ESCAPED_OPEN: char = '\u{E000}';
/// Stands for `\}` in a string literal until `States.Format` has found its `{}` placeholders.
pub(crate) const ESCAPED_CLOSE: char = '\u{E001}';

/// The call text with `\{` and `\}` inside string literals replaced by [`ESCAPED_OPEN`] and
/// [`ESCAPED_CLOSE`]: the parser decodes both to plain braces, and `States.Format` must still
/// tell an escaped `\{\}` (literal braces) from a `{}` placeholder.
fn protect_escaped_braces(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("\\{") && !text.contains("\\}") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (false, '\'') => {
                in_string = true;
                out.push(c);
            }
            (true, '\'') => {
                in_string = false;
                out.push(c);
            }
            (true, '\\') => match chars.next() {
                Some('{') => out.push(ESCAPED_OPEN),
                Some('}') => out.push(ESCAPED_CLOSE),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Turns the stand-ins back into braces in every string literal except `States.Format`'s
/// template, which [`string::format`] handles once it has split the template.
fn restore_braces(call: &mut Call) {
    let keep_first = call.function == Function::Format;
    for (i, arg) in call.args.iter_mut().enumerate() {
        match arg {
            Arg::String(s) if !(keep_first && i == 0) => *s = unprotect(s),
            Arg::Call(inner) => restore_braces(inner),
            _ => {}
        }
    }
}

/// `text` with [`ESCAPED_OPEN`] and [`ESCAPED_CLOSE`] back as `{` and `}`.
pub(crate) fn unprotect(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_unprotected(&mut out, text);
    out
}

/// Appends `text` to `out` with [`ESCAPED_OPEN`] and [`ESCAPED_CLOSE`] back as `{` and `}`.
pub(crate) fn push_unprotected(out: &mut String, text: &str) {
    if !text.contains([ESCAPED_OPEN, ESCAPED_CLOSE]) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        out.push(match c {
            ESCAPED_OPEN => '{',
            ESCAPED_CLOSE => '}',
            other => other,
        });
    }
}

thread_local! {
    /// Calls given as text, parsed once per thread.
    static CALLS: ParseCache<CompiledCall> = ParseCache::new(4096);
}

/// Evaluates an already parsed call.
pub(crate) fn evaluate_call<'a>(
    call: &'a CompiledCall,
    scope: &Scope<'a>,
) -> Result<Value, EvalError> {
    if let Some(template) = &call.format {
        return template.render(call.args[1..].iter().map(|arg| argument(arg, scope)));
    }
    // Built in place: `Args` is large enough that moving it in costs a copy.
    let mut args = Args {
        function: call.function,
        values: Values::default(),
    };
    for arg in &call.args {
        args.values.push(argument(arg, scope)?);
    }
    match call.function {
        Function::Format => string::format(&args),
        Function::StringSplit => string::split(&args),
        Function::StringToJson => json::string_to_json(&args),
        Function::JsonToString => json::json_to_string(&args),
        Function::JsonMerge => json::merge(&args),
        Function::Array => Ok(Value::Array(args.values.into_owned())),
        Function::ArrayPartition => array::partition(&args),
        Function::ArrayContains => array::contains(&args),
        Function::ArrayRange => array::range(&args),
        Function::ArrayGetItem => array::get_item(&args),
        Function::ArrayLength => array::length(&args),
        Function::ArrayUnique => array::unique(&args),
        Function::Base64Encode => encoding::base64_encode(&args),
        Function::Base64Decode => encoding::base64_decode(&args),
        Function::Hash => encoding::hash(&args),
        Function::MathRandom => math::random(&args, scope),
        Function::MathAdd => math::add(&args),
        Function::UUID => Ok(unique::uuid(scope)),
    }
}

/// One argument's value: a literal borrowed from the call, a value borrowed from the input
/// when a plain path selects it (no copy of a large array for `ArrayLength($.items)`), owned
/// otherwise.
fn argument<'a>(arg: &'a CompiledArg, scope: &Scope<'a>) -> Result<Cow<'a, Value>, EvalError> {
    Ok(match arg {
        CompiledArg::Literal(value) => Cow::Borrowed(value),
        CompiledArg::Path(path) => path.select(scope)?,
        CompiledArg::Call(call) => Cow::Owned(evaluate_call(call, scope)?),
    })
}

/// The evaluated arguments of one call, with typed accessors that fail with
/// `States.IntrinsicFailure` naming the function and the argument.
pub(crate) struct Args<'a> {
    function: Function,
    values: Values<'a>,
}

/// How many arguments [`Values`] holds without allocating: every call in the ASL reference
/// but a long `States.Format` or `States.Array`.
const INLINE_ARGS: usize = 4;

/// A call's argument values: the first few kept inline, so a call with few arguments (nearly
/// every one) allocates no list for them.
#[derive(Default)]
struct Values<'a> {
    inline: [Cow<'a, Value>; INLINE_ARGS],
    len: usize,
    /// Every value, once there are more than fit inline.
    spilled: Vec<Cow<'a, Value>>,
}

impl<'a> Values<'a> {
    fn push(&mut self, value: Cow<'a, Value>) {
        if self.len < INLINE_ARGS {
            self.inline[self.len] = value;
        } else {
            if self.spilled.is_empty() {
                self.spilled
                    .extend(self.inline.iter_mut().map(std::mem::take));
            }
            self.spilled.push(value);
        }
        self.len += 1;
    }

    fn as_slice(&self) -> &[Cow<'a, Value>] {
        if self.len <= INLINE_ARGS {
            &self.inline[..self.len]
        } else {
            &self.spilled
        }
    }

    fn into_owned(self) -> Vec<Value> {
        if self.len <= INLINE_ARGS {
            let len = self.len;
            self.inline
                .into_iter()
                .take(len)
                .map(Cow::into_owned)
                .collect()
        } else {
            self.spilled.into_iter().map(Cow::into_owned).collect()
        }
    }
}

/// The most characters `Base64Encode`, `Base64Decode` and `Hash` accept.
pub(crate) const MAX_INPUT_CHARS: usize = 10_000;

impl Args<'_> {
    /// A `States.IntrinsicFailure` for this call.
    pub(crate) fn fail(&self, why: impl std::fmt::Display) -> EvalError {
        EvalError::intrinsic(format!("Invalid arguments in {}: {why}", self.function))
    }

    /// Argument `i` (0-based), whatever its type.
    pub(crate) fn value(&self, i: usize) -> Result<&Value, EvalError> {
        self.values
            .as_slice()
            .get(i)
            .map(AsRef::as_ref)
            .ok_or_else(|| self.fail(format_args!("argument {} is missing", i + 1)))
    }

    /// How many arguments were given.
    pub(crate) fn len(&self) -> usize {
        self.values.len
    }

    /// All arguments.
    pub(crate) fn values(&self) -> &[Cow<'_, Value>] {
        self.values.as_slice()
    }

    fn wrong(&self, i: usize, expected: &str, found: &Value) -> EvalError {
        self.fail(format_args!(
            "argument {} must be {expected}, found {}",
            i + 1,
            compact(found)
        ))
    }

    /// Argument `i` as a string.
    pub(crate) fn string(&self, i: usize) -> Result<&str, EvalError> {
        match self.value(i)? {
            Value::String(s) => Ok(s),
            other => Err(self.wrong(i, "a string", other)),
        }
    }

    /// Argument `i` as an array.
    pub(crate) fn array(&self, i: usize) -> Result<&Vec<Value>, EvalError> {
        match self.value(i)? {
            Value::Array(items) => Ok(items),
            other => Err(self.wrong(i, "an array", other)),
        }
    }

    /// Argument `i` as an object.
    pub(crate) fn object(&self, i: usize) -> Result<&serde_json::Map<String, Value>, EvalError> {
        match self.value(i)? {
            Value::Object(map) => Ok(map),
            other => Err(self.wrong(i, "an object", other)),
        }
    }

    /// Argument `i` as a number.
    pub(crate) fn number(&self, i: usize) -> Result<&Number, EvalError> {
        match self.value(i)? {
            Value::Number(n) => Ok(n),
            other => Err(self.wrong(i, "a number", other)),
        }
    }

    /// Argument `i` as an integer (a number with no fractional part, such as `3` or `3.0`).
    pub(crate) fn integer(&self, i: usize) -> Result<i64, EvalError> {
        let n = self.number(i)?;
        if let Some(v) = n.as_i64() {
            return Ok(v);
        }
        match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
            _ => Err(self.wrong(i, "an integer", &Value::Number(n.clone()))),
        }
    }
}

#[cfg(test)]
mod tests;
