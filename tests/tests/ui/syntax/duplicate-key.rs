// A key given twice, in a state and in a JSON payload.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { result: { a: 1, a: 2 }, next: Done, next: Done },
        Done: succeed,
    };
}
