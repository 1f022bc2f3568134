// An unknown intrinsic function in a payload template.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Start: pass { parameters: { "greeting.$": "States.Formatt('hi {}', $.name)" }, end },
    };
}
