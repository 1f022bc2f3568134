// A JSONata expression that does not parse.
fn main() {
    let _wf = sfn_dsl::workflow! {
        query_language: JSONata,
        Start: pass { output: "{% $states.input.a + %}", end },
    };
}
