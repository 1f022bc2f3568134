// A JSONata machine.
fn main() {
    let wf = sfn_dsl::workflow! {
        query_language: JSONata,
        Start: pass { output: "{% $states.input %}", assign: { n: 1 }, next: Route },
        Route: choice { when "{% $n > 0 %}" => Done, default: Done },
        Done: succeed,
    };
    assert!(wf.json().starts_with(r#"{"QueryLanguage":"JSONata""#));
}
