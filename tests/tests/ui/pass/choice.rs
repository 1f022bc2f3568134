// A Choice with `when` rules, an ASL-shaped rule, and `default`.
fn main() {
    let wf = sfn_dsl::workflow! {
        Route: choice {
            when "$.amount" > 10000 && "$.tier" != "gold" => Review,
            when is_timestamp("$.at") => Done,
            choices: [{ or: [{ variable: "$.a", is_null: true }, { variable: "$.b", string_matches: "x*" }], next: Done }],
            default: Done,
        },
        Review: pass { next: Done },
        Done: succeed,
    };
    assert_eq!(wf.definition().states.len(), 3);
}
