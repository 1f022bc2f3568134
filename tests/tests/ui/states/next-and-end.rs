// `Next` together with `End` (sfn-asl's `conflicting_fields`), reported with the other errors.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { next: Done, end },
        Done: pass { next: Nowhere },
    };
}
