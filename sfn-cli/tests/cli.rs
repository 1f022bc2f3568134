//! The `sfn` binary as a user runs it: exit statuses, output formats, stdin and many files.

use std::process::Output;

#[path = "support/cli.rs"]
mod support;

use support::{file, sfn_piped, stderr, stdout};

fn sfn(args: &[&str], stdin: Option<&str>) -> Output {
    sfn_piped(args, stdin.unwrap_or(""))
}

const VALID: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
// One error only: `Charge`'s `Next` names no state. (Without `Start` and `Done` the machine would
// also have no terminal state, which AWS reports too.)
const BAD_NEXT: &str = "{\"StartAt\": \"Start\",\n \"States\": {\"Charge\": {\"Type\": \"Pass\", \"Next\": \"Chrage\"}, \
    \"Start\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true, \"Next\": \"Charge\"}], \
    \"Default\": \"Done\"}, \"Done\": {\"Type\": \"Succeed\"}}}";

#[test]
fn the_readme_example_is_valid_and_exits_0() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/asl/image_pipeline.asl.json"
    );
    let out = sfn(&["validate", example], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with(": valid\n"), "{}", stdout(&out));
}

#[test]
fn an_invalid_file_exits_1_with_file_line_column_pointer_and_help() {
    let path = file("bad-next.asl.json", BAD_NEXT);
    let out = sfn(&["validate", &path], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "{path}:2:40: error[unknown_next_state]: Missing 'Next' target: Chrage\n  at /States/Charge/Next\n  help: did you mean `Charge`?\n"
        )),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("{path}: invalid (1 error)\n")),
        "{text}"
    );
}

#[test]
fn one_invalid_file_among_valid_ones_exits_1_and_reports_each() {
    let good = file("many-good.asl.json", VALID);
    let bad = file("many-bad.asl.json", BAD_NEXT);
    let out = sfn(&["validate", &good, &bad, &good], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(
        text.matches(&format!("{good}: valid\n")).count(),
        2,
        "{text}"
    );
    assert!(text.ends_with("3 files: 2 valid, 1 invalid\n"), "{text}");
}

#[test]
fn a_missing_file_exits_2_naming_it_and_the_others_are_still_checked() {
    let good = file("missing-neighbour.asl.json", VALID);
    let out = sfn(&["validate", "no-such-file.asl.json", &good], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read `no-such-file.asl.json`"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains(&format!("{good}: valid\n")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn dash_reads_standard_input() {
    let out = sfn(&["validate", "-"], Some(BAD_NEXT));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("<stdin>:2:40: error[unknown_next_state]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn json_format_is_one_document_with_every_field() {
    let bad = file("json-bad.asl.json", BAD_NEXT);
    let out = sfn(&["validate", "--format", "json", &bad, "-"], Some(VALID));
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let expected = serde_json::json!([
        {
            "file": bad,
            "valid": false,
            "diagnostics": [{
                "code": "unknown_next_state",
                "aws_code": "MISSING_TRANSITION_TARGET",
                "severity": "error",
                "message": "Missing 'Next' target: Chrage",
                "pointer": "/States/Charge/Next",
                "line": 2,
                "column": 40,
                "help": "did you mean `Charge`?"
            }]
        },
        { "file": "<stdin>", "valid": true, "diagnostics": [] }
    ]);
    assert_eq!(value, expected);
}

#[test]
fn json_format_reports_an_unreadable_file_with_its_error() {
    let out = sfn(&["validate", "--format", "json", "no-such-file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(value[0]["valid"], false);
    assert!(
        value[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("no-such-file.json")),
        "{value}"
    );
}

#[test]
fn malformed_json_is_invalid_not_an_io_error() {
    let out = sfn(&["validate", "-"], Some("{\"StartAt\": "));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("error[invalid_json]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn no_file_is_a_usage_error_exiting_2() {
    let out = sfn(&["validate"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage"), "{}", stderr(&out));
}

#[test]
fn an_unknown_format_is_a_usage_error_exiting_2() {
    let out = sfn(&["validate", "--format", "xml", "-"], Some(VALID));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_to_a_pipe_has_no_colour() {
    let out = sfn(&["validate", "-"], Some(BAD_NEXT));
    assert!(!out.stdout.contains(&0x1b), "{}", stdout(&out));
}

#[test]
fn color_always_colours_even_a_pipe() {
    let out = sfn(&["validate", "--color", "always", "-"], Some(BAD_NEXT));
    assert!(
        stdout(&out).contains("\x1b[1;31merror[unknown_next_state]\x1b[0m"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn warnings_alone_exit_0_and_are_shown() {
    let no_timeout = r#"{"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#;
    let out = sfn(&["validate", "-"], Some(no_timeout));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("warning[task_without_timeout]"), "{text}");
    assert!(text.ends_with("<stdin>: valid (1 warning)\n"), "{text}");
}
