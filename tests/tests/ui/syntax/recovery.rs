// A syntax error abandons only its entry: both broken states are reported, and the healthy
// states are still validated (the unknown target in `Other`) in the same build.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { next Done },
        Middle: pass { end: ; },
        Other: pass { next: Dne },
        Done: succeed,
    };
}
