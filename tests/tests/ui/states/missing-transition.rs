// A Pass state with neither `next` nor `end`: reported at its closing brace.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { result: 1 },
    };
}
