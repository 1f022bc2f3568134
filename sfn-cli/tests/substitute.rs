//! `${NAME}` placeholders in `sfn validate` and `sfn run`: `--substitute`, `--substitutions`,
//! `--allow-placeholders`, and the error for one left without a value.

#[path = "support/cli.rs"]
mod support;

use support::{file, sfn, stderr, stdout};

/// The order API as `sfn-dsl` emits it for CloudFormation, the CDK and Terraform.
const ORDER_API: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/deploy/generated/order_api.asl.json"
);

/// A value for each of the order API's placeholders.
const ALL_VALUES: [&str; 5] = [
    "ValidateOrderArn=arn:aws:lambda:us-east-1:123456789012:function:Validate",
    "ProcessPaymentArn=arn:aws:lambda:us-east-1:123456789012:function:Pay",
    "FulfillmentStateMachineArn=arn:aws:states:us-east-1:123456789012:stateMachine:Fulfil",
    "OrderTopicArn=arn:aws:sns:us-east-1:123456789012:orders",
    "DeadLetterQueueUrl=https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
];

fn with_values<'a>(values: &[&'a str], rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["validate"];
    for v in values {
        args.extend(["--substitute", v]);
    }
    args.extend(rest);
    args
}

#[test]
fn every_placeholder_substituted_is_valid() {
    let out = sfn(&with_values(&ALL_VALUES, &[ORDER_API]));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_placeholder_without_a_value_is_an_error_naming_it_and_its_place() {
    let out = sfn(&with_values(&ALL_VALUES[1..], &[ORDER_API]));
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "{ORDER_API}:7:20: error[unresolved_placeholder]: placeholder `${{ValidateOrderArn}}` has no value\n  help: pass `--substitute ValidateOrderArn=VALUE`"
        )),
        "{text}"
    );
    assert!(text.ends_with("invalid (1 error)\n"), "{text}");
}

#[test]
fn without_values_placeholders_are_warnings_and_checked_as_aws_sees_them() {
    let out = sfn(&["validate", "--format", "json", ORDER_API]);
    // AWS rejects the two `Resource`s that are still `${…}`; the others are plain strings to it.
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let diagnostics = report[0]["diagnostics"].as_array().expect("an array");
    let warnings: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "unresolved_placeholder")
        .collect();
    assert_eq!(warnings.len(), 5, "{report:#}");
    assert!(
        warnings
            .iter()
            .all(|d| d["severity"] == "warning" && d["aws_code"].is_null()),
        "{report:#}"
    );
    assert_eq!(
        (warnings[0]["line"].as_u64(), warnings[0]["column"].as_u64()),
        (Some(7), Some(20))
    );
    let errors: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 2, "{report:#}");
    assert!(
        errors.iter().all(|d| d["code"] == "invalid_resource"),
        "{report:#}"
    );
}

#[test]
fn without_values_a_placeholder_outside_resource_is_only_a_warning() {
    let path = file(
        "topic.asl.json",
        r#"{"StartAt": "N", "States": {"N": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
            "Parameters": {"TopicArn": "${TopicArn}", "Message": "hi"}, "TimeoutSeconds": 5, "End": true}}}"#,
    );
    let out = sfn(&["validate", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out)
            .contains("warning[unresolved_placeholder]: placeholder `${TopicArn}` has no value"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn allow_placeholders_accepts_stand_ins() {
    let out = sfn(&["validate", "--allow-placeholders", ORDER_API]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_substitutions_file_gives_values_and_the_flag_wins_over_it() {
    let values: serde_json::Map<String, serde_json::Value> = ALL_VALUES
        .iter()
        .map(|pair| {
            let (name, value) = pair.split_once('=').expect("NAME=VALUE");
            (name.to_owned(), value.into())
        })
        .collect();
    let path = file("subs.json", &serde_json::Value::Object(values).to_string());
    assert_eq!(
        sfn(&["validate", "--substitutions", &path, ORDER_API])
            .status
            .code(),
        Some(0)
    );
    let out = sfn(&[
        "validate",
        "--substitutions",
        &path,
        "--substitute",
        "ValidateOrderArn=not-an-arn",
        ORDER_API,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("the resource provided `not-an-arn` is not a valid resource ARN"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn diagnostics_after_a_substitution_point_into_the_file_as_written() {
    let path = file(
        "shifted.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Comment": "${C}", "Next": "Nowhere"}}}"#,
    );
    let out = sfn(&[
        "validate",
        "--substitute",
        "C=a comment much longer than its placeholder",
        &path,
    ]);
    assert_eq!(out.status.code(), Some(1));
    // The `"Next"` key is at column 70 of the file, whatever the comment's length.
    assert!(
        stdout(&out).contains(&format!("{path}:1:70: error[unknown_next_state]")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_malformed_substitution_is_a_usage_error_exiting_2() {
    assert_eq!(
        sfn(&["validate", "--substitute", "NoEquals", ORDER_API])
            .status
            .code(),
        Some(2)
    );
    let path = file("bad-subs.json", r#"["not", "an", "object"]"#);
    let out = sfn(&["validate", "--substitutions", &path, ORDER_API]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("must be a JSON object"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn run_substitutes_and_refuses_a_missing_value() {
    let path = file(
        "run.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "${Greeting}", "End": true}}}"#,
    );
    let out = sfn(&["run", &path, "--substitute", "Greeting=hello"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), r#""hello""#);

    // With no values at all it runs as written, as AWS would.
    let out = sfn(&["run", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), r#""${Greeting}""#);

    let out = sfn(&["run", &path, "--substitute", "Other=x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("`${{Greeting}}` at {path}:1:"))
            && stderr(&out).contains("--allow-placeholders"),
        "{}",
        stderr(&out)
    );
}
