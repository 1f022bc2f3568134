//! Prints the `typed_payloads` workflow's ASL JSON: `cargo run -p examples --example typed_payloads`.

fn main() -> std::process::ExitCode {
    examples::print(examples::typed_payloads::workflow())
}
