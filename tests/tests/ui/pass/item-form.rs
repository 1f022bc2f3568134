// The item form: a `static` and a states type with one constant per state.
sfn_dsl::workflow! {
    static ORDER: OrderStates = {
        ValidateOrder: pass { next: Done },
        Done: succeed,
    };
}

fn main() {
    assert_eq!(OrderStates::VALIDATE_ORDER, "ValidateOrder");
    assert_eq!(ORDER.states.Done, "Done");
}
