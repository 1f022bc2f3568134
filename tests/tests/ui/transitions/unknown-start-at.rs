// `start_at` names no state.
fn main() {
    let _wf = sfn_dsl::workflow! {
        start_at: Strat,
        Start: succeed,
    };
}
