// A bare word where JSON is expected, and a `when` rule outside a Choice state.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { result: pending, when "$.x" == 1 => Done, next: Done },
        Done: succeed,
    };
}
