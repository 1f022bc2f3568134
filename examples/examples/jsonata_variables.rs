//! Prints the `jsonata_variables` workflow's ASL JSON: `cargo run -p examples --example jsonata_variables`.

fn main() -> std::process::ExitCode {
    examples::print(examples::jsonata_variables::workflow())
}
