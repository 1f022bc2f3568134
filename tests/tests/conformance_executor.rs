//! Executions recorded on real AWS (`shared/conformance/executor/*/`) through the whole
//! executor: each case's definition runs on its input and must give AWS's output (semantic JSON
//! equality) or AWS's error name and cause. A mismatch fails the test unless
//! `tests/conformance/executor-allow-list.txt` lists the case with a reason; an allow-list entry
//! whose case now matches (or no longer exists) fails the test too, so the list stays honest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sfn_local::{Executor, RunOptions};

/// Every recorded case: (`corpus/file-stem`, path), sorted.
fn cases(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut corpora: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    corpora.sort();
    for corpus in corpora {
        let name = corpus
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        for entry in std::fs::read_dir(&corpus).expect("a readable corpus") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("")
                    .to_owned();
                out.push((format!("{name}/{stem}"), path));
            }
        }
    }
    out.sort();
    out
}

/// `case: reason` lines; `#` starts a comment.
fn allow_list() -> BTreeMap<String, String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance/executor-allow-list.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (case, reason) = l
                .split_once(':')
                .unwrap_or_else(|| panic!("allow-list line without `: reason`: {l}"));
            assert!(
                !reason.trim().is_empty(),
                "allow-list entry `{case}` needs a reason"
            );
            (case.trim().to_owned(), reason.trim().to_owned())
        })
        .collect()
}

/// JSON equality with numbers compared by value (AWS prints `3` where Rust may hold `3.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || (x.as_f64().is_some() && x.as_f64() == y.as_f64())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// `None` when the executor does what AWS recorded, else what differs.
fn check(case: &Value) -> Option<String> {
    let definition = case["definition"].to_string();
    let executor = match Executor::from_json(&definition) {
        Ok(executor) => executor,
        Err(e) => return Some(format!("not run: {e}")),
    };
    let run = executor.run_with(case["input"].clone(), &RunOptions::default());
    match case["status"].as_str() {
        Some("SUCCEEDED") => match &run.output {
            Some(output) if same(output, &case["output"]) => None,
            Some(output) => Some(format!("output {output}, AWS {}", case["output"])),
            None => Some(format!(
                "failed with {} ({}), AWS output {}",
                run.error.unwrap_or_default(),
                run.cause.unwrap_or_default(),
                case["output"]
            )),
        },
        Some(_) => {
            let (error, cause) = (run.error.unwrap_or_default(), run.cause.unwrap_or_default());
            if run.output.is_some() {
                Some(format!(
                    "succeeded with {:?}, AWS error {}",
                    run.output, case["error"]
                ))
            } else if case["error"] != error.as_str() {
                Some(format!("error {error}, AWS {}", case["error"]))
            } else if case.get("cause").is_some_and(|c| c != cause.as_str()) {
                Some(format!("cause {cause:?}, AWS {}", case["cause"]))
            } else {
                None
            }
        }
        None => Some("the case has no status".into()),
    }
}

#[test]
fn recorded_executions_match_aws() {
    let Some(dir) = sfn_tests::conformance_dir() else {
        return;
    };
    let allowed = allow_list();
    let all = cases(&dir.join("executor"));
    assert!(
        !all.is_empty(),
        "no recorded executions under {}",
        dir.display()
    );
    let mut problems = Vec::new();
    let mut matched = 0;
    for (name, path) in &all {
        let text = std::fs::read_to_string(path).expect("a readable case");
        let case: Value = serde_json::from_str(&text).expect("a case is JSON");
        match (check(&case), allowed.contains_key(name)) {
            (None, false) => matched += 1,
            (None, true) => problems.push(format!(
                "{name}: matches AWS now; remove it from the allow-list"
            )),
            (Some(diff), false) => problems.push(format!("{name}: {diff}")),
            (Some(_), true) => {}
        }
    }
    for name in allowed.keys() {
        if !all.iter().any(|(n, _)| n == name) {
            problems.push(format!("{name}: allow-listed but there is no such case"));
        }
    }
    eprintln!("{matched} of {} recorded executions match AWS", all.len());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
