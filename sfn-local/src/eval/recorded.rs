//! The evaluation primitives against every execution AWS recorded in
//! `shared/conformance/executor/aws-recorded-intrinsics`: each is a single Pass state, so its
//! output is InputPath → Parameters → ResultPath → OutputPath (JSONPath) or `Output` (JSONata)
//! applied to the input, which these primitives compute on their own. The executor's own
//! conformance test runs the same files through the whole executor.

use std::cell::RefCell;
use std::path::PathBuf;

use serde_json::{Map, Value, json};
use sfn_asl::PathOrNull;

use crate::eval::{EvalError, Rng, Scope};
use crate::jsonata::{self, JsonataScope};
use crate::{jsonpath, template};

/// What a recorded state produced: its output or its error name.
type Outcome = Result<Value, EvalError>;

fn cases() -> Vec<(PathBuf, Value)> {
    let Some(dir) = sfn_tests::conformance_dir() else {
        return Vec::new();
    };
    let dir = dir.join("executor/aws-recorded-intrinsics");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable case");
            let case: Value = serde_json::from_str(&text).expect("case is JSON");
            (path, case)
        })
        .collect()
}

fn path_field(state: &Value, key: &str) -> Option<PathOrNull> {
    match state.get(key)? {
        Value::Null => Some(PathOrNull::Null),
        Value::String(s) => Some(PathOrNull::Path(s.clone())),
        other => panic!("{key} is not a path: {other}"),
    }
}

fn select_io(path: Option<PathOrNull>, value: Value, scope: &Scope) -> Outcome {
    match path {
        None => Ok(value),
        Some(PathOrNull::Null) => Ok(json!({})),
        Some(PathOrNull::Path(p)) => {
            let inner = Scope {
                input: &value,
                ..*scope
            };
            jsonpath::select(&p, &inner)
        }
    }
}

/// Runs one JSONPath-mode Pass state.
fn run_jsonpath(state: &Value, input: &Value, context: &Value) -> Outcome {
    let variables = Map::new();
    let rng = RefCell::new(Rng::seeded(0));
    let scope = Scope {
        input,
        context,
        variables: &variables,
        rng: &rng,
    };
    let effective = select_io(path_field(state, "InputPath"), input.clone(), &scope)?;
    let result = match state.get("Parameters") {
        Some(parameters) => template::evaluate_template(
            parameters,
            &Scope {
                input: &effective,
                ..scope
            },
        )?,
        None => state.get("Result").cloned().unwrap_or(effective),
    };
    let merged =
        jsonpath::apply_result_path(input, path_field(state, "ResultPath").as_ref(), result)?;
    select_io(path_field(state, "OutputPath"), merged, &scope)
}

fn run_case(case: &Value) -> Outcome {
    let definition = &case["definition"];
    let start = definition["StartAt"].as_str().expect("StartAt");
    let state = &definition["States"][start];
    assert_eq!(
        state["Type"], "Pass",
        "every recorded case is one Pass state"
    );
    assert_eq!(state["End"], true, "every recorded case is one Pass state");
    let input = &case["input"];
    let context = json!({"Execution": {"Input": input}, "State": {"Name": start}});
    if state.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata") {
        return run_jsonata(state, input, &context);
    }
    run_jsonpath(state, input, &context)
}

/// Runs one JSONata-mode Pass state: its output is `Output`, or the input without one.
fn run_jsonata(state: &Value, input: &Value, context: &Value) -> Outcome {
    let states = json!({"input": input, "context": context});
    let variables = Map::new();
    let rng = RefCell::new(Rng::seeded(0));
    let scope = JsonataScope {
        states: &states,
        variables: &variables,
        rng: &rng,
    };
    match state.get("Output") {
        Some(output) => jsonata::evaluate_field_value("Output", output, &scope),
        None => Ok(input.clone()),
    }
}

#[test]
fn every_recorded_case_matches_aws() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (path, case) in cases() {
        let outcome = run_case(&case);
        checked += 1;
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match (case["status"].as_str(), outcome) {
            (Some("SUCCEEDED"), Ok(output)) if output == case["output"] => {}
            // AWS's cause starts with the executor's "An error occurred while executing the
            // state …" sentence; ours is the rest.
            (Some("FAILED"), Err(e))
                if e.error == case["error"]
                    && case["cause"]
                        .as_str()
                        .is_some_and(|c| c.ends_with(&e.cause)) => {}
            (_, outcome) => failures.push(format!(
                "{name}: expected {}, got {outcome:?}",
                case.get("output").unwrap_or(&case["error"])
            )),
        }
    }
    eprintln!("checked {checked} recorded cases");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
