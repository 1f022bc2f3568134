//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, JSONPath `Assign`, …).
//!
//! A key ending in `.$` has its string value evaluated, and loses the `.$`: a path (`$.x` on
//! the input, `$$.x` on the Context Object, `$name` on a variable) or an intrinsic call
//! (`States.Format(…)`). Every other value is copied as written. This applies at any depth,
//! inside arrays too.

use serde_json::{Map, Value};

use crate::eval::{EvalError, Scope, compact, same_key};
use crate::{intrinsics, jsonpath};

/// Evaluates the payload template `template` against `scope`.
///
/// A path that selects nothing fails with `States.Runtime` and AWS's cause: "The JSONPath '$.x'
/// specified for the field 'x.$' could not be found in the input '{…}'". A failing intrinsic
/// fails as [`intrinsics::evaluate`] does.
pub(crate) fn evaluate_template(template: &Value, scope: &Scope) -> Result<Value, EvalError> {
    match template {
        Value::Object(map) => evaluate_object(map, scope).map(Value::Object),
        Value::Array(items) => items
            .iter()
            .map(|item| evaluate_template(item, scope))
            .collect::<Result<_, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

fn evaluate_object(
    map: &Map<String, Value>,
    scope: &Scope,
) -> Result<Map<String, Value>, EvalError> {
    let mut out = Map::with_capacity(map.len());
    for (key, value) in map {
        match key.strip_suffix(".$") {
            Some(name) => {
                let evaluated = evaluate_field(key, value, scope)?;
                out.insert(name.to_owned(), evaluated);
            }
            None => {
                out.insert(key.clone(), evaluate_template(value, scope)?);
            }
        }
    }
    Ok(out)
}

/// The value of one `key.$` field: `expression` is a path or an intrinsic call.
pub(crate) fn evaluate_field(
    key: &str,
    expression: &Value,
    scope: &Scope,
) -> Result<Value, EvalError> {
    let Value::String(text) = expression else {
        return Err(EvalError::runtime(format!(
            "The value for the field '{key}' must be a STRING that contains a JSONPath or an intrinsic function call, not {}",
            compact(expression)
        )));
    };
    evaluate_expression(key, text, scope)
}

/// Evaluates a `.$` expression `text` of the field `key`: a path or an intrinsic call.
pub(crate) fn evaluate_expression(
    key: &str,
    text: &str,
    scope: &Scope,
) -> Result<Value, EvalError> {
    if text.starts_with('$') {
        return match jsonpath::find(text, scope)? {
            Ok(value) => Ok(value),
            Err(_) => Err(not_found(key, text, scope)),
        };
    }
    if sfn_asl::intrinsic::looks_like_call(text) {
        return intrinsics::evaluate(text, scope);
    }
    Err(EvalError::runtime(format!(
        "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call"
    )))
}

/// A payload template compiled once per machine: the `.$` fields' paths and intrinsic calls
/// parsed, and the parts without any `.$` field kept as ready values. It evaluates exactly as
/// [`evaluate_template`] does on the same value, errors included. Boxed, so an absent template
/// costs a `Compiled` state one word rather than the tree inline.
#[derive(Debug)]
pub(crate) struct Template(Box<Node>);

#[derive(Debug)]
enum Node {
    /// No `.$` key anywhere inside: copied as written.
    Literal(Value),
    /// An object with a `.$` key at some depth: (output key, entry) in written order, and,
    /// when the output keys are distinct, the output object with its literal entries filled
    /// in: cloning it costs no key hashing, and only the other entries are set per run.
    Object(Vec<(String, Entry)>, Option<Map<String, Value>>),
    /// An array with a `.$` key at some depth.
    Array(Vec<Node>),
}

#[derive(Debug)]
enum Entry {
    /// A key without `.$`.
    Nested(Node),
    /// A `key.$` field: the key as written (for error messages) and its expression.
    Field(String, Expression),
}

#[derive(Debug)]
enum Expression {
    /// A string starting with `$`.
    Path(jsonpath::PathExpr),
    /// An intrinsic call that parses.
    Call(intrinsics::CompiledCall),
    /// Anything else (not a string, not a path or call, a call that does not parse): evaluated
    /// from the written value at run time, which fails with the same error as before.
    Written(Value),
}

impl Template {
    /// Compiles the payload template `template`.
    pub(crate) fn compile(template: &Value) -> Template {
        Template(Box::new(Node::compile(template)))
    }

    /// Evaluates the template against `scope`, as [`evaluate_template`] does.
    pub(crate) fn evaluate(&self, scope: &Scope) -> Result<Value, EvalError> {
        self.0.evaluate(scope)
    }
}

/// How many evaluated entries [`Fields`] holds: templates with more take the general path.
const MAX_FIELDS: usize = 4;

/// The evaluated entries of an object template (its `.$` fields and nested templates, in
/// written order), ready to be stored by [`Template::store`]. Filled in place by
/// [`Template::evaluate_fields`]: a few JSON values are large enough that moving them around
/// would cost more than it saves.
#[derive(Default)]
pub(crate) struct Fields {
    values: [Value; MAX_FIELDS],
}

impl Template {
    /// For an object template with distinct output keys and at most a few entries to evaluate,
    /// evaluates those entries into `fields`, in written order and with the errors
    /// [`evaluate`](Self::evaluate) gives; `None` for any other template (the caller evaluates
    /// it whole).
    pub(crate) fn evaluate_fields(
        &self,
        scope: &Scope,
        fields: &mut Fields,
    ) -> Option<Result<(), EvalError>> {
        let Node::Object(entries, Some(_)) = &*self.0 else {
            return None;
        };
        let dynamic = entries
            .iter()
            .filter(|(_, entry)| !matches!(entry, Entry::Nested(Node::Literal(_))));
        if dynamic.clone().count() > MAX_FIELDS {
            return None;
        }
        for ((_, entry), slot) in dynamic.zip(&mut fields.values) {
            let value = match entry {
                Entry::Nested(node) => node.evaluate(scope),
                Entry::Field(key, expression) => expression.evaluate(key, scope),
            };
            match value {
                Ok(value) => *slot = value,
                Err(e) => return Some(Err(e)),
            }
        }
        Some(Ok(()))
    }

    /// Stores in `dest` the object that `fields` (from [`evaluate_fields`](Self::evaluate_fields)
    /// on this template) make, the value [`evaluate`](Self::evaluate) gives. When `dest` already
    /// holds an object with the template's keys in the same order (what an earlier run of the
    /// same state left there), that object is reused, keys and all, and only its values are
    /// replaced; otherwise it is overwritten.
    pub(crate) fn store(&self, fields: &mut Fields, dest: &mut Value) {
        let Node::Object(entries, Some(skeleton)) = &*self.0 else {
            unreachable!("`evaluate_fields` only returns fields for objects with a skeleton")
        };
        let mut values = fields.values.iter_mut().map(std::mem::take);
        let mut fill = |out: &mut Map<String, Value>| {
            for ((_, slot), (_, entry)) in out.iter_mut().zip(entries) {
                match entry {
                    Entry::Nested(Node::Literal(literal)) => {
                        if slot != literal {
                            *slot = literal.clone();
                        }
                    }
                    // One value per entry that is not literal: `evaluate_fields` evaluated them.
                    _ => *slot = values.next().unwrap_or_default(),
                }
            }
        };
        match dest {
            Value::Object(map)
                if map.len() == skeleton.len()
                    && map.keys().zip(skeleton.keys()).all(|(a, b)| same_key(a, b)) =>
            {
                fill(map);
            }
            _ => {
                let mut fresh = skeleton.clone();
                fill(&mut fresh);
                *dest = Value::Object(fresh);
            }
        }
    }
}

impl Node {
    fn compile(template: &Value) -> Node {
        if !has_dollar_key(template) {
            return Node::Literal(template.clone());
        }
        match template {
            Value::Object(map) => {
                let entries: Vec<(String, Entry)> = map
                    .iter()
                    .map(|(key, value)| match key.strip_suffix(".$") {
                        Some(name) => (
                            name.to_owned(),
                            Entry::Field(key.clone(), Expression::compile(value)),
                        ),
                        None => (key.clone(), Entry::Nested(Node::compile(value))),
                    })
                    .collect();
                let skeleton: Map<String, Value> = entries
                    .iter()
                    .map(|(name, entry)| match entry {
                        Entry::Nested(Node::Literal(value)) => (name.clone(), value.clone()),
                        _ => (name.clone(), Value::Null),
                    })
                    .collect();
                // `a` and `a.$` in one template: keep inserting, which keeps the later value.
                let distinct = skeleton.len() == entries.len();
                Node::Object(entries, distinct.then_some(skeleton))
            }
            Value::Array(items) => Node::Array(items.iter().map(Node::compile).collect()),
            other => Node::Literal(other.clone()),
        }
    }

    fn evaluate(&self, scope: &Scope) -> Result<Value, EvalError> {
        match self {
            Node::Literal(value) => Ok(value.clone()),
            Node::Object(entries, Some(skeleton)) => {
                let mut out = skeleton.clone();
                for ((_, slot), (_, entry)) in out.iter_mut().zip(entries) {
                    match entry {
                        Entry::Nested(Node::Literal(_)) => {}
                        Entry::Nested(node) => *slot = node.evaluate(scope)?,
                        Entry::Field(key, expression) => *slot = expression.evaluate(key, scope)?,
                    }
                }
                Ok(Value::Object(out))
            }
            Node::Object(entries, None) => {
                let mut out = Map::with_capacity(entries.len());
                for (name, entry) in entries {
                    let value = match entry {
                        Entry::Nested(node) => node.evaluate(scope)?,
                        Entry::Field(key, expression) => expression.evaluate(key, scope)?,
                    };
                    out.insert(name.clone(), value);
                }
                Ok(Value::Object(out))
            }
            Node::Array(items) => items
                .iter()
                .map(|item| item.evaluate(scope))
                .collect::<Result<_, _>>()
                .map(Value::Array),
        }
    }
}

impl Expression {
    fn compile(value: &Value) -> Expression {
        match value {
            Value::String(text) if text.starts_with('$') => {
                Expression::Path(jsonpath::PathExpr::new(text))
            }
            Value::String(text) if sfn_asl::intrinsic::looks_like_call(text) => {
                match intrinsics::parse(text) {
                    Ok(call) => Expression::Call(call),
                    Err(_) => Expression::Written(value.clone()),
                }
            }
            other => Expression::Written(other.clone()),
        }
    }

    fn evaluate(&self, key: &str, scope: &Scope) -> Result<Value, EvalError> {
        match self {
            Expression::Path(path) => match path.find(scope)? {
                Ok(value) => Ok(value),
                Err(_) => Err(not_found(key, path.as_str(), scope)),
            },
            Expression::Call(call) => intrinsics::evaluate_call(call, scope),
            Expression::Written(value) => evaluate_field(key, value, scope),
        }
    }
}

/// Whether a key ending in `.$` appears anywhere in `value`.
fn has_dollar_key(value: &Value) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(key, value)| key.ends_with(".$") || has_dollar_key(value)),
        Value::Array(items) => items.iter().any(has_dollar_key),
        _ => false,
    }
}

/// AWS's cause when a `.$` field's path selects nothing.
fn not_found(key: &str, text: &str, scope: &Scope) -> EvalError {
    EvalError::runtime(format!(
        "The JSONPath '{text}' specified for the field '{key}' could not be found in the input '{}'",
        compact(scope.input)
    ))
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use serde_json::json;

    use super::*;
    use crate::eval::{RUNTIME, Rng};

    fn eval(template: Value, input: Value) -> Result<Value, EvalError> {
        let context = json!({"Execution": {"Name": "run-1"}, "Map": {"Item": {"Index": 2}}});
        let mut variables = Map::new();
        variables.insert("limit".to_owned(), json!(10));
        let rng = RefCell::new(Rng::seeded(0));
        let scope = Scope {
            input: &input,
            context: &context,
            variables: &variables,
            rng: &rng,
        };
        let interpreted = evaluate_template(&template, &scope);
        let compiled = Template::compile(&template).evaluate(&scope);
        assert_eq!(
            compiled, interpreted,
            "compiled and interpreted templates differ"
        );
        interpreted
    }

    #[test]
    fn stored_fields_make_what_evaluate_makes_whatever_the_destination() {
        let template = Template::compile(&json!({"a.$": "$.x", "lit": [1], "n": {"m.$": "$.x"}}));
        let input = json!({"x": "X"});
        let variables = Map::new();
        let rng = RefCell::new(Rng::seeded(0));
        let scope = Scope {
            input: &input,
            context: &Value::Null,
            variables: &variables,
            rng: &rng,
        };
        let expected = template.evaluate(&scope).unwrap();
        for mut dest in [
            Value::Null,
            json!("text"),
            json!({"a": 0, "lit": [2], "n": {}}),
            json!({"lit": [1], "a": 0, "n": {}}),
            json!({"a": 0, "lit": [1]}),
        ] {
            let mut fields = Fields::default();
            template
                .evaluate_fields(&scope, &mut fields)
                .unwrap()
                .unwrap();
            template.store(&mut fields, &mut dest);
            assert_eq!(dest.to_string(), expected.to_string());
        }
    }

    #[test]
    fn templates_with_many_fields_are_not_split_into_fields() {
        let template = Template::compile(
            &json!({"a.$": "$.x", "b.$": "$.x", "c.$": "$.x", "d.$": "$.x", "e.$": "$.x"}),
        );
        let input = json!({"x": 1});
        let variables = Map::new();
        let rng = RefCell::new(Rng::seeded(0));
        let scope = Scope {
            input: &input,
            context: &Value::Null,
            variables: &variables,
            rng: &rng,
        };
        assert!(
            template
                .evaluate_fields(&scope, &mut Fields::default())
                .is_none()
        );
    }

    #[test]
    fn dollar_keys_are_evaluated_and_renamed() {
        let out = eval(
            json!({"id.$": "$.order.id", "fixed": "$.order.id"}),
            json!({"order": {"id": 7}}),
        );
        assert_eq!(out.unwrap(), json!({"id": 7, "fixed": "$.order.id"}));
    }

    #[test]
    fn context_and_variable_paths_are_evaluated() {
        let out = eval(
            json!({"name.$": "$$.Execution.Name", "index.$": "$$.Map.Item.Index", "max.$": "$limit"}),
            json!({}),
        );
        assert_eq!(
            out.unwrap(),
            json!({"name": "run-1", "index": 2, "max": 10})
        );
    }

    #[test]
    fn nested_objects_and_arrays_are_evaluated() {
        let out = eval(
            json!({"outer": {"inner.$": "$.a"}, "list": [{"x.$": "$.a"}, 5, "$.a"]}),
            json!({"a": "A"}),
        );
        assert_eq!(
            out.unwrap(),
            json!({"outer": {"inner": "A"}, "list": [{"x": "A"}, 5, "$.a"]})
        );
    }

    #[test]
    fn a_later_field_of_the_same_output_name_wins_in_the_first_place() {
        let out = eval(
            json!({"a": 1, "b": 2, "a.$": "$.x", "c": {"d.$": "$.x"}}),
            json!({"x": "X"}),
        );
        assert_eq!(out.unwrap().to_string(), r#"{"a":"X","b":2,"c":{"d":"X"}}"#);
    }

    #[test]
    fn literal_values_are_copied() {
        let template = json!({"n": 1, "b": true, "z": null, "s": "text"});
        assert_eq!(eval(template.clone(), json!({})).unwrap(), template);
    }

    #[test]
    fn missing_path_fails_with_aws_cause() {
        let e = eval(json!({"missing.$": "$.nope.deep"}), json!({"other": 1})).unwrap_err();
        assert_eq!(e.error, RUNTIME);
        assert_eq!(
            e.cause,
            "The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input '{\"other\":1}'"
        );
    }

    #[test]
    fn indefinite_path_yields_an_array() {
        let out = eval(
            json!({"xs.$": "$.items[*].v"}),
            json!({"items": [{"v": 1}, {"v": 2}]}),
        );
        assert_eq!(out.unwrap(), json!({"xs": [1, 2]}));
    }

    #[test]
    fn intrinsic_calls_are_evaluated() {
        let out = eval(
            json!({"msg.$": "States.Format('Hello {}', $.who)"}),
            json!({"who": "Ada"}),
        );
        assert_eq!(out.unwrap(), json!({"msg": "Hello Ada"}));
    }

    #[test]
    fn non_string_dollar_value_is_a_runtime_error() {
        let e = eval(json!({"x.$": 5}), json!({})).unwrap_err();
        assert_eq!(e.error, RUNTIME);
        assert!(e.cause.contains("'x.$'"), "{}", e.cause);
    }

    #[test]
    fn text_that_is_neither_path_nor_call_is_a_runtime_error() {
        let e = eval(json!({"x.$": "hello"}), json!({})).unwrap_err();
        assert_eq!(e.error, RUNTIME);
    }
}
