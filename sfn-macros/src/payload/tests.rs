use super::*;

fn errors_of(input: TokenStream) -> Vec<String> {
    match expand(input) {
        Ok(_) => Vec::new(),
        Err(e) => e.into_iter().map(|e| e.to_string()).collect(),
    }
}

fn expanded(input: TokenStream) -> String {
    let tokens = expand(input).expect("expands");
    let file: syn::File = syn::parse2(tokens).expect("the expansion is items");
    prettyplease::unparse(&file)
}

#[test]
fn rename_all_rules_match_serde() {
    let cases = [
        (RenameRule::Lower, "order_id"),
        (RenameRule::Upper, "ORDER_ID"),
        (RenameRule::Pascal, "OrderId"),
        (RenameRule::Camel, "orderId"),
        (RenameRule::Snake, "order_id"),
        (RenameRule::ScreamingSnake, "ORDER_ID"),
        (RenameRule::Kebab, "order-id"),
        (RenameRule::ScreamingKebab, "ORDER-ID"),
    ];
    for (rule, want) in cases {
        assert_eq!(rule.apply("order_id"), want);
    }
}

#[test]
fn keys_follow_rename_and_rename_all() {
    let out = expanded(quote! {
        #[serde(rename_all = "camelCase")]
        pub struct Charge {
            pub order_id: String,
            #[serde(rename = "Amount")]
            pub amount_cents: u64,
            pub r#type: String,
        }
    });
    assert!(
        out.contains(r#"const KEYS: &'static [&'static str] = &["orderId", "Amount", "type"];"#),
        "{out}"
    );
    assert!(out.contains(r#".field("orderId", self.order_id)"#), "{out}");
    assert!(out.contains(r#"path_key(&at, "Amount")"#), "{out}");
}

#[test]
fn serialize_and_deserialize_names_are_kept_apart() {
    let out = expanded(quote! {
        #[serde(rename_all(serialize = "PascalCase"))]
        struct S {
            #[serde(rename(deserialize = "in"))]
            a_b: u8,
        }
    });
    assert!(out.contains(r#".field("AB", self.a_b)"#), "{out}");
    assert!(out.contains(r#"path_key(&at, "in")"#), "{out}");
}

#[test]
fn skipped_fields_leave_the_template_or_the_paths() {
    let out = expanded(quote! {
        struct S {
            #[serde(skip)]
            hidden: u8,
            #[serde(skip_serializing)]
            read_only: u8,
            #[serde(skip_deserializing, skip_serializing_if = "Option::is_none", default)]
            write_only: Option<u8>,
        }
    });
    assert!(!out.contains("hidden"), "{out}");
    assert!(
        out.contains(r#"const KEYS: &'static [&'static str] = &["write_only"];"#),
        "{out}"
    );
    assert!(
        out.contains(r#"read_only: ::sfn_dsl::__private::path_key(&at, "read_only")"#),
        "{out}"
    );
    assert!(!out.contains(r#"path_key(&at, "write_only")"#), "{out}");
}

#[test]
fn template_fields_keep_their_visibility() {
    let out = expanded(quote! {
        pub struct S {
            pub shown: u8,
            kept: u8,
        }
    });
    assert!(out.contains("pub struct STemplate {"), "{out}");
    assert!(out.contains("pub shown: ::sfn_dsl::Field<u8>,"), "{out}");
    assert!(out.contains("    kept: ::sfn_dsl::Field<u8>,"), "{out}");
}

#[test]
fn every_unsupported_shape_is_reported_at_once() {
    let errors = errors_of(quote! {
        #[serde(tag = "kind", rename_all = "Weird")]
        struct S {
            #[serde(flatten)]
            rest: Other,
            #[serde(with = "module")]
            at: Time,
            #[serde(rename = "a")]
            x: u8,
            a: u8,
        }
    });
    assert_eq!(
        errors,
        [
            "`#[serde(tag)]` is not supported by `#[derive(Payload)]`: it adds a key the template does not have",
            "unknown `rename_all` rule `Weird`",
            "`#[serde(flatten)]` is not supported by `#[derive(Payload)]`: the keys of a flattened field are not known to the derive",
            "`#[serde(with)]` is not supported by `#[derive(Payload)]`: the JSON is written by a function the template cannot call",
            "JSON key `a` is serialized twice",
            "first used here",
        ]
    );
}

#[test]
fn only_structs_with_named_fields_derive_payload() {
    for input in [
        quote! { struct S(u8); },
        quote! { struct S; },
        quote! { enum E { A } },
    ] {
        let errors = errors_of(input);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("`Payload` can only be derived for a struct with named fields")
        );
    }
}

#[test]
fn generic_structs_are_rejected() {
    assert_eq!(
        errors_of(quote! { struct S<T> { t: T } }),
        ["`Payload` cannot be derived for a generic struct"]
    );
}

#[test]
fn a_key_clashing_only_when_deserializing_is_reported() {
    assert_eq!(
        errors_of(quote! {
            struct S {
                #[serde(rename(deserialize = "b"))]
                a: u8,
                b: u8,
            }
        }),
        ["JSON key `b` is deserialized twice", "first used here"]
    );
}

#[test]
fn expansion() {
    insta::assert_snapshot!(expanded(quote! {
        /// A charge.
        #[derive(Serialize, Deserialize, Payload)]
        #[serde(rename_all = "camelCase")]
        pub struct ChargeRequest {
            pub order_id: String,
            #[serde(rename = "Amount")]
            pub amount_cents: u64,
            pub(crate) customer: Customer,
        }
    }));
}
