//! `sfn render` as a user runs it: formats, stdin, `-o`, and exit statuses.

#[path = "support/cli.rs"]
mod support;

use support::{scratch, sfn_piped as sfn, stderr, stdout};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/asl/image_pipeline.asl.json"
);

#[test]
fn mermaid_is_the_default_and_matches_the_library() {
    let out = sfn(&["render", EXAMPLE], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(EXAMPLE).expect("the example exists");
    let machine = sfn_asl::parse(&text).expect("the example parses");
    assert_eq!(stdout(&out), sfn_asl::render::to_mermaid(&machine));
}

#[test]
fn dot_format_reads_standard_input() {
    let out = sfn(
        &["render", "--format", "dot", "-"],
        r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dot = stdout(&out);
    assert!(dot.starts_with("digraph state_machine {\n"), "{dot}");
    assert!(
        dot.contains("    start0 -> s0;\n    s0 -> stop0;\n"),
        "{dot}"
    );
}

#[test]
fn output_flag_writes_the_file_and_nothing_to_stdout() {
    let path = scratch("drawing.dot");
    let out = sfn(
        &[
            "render",
            "--format",
            "dot",
            "-o",
            path.to_str().unwrap(),
            EXAMPLE,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).expect("the drawing was written");
    assert!(written.contains("이미지 리사이징"), "{written}");
}

#[test]
fn a_definition_that_does_not_parse_exits_1_with_its_place() {
    let out = sfn(&["render", "-"], "{\"StartAt\": \"A\",\n \"States\": 3}");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.starts_with("<stdin>:2:"), "{err}");
    assert!(err.contains("does not parse; nothing drawn"), "{err}");
}

#[test]
fn a_definition_that_does_not_validate_is_still_drawn() {
    let out = sfn(
        &["render", "-"],
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(r#"m0["Nowhere<br/>(no such state)"]"#),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_missing_file_exits_2() {
    let out = sfn(&["render", "no-such-file.asl.json"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read `no-such-file.asl.json`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_format_is_a_usage_error_exiting_2() {
    let out = sfn(&["render", "--format", "png", EXAMPLE], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn svg_format_writes_an_svg_image() {
    let out = sfn(&["render", "--format", "svg", EXAMPLE], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = stdout(&out);
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.contains(">썸네일 생성</text>"), "{svg}");
}
