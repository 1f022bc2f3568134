//! Prints the `callback` workflow's ASL JSON: `cargo run -p examples --example callback`.

fn main() -> std::process::ExitCode {
    examples::print(examples::callback::workflow())
}
