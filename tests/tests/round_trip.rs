//! Every valid definition of the conformance corpus survives parse → `to_json` with the same
//! meaning: the same JSON value, where arrays (Choices, Retry, Catch, Branches, …) keep their
//! order, objects compare as maps and numbers by value (`0` is `0.0`, as in JSON itself).

use serde_json::Value;

#[test]
fn valid_definitions_round_trip_to_equal_json() {
    let Some(dir) = sfn_tests::conformance_dir() else {
        return;
    };
    let dir = dir.join("validator/asl-validator");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("valid-") && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).expect("a readable definition");
        let machine = match sfn_asl::parse(&text) {
            Ok(machine) => machine,
            // A definition the model cannot hold (a CloudFormation object as `Resource`) is the
            // conformance test's business, through the allow-list.
            Err(_) => continue,
        };
        let original: Value = serde_json::from_str(&text).expect("valid JSON");
        let json = machine.to_json();
        let back: Value = serde_json::from_str(&json).expect("to_json writes JSON");
        if !same(&back, &original) {
            failures.push(format!(
                "{name}:\n  original: {original}\n  ours:     {back}"
            ));
        }
        // Byte-stable: the output parses back to the same machine and the same bytes.
        let again = sfn_asl::parse(&json).expect("our own output parses");
        assert_eq!(again.to_json(), json, "{name}: to_json is not byte-stable");
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "definitions that did not round-trip:\n{}",
        failures.join("\n")
    );
    assert!(
        checked * 10 >= files.len() * 9,
        "too few valid definitions parsed: {checked}"
    );
}

/// JSON equality: arrays in order, objects as maps, numbers by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn json_equality_keeps_array_order_and_ignores_number_form() {
    let v = |s: &str| serde_json::from_str::<Value>(s).expect("JSON");
    assert!(same(
        &v(r#"{"a": 0, "b": [1, 2]}"#),
        &v(r#"{"b": [1, 2], "a": 0.0}"#)
    ));
    assert!(!same(&v(r#"{"b": [1, 2]}"#), &v(r#"{"b": [2, 1]}"#)));
    assert!(!same(&v(r#"{"a": 1}"#), &v(r#"{"a": 1, "b": 2}"#)));
}
