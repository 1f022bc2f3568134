//! The builder builds `shared/peers/gen_workload.py`'s benchmark pipeline: the same JSON as the
//! script for 1, 10 and 100 stages, and 10,000 stages without overflowing a 2 MiB stack.

use std::process::Command;

use serde_json::Value;

/// JSON equality where numbers compare by value (`2` equals `2.0`) and objects as maps.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn assert_same_as_script(stages: usize) {
    let Some(peers) = sfn_tests::peers_dir() else {
        return;
    };
    let output = Command::new("python3")
        .arg(peers.join("gen_workload.py"))
        .arg(stages.to_string())
        .output()
        .expect("python3 runs gen_workload.py");
    assert!(
        output.status.success(),
        "gen_workload.py failed: {output:?}"
    );
    let script: Value = serde_json::from_slice(&output.stdout).expect("the script prints JSON");
    let ours = examples::workload::workflow(stages)
        .expect("the pipeline builds")
        .to_value();
    assert!(
        same(&ours, &script),
        "the builder's {stages}-stage pipeline differs from gen_workload.py's"
    );
    // Same states in the same order, too.
    let names = |v: &Value| -> Vec<String> {
        v["States"]
            .as_object()
            .expect("States")
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(names(&ours), names(&script));
}

#[test]
fn one_stage_matches_the_script() {
    assert_same_as_script(1);
}

#[test]
fn ten_stages_match_the_script() {
    assert_same_as_script(10);
}

#[test]
fn hundred_stages_match_the_script() {
    assert_same_as_script(100);
}

/// Runs `f` on a thread with a 2 MiB stack (the default for spawned threads, and smaller than a
/// main thread's), so deep recursion would show as a stack overflow.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("a thread starts")
        .join()
        .expect("no stack overflow")
}

#[test]
fn thousand_stages_build_on_a_two_mib_stack() {
    let json = on_small_stack(|| {
        examples::workload::workflow(1_000)
            .expect("the pipeline builds")
            .to_json()
    });
    let value: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        value["States"].as_object().map(|s| s.len()),
        Some(5 * 1_000 + 2)
    );
}

#[test]
fn ten_thousand_stages_are_too_large_for_aws_but_do_not_overflow() {
    // 10,000 stages are about 9.6 MB of ASL, over AWS's 1 MiB limit: the builder builds and
    // validates them (without deep recursion) and reports the limit, as AWS would.
    let error = on_small_stack(|| {
        examples::workload::workflow(10_000).expect_err("over AWS's definition size limit")
    });
    let codes: Vec<&str> = error
        .problems()
        .iter()
        .map(|p| match p {
            sfn_dsl::Problem::Invalid(d) => d.code.id(),
            other => panic!("unexpected problem: {other}"),
        })
        .collect();
    assert_eq!(codes, ["definition_too_large"]);
}
