//! asl-validator's corpus through `sfn_asl::validate_str`: the verdict in each file name must be
//! ours, except for the files in `tests/conformance/validator-allow-list.txt`, where AWS agrees
//! with us. Our diagnostics for every `invalid-*` file are snapshotted. And every definition
//! that AWS itself ran (the executor corpus's recordings) must have no error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus() -> Option<Vec<PathBuf>> {
    let dir = sfn_tests::conformance_dir()?.join("validator/asl-validator");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no definitions in {}", dir.display());
    Some(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .expect("a UTF-8 file name")
        .to_owned()
}

/// The allow-list: file name → the reason AWS agrees with us.
fn allow_list() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance/validator-allow-list.txt");
    let text = std::fs::read_to_string(&path).expect("the allow-list is checked in");
    let mut entries = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (file, reason) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("allow-list line without `file: reason`: {line}"));
        assert!(reason.len() > 20, "allow-list entry {file} needs a reason");
        assert!(
            entries.insert(file.to_owned(), reason.to_owned()).is_none(),
            "allow-list names {file} twice"
        );
    }
    entries
}

#[test]
fn verdicts_agree_with_asl_validator_except_the_allow_list() {
    let Some(files) = corpus() else { return };
    let allowed = allow_list();
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    for path in &files {
        let name = file_name(path);
        let text = std::fs::read_to_string(path).expect("a readable definition");
        let diagnostics = sfn_asl::validate_str(&text);
        let expected_invalid = name.starts_with("invalid-");
        let disagrees = diagnostics.has_errors() != expected_invalid;
        let allowed_here = allowed.contains_key(&name);
        match (disagrees, allowed_here) {
            (true, false) => {
                let verdict = if expected_invalid {
                    "accepted, asl-validator rejects".to_owned()
                } else {
                    format!("rejected, asl-validator accepts:\n{diagnostics}")
                };
                unexpected.push(format!("{name}: {verdict}"));
            }
            (false, true) => stale.push(name),
            _ => {}
        }
    }
    for name in allowed.keys() {
        assert!(
            files.iter().any(|f| file_name(f) == *name),
            "the allow-list names {name}, which is not in the corpus"
        );
    }
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "disagreements not in the allow-list:\n{}\n\nallow-list entries that now agree (remove them): {stale:?}",
        unexpected.join("\n")
    );
}

#[test]
fn diagnostics_of_invalid_definitions() {
    let Some(files) = corpus() else { return };
    for path in files {
        let name = file_name(&path);
        if !name.starts_with("invalid-") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable definition");
        let diagnostics = sfn_asl::validate_str(&text);
        insta::with_settings!({
            snapshot_suffix => name.as_str(),
            description => "sfn's diagnostics for asl-validator's definition",
            omit_expression => true,
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!("conformance__validator", diagnostics.to_string());
        });
    }
}

/// The definitions of the AWS-recorded executions (LocalStack's snapshots taken against real AWS):
/// AWS accepted every one of them, so none may have an error.
#[test]
fn definitions_aws_ran_have_no_errors() {
    let Some(dir) = sfn_tests::conformance_dir() else {
        return;
    };
    let dir = dir.join("executor/aws-recorded-intrinsics");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut rejected = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("a readable recording");
        let recording: serde_json::Value = serde_json::from_str(&text).expect("a JSON recording");
        let definition = serde_json::to_string_pretty(&recording["definition"])
            .expect("a JSON value serializes");
        let diagnostics = sfn_asl::validate_str(&definition);
        if diagnostics.has_errors() {
            rejected.push(format!("{}:\n{diagnostics}", file_name(path)));
        }
    }
    assert!(files.len() > 100, "only {} recordings", files.len());
    assert!(
        rejected.is_empty(),
        "definitions AWS accepted but sfn rejects:\n{}",
        rejected.join("\n")
    );
}
