//! Prints the `order_processing` workflow's ASL JSON: `cargo run -p examples --example order_processing`.

fn main() -> std::process::ExitCode {
    examples::print(examples::order_processing::workflow())
}
