// `States.ALL` must be the last Retrier / Catcher.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: task {
            resource: "arn:aws:states:::lambda:invoke",
            timeout_seconds: 10,
            retry: [{ error_equals: ["States.ALL"] }, { error_equals: ["States.Timeout"] }],
            end,
        },
    };
}
