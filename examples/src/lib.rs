//! Runnable sfn workflows. Each example in `examples/` prints its ASL JSON:
//! `cargo run -p examples --example NAME`.
