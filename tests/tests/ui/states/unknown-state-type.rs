// A misspelt state type, with a suggestion.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: tsak { resource: "arn:aws:states:::lambda:invoke", end },
    };
}
