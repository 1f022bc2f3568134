// A Parallel with nested scopes, its own Retry and Catch.
fn main() {
    let wf = sfn_dsl::workflow! {
        Fan: parallel {
            branches: [
                { start_at: L1, L1: pass { next: L2 }, L2: succeed },
                { R1: parallel { branches: [{ Deep: pass { end } }], end } },
            ],
            result_path: "$.fan",
            retry: [{ error_equals: ["States.BranchFailed"], max_attempts: 1 }],
            catch: [{ error_equals: ["States.ALL"], next: Failed }],
            end,
        },
        Failed: fail { error: "FanFailed" },
    };
    assert_eq!(wf.states.Deep, "Deep");
}
