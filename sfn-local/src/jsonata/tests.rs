//! One test per behaviour. "AWS-recorded" values come from
//! `shared/conformance/executor/aws-recorded-intrinsics`.

use std::cell::RefCell;

use serde_json::{Map, Value, json};

use super::*;
use crate::eval::QUERY_EVALUATION_ERROR;

fn run_with(expr: &str, input: Value, rng: &RefCell<Rng>) -> Result<Option<Value>, EvalError> {
    let states = json!({"input": input, "context": {"Execution": {"Name": "run-1"}}});
    let mut variables = Map::new();
    variables.insert("limit".to_owned(), json!(10));
    variables.insert(
        "order".to_owned(),
        json!({"items": [{"price": 2}, {"price": 3}]}),
    );
    let scope = JsonataScope {
        states: &states,
        variables: &variables,
        rng,
    };
    evaluate(expr, &scope)
}

fn run(expr: &str, input: Value) -> Result<Option<Value>, EvalError> {
    run_with(expr, input, &RefCell::new(Rng::seeded(9)))
}

fn ok(expr: &str) -> Value {
    run(expr, json!({"n": 3, "s": "abc", "xs": [1, 2, 3]}))
        .unwrap_or_else(|e| panic!("{expr}: {e}"))
        .unwrap_or_else(|| panic!("{expr}: undefined"))
}

fn fails(expr: &str) -> EvalError {
    match run(expr, json!({})) {
        Ok(v) => panic!("{expr} should fail, gave {v:?}"),
        Err(e) => e,
    }
}

#[test]
fn expression_needs_exact_delimiters() {
    assert_eq!(expression("{% 1 + 1 %}"), Some(" 1 + 1 "));
    assert_eq!(expression(" {% 1 %}"), None);
    assert_eq!(expression("{% 1 %} "), None);
    assert_eq!(expression("plain"), None);
}

#[test]
fn states_input_and_context_are_readable() {
    assert_eq!(ok("$states.input.n * 2"), json!(6));
    assert_eq!(ok("$states.context.Execution.Name"), json!("run-1"));
}

#[test]
fn variables_are_readable() {
    assert_eq!(ok("$limit + 1"), json!(11));
    assert_eq!(ok("$sum($order.items.price)"), json!(5));
}

#[test]
fn standard_functions_work() {
    assert_eq!(ok("$uppercase($states.input.s)"), json!("ABC"));
    assert_eq!(ok("$count($states.input.xs)"), json!(3));
    assert_eq!(ok("$states.input.xs[$ > 1]"), json!([2, 3]));
    assert_eq!(ok("($x := 2; $x * $x)"), json!(4));
    assert_eq!(
        ok("{'a': $states.input.n, 'b': [1, 2]}"),
        json!({"a": 3, "b": [1, 2]})
    );
}

#[test]
fn singleton_sequences_are_unwrapped() {
    assert_eq!(ok("$states.input.xs[$ = 2]"), json!(2));
}

#[test]
fn missing_value_is_undefined() {
    assert_eq!(run("$states.input.nope", json!({})).unwrap(), None);
    assert_eq!(run("$neverAssigned", json!({})).unwrap(), None);
}

#[test]
fn whole_numbers_come_back_as_integers() {
    assert_eq!(ok("10 / 2"), json!(5));
    assert_eq!(ok("1 / 4"), json!(0.25));
}

#[test]
fn unknown_function_fails_as_aws_reports_it() {
    // AWS-recorded (test_math_random_seeded): `$randomSeeded` does not exist.
    let e = fails("$randomSeeded($states.input.fst)");
    assert_eq!(e.error, QUERY_EVALUATION_ERROR);
    assert_eq!(
        e.cause,
        "The JSONata expression '$randomSeeded($states.input.fst)' specified for the field '' threw an error during evaluation. T1006: Attempted to invoke a non-function"
    );
}

#[test]
fn type_errors_are_query_evaluation_errors() {
    let e = fails("'a' + 1");
    assert_eq!(e.error, QUERY_EVALUATION_ERROR);
    assert!(e.cause.contains("T2001"), "{}", e.cause);
}

#[test]
fn syntax_errors_are_query_evaluation_errors() {
    assert_eq!(fails("1 +").error, QUERY_EVALUATION_ERROR);
}

#[test]
fn division_by_zero_is_an_error() {
    assert!(fails("1 / 0").cause.contains("D1001"));
}

#[test]
fn eval_is_unavailable() {
    assert!(fails("$eval('1')").cause.contains("$eval is not available"));
}

// AWS functions

#[test]
fn partition_chunks_arrays() {
    // AWS-recorded.
    assert_eq!(ok("$partition([0], 1)"), json!([[0]]));
    assert_eq!(ok("$partition([0, 1, 2, 3], 3)"), json!([[0, 1, 2], [3]]));
    assert_eq!(ok("$partition([0, 1], 5)"), json!([[0, 1]]));
    assert_eq!(ok("$partition([], 2)"), json!([]));
}

#[test]
fn partition_rejects_a_non_positive_size() {
    assert_eq!(fails("$partition([1], 0)").error, QUERY_EVALUATION_ERROR);
}

#[test]
fn range_includes_the_end_when_hit() {
    // AWS-recorded.
    assert_eq!(ok("$range(0, 9, 3)"), json!([0, 3, 6, 9]));
    assert_eq!(ok("$range(0, 10, 3)"), json!([0, 3, 6, 9]));
    assert_eq!(ok("$range(1, 9, 2)"), json!([1, 3, 5, 7, 9]));
}

#[test]
fn range_of_one_item_is_unwrapped() {
    // AWS-recorded: `$range(1, 9, 9)` is `1`, not `[1]`.
    assert_eq!(ok("$range(1, 9, 9)"), json!(1));
    assert_eq!(ok("[$range(1, 9, 9)]"), json!([1]));
}

#[test]
fn range_with_a_zero_step_is_empty() {
    assert_eq!(ok("$range(1, 5, 0)"), json!([]));
}

#[test]
fn range_counts_down_with_a_negative_step() {
    assert_eq!(ok("$range(5, 1, -2)"), json!([5, 3, 1]));
}

#[test]
fn hash_supports_the_five_algorithms() {
    assert_eq!(
        ok("$hash('input data', 'MD5')"),
        json!("812f45842bc6d66ee14572ce20db8e86")
    );
    assert_eq!(
        ok("$hash('input data', 'SHA-1')"),
        json!("aaff4a450a104cd177d28d18d74485e8cae074b7")
    );
    assert_eq!(
        ok("$hash('input data', 'SHA-256')"),
        json!("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")
    );
    assert!(
        ok("$hash('input data', 'SHA-384')")
            .as_str()
            .is_some_and(|h| h.len() == 96)
    );
    assert!(
        ok("$hash('input data', 'SHA-512')")
            .as_str()
            .is_some_and(|h| h.len() == 128)
    );
}

#[test]
fn hash_rejects_an_unknown_algorithm() {
    assert!(
        fails("$hash('x', 'SHA-3')")
            .cause
            .contains("unknown algorithm")
    );
}

#[test]
fn random_is_in_the_unit_interval() {
    let r = ok("$random()").as_f64().unwrap();
    assert!((0.0..1.0).contains(&r));
}

#[test]
fn random_with_a_seed_is_repeatable() {
    assert_eq!(ok("$random(42)"), ok("$random(42)"));
    assert_ne!(ok("$random(42)"), ok("$random(43)"));
}

#[test]
fn random_without_a_seed_follows_the_execution_rng() {
    let draw = |seed| run_with("$random()", json!({}), &RefCell::new(Rng::seeded(seed))).unwrap();
    assert_eq!(draw(1), draw(1));
    assert_ne!(draw(1), draw(2));
}

#[test]
fn random_draws_advance_the_execution_rng() {
    let rng = RefCell::new(Rng::seeded(5));
    let first = run_with("$random()", json!({}), &rng).unwrap();
    let second = run_with("$random()", json!({}), &rng).unwrap();
    assert_ne!(first, second);
}

#[test]
fn uuid_is_a_v4_uuid() {
    let id = ok("$uuid()");
    let text = id.as_str().unwrap();
    assert_eq!(text.len(), 36);
    assert_eq!(&text[14..15], "4");
}

#[test]
fn parse_reads_json_text() {
    // AWS-recorded.
    assert_eq!(ok("$parse('-0')"), json!(0));
    assert_eq!(ok("$parse('1.1')"), json!(1.1));
    assert_eq!(ok("$parse('\"HelloWorld\"')"), json!("HelloWorld"));
    assert_eq!(
        ok("$parse('{\"Arg1\": 1, \"Arg2\": []}')"),
        json!({"Arg1": 1, "Arg2": []})
    );
}

#[test]
fn parse_rejects_invalid_json() {
    assert_eq!(fails("$parse('{')").error, QUERY_EVALUATION_ERROR);
}

// evaluate_value

fn value(template: Value) -> Result<Value, EvalError> {
    let states = json!({"input": {"a": 1, "b": [1, 2]}, "context": {}});
    let variables = Map::new();
    let rng = RefCell::new(Rng::seeded(0));
    let scope = JsonataScope {
        states: &states,
        variables: &variables,
        rng: &rng,
    };
    evaluate_field_value("Output", &template, &scope)
}

#[test]
fn evaluate_value_replaces_expressions_at_any_depth() {
    assert_eq!(
        value(json!({"x": "{% $states.input.a + 1 %}", "list": ["{% $states.input.b %}", 3], "lit": " {% 1 %}"}))
            .unwrap(),
        json!({"x": 2, "list": [[1, 2], 3], "lit": " {% 1 %}"})
    );
}

#[test]
fn evaluate_value_keeps_literals() {
    let literal = json!({"n": 1, "s": "text", "z": null});
    assert_eq!(value(literal.clone()).unwrap(), literal);
}

#[test]
fn undefined_field_fails_naming_the_field() {
    let e = value(json!({"FunctionResult": "{% $states.input.missing %}"})).unwrap_err();
    assert_eq!(e.error, QUERY_EVALUATION_ERROR);
    assert_eq!(
        e.cause,
        "The JSONata expression '$states.input.missing' specified for the field 'Output/FunctionResult' returned nothing (undefined)"
    );
}

// Only what an expression names is converted and registered.

#[test]
fn states_members_lists_named_members() {
    assert_eq!(
        states_members("$states.input.a + $count($states . context.x)"),
        Some(vec!["input", "context"])
    );
    assert_eq!(states_members("1 + 1"), Some(vec![]));
    assert_eq!(
        states_members("$statesCount + $states.result"),
        Some(vec!["result"])
    );
}

#[test]
fn states_members_is_all_for_other_uses() {
    assert_eq!(states_members("$keys($states)"), None);
    assert_eq!(states_members("$states.*"), None);
    assert_eq!(states_members("$states[0]"), None);
}

#[test]
fn whole_states_object_is_readable() {
    assert_eq!(ok("$keys($states)"), json!(["input", "context"]));
    assert_eq!(ok("$states.*.n"), json!(3));
}

#[test]
fn variables_are_matched_by_whole_name() {
    assert!(mentions_variable("$limit + 1", "limit"));
    assert!(!mentions_variable("$limits + 1", "limit"));
    assert!(mentions_variable("$limits + $limit", "limit"));
    assert!(!mentions_variable("$states.input", "limit"));
}

#[test]
fn a_variable_named_like_a_prefix_of_another_is_not_confused() {
    assert_eq!(ok("$order.items[0].price"), json!(2));
}
