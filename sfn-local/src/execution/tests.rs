use serde_json::{Value, json};

use crate::history::EventType as E;
use crate::{ExecutionKind, Executor, Handler, RunOptions, Status, TaskError};

fn machine(states: Value) -> Executor {
    let start = states.as_object().unwrap().keys().next().unwrap().clone();
    Executor::from_json(&json!({"StartAt": start, "States": states}).to_string()).unwrap()
}

fn ok() -> impl Fn(&crate::TaskCall<'_>) -> crate::TaskResult + Send + Sync + 'static {
    |_| Ok(json!({"ok": true}))
}

#[test]
fn pass_result_goes_where_result_path_says() {
    let ex = machine(
        json!({"P": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "End": true}}),
    );
    assert_eq!(
        ex.run(json!({"a": 0})).output,
        Some(json!({"a": 0, "r": {"x": 1}}))
    );
}

#[test]
fn pass_parameters_select_from_the_input_path() {
    let ex = machine(json!({"P": {"Type": "Pass", "InputPath": "$.in",
        "Parameters": {"v.$": "$.x", "k": "lit"}, "End": true}}));
    assert_eq!(
        ex.run(json!({"in": {"x": 5}})).output,
        Some(json!({"v": 5, "k": "lit"}))
    );
}

#[test]
fn null_paths_give_empty_object_and_keep_input() {
    let ex = machine(
        json!({"P": {"Type": "Pass", "Result": 1, "ResultPath": null, "Next": "Q"},
        "Q": {"Type": "Pass", "OutputPath": null, "End": true}}),
    );
    assert_eq!(ex.run(json!({"a": 1})).output, Some(json!({})));
}

#[test]
fn missing_input_path_is_an_uncatchable_runtime_error() {
    let ex = machine(json!({"P": {"Type": "Pass", "InputPath": "$.nope", "End": true}}));
    let run = ex.run(json!({}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert!(run.cause.unwrap().starts_with(
        "An error occurred while executing the state 'P' (entered at the event id #2)."
    ));
}

#[test]
fn task_handler_gets_the_effective_input_and_result_selector_shapes_the_result() {
    let ex = machine(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"n.$": "$.n"}, "ResultSelector": {"double.$": "$.Payload"},
        "ResultPath": "$.out", "End": true}}),
    )
    .handle("T", |call| {
        Ok(json!({"Payload": call.input["n"].as_i64().unwrap() * 2}))
    });
    assert_eq!(
        ex.run(json!({"n": 21})).output,
        Some(json!({"n": 21, "out": {"double": 42}}))
    );
}

#[test]
fn handlers_may_be_keyed_by_resource() {
    let ex = machine(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}),
    )
    .handle("arn:aws:states:::sns:publish", ok());
    assert_eq!(ex.run(json!({})).output, Some(json!({"ok": true})));
}

#[test]
fn a_task_without_handler_fails_the_run_clearly() {
    let ex = machine(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}),
    );
    let run = ex.run(json!({}));
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert!(run.cause.unwrap().contains("no handler for Task state `T`"));
}

#[test]
fn async_handlers_are_driven_without_a_runtime() {
    let ex = machine(json!({"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X", "End": true}}))
        .handle_async("T", |req| async move { Ok(json!({"state": req.state})) });
    assert_eq!(ex.run(json!({})).output, Some(json!({"state": "T"})));
}

#[test]
fn choice_takes_the_first_matching_rule_else_default() {
    let ex = machine(json!({
        "C": {"Type": "Choice", "Choices": [
            {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
            {"Variable": "$.s", "StringMatches": "a*", "Next": "A"}],
            "Default": "Other"},
        "Big": {"Type": "Pass", "Result": "big", "End": true},
        "A": {"Type": "Pass", "Result": "a", "End": true},
        "Other": {"Type": "Pass", "Result": "other", "End": true}}));
    assert_eq!(
        ex.run(json!({"n": 11, "s": "abc"})).output,
        Some(json!("big"))
    );
    assert_eq!(ex.run(json!({"n": 1, "s": "abc"})).output, Some(json!("a")));
    assert_eq!(
        ex.run(json!({"n": 1, "s": "xyz"})).output,
        Some(json!("other"))
    );
}

#[test]
fn choice_without_match_or_default_fails_with_no_choice_matched() {
    let ex = machine(json!({"C": {"Type": "Choice", "Choices": [
        {"Variable": "$.n", "NumericEquals": 1, "Next": "D"}]}, "D": {"Type": "Succeed"}}));
    assert_eq!(
        ex.run(json!({"n": 2})).error.as_deref(),
        Some("States.NoChoiceMatched")
    );
}

#[test]
fn wait_advances_virtual_time_only() {
    let ex = machine(json!({"W": {"Type": "Wait", "Seconds": 3600, "End": true}}));
    let run = ex.run(json!({}));
    assert_eq!(run.duration_seconds(), 3600.0);
    let exited = run
        .history
        .events()
        .iter()
        .find(|e| e.event_type == E::WaitStateExited)
        .unwrap();
    assert_eq!(exited.timestamp.to_string(), "2024-01-01T01:00:00.000Z");
}

#[test]
fn wait_until_a_timestamp_in_the_past_proceeds_at_once() {
    let ex = machine(json!({"W": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}));
    assert_eq!(
        ex.run(json!({"t": "2000-01-01T00:00:00Z"}))
            .duration_seconds(),
        0.0
    );
    assert_eq!(
        ex.run(json!({"t": "2024-01-01T00:00:10Z"}))
            .duration_seconds(),
        10.0
    );
}

#[test]
fn wait_rejects_negative_and_fractional_seconds_paths() {
    let ex = machine(json!({"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}));
    let run = ex.run(json!({"s": -1}));
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert!(run.cause.unwrap().contains("references a negative value"));
    assert_eq!(
        ex.run(json!({"s": 1.5})).error.as_deref(),
        Some("States.Runtime")
    );
}

#[test]
fn wait_rejects_zone_less_timestamps() {
    let ex = machine(json!({"W": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}));
    assert_eq!(
        ex.run(json!({"t": "2012-10-09T19:00:55"})).error.as_deref(),
        Some("States.Runtime")
    );
}

#[test]
fn succeed_applies_input_and_output_paths() {
    let ex = machine(json!({"S": {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}}));
    assert_eq!(ex.run(json!({"a": {"b": 7}})).output, Some(json!(7)));
}

#[test]
fn fail_reads_error_and_cause_paths() {
    let ex = machine(
        json!({"F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('bad {}', $.n)"}}),
    );
    let run = ex.run(json!({"e": "Oops", "n": 3}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("Oops"));
    assert_eq!(run.cause.as_deref(), Some("bad 3"));
}

#[test]
fn parallel_outputs_branch_results_in_branch_order() {
    let ex = machine(json!({"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "Next": "A2"},
            "A2": {"Type": "Pass", "Result": "a", "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}));
    let run = ex.run(json!({}));
    assert_eq!(run.output, Some(json!(["a", "b"])));
    // Branches run concurrently in virtual time: the state lasts as long as its longest branch.
    assert_eq!(run.duration_seconds(), 5.0);
}

#[test]
fn parallel_branch_failure_keeps_its_own_error_name() {
    let ex = machine(json!({"P": {"Type": "Parallel", "Branches": [
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "FailureType", "Cause": "c"}}}],
        "Catch": [{"ErrorEquals": ["FailureType"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Pass", "End": true}}));
    let run = ex.run(json!({"in": 1}));
    assert_eq!(
        run.output,
        Some(json!({"Error": "FailureType", "Cause": "c"}))
    );
}

#[test]
fn map_runs_the_processor_per_item_with_item_selector_context() {
    let ex = machine(json!({"M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
        "ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "k.$": "$.k"},
        "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X", "End": true}}}}}))
    .handle("T", |call| Ok(call.input.clone()));
    let run = ex.run(json!({"items": ["a", "b"], "k": 9}));
    assert_eq!(
        run.output,
        Some(json!([{"i": 0, "v": "a", "k": 9}, {"i": 1, "v": "b", "k": 9}]))
    );
}

#[test]
fn map_concurrency_shapes_virtual_time() {
    let states = |c: u64| {
        json!({"M": {"Type": "Map", "MaxConcurrency": c, "End": true,
        "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}}})
    };
    let items = json!([1, 2, 3, 4]);
    assert_eq!(
        machine(states(1)).run(items.clone()).duration_seconds(),
        40.0
    );
    assert_eq!(
        machine(states(2)).run(items.clone()).duration_seconds(),
        20.0
    );
    assert_eq!(machine(states(0)).run(items).duration_seconds(), 10.0);
}

#[test]
fn map_on_neither_array_nor_object_is_a_runtime_error() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}));
    let run = ex.run(json!("text"));
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert!(
        run.cause
            .unwrap()
            .contains("Reference path \"$\" must point to array.")
    );
}

#[test]
fn map_tolerated_failures_then_threshold_error() {
    let states = |count: u64| {
        json!({"M": {"Type": "Map", "End": true, "ToleratedFailureCount": count,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Bad"}], "Default": "Good"},
            "Bad": {"Type": "Fail", "Error": "E"}, "Good": {"Type": "Pass", "End": true}}}}})
    };
    let run = machine(states(1)).run(json!([0, 1, 2]));
    assert_eq!(run.status, Status::Succeeded, "{run:?}");
    let run = machine(states(0)).run(json!([0, 1, 0]));
    assert_eq!(
        run.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
}

#[test]
fn item_batcher_groups_items() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"tag.$": "$.tag"}},
        "ItemsPath": "$.items",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}));
    let run = ex.run(json!({"items": [1, 2, 3], "tag": "t"}));
    assert_eq!(
        run.output,
        Some(json!([
        {"Items": [1, 2], "BatchInput": {"tag": "t"}}, {"Items": [3], "BatchInput": {"tag": "t"}}]))
    );
}

fn flaky(retry: Value) -> Executor {
    machine(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X", "Retry": retry,
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Pass", "End": true}}),
    )
}

#[test]
fn retry_waits_interval_times_backoff_rate_to_the_n() {
    let ex = flaky(json!([{"ErrorEquals": ["Busy"], "IntervalSeconds": 3, "BackoffRate": 1.5, "MaxAttempts": 2}]))
        .handler("T", Handler::responses([
            Err(TaskError::new("Busy", "1")), Err(TaskError::new("Busy", "2")), Ok(json!("done"))]));
    let run = ex.run(json!({}));
    assert_eq!(run.output, Some(json!("done")));
    assert_eq!(run.duration_seconds(), 7.5);
    // One transition for the state, one per retry.
    assert_eq!(run.transitions, 3);
}

#[test]
fn exhausted_retries_go_to_catch_with_result_path_on_the_raw_input() {
    let ex = flaky(json!([{"ErrorEquals": ["Busy"], "MaxAttempts": 1}])).handler(
        "T",
        Handler::responses([Err(TaskError::new("Busy", "still"))]),
    );
    let run = ex.run(json!({"id": 1}));
    assert_eq!(
        run.output,
        Some(json!({"id": 1, "err": {"Error": "Busy", "Cause": "still"}}))
    );
}

#[test]
fn first_matching_retrier_decides_without_falling_through() {
    let ex = flaky(json!([
        {"ErrorEquals": ["Busy"], "MaxAttempts": 0},
        {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}]))
    .handler(
        "T",
        Handler::responses([Err(TaskError::new("Busy", "")), Ok(json!(1))]),
    );
    let run = ex.run(json!({}));
    assert_eq!(run.output.unwrap()["err"]["Error"], "Busy");
}

#[test]
fn full_jitter_is_seeded_and_reproducible() {
    let ex =
        flaky(json!([{"ErrorEquals": ["Busy"], "IntervalSeconds": 10, "JitterStrategy": "FULL"}]))
            .handler(
                "T",
                Handler::responses([Err(TaskError::new("Busy", "")), Ok(json!(1))]),
            );
    let a = ex.run(json!({}));
    let b = ex.run(json!({}));
    assert_eq!(a.duration_seconds(), b.duration_seconds());
    assert!(a.duration_seconds() <= 10.0);
    let other = RunOptions {
        seed: 99,
        ..RunOptions::default()
    };
    assert_ne!(
        ex.run_with(json!({}), &other).duration_seconds(),
        a.duration_seconds()
    );
}

#[test]
fn states_runtime_is_never_caught() {
    let ex = machine(json!({"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X", "OutputPath": "$.missing",
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": true},
        "C": {"Type": "Succeed"}}))
    .handle("T", ok());
    assert_eq!(ex.run(json!({})).error.as_deref(), Some("States.Runtime"));
}

#[test]
fn task_timeout_in_virtual_time() {
    let ex = machine(json!({"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X", "TimeoutSeconds": 10, "End": true}}))
        .handle("T", |call| {
            call.advance(30.0);
            Ok(json!(1))
        });
    let run = ex.run(json!({}));
    assert_eq!(run.error.as_deref(), Some("States.Timeout"));
    assert_eq!(run.duration_seconds(), 10.0);
    assert!(run.history.types().contains(&E::LambdaFunctionTimedOut));
}

#[test]
fn missed_heartbeat_is_a_heartbeat_timeout() {
    let ex = machine(json!({"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X", "HeartbeatSeconds": 5, "End": true}}))
        .handle("T", |call| {
            call.advance(4.0);
            call.heartbeat();
            call.advance(6.0);
            Ok(json!(1))
        });
    let run = ex.run(json!({}));
    assert_eq!(run.error.as_deref(), Some("States.HeartbeatTimeout"));
    assert_eq!(run.duration_seconds(), 9.0);
}

#[test]
fn machine_timeout_ends_the_run_as_timed_out() {
    let ex = Executor::from_json(
        &json!({"StartAt": "W", "TimeoutSeconds": 5,
        "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}})
        .to_string(),
    )
    .unwrap();
    let run = ex.run(json!({}));
    assert_eq!(run.status, Status::TimedOut);
    assert_eq!(run.duration_seconds(), 5.0);
    assert_eq!(run.history.types().last(), Some(&E::ExecutionTimedOut));
}

#[test]
fn express_runs_end_after_five_minutes() {
    let ex = machine(json!({"W": {"Type": "Wait", "Seconds": 301, "End": true}}));
    let express = RunOptions {
        kind: ExecutionKind::Express,
        ..RunOptions::default()
    };
    assert_eq!(ex.run_with(json!({}), &express).status, Status::TimedOut);
    assert_eq!(ex.run(json!({})).status, Status::Succeeded);
}

#[test]
fn express_rejects_sync_and_callback_integrations() {
    let ex = machine(json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "End": true}}))
        .handle("T", ok());
    let express = RunOptions {
        kind: ExecutionKind::Express,
        ..RunOptions::default()
    };
    let run = ex.run_with(json!({}), &express);
    assert_eq!(run.error.as_deref(), Some("InvalidDefinition"));
    assert!(run.cause.unwrap().contains("'.sync'"));
}

/// A loop whose exit is never taken.
fn endless() -> Executor {
    machine(json!({"A": {"Type": "Pass", "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}],
              "Default": "A"},
        "Done": {"Type": "Succeed"}}))
}

#[test]
fn an_endless_loop_hits_the_step_limit() {
    let ex = endless();
    let opts = RunOptions {
        max_transitions: 1000,
        history: false,
        ..RunOptions::default()
    };
    let run = ex.run_with(json!({}), &opts);
    assert_eq!(run.status, Status::Failed);
    assert!(run.cause.unwrap().contains("step limit"));
}

#[test]
fn a_standard_history_stops_at_25000_events() {
    let ex = endless();
    let run = ex.run(json!({}));
    assert_eq!(run.status, Status::Failed);
    assert!(run.cause.unwrap().contains("25000"));
    assert!(run.event_count <= 25_000);
}

#[test]
fn history_has_aws_event_types_and_links() {
    let ex = machine(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "S"},
        "S": {"Type": "Succeed"}}),
    )
    .handle("T", ok());
    let run = ex.run(json!({}));
    assert_eq!(
        run.history.types(),
        vec![
            E::ExecutionStarted,
            E::TaskStateEntered,
            E::TaskScheduled,
            E::TaskStarted,
            E::TaskSucceeded,
            E::TaskStateExited,
            E::SucceedStateEntered,
            E::SucceedStateExited,
            E::ExecutionSucceeded
        ]
    );
    for (i, e) in run.history.events().iter().enumerate() {
        assert_eq!(e.id, i as u64 + 1);
        assert_eq!(e.previous_event_id, i as u64);
    }
    let scheduled = run.history.to_json()["events"][2].clone();
    assert_eq!(
        scheduled["taskScheduledEventDetails"]["resourceType"],
        "lambda"
    );
    assert_eq!(scheduled["taskScheduledEventDetails"]["resource"], "invoke");
}

#[test]
fn map_history_has_iteration_events() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}));
    let types = ex.run(json!([1, 2])).history.types();
    assert_eq!(
        types
            .iter()
            .filter(|t| **t == E::MapIterationStarted)
            .count(),
        2
    );
    assert!(types.contains(&E::MapStateStarted) && types.contains(&E::MapStateSucceeded));
}

#[test]
fn context_object_has_deterministic_settable_values() {
    let ex = machine(json!({"P": {"Type": "Pass", "Parameters": {
        "name.$": "$$.Execution.Name", "start.$": "$$.Execution.StartTime",
        "state.$": "$$.State.Name", "input.$": "$$.Execution.Input"}, "End": true}}));
    let opts = RunOptions {
        name: "run-7".into(),
        ..RunOptions::default()
    };
    assert_eq!(
        ex.run_with(json!({"a": 1}), &opts).output,
        Some(json!({
        "name": "run-7", "start": "2024-01-01T00:00:00.000Z", "state": "P", "input": {"a": 1}}))
    );
}

#[test]
fn task_token_is_given_to_callback_handlers() {
    let ex = machine(json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}))
    .handle("T", |call| Ok(json!({"same": call.input["token"].as_str() == call.task_token})));
    assert_eq!(ex.run(json!({})).output, Some(json!({"same": true})));
}

#[test]
fn variables_assigned_are_visible_later_and_inside_branches() {
    let ex = machine(json!({
        "A": {"Type": "Pass", "Result": {"v": 5}, "Assign": {"x.$": "$.v"}, "Next": "P"},
        "P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "Parameters": {"seen.$": "$x"}, "End": true}}}]}}));
    assert_eq!(ex.run(json!({})).output, Some(json!([{"seen": 5}])));
}

#[test]
fn a_branch_assigning_its_own_variable_still_reads_the_parents() {
    // The branch shares its parent's variables until it assigns one (copy on write).
    let ex = machine(json!({
        "A": {"Type": "Pass", "Result": {"v": 5}, "Assign": {"x.$": "$.v"}, "Next": "P"},
        "P": {"Type": "Parallel", "Next": "C", "ResultPath": "$.branches", "Branches": [
            {"StartAt": "B1", "States": {
                "B1": {"Type": "Pass", "Assign": {"y": 7}, "Next": "B2"},
                "B2": {"Type": "Pass", "Parameters": {"x.$": "$x", "y.$": "$y"}, "End": true}}},
            {"StartAt": "S", "States": {"S": {"Type": "Pass", "Parameters": {"x.$": "$x"}, "End": true}}}]},
        "C": {"Type": "Pass", "Parameters": {"after.$": "$x", "branches.$": "$.branches"}, "End": true}}));
    assert_eq!(
        ex.run(json!({})).output,
        Some(json!({"after": 5, "branches": [{"x": 5, "y": 7}, {"x": 5}]}))
    );
}

#[test]
fn mock_files_answer_by_test_case() {
    let config = crate::MockConfig::from_json(
        r#"{
      "StateMachines": {"M": {"TestCases": {"Fails": {"T": "Boom"}}}},
      "MockedResponses": {"Boom": {"0": {"Throw": {"Error": "Lambda.Unknown", "Cause": "x"}}}}}"#,
    )
    .unwrap();
    let ex = machine(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}),
    )
    .mocks(&config, None, "Fails")
    .unwrap();
    assert_eq!(ex.run(json!({})).error.as_deref(), Some("Lambda.Unknown"));
}

#[test]
fn cost_counts_transitions() {
    let ex =
        machine(json!({"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}));
    let run = ex.run(json!({}));
    assert_eq!(run.transitions, 2);
    assert!((run.cost().standard_usd - 2.0 * 25e-6).abs() < 1e-12);
}

#[test]
fn oversized_output_exceeds_the_data_limit() {
    let ex = machine(json!({"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X", "End": true}}))
        .handle("T", |_| Ok(json!("x".repeat(300_000))));
    assert_eq!(
        ex.run(json!({})).error.as_deref(),
        Some("States.DataLimitExceeded")
    );
}

#[test]
fn outputs_growing_step_by_step_fail_at_the_first_state_over_the_limit() {
    // Each Task merges a 1,000-character string under a new key, so the output grows by about
    // 1 KB a state; the size bound carried from state to state must still stop the run at the
    // first state whose output is over 256 KiB, no sooner and no later.
    let piece = "x".repeat(1_000);
    let count = 300;
    let mut states = serde_json::Map::new();
    for i in 0..count {
        let mut state = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "ResultPath": format!("$.r{i}")});
        if i + 1 < count {
            state["Next"] = json!(format!("T{}", i + 1));
        } else {
            state["End"] = json!(true);
        }
        states.insert(format!("T{i}"), state);
    }
    let answer = piece.clone();
    let ex = machine(Value::Object(states))
        .handle("arn:aws:states:::lambda:invoke", move |_| Ok(json!(answer)));
    let mut mirror = json!({});
    let over = (0..count)
        .find(|i| {
            mirror[format!("r{i}")] = json!(piece);
            mirror.to_string().len() > crate::limits::MAX_PAYLOAD_BYTES
        })
        .unwrap();
    let run = ex.run(json!({}));
    assert_eq!(run.error.as_deref(), Some("States.DataLimitExceeded"));
    let cause = run.cause.unwrap();
    assert!(
        cause.contains(&format!("the output of state 'T{over}'")),
        "expected T{over}: {cause}"
    );
}

#[test]
fn fallback_answers_tasks_without_their_own_handler() {
    let ex = machine(
        json!({"A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}),
    )
    .handle("B", |call| Ok(json!({"b": call.input.clone()})))
    .fallback(|_| Ok(json!("a")));
    assert_eq!(ex.run(json!({})).output, Some(json!({"b": "a"})));
}

fn jsonata(states: Value) -> Executor {
    let start = states.as_object().unwrap().keys().next().unwrap().clone();
    Executor::from_json(
        &json!({"QueryLanguage": "JSONata", "StartAt": start, "States": states}).to_string(),
    )
    .unwrap()
}

#[test]
fn jsonata_task_arguments_and_output_see_states_input_and_result() {
    let ex = jsonata(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Arguments": {"n": "{% $states.input.n * 2 %}"},
        "Output": {"in": "{% $states.input.n %}", "out": "{% $states.result.n %}"}, "End": true}}),
    )
    .handle("T", |call| Ok(call.input.clone()));
    assert_eq!(
        ex.run(json!({"n": 4})).output,
        Some(json!({"in": 4, "out": 8}))
    );
}

#[test]
fn jsonata_task_output_defaults_to_the_result() {
    let ex = jsonata(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}),
    )
    .handle("T", |_| Ok(json!("result")));
    assert_eq!(ex.run(json!({"n": 4})).output, Some(json!("result")));
}

#[test]
fn jsonata_assign_sees_entry_values_so_a_swap_works() {
    let ex = jsonata(json!({
        "Init": {"Type": "Pass", "Assign": {"x": 1, "y": 2}, "Next": "Swap"},
        "Swap": {"Type": "Pass", "Assign": {"x": "{% $y %}", "y": "{% $x %}"}, "Next": "Show"},
        "Show": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}"}, "End": true}}));
    assert_eq!(ex.run(json!({})).output, Some(json!({"x": 2, "y": 1})));
}

#[test]
fn jsonata_choice_conditions_and_rule_output() {
    let ex = jsonata(json!({
        "C": {"Type": "Choice", "Choices": [
            {"Condition": "{% $states.input.n > 10 %}", "Output": "big", "Next": "Done"}],
            "Default": "Done", "Output": "small"},
        "Done": {"Type": "Succeed"}}));
    assert_eq!(ex.run(json!({"n": 11})).output, Some(json!("big")));
    assert_eq!(ex.run(json!({"n": 1})).output, Some(json!("small")));
}

#[test]
fn jsonata_non_boolean_condition_is_a_query_evaluation_error() {
    let ex = jsonata(json!({
        "C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n %}", "Next": "Done"}]},
        "Done": {"Type": "Succeed"}}));
    assert_eq!(
        ex.run(json!({"n": 1})).error.as_deref(),
        Some("States.QueryEvaluationError")
    );
}

#[test]
fn jsonata_wait_seconds_expression_advances_virtual_time() {
    let ex =
        jsonata(json!({"W": {"Type": "Wait", "Seconds": "{% $states.input.s %}", "End": true}}));
    assert_eq!(ex.run(json!({"s": 42})).duration_seconds(), 42.0);
}

#[test]
fn jsonata_bad_timestamp_is_a_query_evaluation_error() {
    let ex =
        jsonata(json!({"W": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "End": true}}));
    let run = ex.run(json!({"t": "2016-12-05 21:29:29Z"}));
    assert_eq!(run.error.as_deref(), Some("States.QueryEvaluationError"));
}

#[test]
fn jsonata_map_items_and_item_selector_with_context() {
    let ex = jsonata(
        json!({"M": {"Type": "Map", "Items": "{% $states.input.xs %}",
        "ItemSelector": {"i": "{% $states.context.Map.Item.Index %}", "v": "{% $states.context.Map.Item.Value * 10 %}"},
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}),
    );
    assert_eq!(
        ex.run(json!({"xs": [1, 2]})).output,
        Some(json!([{"i": 0, "v": 10}, {"i": 1, "v": 20}]))
    );
}

#[test]
fn jsonata_map_items_must_be_an_array_or_an_object() {
    let ex = jsonata(json!({"M": {"Type": "Map", "Items": "{% $states.input %}",
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}));
    assert_eq!(
        ex.run(json!(7)).error.as_deref(),
        Some("States.QueryEvaluationError")
    );
}

#[test]
fn jsonata_catch_output_sees_error_output() {
    let ex = jsonata(json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {"why": "{% $states.errorOutput.Cause %}"},
                   "Assign": {"failed": true}, "Next": "After"}], "End": true},
        "After": {"Type": "Pass", "Output": {"why": "{% $states.input.why %}", "failed": "{% $failed %}"}, "End": true}}))
    .handle("T", |_| Err(TaskError::new("Boom", "it broke")));
    assert_eq!(
        ex.run(json!({})).output,
        Some(json!({"why": "it broke", "failed": true}))
    );
}

#[test]
fn jsonata_fail_error_and_cause_expressions() {
    let ex = jsonata(
        json!({"F": {"Type": "Fail", "Error": "{% 'E' & $states.input.code %}", "Cause": "static"}}),
    );
    let run = ex.run(json!({"code": "42"}));
    assert_eq!(
        (run.error.as_deref(), run.cause.as_deref()),
        (Some("E42"), Some("static"))
    );
}

#[test]
fn jsonata_parallel_arguments_feed_every_branch() {
    let ex = jsonata(
        json!({"P": {"Type": "Parallel", "Arguments": {"v": "{% $states.input.v + 1 %}"},
        "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $states.input.v %}", "End": true}}}],
        "Output": "{% $states.result[0] %}", "End": true}}),
    );
    assert_eq!(ex.run(json!({"v": 1})).output, Some(json!(2)));
}

#[test]
fn undefined_jsonata_output_is_a_query_evaluation_error() {
    let ex = jsonata(
        json!({"P": {"Type": "Pass", "Output": "{% $states.input.missing %}", "End": true}}),
    );
    let run = ex.run(json!({}));
    assert_eq!(run.error.as_deref(), Some("States.QueryEvaluationError"));
    assert!(run.cause.unwrap().contains("returned nothing (undefined)"));
}

#[test]
fn item_reader_items_come_from_the_reader_resource_handler() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "JSON", "MaxItems": 2},
            "Parameters": {"Bucket": "b", "Key.$": "$.key"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}))
    .handle("arn:aws:states:::s3:getObject", |call| {
        assert_eq!(call.input, &json!({"Bucket": "b", "Key": "items.json"}));
        Ok(json!([1, 2, 3]))
    });
    assert_eq!(
        ex.run(json!({"key": "items.json"})).output,
        Some(json!([1, 2]))
    );
}

#[test]
fn item_reader_without_handler_fails_clearly() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
            "Parameters": {"Bucket": "b", "Key": "k"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}));
    let run = ex.run(json!({}));
    assert!(
        run.cause
            .unwrap()
            .contains("no handler for the ItemReader resource")
    );
}

#[test]
fn timeout_seconds_path_reads_the_state_input() {
    let ex = machine(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X",
        "TimeoutSecondsPath": "$.limit", "Parameters": {"work": 1}, "End": true}}),
    )
    .handle("T", |call| {
        call.advance(10.0);
        Ok(json!(1))
    });
    assert_eq!(
        ex.run(json!({"limit": 5})).error.as_deref(),
        Some("States.Timeout")
    );
    assert!(ex.run(json!({"limit": 50})).succeeded());
}

#[test]
fn state_events_carry_each_state_input_and_output() {
    // Every state turns its input into its output in place; the history still shows both.
    let ex = machine(json!({
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.t",
              "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "P"}]},
        "P": {"Type": "Pass", "Parameters": {"m.$": "$.n"}, "ResultPath": "$.p", "Next": "Par"},
        "Par": {"Type": "Parallel", "ResultPath": "$.par", "End": true, "Branches": [
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}
    }))
    .handle("T", ok());
    let run = ex.run(json!({"n": 1}));
    let pairs: Vec<(String, Value)> = run
        .history
        .events()
        .iter()
        .filter_map(|e| match &e.details {
            crate::history::EventDetails::StateEntered { name, input } => {
                Some((format!("in {name}"), input.clone()))
            }
            crate::history::EventDetails::StateExited { name, output } => {
                Some((format!("out {name}"), output.clone()))
            }
            _ => None,
        })
        .collect();
    let after_t = json!({"n": 1, "t": {"ok": true}});
    let after_p = json!({"n": 1, "t": {"ok": true}, "p": {"m": 1}});
    let expected = vec![
        ("in T", json!({"n": 1})),
        ("out T", after_t.clone()),
        ("in C", after_t.clone()),
        ("out C", after_t.clone()),
        ("in P", after_t),
        ("out P", after_p.clone()),
        ("in Par", after_p.clone()),
        ("in B", after_p),
        ("out B", json!("b")),
        ("out Par", run.output.clone().unwrap()),
    ];
    let expected: Vec<(String, Value)> = expected
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    assert_eq!(pairs, expected);
    assert_eq!(run.output.unwrap()["par"], json!(["b"]));
}

#[test]
fn pass_parameters_into_a_result_path_replace_what_was_there() {
    // The object a Pass's Parameters make lands where the earlier value was, whatever it was.
    let ex = machine(
        json!({"P": {"Type": "Pass", "Parameters": {"v.$": "$.n", "k": "lit"},
        "ResultPath": "$.r", "End": true}}),
    );
    for (before, after) in [
        (
            json!({"n": 1, "r": {"v": 0, "k": "old"}, "z": 2}),
            r#"{"n":1,"r":{"v":1,"k":"lit"},"z":2}"#,
        ),
        (
            json!({"n": 1, "r": {"k": "old", "v": 0}}),
            r#"{"n":1,"r":{"v":1,"k":"lit"}}"#,
        ),
        (
            json!({"n": 1, "r": [1, 2]}),
            r#"{"n":1,"r":{"v":1,"k":"lit"}}"#,
        ),
        (json!({"n": 1}), r#"{"n":1,"r":{"v":1,"k":"lit"}}"#),
    ] {
        assert_eq!(ex.run(before).output.unwrap().to_string(), after);
    }
}

#[test]
fn pass_parameters_fail_naming_the_whole_input() {
    let ex = machine(
        json!({"P": {"Type": "Pass", "Parameters": {"v.$": "$.missing"},
        "ResultPath": "$.r", "End": true}}),
    );
    let run = ex.run(json!({"r": {"v": 0}}));
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    let cause = run.cause.unwrap();
    assert!(
        cause.ends_with(r#"could not be found in the input '{"r":{"v":0}}'"#),
        "{cause}"
    );
}
