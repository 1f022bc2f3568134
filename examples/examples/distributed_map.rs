//! Prints the `distributed_map` workflow's ASL JSON: `cargo run -p examples --example distributed_map`.

fn main() -> std::process::ExitCode {
    examples::print(examples::distributed_map::workflow())
}
