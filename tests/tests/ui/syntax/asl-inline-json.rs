// `asl!` with JSON tokens: the error is on the offending token.
fn main() {
    let _wf = sfn_dsl::asl!({
        "StartAt": "A",
        "States": { "A": { "Type": "Pass", "Next": "B" } }
    });
}
