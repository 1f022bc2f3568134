//! One test per behaviour of each function. Expected values marked "AWS-recorded" come from the
//! executions in `shared/conformance/executor/aws-recorded-intrinsics`.

use std::cell::RefCell;

use serde_json::{Map, Value, json};

use super::evaluate;
use crate::eval::{EvalError, INTRINSIC_FAILURE, RUNTIME, Rng, Scope};

fn run_with(expr: &str, input: Value, rng: &RefCell<Rng>) -> Result<Value, EvalError> {
    let context = json!({"Execution": {"Input": {"csv": "a,b"}}});
    let mut variables = Map::new();
    variables.insert("sep".to_owned(), json!(","));
    let scope = Scope {
        input: &input,
        context: &context,
        variables: &variables,
        rng,
    };
    evaluate(expr, &scope)
}

fn run(expr: &str, input: Value) -> Result<Value, EvalError> {
    run_with(expr, input, &RefCell::new(Rng::seeded(42)))
}

fn ok(expr: &str, input: Value) -> Value {
    run(expr, input).unwrap_or_else(|e| panic!("{expr}: {e}"))
}

fn fails(expr: &str, input: Value) -> EvalError {
    match run(expr, input) {
        Ok(v) => panic!("{expr} should fail, gave {v}"),
        Err(e) => e,
    }
}

fn pair(fst: Value, snd: Value) -> Value {
    json!({"fst": fst, "snd": snd})
}

// States.Format

#[test]
fn format_inserts_strings_unquoted() {
    // AWS-recorded.
    assert_eq!(
        ok(
            "States.Format('Formatting argument {}.', $.a)",
            json!({"a": "HelloWorld"})
        ),
        json!("Formatting argument HelloWorld.")
    );
}

#[test]
fn format_renders_null_numbers_and_json_text() {
    // AWS-recorded.
    let f = |v: Value| ok("States.Format('x={}', $.a)", json!({"a": v}));
    assert_eq!(f(json!(null)), json!("x=null"));
    assert_eq!(f(json!(1)), json!("x=1"));
    assert_eq!(f(json!(1.1)), json!("x=1.1"));
    assert_eq!(f(json!(true)), json!("x=true"));
    assert_eq!(f(json!("{\"Arg1\": 1}")), json!("x={\"Arg1\": 1}"));
}

#[test]
fn format_renders_integers_of_every_range_as_number_display_does() {
    let f = |v: Value| ok("States.Format('{}', $.a)", json!({"a": v}));
    for n in [
        json!(0),
        json!(-7),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(-0.5),
        json!(1e300),
    ] {
        assert_eq!(f(n.clone()), json!(n.to_string()), "{n}");
    }
}

#[test]
fn format_finds_placeholders_left_to_right_without_overlap() {
    assert_eq!(
        ok("States.Format('{{}}{}', $.a, $.b)", json!({"a": 1, "b": 2})),
        json!("{1}2")
    );
    assert_eq!(
        ok("States.Format('a{b}c{}{', $.a)", json!({"a": 1})),
        json!("a{b}c1{")
    );
    let e = fails("States.Format('a{b}c{', $.a)", json!({"a": 1}));
    assert!(e.cause.contains("0 placeholders"), "{}", e.cause);
}

#[test]
fn format_renders_objects_java_style() {
    // AWS-recorded: fst={Arg1=1, Arg2=[]}.
    assert_eq!(
        ok(
            "States.Format('fst={} and snd={}.', $.fst, $.snd)",
            pair(
                json!({"Arg1": 1, "Arg2": []}),
                json!({"Arg1": 1, "Arg2": []})
            )
        ),
        json!("fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.")
    );
    assert_eq!(
        ok(
            "States.Format('{}', $.a)",
            json!({"a": [1, "x", {"k": null}]})
        ),
        json!("[1, x, {k=null}]")
    );
}

#[test]
fn format_keeps_escaped_braces_literal() {
    // ASL text: States.Format('\{\} is {}', $.a) → "{} is 1".
    assert_eq!(
        ok(r"States.Format('\{\} is {}', $.a)", json!({"a": 1})),
        json!("{} is 1")
    );
    assert_eq!(
        ok(r"States.Format('\{{}\}', $.a)", json!({"a": "x"})),
        json!("{x}")
    );
}

#[test]
fn escaped_braces_elsewhere_are_plain_braces() {
    assert_eq!(
        ok(r"States.StringSplit('a\{b', '\{')", json!({})),
        json!(["a", "b"])
    );
    assert_eq!(
        ok(r"States.Array(States.Format('\{}'))", json!({})),
        json!(["{}"])
    );
}

#[test]
fn a_template_read_from_a_path_formats_like_a_literal_one() {
    // A literal template is split when the call is compiled; one read from the input is not.
    let input = json!({"t": "a{b}c{}{", "a": {"k": [1, "x"]}, "b": -7});
    for (literal, from_path) in [
        ("States.Format('a{b}c{}{', $.a)", "States.Format($.t, $.a)"),
        (
            "States.Format('{} and {}', $.a, $.b)",
            "States.Format($.u, $.a, $.b)",
        ),
    ] {
        let mut input = input.clone();
        input["u"] = json!("{} and {}");
        assert_eq!(
            ok(literal, input.clone()),
            ok(from_path, input),
            "{literal}"
        );
    }
}

#[test]
fn format_fails_on_the_first_value_that_cannot_be_read() {
    let e = fails("States.Format('{} {}', $.a, $.missing)", json!({"a": 1}));
    assert_eq!(e.error, RUNTIME);
    assert!(e.cause.contains("$.missing"), "{}", e.cause);
}

#[test]
fn format_needs_one_value_per_placeholder() {
    let e = fails("States.Format('{} {}', $.a)", json!({"a": 1}));
    assert_eq!(e.error, INTRINSIC_FAILURE);
    assert!(e.cause.contains("States.Format"), "{}", e.cause);
}

// States.StringToJson / JsonToString / JsonMerge

#[test]
fn string_to_json_parses_json_text() {
    // AWS-recorded.
    let f = |s: &str| ok("States.StringToJson($.s)", json!({ "s": s }));
    assert_eq!(f("null"), json!(null));
    assert_eq!(f("1.1"), json!(1.1));
    assert_eq!(f("true"), json!(true));
    assert_eq!(f("\"HelloWorld\""), json!("HelloWorld"));
    assert_eq!(f("[1, 2, \"HelloWorld\"]"), json!([1, 2, "HelloWorld"]));
    assert_eq!(
        f("{\"Arg1\": 1, \"Arg2\": []}"),
        json!({"Arg1": 1, "Arg2": []})
    );
}

#[test]
fn string_to_json_of_blank_text_is_null() {
    // AWS-recorded: "" and " " give null.
    assert_eq!(
        ok("States.StringToJson($.s)", json!({"s": ""})),
        json!(null)
    );
    assert_eq!(
        ok("States.StringToJson($.s)", json!({"s": " "})),
        json!(null)
    );
}

#[test]
fn string_to_json_of_negative_zero_is_zero() {
    // AWS-recorded.
    assert_eq!(ok("States.StringToJson($.s)", json!({"s": "-0"})), json!(0));
}

#[test]
fn string_to_json_rejects_invalid_json() {
    assert_eq!(
        fails("States.StringToJson($.s)", json!({"s": "{nope"})).error,
        INTRINSIC_FAILURE
    );
}

#[test]
fn json_to_string_is_compact() {
    // AWS-recorded.
    let f = |v: Value| ok("States.JsonToString($.a)", json!({ "a": v }));
    assert_eq!(f(json!(null)), json!("null"));
    assert_eq!(f(json!(1.1)), json!("1.1"));
    assert_eq!(f(json!("HelloWorld")), json!("\"HelloWorld\""));
    assert_eq!(
        f(json!([1, 2, "HelloWorld"])),
        json!("[1,2,\"HelloWorld\"]")
    );
    assert_eq!(
        f(json!({"Arg1": 1, "Arg2": []})),
        json!("{\"Arg1\":1,\"Arg2\":[]}")
    );
}

#[test]
fn json_merge_is_shallow_and_right_wins() {
    // AWS-recorded.
    assert_eq!(
        ok(
            "States.JsonMerge($.fst, $.snd, false)",
            pair(
                json!({"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}),
                json!({"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4})
            )
        ),
        json!({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4})
    );
}

#[test]
fn json_merge_accepts_nested_calls_and_context_paths() {
    // AWS-recorded (test_json_merge_escaped_argument).
    assert_eq!(
        ok(
            "States.JsonMerge(States.StringToJson('{\"k\": \"false\"}'), $.b, false)",
            json!({"b": {"x": 1}})
        ),
        json!({"k": "false", "x": 1})
    );
}

#[test]
fn json_merge_rejects_a_deep_merge_from_a_path() {
    // A literal `true` is rejected by the parser; a path can still produce one.
    let e = fails(
        "States.JsonMerge($.a, $.a, $.deep)",
        json!({"a": {}, "deep": true}),
    );
    assert_eq!(e.error, INTRINSIC_FAILURE);
}

#[test]
fn json_merge_rejects_non_objects() {
    let e = fails(
        "States.JsonMerge($.a, $.b, false)",
        json!({"a": [], "b": {}}),
    );
    assert_eq!(e.error, INTRINSIC_FAILURE);
}

// Arrays

#[test]
fn array_collects_its_arguments() {
    // AWS-recorded.
    assert_eq!(ok("States.Array()", json!({})), json!([]));
    assert_eq!(
        ok(
            "States.Array($.fst, $.snd)",
            pair(json!({"Arg1": 1}), json!(null))
        ),
        json!([{"Arg1": 1}, null])
    );
    assert_eq!(
        ok("States.Array('a', 1, true, null)", json!({})),
        json!(["a", 1, true, null])
    );
}

#[test]
fn array_keeps_every_argument_past_the_ones_held_inline() {
    assert_eq!(
        ok(
            "States.Array(1, 2, 3, 4, 5, $.fst, 7)",
            pair(json!("six"), json!(null))
        ),
        json!([1, 2, 3, 4, 5, "six", 7])
    );
    assert_eq!(
        ok("States.Format('{}{}{}{}{}', 1, 2, 3, 4, 5)", json!({})),
        json!("12345")
    );
}

#[test]
fn array_partition_chunks_with_a_shorter_last_chunk() {
    // AWS-recorded.
    let f = |items: Value, size: i64| {
        ok(
            "States.ArrayPartition($.fst, $.snd)",
            pair(items, json!(size)),
        )
    };
    assert_eq!(f(json!([]), 4), json!([]));
    assert_eq!(f(json!([0, 1, 2, 3]), 3), json!([[0, 1, 2], [3]]));
    assert_eq!(f(json!([0, 1, 2]), 1), json!([[0], [1], [2]]));
    assert_eq!(f(json!([0, 1]), 5), json!([[0, 1]]));
}

#[test]
fn array_partition_rejects_a_non_positive_size() {
    let e = fails(
        "States.ArrayPartition($.fst, $.snd)",
        pair(json!([1]), json!(0)),
    );
    assert_eq!(e.error, INTRINSIC_FAILURE);
}

#[test]
fn array_contains_uses_deep_equality() {
    // AWS-recorded.
    let f = |items: Value, v: Value| ok("States.ArrayContains($.fst, $.snd)", pair(items, v));
    assert_eq!(f(json!([]), json!(null)), json!(false));
    assert_eq!(f(json!([[1, 2, 3], 2]), json!(null)), json!(false));
    assert_eq!(f(json!([[1, 2, 3], 2]), json!([1, 2, 3])), json!(true));
    assert_eq!(
        f(json!([{"1": 2, "2": []}]), json!({"1": 2, "2": []})),
        json!(true)
    );
    assert_eq!(f(json!([{"1": 2, "2": []}]), json!([])), json!(false));
    assert_eq!(f(json!([true, false]), json!(false)), json!(true));
}

#[test]
fn array_range_includes_the_end_when_hit() {
    // AWS-recorded.
    let f = |a: i64, b: i64, c: i64| {
        ok(
            "States.ArrayRange($.a, $.b, $.c)",
            json!({"a": a, "b": b, "c": c}),
        )
    };
    assert_eq!(f(0, 9, 3), json!([0, 3, 6, 9]));
    assert_eq!(f(0, 10, 3), json!([0, 3, 6, 9]));
    assert_eq!(f(1, 9, 9), json!([1]));
    assert_eq!(f(1, 9, 2), json!([1, 3, 5, 7, 9]));
}

#[test]
fn array_range_counts_down_with_a_negative_step() {
    assert_eq!(
        ok("States.ArrayRange(5, 1, -2)", json!({})),
        json!([5, 3, 1])
    );
}

#[test]
fn array_range_in_the_wrong_direction_is_empty() {
    assert_eq!(ok("States.ArrayRange(5, 1, 1)", json!({})), json!([]));
}

#[test]
fn array_range_is_limited_to_1000_items() {
    assert_eq!(
        ok("States.ArrayRange(1, 1000, 1)", json!({}))
            .as_array()
            .map(Vec::len),
        Some(1000)
    );
    let e = fails("States.ArrayRange(0, 1000, 1)", json!({}));
    assert_eq!(e.error, INTRINSIC_FAILURE);
    assert!(e.cause.contains("1000"), "{}", e.cause);
}

#[test]
fn array_range_rejects_a_zero_step() {
    assert_eq!(
        fails("States.ArrayRange($.a, 3, $.a)", json!({"a": 0})).error,
        INTRINSIC_FAILURE
    );
}

#[test]
fn array_get_item_reads_by_index() {
    // AWS-recorded.
    assert_eq!(
        ok(
            "States.ArrayGetItem($.fst, $.snd)",
            pair(json!([1, 2, 3, 4, 5, 6, 7, 8, 9]), json!(5))
        ),
        json!(6)
    );
}

#[test]
fn array_get_item_out_of_range_fails() {
    let e = fails(
        "States.ArrayGetItem($.fst, $.snd)",
        pair(json!([1]), json!(3)),
    );
    assert_eq!(e.error, INTRINSIC_FAILURE);
}

#[test]
fn array_length_counts_items() {
    // AWS-recorded.
    assert_eq!(
        ok(
            "States.ArrayLength($.a)",
            json!({"a": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
        ),
        json!(9)
    );
}

#[test]
fn array_unique_keeps_first_occurrences() {
    assert_eq!(
        ok(
            "States.ArrayUnique($.a)",
            json!({"a": [1, 1, "x", [null], [null], {"a": 1}, {"a": 1}, 2, "x"]})
        ),
        json!([1, "x", [null], {"a": 1}, 2])
    );
}

#[test]
fn array_functions_reject_non_arrays() {
    let e = fails("States.ArrayLength($.a)", json!({"a": "abc"}));
    assert_eq!(e.error, INTRINSIC_FAILURE);
    assert!(e.cause.contains("must be an array"), "{}", e.cause);
}

// Encoding and hashing

#[test]
fn base64_round_trips() {
    // AWS-recorded.
    assert_eq!(
        ok("States.Base64Encode($.s)", json!({"s": "Data to encode"})),
        json!("RGF0YSB0byBlbmNvZGU=")
    );
    assert_eq!(
        ok(
            "States.Base64Decode($.s)",
            json!({"s": "RGF0YSB0byBlbmNvZGU="})
        ),
        json!("Data to encode")
    );
    assert_eq!(ok("States.Base64Encode($.s)", json!({"s": ""})), json!(""));
    assert_eq!(ok("States.Base64Decode($.s)", json!({"s": ""})), json!(""));
}

#[test]
fn base64_input_is_limited_to_10000_chars() {
    let long = "a".repeat(10_001);
    assert_eq!(
        fails("States.Base64Encode($.s)", json!({ "s": long })).error,
        INTRINSIC_FAILURE
    );
    let at_limit = "a".repeat(10_000);
    assert!(run("States.Base64Encode($.s)", json!({ "s": at_limit })).is_ok());
}

#[test]
fn base64_decode_rejects_invalid_text() {
    assert_eq!(
        fails("States.Base64Decode($.s)", json!({"s": "***"})).error,
        INTRINSIC_FAILURE
    );
}

#[test]
fn hash_supports_the_five_algorithms() {
    // AWS-recorded digests of "input data".
    let f = |alg: &str| {
        ok(
            "States.Hash($.fst, $.snd)",
            pair(json!("input data"), json!(alg)),
        )
    };
    assert_eq!(f("MD5"), json!("812f45842bc6d66ee14572ce20db8e86"));
    assert_eq!(
        f("SHA-1"),
        json!("aaff4a450a104cd177d28d18d74485e8cae074b7")
    );
    assert_eq!(
        f("SHA-256"),
        json!("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")
    );
    assert_eq!(
        f("SHA-384"),
        json!(
            "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"
        )
    );
    assert_eq!(
        f("SHA-512"),
        json!(
            "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"
        )
    );
}

#[test]
fn hash_rejects_an_unknown_algorithm_from_a_path() {
    let e = fails(
        "States.Hash($.fst, $.snd)",
        pair(json!("x"), json!("SHA-3")),
    );
    assert_eq!(e.error, INTRINSIC_FAILURE);
}

#[test]
fn hash_input_is_limited_to_10000_chars() {
    let long = "a".repeat(10_001);
    assert_eq!(
        fails("States.Hash($.s, 'MD5')", json!({ "s": long })).error,
        INTRINSIC_FAILURE
    );
}

// Math

#[test]
fn math_add_adds_integers() {
    // AWS-recorded.
    assert_eq!(
        ok("States.MathAdd($.fst, $.snd)", pair(json!(-9), json!(3))),
        json!(-6)
    );
}

#[test]
fn math_add_rounds_each_argument_half_up() {
    // AWS-recorded.
    let f = |a: f64, b: f64| ok("States.MathAdd($.fst, $.snd)", pair(json!(a), json!(b)));
    assert_eq!(f(1.49, 1.5), json!(3));
    assert_eq!(f(1.5, 1.51), json!(4));
    assert_eq!(f(-1.49, -1.5), json!(-2));
    assert_eq!(f(-1.5, -1.51), json!(-3));
    assert_eq!(f(-1.5, 0.0), json!(-1));
    assert_eq!(f(-1.51, 0.0), json!(-2));
    assert_eq!(f(0.5, 0.0), json!(1));
    assert_eq!(f(2.5, 0.0), json!(3));
    assert_eq!(f(-2.5, 0.0), json!(-2));
    assert_eq!(f(-3.5, 0.0), json!(-3));
    assert_eq!(f(-0.5, 0.5), json!(1));
    assert_eq!(f(-0.5, 0.0), json!(0));
    assert_eq!(f(1.49, -1.49), json!(0));
}

#[test]
fn math_add_rejects_non_numbers() {
    assert_eq!(
        fails("States.MathAdd($.a, 1)", json!({"a": "1"})).error,
        INTRINSIC_FAILURE
    );
}

#[test]
fn math_random_with_a_seed_is_repeatable_and_in_range() {
    let a = ok("States.MathRandom(1, 999, 7)", json!({}));
    let b = run_with(
        "States.MathRandom(1, 999, 7)",
        json!({}),
        &RefCell::new(Rng::seeded(1)),
    )
    .unwrap();
    assert_eq!(a, b);
    let n = a.as_i64().unwrap();
    assert!((1..=999).contains(&n));
}

#[test]
fn math_random_without_a_seed_follows_the_execution_rng() {
    let draw = |seed| {
        run_with(
            "States.MathRandom(0, 1000000)",
            json!({}),
            &RefCell::new(Rng::seeded(seed)),
        )
        .unwrap()
    };
    assert_eq!(draw(3), draw(3));
    assert_ne!(draw(3), draw(4));
}

#[test]
fn math_random_rejects_start_after_end() {
    assert_eq!(
        fails("States.MathRandom(5, 1)", json!({})).error,
        INTRINSIC_FAILURE
    );
}

// Strings

#[test]
fn string_split_splits_on_every_delimiter_char() {
    // AWS-recorded.
    let f = |s: &str, d: &str| ok("States.StringSplit($.fst, $.snd)", pair(json!(s), json!(d)));
    assert_eq!(
        f("This.is+a,test=string", ".+,="),
        json!(["This", "is", "a", "test", "string"])
    );
    assert_eq!(
        f("split on T and \nnew line", "T\n"),
        json!(["split on ", " and ", "new line"])
    );
    assert_eq!(f("1,2,3,4,5", ","), json!(["1", "2", "3", "4", "5"]));
}

#[test]
fn string_split_drops_empty_pieces() {
    // AWS-recorded.
    let f = |s: &str| {
        ok(
            "States.StringSplit($.fst, $.snd)",
            pair(json!(s), json!(",")),
        )
    };
    assert_eq!(f(",,,,"), json!([]));
    assert_eq!(f(", , ,"), json!([" ", " "]));
    assert_eq!(f(" "), json!([" "]));
}

#[test]
fn string_split_reads_literal_newlines_and_context_paths() {
    // AWS-recorded: a real newline inside a literal is fine.
    assert_eq!(
        ok("States.StringSplit('Hello\nWorld', '\n')", json!({})),
        json!(["Hello", "World"])
    );
    assert_eq!(
        ok(
            "States.StringSplit($$.Execution.Input.csv, $sep)",
            json!({})
        ),
        json!(["a", "b"])
    );
}

// UUID

#[test]
fn uuid_is_a_v4_uuid_from_the_execution_rng() {
    let a = ok("States.UUID()", json!({}));
    let text = a.as_str().unwrap();
    assert_eq!(text.len(), 36);
    assert_eq!(&text[14..15], "4");
    assert!(matches!(&text[19..20], "8" | "9" | "a" | "b"), "{text}");
    assert_eq!(a, ok("States.UUID()", json!({})));
}

// Errors around calls

#[test]
fn unparsable_call_is_a_runtime_error() {
    assert_eq!(fails("States.Nope()", json!({})).error, RUNTIME);
}

#[test]
fn missing_path_argument_is_a_runtime_error() {
    let e = fails("States.ArrayLength($.missing)", json!({}));
    assert_eq!(e.error, RUNTIME);
    assert!(e.cause.contains("$.missing"), "{}", e.cause);
}
