// Succeed without a body, and Fail with paths.
fn main() {
    let wf = sfn_dsl::workflow! {
        Check: choice { when "$.ok" == true => Done, default: Failed },
        Done: succeed,
        Failed: fail { error_path: "$.error", cause_path: "States.Format('failed: {}', $.reason)" },
    };
    assert_eq!(wf.states.Failed, "Failed");
}
