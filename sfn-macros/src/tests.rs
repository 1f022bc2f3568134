//! Expansion tests on `proc_macro2` tokens: what the macros generate, and that no input makes
//! them panic.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand;

fn has_error(out: &TokenStream) -> bool {
    out.to_string().contains("compile_error")
}

#[test]
fn a_valid_workflow_expands_to_its_json_and_state_fields() {
    let out = expand::workflow(quote! { A: pass { next: "주문 검증" }, "주문 검증": succeed });
    let text = out.to_string();
    assert!(!has_error(&out), "{text}");
    assert!(
        text.contains(r#""{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"주문 검증\"},\"주문 검증\":{\"Type\":\"Succeed\"}}}""#),
        "{text}"
    );
    assert!(
        text.contains("pub 주문_검증 : :: sfn_dsl :: StateId"),
        "{text}"
    );
    assert!(
        text.contains(":: sfn_dsl :: __private :: workflow"),
        "{text}"
    );
}

#[test]
fn an_invalid_workflow_keeps_its_type_and_fields() {
    let out = expand::workflow(quote! { A: pass { next: B } });
    let text = out.to_string();
    assert!(has_error(&out), "{text}");
    assert!(text.contains("Missing 'Next' target: B"), "{text}");
    // The placeholder: same struct, same fields, same constructor.
    assert!(text.contains("pub A : :: sfn_dsl :: StateId"), "{text}");
    assert!(
        text.contains(":: sfn_dsl :: __private :: workflow (\"\""),
        "{text}"
    );
}

#[test]
fn the_item_form_generates_a_static_a_struct_and_constants() {
    let out = expand::workflow(quote! {
        pub static ORDER: OrderStates = { ValidateOrder: succeed };
    });
    let text = out.to_string();
    assert!(!has_error(&out), "{text}");
    assert!(text.contains("pub struct OrderStates"), "{text}");
    assert!(
        text.contains("pub const VALIDATE_ORDER : :: sfn_dsl :: StateId"),
        "{text}"
    );
    assert!(
        text.contains("pub static ORDER : :: sfn_dsl :: CompiledWorkflow < OrderStates >"),
        "{text}"
    );
}

#[test]
fn expansion_is_deterministic() {
    let input = quote! {
        A: task { resource: "arn:aws:states:::lambda:invoke", next: Nowhere, retry: [{ error_equals: ["States.ALL"] }, { error_equals: ["X"] }] },
        B: pass { nxt: A },
    };
    assert_eq!(
        expand::workflow(input.clone()).to_string(),
        expand::workflow(input).to_string()
    );
}

#[test]
fn malformed_inputs_are_errors_never_panics() {
    let inputs = [
        quote! {},
        quote! { , , , },
        quote! { A },
        quote! { A: },
        quote! { A: task },
        quote! { A: task { } },
        quote! { A: 5 },
        quote! { "": succeed },
        quote! { A: pass { end: "yes" } },
        quote! { A: pass { next: [1] } },
        quote! { A: choice { when => B } },
        quote! { A: choice { when "$.x" => B } },
        quote! { A: choice { when "$.x" == => B } },
        quote! { A: choice { when is_present() => B } },
        quote! { A: choice { when nope("$.x") => B } },
        quote! { A: choice { when "$.x" > 1 => [B] } },
        quote! { A: choice { choices: 5 } },
        quote! { A: parallel { branches: [5, {}], end } },
        quote! { A: map { item_processor: [], end } },
        quote! { A: map { item_reader: { reader_config: [] }, end } },
        quote! { A: pass { result: -"x", end } },
        quote! { A: pass { result: 'c', end } },
        quote! { A: pass { result: 1e999, end } },
        quote! { A: pass { result: (1), end } },
        quote! { # },
        quote! { #[doc] },
        quote! { pub },
        quote! { pub static },
        quote! { pub static X },
        quote! { pub static X: Y },
        quote! { pub static X: Y = },
        quote! { pub static X: Y = 5 },
        quote! { static X: Y = { A: succeed } trailing },
        quote! { start_at: Nowhere },
        quote! { comment: 5, A: succeed },
        quote! { when "$.x" == 1 => A, A: succeed },
    ];
    for input in inputs {
        let text = input.to_string();
        let out = expand::workflow(input);
        assert!(has_error(&out), "no error for `{text}`: {out}");
    }
}

#[test]
fn asl_inputs_are_errors_never_panics() {
    for input in [
        quote! {},
        quote! { 5 },
        quote! { "not json" },
        quote! { { "StartAt": "A" } },
        quote! { { "StartAt": "A", "States": { "A": { "Type": "Nope" } } } },
        quote! { { "a": 1, "a": 2 } },
        quote! { [1, 2] },
    ] {
        let text = input.to_string();
        let out = expand::asl(input);
        assert!(has_error(&out), "no error for `{text}`: {out}");
    }
    assert!(has_error(&expand::include_asl(quote! { 5 })));
    assert!(has_error(&expand::include_asl(
        quote! { "does/not/exist.json" }
    )));
}

/// The expansion as a person reads it (prettyplease), for the snapshots.
fn pretty(out: &TokenStream) -> String {
    // Both forms parse as a file once wrapped: the expression form in a function body.
    let file = syn::parse2::<syn::File>(quote! { fn expansion() { let _ = #out; } })
        .or_else(|_| syn::parse2::<syn::File>(out.clone()))
        .expect("the expansion is valid Rust");
    prettyplease::unparse(&file)
}

#[test]
fn expression_form_expansion() {
    let out = expand::workflow(quote! {
        Start: pass { next: "주문 검증" },
        "주문 검증": succeed,
    });
    insta::assert_snapshot!(pretty(&out));
}

#[test]
fn item_form_expansion() {
    let out = expand::workflow(quote! {
        /// Orders.
        pub static ORDER: OrderStates = { ValidateOrder: pass { next: Done }, Done: succeed };
    });
    insta::assert_snapshot!(pretty(&out));
}

#[test]
fn error_expansion_keeps_the_placeholder() {
    let out = expand::workflow(quote! { Start: pass { next: Nowhere } });
    insta::assert_snapshot!(pretty(&out));
}

fn messages(out: &TokenStream) -> String {
    out.to_string()
}

#[test]
fn a_misspelt_machine_field_is_an_unknown_field_not_a_state() {
    let out = messages(&expand::workflow(quote! { strat_at: A, A: succeed }));
    assert!(out.contains("unknown field `strat_at`"), "{out}");
    assert!(out.contains("did you mean `start_at`?"), "{out}");
}

#[test]
fn a_misspelt_operator_gets_a_suggestion() {
    let out = messages(&expand::workflow(quote! {
        A: choice { when is_presnt("$.x") => B, default: B },
        B: succeed,
    }));
    assert!(
        out.contains("unknown comparison operator `is_presnt`"),
        "{out}"
    );
    assert!(out.contains("did you mean `is_present`?"), "{out}");
}

#[test]
fn booleans_compare_only_for_equality() {
    let out = messages(&expand::workflow(quote! {
        A: choice { when "$.x" > true => B, default: B },
        B: succeed,
    }));
    assert!(
        out.contains("booleans compare only with `==` and `!=`"),
        "{out}"
    );
}

#[test]
fn an_operator_without_its_operand_is_reported() {
    let out = messages(&expand::workflow(quote! {
        A: choice { when string_equals("$.x") => B, default: B },
        B: succeed,
    }));
    assert!(out.contains("`string_equals` needs an operand"), "{out}");
}
