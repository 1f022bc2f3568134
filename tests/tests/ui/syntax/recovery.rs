// A syntax error abandons only its entry: both broken states are reported.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { next Done },
        Middle: pass { end: ; },
        Done: succeed,
    };
}
