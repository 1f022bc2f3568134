// Two states of one name in one scope (checked on the tokens: JSON cannot hold both), and a
// name reused in a Parallel branch (sfn-asl: names are unique in the whole machine).
fn main() {
    let _wf = sfn_dsl::workflow! {
        Fan: parallel { branches: [{ Done: succeed }], next: Done },
        Done: succeed,
        Done: pass { end },
    };
}
