//! Compile-time behaviour of `workflow!`, `asl!`, `include_asl!` and `#[derive(Payload)]`, as
//! reviewed files: every `tests/ui/<category>/*.rs` must fail with exactly its `.stderr`, every
//! `tests/ui/pass/*.rs` must compile and run.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/transitions/*.rs");
    t.compile_fail("tests/ui/states/*.rs");
    t.compile_fail("tests/ui/syntax/*.rs");
    t.compile_fail("tests/ui/errors/*.rs");
    t.compile_fail("tests/ui/paths/*.rs");
    t.compile_fail("tests/ui/typed/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
