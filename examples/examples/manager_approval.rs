//! Prints the `manager_approval` workflow's ASL JSON: `cargo run -p examples --example manager_approval`.

fn main() -> std::process::ExitCode {
    examples::print(examples::manager_approval::workflow())
}
