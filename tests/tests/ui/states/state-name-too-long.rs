// State names are at most 80 characters.
fn main() {
    let _wf = sfn_dsl::workflow! {
        "A state name that goes on and on, well past the eighty characters AWS allows for it": succeed,
    };
}
