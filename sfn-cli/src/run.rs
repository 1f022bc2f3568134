//! `sfn run FILE --input JSON|@file [--mocks FILE --test-case NAME] [--task-output JSON] [--history]`: run a workflow
//! in-process with sfn-local and print its output (or error) as JSON; exit 0 when it succeeded,
//! 1 when it did not, 2 on usage or I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};
use sfn_local::{ExecutionKind, Executor, MockConfig, RunOptions};

use crate::Status;
use crate::substitute;

/// Arguments of `sfn run`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition (ASL JSON) to run.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// The execution input: JSON text, or `@path` to read it from a file.
    #[arg(long, value_name = "JSON|@FILE", default_value = "{}")]
    input: String,

    /// An AWS Step Functions Local mock configuration file answering the Task states.
    #[arg(long, value_name = "FILE", requires = "test_case")]
    mocks: Option<PathBuf>,

    /// The test case of the mock file to use.
    #[arg(long, value_name = "NAME", requires = "mocks")]
    test_case: Option<String>,

    /// The state machine of the mock file, when several have the test case (default: the
    /// definition's file name without extensions).
    #[arg(long, value_name = "NAME")]
    state_machine: Option<String>,

    /// Answer every Task state that the mock file does not with this JSON (e.g. `{}`), instead
    /// of failing the run.
    #[arg(long, value_name = "JSON")]
    task_output: Option<String>,

    /// Print the status, output or error, counts, cost and the whole execution history.
    #[arg(long)]
    history: bool,

    /// Run as an Express workflow (5-minute limit; no `.sync` or `.waitForTaskToken`).
    #[arg(long)]
    express: bool,

    /// The execution's name (`$$.Execution.Name`).
    #[arg(long, default_value = "sfn-run")]
    name: String,

    /// The seed of random draws (retry jitter, `States.UUID`, `$random()`).
    #[arg(long, default_value_t = 0)]
    seed: u64,

    #[command(flatten)]
    substitutions: substitute::Options,
}

/// Runs `sfn run`.
pub(crate) fn run(args: &Args) -> ExitCode {
    match execute(args) {
        Ok((document, status)) => {
            let mut out = std::io::stdout().lock();
            // A closed stdout (`sfn run … | head`) is not worth a panic.
            let _ = writeln!(out, "{}", pretty(&document));
            status.into()
        }
        Err(message) => {
            eprintln!("error: {message}");
            Status::Error.into()
        }
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

fn execute(args: &Args) -> Result<(Value, Status), String> {
    let substituted = args.substitutions.load()?.apply(&read(&args.file)?);
    // Values were given and one is missing: running would use the placeholder's text. (With no
    // values at all, the definition runs as written, as AWS would run it.)
    if substituted.unresolved_are_errors && !substituted.unresolved.is_empty() {
        let places: Vec<String> = substituted
            .unresolved
            .iter()
            .map(|u| {
                format!(
                    "`${{{}}}` at {}:{}",
                    u.name,
                    args.file.display(),
                    u.location
                )
            })
            .collect();
        return Err(format!(
            "placeholders without a value: {}; pass `--substitute NAME=VALUE`, `--substitutions FILE.json` or `--allow-placeholders`",
            places.join(", ")
        ));
    }
    let definition = substituted.text;
    let mut executor =
        Executor::from_json(&definition).map_err(|e| format!("`{}`: {e}", args.file.display()))?;
    let input_text = match args.input.strip_prefix('@') {
        Some(path) => read(Path::new(path))?,
        None => args.input.clone(),
    };
    let input: Value =
        serde_json::from_str(&input_text).map_err(|e| format!("the input is not JSON: {e}"))?;
    let machine_name = args.state_machine.clone().unwrap_or_else(|| {
        let stem = args
            .file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("StateMachine");
        stem.split('.').next().unwrap_or(stem).to_owned()
    });
    if let (Some(mocks), Some(test_case)) = (&args.mocks, &args.test_case) {
        let config = MockConfig::from_file(mocks).map_err(|e| e.to_string())?;
        executor = executor
            .mocks(&config, Some(&machine_name), test_case)
            .map_err(|e| e.to_string())?;
    }
    if let Some(text) = &args.task_output {
        let answer: Value =
            serde_json::from_str(text).map_err(|e| format!("--task-output is not JSON: {e}"))?;
        executor = executor.fallback(move |_| Ok(answer.clone()));
    }
    let options = RunOptions {
        name: args.name.clone(),
        state_machine_name: machine_name,
        seed: args.seed,
        kind: if args.express {
            ExecutionKind::Express
        } else {
            ExecutionKind::Standard
        },
        history: args.history,
        ..RunOptions::default()
    };
    let run = executor.run_with(input, &options);
    let status = if run.succeeded() {
        Status::Success
    } else {
        Status::Failure
    };
    let document = if args.history {
        let mut doc = run.to_json();
        let cost = run.cost();
        doc["transitions"] = run.transitions.into();
        doc["durationSeconds"] = run.duration_seconds().into();
        doc["cost"] = json!({"standardUsd": cost.standard_usd, "expressUsd": cost.express_usd});
        doc["history"] = run.history.to_json();
        doc
    } else {
        match run.output {
            Some(output) => output,
            None => json!({"status": run.status.as_str(), "error": run.error, "cause": run.cause}),
        }
    };
    Ok((document, status))
}
