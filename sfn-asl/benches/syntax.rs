//! The languages inside ASL strings: the path, intrinsic and JSONata parsers on typical
//! expressions, and `validate()` on machines whose every state assigns and reads variables (the
//! dataflow check's worst realistic case), in both query languages.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};

const PATHS: &[&str] = &[
    "$.order.items[0]['unit price']",
    "$$.Execution.Input.customer.id",
    "$order.lines[?(@.qty > 1 && @.sku != 'x')].price",
    "$..book[-2:]",
];

const INTRINSICS: &[&str] = &[
    "States.Format('Hello {}, your order {} ships {}', $.name, $.id, $$.State.EnteredTime)",
    "States.JsonMerge($.a, States.StringToJson('{\"b\": 1}'), false)",
    "States.MathAdd(States.ArrayLength($.items), -1)",
];

const JSONATA: &[&str] = &[
    "$sum($states.input.items.(price * qty)) + $fee",
    "($e := $customer.email; $n := $customer.first & ' ' & $customer.last; {'to': $e, 'name': $n})",
    "$map($states.input.lines[qty > 0], function($l, $i) { $l.price * $i })",
    "$match($states.input.email, /^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$/i) ? 'ok' : 'bad'",
];

fn parsers(c: &mut Criterion) {
    let mut group = c.benchmark_group("syntax_parse");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(2));
    let bytes = |list: &[&str]| list.iter().map(|s| s.len() as u64).sum();
    group.throughput(Throughput::Bytes(bytes(PATHS)));
    group.bench_function("path", |b| {
        b.iter(|| {
            for p in PATHS {
                let _ = std::hint::black_box(sfn_asl::path::parse(p));
            }
        });
    });
    group.throughput(Throughput::Bytes(bytes(INTRINSICS)));
    group.bench_function("intrinsic", |b| {
        b.iter(|| {
            for p in INTRINSICS {
                let _ = std::hint::black_box(sfn_asl::intrinsic::parse(p));
            }
        });
    });
    group.throughput(Throughput::Bytes(bytes(JSONATA)));
    group.bench_function("jsonata", |b| {
        b.iter(|| {
            for p in JSONATA {
                let _ = std::hint::black_box(sfn_asl::jsonata::parse(p));
            }
        });
    });
    group.finish();
}

/// A chain of `n` Pass states, each assigning `v{i}` and reading `v{i-1}` and `v0`.
fn variable_chain(n: usize, jsonata: bool) -> String {
    let mut states = serde_json::Map::new();
    for i in 0..n {
        let mut state = serde_json::json!({"Type": "Pass"});
        let prev = i.saturating_sub(1);
        if jsonata {
            state["Assign"] = serde_json::json!({ format!("v{i}"): "{% $states.input.x %}" });
            if i > 0 {
                state["Output"] = serde_json::json!({"a": format!("{{% $v{prev} + $v0 %}}")});
            }
        } else {
            state["Assign"] = serde_json::json!({ format!("v{i}.$"): "$.x" });
            if i > 0 {
                state["Parameters"] = serde_json::json!({
                    "a.$": format!("$v{prev}"),
                    "b.$": "States.Format('{}', $v0)",
                });
            }
        }
        if i + 1 < n {
            state["Next"] = format!("S{}", i + 1).into();
        } else {
            state["End"] = true.into();
        }
        states.insert(format!("S{i}"), state);
    }
    let mut machine = serde_json::json!({"StartAt": "S0", "States": states});
    if jsonata {
        machine["QueryLanguage"] = "JSONata".into();
    }
    machine.to_string()
}

fn variables(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate_variables");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for (language, jsonata) in [("jsonpath", false), ("jsonata", true)] {
        for n in [100, 1000] {
            let text = variable_chain(n, jsonata);
            let machine = sfn_asl::parse(&text).expect("the generated machine parses");
            let diagnostics = sfn_asl::validate(&machine);
            assert!(!diagnostics.has_errors(), "{language}/{n}: {diagnostics}");
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(language, n), &machine, |b, m| {
                b.iter(|| sfn_asl::validate(std::hint::black_box(m)));
            });
        }
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    parsers(&mut c);
    variables(&mut c);
    c.final_summary();
}
