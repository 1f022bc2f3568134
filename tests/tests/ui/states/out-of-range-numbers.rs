// Numbers outside what AWS allows, each on its literal.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: task {
            resource: "arn:aws:states:::lambda:invoke",
            timeout_seconds: 0,
            retry: [{ error_equals: ["States.ALL"], max_attempts: -1, backoff_rate: 0.5 }],
            end,
        },
    };
}
