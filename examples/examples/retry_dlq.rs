//! Prints the `retry_dlq` workflow's ASL JSON: `cargo run -p examples --example retry_dlq`.

fn main() -> std::process::ExitCode {
    examples::print(examples::retry_dlq::workflow())
}
