//! `sfn run` as a user runs it: output, exit status, mock files and history.

use std::process::Output;

#[path = "support/cli.rs"]
mod support;

use support::{file, sfn};

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

const ORDERS: &str = r#"{"StartAt": "Charge", "States": {
  "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.charge",
             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}], "End": true},
  "Failed": {"Type": "Fail", "Error": "ChargeFailed", "Cause": "the card was declined"}}}"#;

const MOCKS: &str = r#"{
  "StateMachines": {"orders": {"TestCases": {
    "HappyPath": {"Charge": "ChargeOk"}, "Declined": {"Charge": "ChargeDeclined"}}}},
  "MockedResponses": {
    "ChargeOk": {"0": {"Return": {"id": "ch_1"}}},
    "ChargeDeclined": {"0": {"Throw": {"Error": "Declined", "Cause": "no funds"}}}}}"#;

#[test]
fn prints_the_output_and_exits_0_on_success() {
    let def = file("orders.asl.json", ORDERS);
    let mocks = file("orders-mocks.json", MOCKS);
    let out = sfn(&[
        "run",
        &def,
        "--input",
        r#"{"amount": 5}"#,
        "--mocks",
        &mocks,
        "--test-case",
        "HappyPath",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        json(&out),
        serde_json::json!({"amount": 5, "charge": {"id": "ch_1"}})
    );
}

#[test]
fn prints_the_error_and_exits_1_on_failure() {
    let def = file("orders.asl.json", ORDERS);
    let mocks = file("orders-mocks.json", MOCKS);
    let input = file("input.json", r#"{"amount": 5}"#);
    let out = sfn(&[
        "run",
        &def,
        "--input",
        &format!("@{input}"),
        "--mocks",
        &mocks,
        "--test-case",
        "Declined",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["status"], "FAILED");
    assert_eq!(doc["error"], "ChargeFailed");
}

#[test]
fn history_flag_prints_events_and_counts() {
    let def = file(
        "pass.asl.json",
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    );
    let out = sfn(&["run", &def, "--history"]);
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    assert_eq!(doc["transitions"], 1);
    assert_eq!(doc["history"]["events"][1]["type"], "PassStateEntered");
}

#[test]
fn bad_input_json_is_a_usage_error() {
    let def = file(
        "pass2.asl.json",
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    );
    let out = sfn(&["run", &def, "--input", "{nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the input is not JSON"));
}

#[test]
fn task_output_answers_unmocked_tasks() {
    let def = file(
        "task-output.asl.json",
        r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "ResultPath": "$.r", "End": true}}}"#,
    );
    let out = sfn(&[
        "run",
        &def,
        "--input",
        r#"{"a": 1}"#,
        "--task-output",
        r#"{"ok": true}"#,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out), serde_json::json!({"a": 1, "r": {"ok": true}}));
}
