//! The languages inside ASL strings (paths, intrinsic functions, JSONata, timestamps,
//! variables) against the shared conformance corpus: AWS-recorded definitions must pass, and
//! asl-validator's verdicts must match ours wherever AWS would agree with them.

use std::fs;
use std::path::{Path, PathBuf};

use sfn_asl::{Code, Diagnostics};

/// The codes of the embedded-language rules.
const CODES: &[Code] = &[
    Code::InvalidPath,
    Code::InvalidIntrinsic,
    Code::InvalidJsonata,
    Code::InvalidPayloadTemplate,
    Code::UndefinedVariable,
    Code::InvalidVariableName,
    Code::InvalidTimestamp,
];

/// asl-validator files that are invalid because of an embedded-language rule, with the code we
/// report.
const INVALID: &[(&str, Code)] = &[
    ("invalid-assign.asl.json", Code::InvalidJsonata),
    ("invalid-choice-state-variable.json", Code::InvalidPath),
    ("invalid-dupe-fields.asl.json", Code::InvalidPayloadTemplate),
    (
        "invalid-duplicate-fields-nested.json",
        Code::InvalidPayloadTemplate,
    ),
    (
        "invalid-duplicate-fields.json",
        Code::InvalidPayloadTemplate,
    ),
    ("invalid-json-path.json", Code::InvalidPath),
    (
        "invalid-jsonata-syntax-arithmetic.json",
        Code::InvalidJsonata,
    ),
    (
        "invalid-jsonata-syntax-jsonpath-in-jsonata-surround.json",
        Code::InvalidJsonata,
    ),
    (
        "invalid-jsonata-syntax-mismatched-parens.json",
        Code::InvalidJsonata,
    ),
    ("invalid-math-add.json", Code::InvalidIntrinsic),
    (
        "invalid-payload-template.asl.json",
        Code::InvalidPayloadTemplate,
    ),
    (
        "invalid-task-credentials-object.json",
        Code::InvalidPayloadTemplate,
    ),
    ("invalid-variable-result-path.json", Code::InvalidPath),
];

/// Where our verdict differs from asl-validator's on purpose (AWS is the truth), and why.
const DISAGREEMENTS: &[(&str, &str)] = &[
    (
        "invalid-json-surround-syntax-extra-spaces.json",
        "`{% \\n10 %}` begins with `{%` and ends with `%}`; the blanks are inside the expression, which JSONata allows",
    ),
    (
        "invalid-jsonata-surround-syntax-no-spaces.json",
        "`{%10%}` is a JSONata expression: no blanks are needed inside the delimiters",
    ),
    (
        "invalid-jsonata-surround-syntax-no-close.json",
        "AWS reads a string that does not end with `%}` as a literal (we warn)",
    ),
    (
        "invalid-jsonata-surround-syntax-no-open.json",
        "AWS reads a string that does not start with `{%` as a literal (we warn)",
    ),
    (
        "valid-assign.asl.json",
        "`top-level` is not an identifier (SPEC: ID_Start then ID_Continue), and `$top-level` could never be read",
    ),
    (
        "valid-fail-paths.json",
        "`$field2` is read but no `Assign` sets it (our static variable check)",
    ),
];

fn ours(diagnostics: &Diagnostics) -> Vec<&sfn_asl::Diagnostic> {
    diagnostics
        .errors()
        .filter(|d| CODES.contains(&d.code))
        .collect()
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn aws_recorded_definitions_pass_the_embedded_language_rules() {
    let Some(dir) = sfn_tests::conformance_dir() else {
        return;
    };
    let files = json_files(&dir.join("executor/aws-recorded-intrinsics"));
    assert!(files.len() > 100, "expected the recorded executions");
    for file in files {
        let case: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&file).expect("readable case")).expect("JSON");
        // Every recorded execution ran, so AWS accepted its definition at creation; the failed
        // ones failed at run time (e.g. `$randomSeeded` is States.QueryEvaluationError).
        let definition = case["definition"].to_string();
        let diagnostics = sfn_asl::validate_str(&definition);
        let found = ours(&diagnostics);
        assert!(
            found.is_empty(),
            "{}: AWS accepted this definition, we report:\n{}",
            name(&file),
            found
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn asl_validator_verdicts_agree_except_where_aws_differs() {
    let Some(dir) = sfn_tests::conformance_dir() else {
        return;
    };
    for file in json_files(&dir.join("validator/asl-validator")) {
        let file_name = name(&file);
        let text = fs::read_to_string(&file).expect("readable definition");
        let diagnostics = sfn_asl::validate_str(&text);
        let found = ours(&diagnostics);
        let listed = |list: &[(&str, _)]| list.iter().any(|(f, _)| *f == file_name);
        if let Some((_, code)) = INVALID.iter().find(|(f, _)| *f == file_name) {
            assert!(
                found.iter().any(|d| d.code == *code),
                "{file_name}: expected {code}, found {found:?}"
            );
        } else if listed(DISAGREEMENTS) {
            let invalid_by_prefix = file_name.starts_with("invalid-");
            assert_eq!(
                found.is_empty(),
                invalid_by_prefix,
                "{file_name} is listed as a disagreement but our verdict now matches asl-validator: {found:?}"
            );
        } else if file_name.starts_with("valid-") {
            assert!(
                found.is_empty(),
                "{file_name}: asl-validator accepts it, we report: {found:?}"
            );
        }
    }
}

#[test]
fn jsonata_near_misses_are_warnings() {
    let Some(dir) = sfn_tests::conformance_dir() else {
        return;
    };
    for file in [
        "invalid-jsonata-surround-syntax-no-close.json",
        "invalid-jsonata-surround-syntax-no-open.json",
    ] {
        let text = fs::read_to_string(dir.join("validator/asl-validator").join(file))
            .expect("readable definition");
        let diagnostics = sfn_asl::validate_str(&text);
        assert!(
            diagnostics
                .warnings()
                .any(|d| d.code == Code::InvalidJsonata && d.pointer.as_str() == "/States/X/Output"),
            "{file}: {diagnostics}"
        );
    }
}
