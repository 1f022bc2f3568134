//! Parse + validate the shared benchmark workload (`gen_workload.py N` for 10, 100 and 1000
//! stages), the same files `scripts/bench-validator.sh` gives asl-validator.
//!
//! The workload is generated at start by running `python3 ../shared/peers/gen_workload.py N`
//! (relative to the repository root; `SFN_PEERS_DIR` overrides the folder). When python3 or the
//! script is missing the bench says so and skips that input.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use sfn_asl::Code;

const STAGES: [usize; 3] = [10, 100, 1000];

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

fn parse_validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_validate");
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
        // Measure the real thing, not an early error path: the only error allowed is the size
        // limit (1000 stages are 1.7 MB, over AWS's 1 MiB), which is checked alongside the rest.
        let diagnostics = sfn_asl::validate_str(&text);
        let unexpected: Vec<String> = diagnostics
            .errors()
            .filter(|d| d.code != Code::DefinitionTooLarge)
            .map(ToString::to_string)
            .collect();
        assert!(
            unexpected.is_empty(),
            "the {stages}-stage workload should be valid:\n{}",
            unexpected.join("\n")
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(stages), &text, |b, text| {
            b.iter(|| sfn_asl::validate_str(std::hint::black_box(text)));
        });
    }
    group.finish();

    // Parse alone, to see how the time splits between reading the text and checking the model.
    let mut group = c.benchmark_group("parse");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for stages in STAGES {
        let Ok(text) = workload(stages) else { continue };
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(stages), &text, |b, text| {
            b.iter(|| sfn_asl::parse(std::hint::black_box(text)));
        });
    }
    group.finish();
}

// What `criterion_group!`/`criterion_main!` expand to, written out so every item is documented.
fn main() {
    let mut c = Criterion::default().configure_from_args();
    parse_validate(&mut c);
    c.final_summary();
}
