// Malformed paths, each on its string literal.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { input_path: "$.items[", result_path: "result", end },
    };
}
