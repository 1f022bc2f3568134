// A state no path from `StartAt` reaches: the error is on its name.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { end },
        Orphan: succeed,
    };
}
