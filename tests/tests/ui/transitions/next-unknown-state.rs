// A `Next` that names no state: the error is on the target, with a suggestion.
fn main() {
    let _wf = sfn_dsl::workflow! {
        ValidateOrder: pass { next: CheckInventry },
        CheckInventory: succeed,
    };
}
