// An unknown `States.` error name.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: task {
            resource: "arn:aws:states:::lambda:invoke",
            timeout_seconds: 10,
            retry: [{ error_equals: ["States.TaskFailled"] }],
            end,
        },
    };
}
