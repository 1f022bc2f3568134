use std::cell::RefCell;

use serde_json::{Map, Value, json};
use sfn_asl::PathOrNull;

use super::*;
use crate::eval::{RESULT_PATH_MATCH_FAILURE, RUNTIME, Rng};

fn with_scope<R>(input: &Value, f: impl FnOnce(&Scope) -> R) -> R {
    let context = json!({"Execution": {"Id": "arn:exec", "Input": {"k": 1}}});
    let mut variables = Map::new();
    variables.insert("total".to_owned(), json!({"n": 3, "list": [1, 2]}));
    let rng = RefCell::new(Rng::seeded(0));
    let scope = Scope {
        input,
        context: &context,
        variables: &variables,
        rng: &rng,
    };
    f(&scope)
}

fn sel(path: &str, input: &Value) -> Result<Value, EvalError> {
    with_scope(input, |scope| select(path, scope))
}

fn store() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553", "price": 8.99},
                {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord", "isbn": "0-395", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "expensive": 10
    })
}

#[test]
fn dollar_selects_the_whole_input() {
    let input = json!({"a": 1});
    assert_eq!(sel("$", &input).unwrap(), input);
}

#[test]
fn definite_path_returns_the_value_itself() {
    let input = json!({"a": {"b": [10, 20, 30]}});
    assert_eq!(sel("$.a.b", &input).unwrap(), json!([10, 20, 30]));
    assert_eq!(sel("$.a.b[1]", &input).unwrap(), json!(20));
    assert_eq!(sel("$['a']['b'][-1]", &input).unwrap(), json!(30));
}

#[test]
fn null_leaf_is_found() {
    assert_eq!(sel("$.a", &json!({"a": null})).unwrap(), Value::Null);
}

#[test]
fn missing_leaf_reports_no_results() {
    let e = sel("$.x", &json!({"a": 1})).unwrap_err();
    assert_eq!(e.error, RUNTIME);
    assert_eq!(e.cause, "Invalid path '$.x' : No results for path: $['x']");
}

#[test]
fn missing_middle_step_reports_missing_property() {
    let e = sel("$.no.such.result.path", &json!({"a": 1})).unwrap_err();
    assert_eq!(
        e.cause,
        "Invalid path '$.no.such.result.path' : Missing property in path $['no']"
    );
}

#[test]
fn property_of_a_non_object_is_not_found() {
    let e = sel("$.a.b", &json!({"a": "text"})).unwrap_err();
    assert!(
        e.cause
            .contains("Expected to find an object with property ['b'] in path $['a'] but found 'java.lang.String'"),
        "{}",
        e.cause
    );
}

#[test]
fn index_out_of_range_is_not_found() {
    let e = sel("$.a[5]", &json!({"a": [1]})).unwrap_err();
    assert_eq!(
        e.cause,
        "Invalid path '$.a[5]' : No results for path: $['a'][5]"
    );
}

#[test]
fn context_and_variables_are_roots() {
    let input = json!({});
    assert_eq!(sel("$$.Execution.Id", &input).unwrap(), json!("arn:exec"));
    assert_eq!(sel("$$.Execution.Input.k", &input).unwrap(), json!(1));
    assert_eq!(sel("$total.n", &input).unwrap(), json!(3));
    assert_eq!(sel("$total.list[0]", &input).unwrap(), json!(1));
    assert_eq!(
        sel("$total", &input).unwrap(),
        json!({"n": 3, "list": [1, 2]})
    );
}

#[test]
fn missing_context_path_is_reported_on_the_context_root() {
    let e = sel("$$.Execution.Nope", &json!({})).unwrap_err();
    assert_eq!(
        e.cause,
        "Invalid path '$$.Execution.Nope' : No results for path: $['Execution']['Nope']"
    );
}

#[test]
fn unknown_variable_is_not_found() {
    let e = sel("$nope", &json!({})).unwrap_err();
    assert_eq!(e.error, RUNTIME);
    assert!(e.cause.contains("$nope"), "{}", e.cause);
}

#[test]
fn wildcard_collects_matches_in_order() {
    assert_eq!(
        sel("$.store.book[*].author", &store()).unwrap(),
        json!([
            "Nigel Rees",
            "Evelyn Waugh",
            "Herman Melville",
            "J. R. R. Tolkien"
        ])
    );
}

#[test]
fn indefinite_path_skips_missing_members() {
    assert_eq!(
        sel("$.store.book[*].isbn", &store()).unwrap(),
        json!(["0-553", "0-395"])
    );
}

#[test]
fn indefinite_path_with_no_match_is_an_empty_array() {
    assert_eq!(sel("$.store.book[*].nope", &store()).unwrap(), json!([]));
}

#[test]
fn missing_definite_prefix_of_an_indefinite_path_fails() {
    let e = sel("$.nope[*]", &store()).unwrap_err();
    assert_eq!(
        e.cause,
        "Invalid path '$.nope[*]' : Missing property in path $['nope']"
    );
}

#[test]
fn deep_scan_finds_every_depth_in_document_order() {
    assert_eq!(
        sel("$..price", &store()).unwrap(),
        json!([8.95, 12.99, 8.99, 22.99, 19.95])
    );
}

#[test]
fn slices_follow_python_rules() {
    let input = json!({"a": [0, 1, 2, 3, 4]});
    assert_eq!(sel("$.a[1:3]", &input).unwrap(), json!([1, 2]));
    assert_eq!(sel("$.a[-2:]", &input).unwrap(), json!([3, 4]));
    assert_eq!(sel("$.a[:2]", &input).unwrap(), json!([0, 1]));
    assert_eq!(sel("$.a[::2]", &input).unwrap(), json!([0, 2, 4]));
    assert_eq!(sel("$.a[3:10]", &input).unwrap(), json!([3, 4]));
}

#[test]
fn slice_on_a_non_array_after_a_definite_prefix_fails() {
    let e = sel("$.a[1:2]", &json!({"a": {"x": 1}})).unwrap_err();
    assert!(
        e.cause.contains("can only be applied to arrays"),
        "{}",
        e.cause
    );
}

#[test]
fn index_union_collects_in_written_order() {
    assert_eq!(
        sel("$.a[2,0]", &json!({"a": [5, 6, 7]})).unwrap(),
        json!([7, 5])
    );
}

#[test]
fn name_union_at_the_end_merges_into_an_object() {
    let input = json!({"a": 1, "b": 2, "c": 3});
    assert_eq!(sel("$['a','c']", &input).unwrap(), json!({"a": 1, "c": 3}));
}

#[test]
fn filter_compares_numbers() {
    assert_eq!(
        sel("$.store.book[?(@.price < 10)].title", &store()).unwrap(),
        json!(["Sayings", "Moby Dick"])
    );
}

#[test]
fn filter_compares_with_root_values() {
    assert_eq!(
        sel("$.store.book[?(@.price > $.expensive)].title", &store()).unwrap(),
        json!(["Sword", "The Lord"])
    );
}

#[test]
fn filter_existence_test() {
    assert_eq!(
        sel("$.store.book[?(@.isbn)].title", &store()).unwrap(),
        json!(["Moby Dick", "The Lord"])
    );
}

#[test]
fn filter_combines_and_or_not() {
    assert_eq!(
        sel(
            "$.store.book[?(@.category == 'fiction' && !(@.price > 20))].title",
            &store()
        )
        .unwrap(),
        json!(["Sword", "Moby Dick"])
    );
    assert_eq!(
        sel(
            "$.store.book[?(@.price < 9 || @.price > 20)].price",
            &store()
        )
        .unwrap(),
        json!([8.95, 8.99, 22.99])
    );
}

#[test]
fn filter_string_equality_and_regex() {
    assert_eq!(
        sel("$.store.book[?(@.author =~ /.*Melville/)].title", &store()).unwrap(),
        json!(["Moby Dick"])
    );
    assert_eq!(
        sel("$.store.book[?(@.author =~ /nigel.*/i)].title", &store()).unwrap(),
        json!(["Sayings"])
    );
}

#[test]
fn filter_in_and_nin_use_arrays() {
    let input = json!({"xs": [{"v": 1}, {"v": 2}, {"v": 3}]});
    assert_eq!(
        sel("$.xs[?(@.v in [1, 3])].v", &input).unwrap(),
        json!([1, 3])
    );
    assert_eq!(
        sel("$.xs[?(@.v nin [1, 3])].v", &input).unwrap(),
        json!([2])
    );
}

#[test]
fn filter_number_equality_ignores_representation() {
    let input = json!({"xs": [{"v": 1.0}, {"v": 2}]});
    assert_eq!(sel("$.xs[?(@.v == 1)].v", &input).unwrap(), json!([1.0]));
}

#[test]
fn filter_does_not_equate_strings_and_numbers() {
    let input = json!({"xs": [{"v": "1"}, {"v": 1}]});
    assert_eq!(sel("$.xs[?(@.v == 1)].v", &input).unwrap(), json!([1]));
}

#[test]
fn length_function_counts() {
    let input = json!({"a": [1, 2, 3], "s": "héllo"});
    assert_eq!(sel("$.a.length()", &input).unwrap(), json!(3));
    assert_eq!(sel("$.s.length()", &input).unwrap(), json!(5));
    assert_eq!(sel("$.store.book[*].length()", &store()).unwrap(), json!(4));
}

#[test]
fn aggregate_functions_compute() {
    let input = json!({"a": [1, 2, 3, 6]});
    assert_eq!(sel("$.a.sum()", &input).unwrap(), json!(12.0));
    assert_eq!(sel("$.a.avg()", &input).unwrap(), json!(3.0));
    assert_eq!(sel("$.a.min()", &input).unwrap(), json!(1.0));
    assert_eq!(sel("$.a.max()", &input).unwrap(), json!(6.0));
}

#[test]
fn aggregate_of_empty_array_fails() {
    assert!(sel("$.a.max()", &json!({"a": []})).is_err());
}

#[test]
fn select_optional_tells_missing_from_null() {
    let input = json!({"a": null});
    with_scope(&input, |scope| {
        assert_eq!(select_optional("$.a", scope).unwrap(), Some(Value::Null));
        assert_eq!(select_optional("$.b", scope).unwrap(), None);
        assert_eq!(select_optional("$.b.c", scope).unwrap(), None);
        assert!(select_optional("$.[", scope).is_err());
    });
}

#[test]
fn compiled_path_is_reusable() {
    let path = CompiledPath::parse("$.a.b").unwrap();
    assert!(path.is_definite());
    assert_eq!(path.as_str(), "$.a.b");
    for n in 0..3 {
        let input = json!({"a": {"b": n}});
        with_scope(&input, |scope| {
            assert_eq!(path.select(scope).unwrap(), json!(n))
        });
    }
}

#[test]
fn invalid_syntax_is_a_runtime_error() {
    let e = sel("$.a[", &json!({})).unwrap_err();
    assert_eq!(e.error, RUNTIME);
    assert!(e.cause.starts_with("Invalid path '$.a['"), "{}", e.cause);
}

#[test]
fn simple_fast_path_agrees_with_the_general_one() {
    let input = json!({"a-b": {"c_d": 1}});
    assert_eq!(sel("$.a-b.c_d", &input).unwrap(), json!(1));
    let compiled = CompiledPath::parse("$.a-b.c_d").unwrap();
    with_scope(&input, |scope| {
        assert_eq!(compiled.select(scope).unwrap(), json!(1))
    });
}

fn rp(path: &str) -> PathOrNull {
    PathOrNull::Path(path.to_owned())
}

#[test]
fn result_path_absent_or_dollar_replaces_the_input() {
    let input = json!({"a": 1});
    assert_eq!(apply_result_path(&input, None, json!(2)).unwrap(), json!(2));
    assert_eq!(
        apply_result_path(&input, Some(&rp("$")), json!(2)).unwrap(),
        json!(2)
    );
}

#[test]
fn result_path_null_keeps_the_input() {
    let input = json!({"a": 1});
    assert_eq!(
        apply_result_path(&input, Some(&PathOrNull::Null), json!(2)).unwrap(),
        input
    );
}

#[test]
fn result_path_merges_and_creates_objects() {
    let input = json!({"a": 1, "b": {"keep": true}});
    assert_eq!(
        apply_result_path(&input, Some(&rp("$.b.c.d")), json!("r")).unwrap(),
        json!({"a": 1, "b": {"keep": true, "c": {"d": "r"}}})
    );
}

#[test]
fn result_path_overwrites_an_existing_member() {
    let input = json!({"a": 1});
    assert_eq!(
        apply_result_path(&input, Some(&rp("$.a")), json!([1])).unwrap(),
        json!({"a": [1]})
    );
}

#[test]
fn result_path_into_an_existing_array_item() {
    let input = json!({"a": [0, 1]});
    assert_eq!(
        apply_result_path(&input, Some(&rp("$.a[1]")), json!("x")).unwrap(),
        json!({"a": [0, "x"]})
    );
}

#[test]
fn result_path_on_a_non_object_input_fails() {
    let e = apply_result_path(&json!("foo"), Some(&rp("$.x")), json!(1)).unwrap_err();
    assert_eq!(e.error, RESULT_PATH_MATCH_FAILURE);
    assert_eq!(
        e.cause,
        "Unable to apply ReferencePath $.x to input \"foo\""
    );
}

#[test]
fn result_path_through_a_non_object_member_fails() {
    let e = apply_result_path(&json!({"a": 5}), Some(&rp("$.a.b")), json!(1)).unwrap_err();
    assert_eq!(e.error, RESULT_PATH_MATCH_FAILURE);
}

#[test]
fn result_path_must_be_a_reference_path() {
    let e = apply_result_path(&json!({}), Some(&rp("$.a[*]")), json!(1)).unwrap_err();
    assert_eq!(e.error, RUNTIME);
    let e = apply_result_path(&json!({}), Some(&rp("$$.Execution")), json!(1)).unwrap_err();
    assert_eq!(e.error, RUNTIME);
}

#[test]
fn owned_result_path_matches_borrowed() {
    let input = json!({"a": {"b": 1}});
    let path = rp("$.a.c");
    assert_eq!(
        apply_result_path_owned(input.clone(), Some(&path), json!(2)).unwrap(),
        apply_result_path(&input, Some(&path), json!(2)).unwrap()
    );
}
