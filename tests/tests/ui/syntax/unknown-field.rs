// A misspelt key is reported with a suggestion and skipped; the other states are still
// validated, so the unknown target below is reported in the same build.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: task { resource: "arn:aws:states:::lambda:invoke", timout_seconds: 30, Next: Done },
        Done: pass { next: Finish },
        Finsh: succeed,
    };
}
