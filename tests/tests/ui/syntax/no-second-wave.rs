// On error the expansion keeps its type and its state fields: only the macro's error shows,
// not errors about `wf.states.Start` or the annotated type.
fn main() {
    let wf: sfn_dsl::CompiledWorkflow<_> = sfn_dsl::workflow! {
        Start: pass { next: Nowhere },
    };
    let _start: sfn_dsl::StateId = wf.states.Start;
    let _json: &'static str = wf.json();
}
