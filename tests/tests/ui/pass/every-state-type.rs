// Every state type compiles, and the typed state constants exist.
fn main() {
    let wf = sfn_dsl::workflow! {
        comment: "all eight",
        Work: task {
            resource: "arn:aws:states:::lambda:invoke",
            timeout_seconds: 10,
            catch: [{ error_equals: ["States.ALL"], next: Stop }],
            next: Decide,
        },
        Decide: choice { when "$.n" > 1 => Both, default: Pause },
        Pause: wait { seconds: 1, next: Both },
        Both: parallel {
            branches: [{ A: pass { end } }, { B: succeed }],
            next: Each,
        },
        Each: map { item_processor: { C: pass { end } }, next: Shape },
        Shape: pass { result: { ok: true }, next: Done },
        Done: succeed,
        Stop: fail { error: "E", cause: "c" },
    };
    assert_eq!(wf.states.Work, "Work");
    assert_eq!(wf.states.C, "C");
    assert_eq!(wf.definition().states.len(), 8);
}
