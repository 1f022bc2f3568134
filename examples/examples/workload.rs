//! Prints the benchmark pipeline with STAGES stages (default 100):
//! `cargo run --release -p examples --example workload -- STAGES`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let stages = match std::env::args().nth(1).map(|s| s.parse::<usize>()) {
        None => 100,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("usage: workload [STAGES]   (STAGES: a positive integer)");
            return ExitCode::from(2);
        }
    };
    match examples::workload::workflow(stages) {
        Ok(workflow) => {
            println!("{}", workflow.to_json_pretty());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: the pipeline could not be built\n{error}");
            ExitCode::FAILURE
        }
    }
}
