//! Task `Credentials`: evaluated, handed to the handler, recorded in the history.

use serde_json::{Value, json};

use crate::history::EventType as E;
use crate::{Executor, Status};

fn task(query_language: &str, credentials: Value) -> Executor {
    Executor::from_json(
        &json!({"QueryLanguage": query_language, "StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Credentials": credentials, "End": true}}})
        .to_string(),
    )
    .unwrap()
    .handle("T", |call| Ok(json!({"role": call.role_arn})))
}

const ROLE: &str = "arn:aws:iam::111122223333:role/Target";

#[test]
fn a_literal_role_arn_reaches_the_handler() {
    let run = task("JSONPath", json!({"RoleArn": ROLE})).run(json!({}));
    assert_eq!(run.output, Some(json!({"role": ROLE})));
}

#[test]
fn a_role_arn_path_is_read_from_the_effective_input() {
    let run = task("JSONPath", json!({"RoleArn.$": "$.target.role"}))
        .run(json!({"target": {"role": ROLE}}));
    assert_eq!(run.output, Some(json!({"role": ROLE})));
}

#[test]
fn a_role_arn_intrinsic_is_evaluated() {
    let run = task(
        "JSONPath",
        json!({"RoleArn.$": "States.Format('arn:aws:iam::{}:role/{}', $.account, $.name)"}),
    )
    .run(json!({"account": "111122223333", "name": "Target"}));
    assert_eq!(run.output, Some(json!({"role": ROLE})));
}

#[test]
fn a_jsonata_role_arn_is_evaluated() {
    let run = task(
        "JSONata",
        json!({"RoleArn": "{% 'arn:aws:iam::' & $states.input.account & ':role/Target' %}"}),
    )
    .run(json!({"account": "111122223333"}));
    assert_eq!(run.output, Some(json!({"role": ROLE})));
}

#[test]
fn without_credentials_the_handler_gets_no_role() {
    let ex = Executor::from_json(
        r#"{"StartAt": "T", "States": {"T": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
    )
    .unwrap()
    .handle("T", |call| Ok(json!({"role": call.role_arn})));
    assert_eq!(ex.run(json!({})).output, Some(json!({"role": null})));
}

#[test]
fn a_missing_role_arn_path_fails_with_states_runtime() {
    let run = task("JSONPath", json!({"RoleArn.$": "$.nope"})).run(json!({}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    let cause = run.cause.unwrap();
    assert!(
        cause.starts_with("An error occurred while executing the state 'T'"),
        "{cause}"
    );
    assert!(cause.contains("$.nope"), "{cause}");
}

#[test]
fn a_role_arn_path_to_a_non_string_fails_with_states_runtime() {
    let run = task("JSONPath", json!({"RoleArn.$": "$.role"})).run(json!({"role": 7}));
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert!(run.cause.unwrap().contains("must resolve to a string"));
}

#[test]
fn a_jsonata_role_arn_that_is_not_a_string_fails_the_query() {
    let run = task("JSONata", json!({"RoleArn": "{% 7 %}"})).run(json!({}));
    assert_eq!(run.error.as_deref(), Some("States.QueryEvaluationError"));
}

#[test]
fn the_role_is_recorded_as_task_credentials_of_the_scheduled_event() {
    let run = task("JSONPath", json!({"RoleArn": ROLE})).run(json!({}));
    let scheduled = run
        .history
        .events()
        .iter()
        .find(|e| e.event_type == E::TaskScheduled)
        .expect("a TaskScheduled event");
    let details = scheduled.to_json();
    assert_eq!(
        details["taskScheduledEventDetails"]["taskCredentials"],
        json!({"roleArn": ROLE})
    );
}
