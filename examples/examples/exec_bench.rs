//! `cargo run --release -p examples --example exec_bench -- FILE N [INPUT] [--history]`
//!
//! Runs the ASL definition FILE N times with sfn-local, every Task answered `{"ok": true}`, and
//! prints one JSON line: executions per second and state transitions per second. The contract
//! is `shared/peers/local_sfn_bench.mjs`'s (same default input, sequential runs, the output size
//! of the last run), so the two numbers can be compared in one session. The history is not kept
//! unless `--history` is given (aws-local-stepfunctions keeps none); events are counted anyway.

use std::process::ExitCode;
use std::time::Instant;

use serde_json::{Value, json};
use sfn_local::{Executor, RunOptions};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let history = args.iter().any(|a| a == "--history");
    args.retain(|a| a != "--history");
    let [file, rest @ ..] = args.as_slice() else {
        eprintln!("usage: exec_bench FILE N [INPUT] [--history]");
        return ExitCode::from(2);
    };
    let count: u64 = match rest.first().map(|n| n.parse()) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("error: N must be a positive integer");
            return ExitCode::from(2);
        }
    };
    let input_text = rest.get(1).map_or(r#"{"amount":150}"#, String::as_str);
    let input: Value = match serde_json::from_str(input_text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: INPUT is not JSON: {e}");
            return ExitCode::from(2);
        }
    };
    let definition = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read `{file}`: {e}");
            return ExitCode::from(2);
        }
    };
    let executor = match Executor::from_json(&definition) {
        Ok(executor) => executor
            .fallback(|_| Ok(json!({"ok": true})))
            .options(RunOptions {
                history,
                ..RunOptions::default()
            }),
        Err(e) => {
            eprintln!("error: `{file}`: {e}");
            return ExitCode::from(1);
        }
    };
    let mut transitions = 0;
    let mut last = None;
    let start = Instant::now();
    for _ in 0..count {
        let run = executor.run(input.clone());
        transitions += run.transitions;
        last = Some(run);
    }
    let seconds = start.elapsed().as_secs_f64();
    let Some(last) = last else {
        return ExitCode::from(2);
    };
    let output = last.output.clone().unwrap_or_else(|| last.to_json());
    println!(
        "{}",
        json!({
            "tool": "sfn-local",
            "file": file,
            "executions": count,
            "exec_per_s": count as f64 / seconds,
            "transitions_per_s": transitions as f64 / seconds,
            "transitions_per_execution": last.transitions,
            "history": history,
            "status": last.status.as_str(),
            "output_bytes": output.to_string().len(),
        })
    );
    ExitCode::SUCCESS
}
