//! Prints the deployable `order_api` workflow's ASL JSON (with its `${Placeholder}`s):
//! `cargo run -p examples --example order_api`. `build.rs` writes the same JSON to
//! `deploy/generated/order_api.asl.json`.

fn main() -> std::process::ExitCode {
    examples::print(examples::order_api::workflow())
}
