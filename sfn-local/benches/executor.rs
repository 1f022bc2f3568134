//! Executions of the shared benchmark workload (`gen_workload.py N` for 10 and 100 stages), every
//! Task answered `{"ok": true}`, with and without keeping the history. Throughput is counted in
//! state transitions, so the report reads as transitions per second.
//!
//! The workload is generated at start by running `python3 ../shared/peers/gen_workload.py N`
//! (relative to the repository root; `SFN_PEERS_DIR` overrides the folder). When python3 or the
//! script is missing the bench says so and skips that input.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use serde_json::json;
use sfn_local::{Executor, RunOptions, Status};

const STAGES: [usize; 2] = [10, 100];

fn peers_dir() -> PathBuf {
    std::env::var_os("SFN_PEERS_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/peers"),
        PathBuf::from,
    )
}

/// The workload for `stages`, or why it could not be made.
fn workload(stages: usize) -> Result<String, String> {
    let script = peers_dir().join("gen_workload.py");
    if !script.is_file() {
        return Err(format!("{} is missing", script.display()));
    }
    let out = Command::new("python3")
        .arg(&script)
        .arg(stages.to_string())
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("the workload is not UTF-8: {e}"))
}

fn execute(c: &mut Criterion) {
    for history in [false, true] {
        let name = if history {
            "execute_with_history"
        } else {
            "execute"
        };
        let mut group = c.benchmark_group(name);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(3));
        for stages in STAGES {
            let text = match workload(stages) {
                Ok(text) => text,
                Err(why) => {
                    eprintln!("skipping {stages} stages: {why}");
                    continue;
                }
            };
            let executor = Executor::from_json(&text)
                .expect("the workload compiles")
                .fallback(|_| Ok(json!({"ok": true})))
                .options(RunOptions {
                    history,
                    ..RunOptions::default()
                });
            let input = json!({"amount": 150});
            // Measure the real thing: the run must succeed, or we would time the error path.
            let probe = executor.run(input.clone());
            assert_eq!(probe.status, Status::Succeeded, "{:?}", probe.cause);
            group.throughput(Throughput::Elements(probe.transitions));
            group.bench_with_input(BenchmarkId::from_parameter(stages), &input, |b, input| {
                b.iter(|| executor.run(std::hint::black_box(input.clone())));
            });
        }
        group.finish();
    }
}

// What `criterion_group!`/`criterion_main!` expand to, written out so every item is documented.
fn main() {
    let mut c = Criterion::default().configure_from_args();
    execute(&mut c);
    c.final_summary();
}
