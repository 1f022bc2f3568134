//! Prints the `image_pipeline` workflow's ASL JSON: `cargo run -p examples --example image_pipeline`.

fn main() -> std::process::ExitCode {
    examples::print(examples::image_pipeline::workflow())
}
