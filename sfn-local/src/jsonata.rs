//! JSONata expressions (`{% … %}`) as AWS Step Functions evaluates them.
//!
//! The language itself comes from [`jsonata_core`], a JSONata 2.x engine that passes the
//! jsonata-js reference test suite. Step Functions adds to it (see [`functions`]): `$partition`,
//! `$range`, `$hash`, `$random([seed])` (replacing the built-in), `$uuid` and `$parse`, and it
//! removes `$eval`. Every expression sees `$states` (`input`, `context`, and where the field
//! allows it `result` and `errorOutput`) and the state machine's variables as `$name`.
//!
//! Failures are `States.QueryEvaluationError`, with AWS's cause: "The JSONata expression '…'
//! specified for the field '…' threw an error during evaluation. T1006: …", or "… returned
//! nothing (undefined)" when a field's expression has no value.

mod convert;
mod functions;

use std::cell::RefCell;
use std::rc::Rc;

use jsonata_core::ast::AstNode;
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError};
use jsonata_core::value::JValue;
use serde_json::{Map, Value};

use crate::eval::{EvalError, ParseCache, Rng};

/// What a JSONata expression can read.
#[derive(Clone, Copy)]
pub(crate) struct JsonataScope<'a> {
    /// The `$states` object: `{"input", "context"}`, plus `"result"` or `"errorOutput"` in the
    /// fields that see them.
    pub(crate) states: &'a Value,
    /// The state machine's variables, read as `$name`.
    pub(crate) variables: &'a Map<String, Value>,
    /// The random source for `$random()` and `$uuid()`.
    pub(crate) rng: &'a RefCell<Rng>,
}

/// The text inside `{% … %}` when `value` is a JSONata expression string: it must begin with
/// `{%` and end with `%}`, with nothing around them (AWS keeps `" {% x %}"` as a literal).
pub(crate) fn expression(value: &str) -> Option<&str> {
    value.strip_prefix("{%")?.strip_suffix("%}")
}

/// Evaluates the expression `expr` (the text inside `{% %}`). `Ok(None)` is JSONata's
/// `undefined` (no value), which callers treat as their field requires.
pub(crate) fn evaluate(expr: &str, scope: &JsonataScope) -> Result<Option<Value>, EvalError> {
    evaluate_in_field(expr, "", scope)
}

/// [`evaluate`] for the field `field` (e.g. `Output/total`), which AWS names in its causes.
pub(crate) fn evaluate_in_field(
    expr: &str,
    field: &str,
    scope: &JsonataScope,
) -> Result<Option<Value>, EvalError> {
    let fail = |message: &str| {
        EvalError::query(format!(
            "The JSONata expression '{}' specified for the field '{field}' threw an error during evaluation. {message}",
            expr.trim()
        ))
    };
    let ast = parsed(expr).map_err(|message| fail(&message))?;

    // The engine's host functions must own what they capture, so the execution's generator moves
    // into a shared cell for the evaluation and back afterwards: the random stream is the same as
    // if the functions had drawn from `scope.rng` directly. Only expressions that can draw pay
    // for it.
    let result = if functions::draws_random(expr) {
        let rng = Rc::new(RefCell::new(scope.rng.replace(Rng::seeded(0))));
        let result = run(&ast, expr, scope, Some(&rng));
        scope.rng.replace(rng.borrow().clone());
        result
    } else {
        run(&ast, expr, scope, None)
    };

    let value = result.map_err(|e| fail(&aws_message(&e)))?;
    convert::to_json(&value).map_err(|message| fail(&message))
}

fn run(
    ast: &AstNode,
    expr: &str,
    scope: &JsonataScope,
    rng: Option<&Rc<RefCell<Rng>>>,
) -> Result<JValue, EvaluatorError> {
    let mut context = Context::new();
    context.bind("states".to_owned(), states_value(expr, scope.states));
    for (name, value) in scope.variables {
        if mentions_variable(expr, name) {
            context.bind(name.clone(), convert::from_json(value));
        }
    }
    let mut evaluator = Evaluator::with_context(context);
    functions::register(&mut evaluator, expr, rng)?;
    evaluator.evaluate(ast, &JValue::Undefined)
}

/// `$states` for the engine, holding only the members `expr` can read: converting the whole
/// input and Context Object for `$states.input.id` would dominate the evaluation.
fn states_value(expr: &str, states: &Value) -> JValue {
    let (Some(members), Value::Object(all)) = (states_members(expr), states) else {
        return convert::from_json(states);
    };
    JValue::object(
        all.iter()
            .filter(|(key, _)| members.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), convert::from_json(value)))
            .collect(),
    )
}

/// The members of `$states` that `expr` names as `$states.name`; `None` (all of them) when
/// `$states` is used any other way (`$keys($states)`, `$states.*`, `$states[…]`).
fn states_members(expr: &str) -> Option<Vec<&str>> {
    let mut members = Vec::new();
    let mut rest = expr;
    while let Some(at) = rest.find("$states") {
        let after = &rest[at + "$states".len()..];
        rest = after;
        if after.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // another variable, such as `$statesCount`
        }
        let after = after.trim_start().strip_prefix('.')?.trim_start();
        let len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if len == 0 {
            return None;
        }
        members.push(&after[..len]);
    }
    Some(members)
}

/// Whether `expr` may read the variable `name` (`$name`, not followed by more of a name).
/// JSONata has no way to read a variable without writing its name.
fn mentions_variable(expr: &str, name: &str) -> bool {
    let needle_len = name.len() + 1;
    expr.match_indices('$').any(|(at, _)| {
        expr[at + 1..].starts_with(name)
            && !expr[at + needle_len..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

thread_local! {
    /// Expressions by text: a state's expressions are parsed once per thread, not once per
    /// evaluation.
    static PARSED: ParseCache<AstNode> = ParseCache::new(4096);
}

fn parsed(expr: &str) -> Result<Rc<AstNode>, String> {
    PARSED.with(|cache| {
        cache.get_or_parse(expr, |text| {
            jsonata_core::parser::parse(text).map_err(|e| e.to_string())
        })
    })
}

/// The engine's message in jsonata-js's words, which AWS quotes: the code and its text without
/// the engine's own "Type error: " prefix or trailing detail.
fn aws_message(error: &EvaluatorError) -> String {
    let message = error.message();
    // jsonata-js says "T1006: Attempted to invoke a non-function"; the engine appends the name.
    if error.code() == Some("T1006") {
        return "T1006: Attempted to invoke a non-function".to_owned();
    }
    message.to_owned()
}

/// Walks `value` and replaces every string that is exactly `{% … %}` by the expression's value,
/// at any depth; everything else is kept as written.
///
/// An expression with no value fails with `States.QueryEvaluationError` "The JSONata
/// expression '…' specified for the field '…' returned nothing (undefined)".
pub(crate) fn evaluate_value(value: &Value, scope: &JsonataScope) -> Result<Value, EvalError> {
    evaluate_field_value("", value, scope)
}

/// [`evaluate_value`] for the field `field` (e.g. `Output`, `Arguments`), which AWS names in its
/// causes as `Output/key/…`.
pub(crate) fn evaluate_field_value(
    field: &str,
    value: &Value,
    scope: &JsonataScope,
) -> Result<Value, EvalError> {
    match value {
        Value::String(text) => match expression(text) {
            None => Ok(value.clone()),
            Some(expr) => evaluate_in_field(expr, field, scope)?.ok_or_else(|| {
                EvalError::query(format!(
                    "The JSONata expression '{}' specified for the field '{field}' returned nothing (undefined)",
                    expr.trim()
                ))
            }),
        },
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, item) in map {
                let path = child_field(field, key);
                out.insert(key.clone(), evaluate_field_value(&path, item, scope)?);
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| evaluate_field_value(&child_field(field, &i.to_string()), item, scope))
            .collect::<Result<_, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

fn child_field(field: &str, key: &str) -> String {
    if field.is_empty() {
        key.to_owned()
    } else {
        format!("{field}/{key}")
    }
}

#[cfg(test)]
mod tests;
