// `asl!` with a string: errors are on the literal, with the pointer and line:column.
fn main() {
    let _wf = sfn_dsl::asl!(r#"{
        "StartAt": "A",
        "States": { "A": { "Type": "Pass", "Next": "B" } }
    }"#);
}
