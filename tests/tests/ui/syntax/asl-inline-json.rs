// `asl!` with JSON tokens: each error is on the offending token (the key for a field that
// conflicts, the value for a target that does not exist).
fn main() {
    let _wf = sfn_dsl::asl!({
        "StartAt": "A",
        "States": {
            "A": { "Type": "Pass", "Next": "B", "End": true },
            "B": { "Type": "Pass", "Next": "C" }
        }
    });
}
