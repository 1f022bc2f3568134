// A Choice rule written as an object without `next`.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Route: choice {
            choices: [{ variable: "$.ok", boolean_equals: true }],
            default: Done,
        },
        Done: succeed,
    };
}
