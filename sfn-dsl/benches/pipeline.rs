//! Building and serializing `shared/peers/gen_workload.py`'s pipeline (the same shape CDK's
//! `cdk_build.js` builds) at 100 and 1000 stages: the whole `build()` (chains, handles and the
//! sfn-asl validator), the validator alone, and `to_json`.
//!
//! `cargo bench -p sfn-dsl --bench pipeline`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion};

#[allow(
    dead_code,
    unreachable_pub,
    reason = "the examples' module, shared with the bench as written"
)]
#[path = "../../examples/src/workload.rs"]
mod workload;

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(20);
    for stages in [100, 1000] {
        group.bench_with_input(BenchmarkId::new("build", stages), &stages, |b, &n| {
            b.iter(|| workload::workflow(black_box(n)).expect("builds"))
        });
        let built = workload::workflow(stages).expect("builds");
        group.bench_with_input(
            BenchmarkId::new("validate_only", stages),
            built.definition(),
            |b, machine| b.iter(|| sfn_asl::validate(black_box(machine))),
        );
        group.bench_with_input(BenchmarkId::new("to_json", stages), &built, |b, w| {
            b.iter(|| black_box(w).to_json())
        });
        group.bench_with_input(
            BenchmarkId::new("build+to_json", stages),
            &stages,
            |b, &n| b.iter(|| workload::workflow(black_box(n)).expect("builds").to_json()),
        );
    }
    group.finish();
}

// What `criterion_group!`/`criterion_main!` expand to, written out so every item is documented.
fn main() {
    let mut c = Criterion::default().configure_from_args();
    pipeline(&mut c);
    c.final_summary();
}
