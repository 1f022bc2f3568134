// `retry` exists, but not on a Pass state (sfn-asl's rule, on the key).
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { retry: [{ error_equals: ["States.ALL"] }], end },
    };
}
