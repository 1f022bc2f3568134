// A Pass with a fixed result, and a JSONata Pass with Output and Assign.
fn main() {
    let wf = sfn_dsl::workflow! {
        Fixed: pass { result: { "a": [1, 2.5, "x", null, false] }, result_path: "$.fixed", next: Shaped },
        Shaped: pass { query_language: JSONata, output: { total: "{% $states.input.n %}" }, assign: { seen: true }, end },
    };
    assert!(wf.json().contains(r#""Result":{"a":[1,2.5,"x",null,false]}"#));
}
