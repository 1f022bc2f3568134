//! `#[derive(Payload)]`: read the struct and its serde attributes (every problem at once), then
//! expand to a template type, a paths type and the `sfn_dsl::Payload` impls.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Type, Visibility};

/// Expands the derive; on error, the `compile_error!`s of every problem found.
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    match expand(input) {
        Ok(tokens) => tokens,
        Err(error) => error.to_compile_error(),
    }
}

/// One field as the JSON sees it: its key when serialized and when deserialized (`None` when
/// serde skips it that way).
struct Field {
    ident: Ident,
    vis: Visibility,
    ty: Type,
    ser: Option<String>,
    de: Option<String>,
}

/// serde's `rename_all` rules, applied to a field name as serde does.
#[derive(Clone, Copy)]
enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    fn parse(lit: &LitStr) -> syn::Result<Self> {
        Ok(match lit.value().as_str() {
            "lowercase" => RenameRule::Lower,
            "UPPERCASE" => RenameRule::Upper,
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "kebab-case" => RenameRule::Kebab,
            "SCREAMING-KEBAB-CASE" => RenameRule::ScreamingKebab,
            other => {
                return Err(syn::Error::new(
                    lit.span(),
                    format!("unknown `rename_all` rule `{other}`"),
                ));
            }
        })
    }

    fn apply(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => {
                let mut out = String::with_capacity(field.len());
                let mut capitalize = true;
                for c in field.chars() {
                    if c == '_' {
                        capitalize = true;
                    } else if capitalize {
                        out.push(c.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            RenameRule::Camel => {
                let pascal = RenameRule::Pascal.apply(field);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => pascal,
                }
            }
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }
}

/// serde attributes that change the JSON so that a template of the fields would not match it.
const UNSUPPORTED_CONTAINER: &[(&str, &str)] = &[
    ("tag", "it adds a key the template does not have"),
    ("content", "it nests the fields under a key"),
    ("untagged", "it applies to enums"),
    ("transparent", "the JSON is the inner field, not an object"),
    ("into", "the JSON is another type's"),
    ("remote", "the JSON is another type's"),
];

const UNSUPPORTED_FIELD: &[(&str, &str)] = &[
    (
        "flatten",
        "the keys of a flattened field are not known to the derive",
    ),
    (
        "with",
        "the JSON is written by a function the template cannot call",
    ),
    (
        "serialize_with",
        "the JSON is written by a function the template cannot call",
    ),
    ("getter", "it applies to remote types"),
];

/// Reads the value of an attribute we do not need (`= "…"` or `(…)`), so parsing continues.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: syn::Lit = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip_value(&inner))?;
    }
    Ok(())
}

/// `rename = "x"` or `rename(serialize = "x", deserialize = "y")`: the serialize and
/// deserialize values.
fn both_ways(meta: &ParseNestedMeta<'_>) -> syn::Result<(Option<LitStr>, Option<LitStr>)> {
    if meta.input.peek(syn::Token![=]) {
        let lit: LitStr = meta.value()?.parse()?;
        return Ok((Some(lit.clone()), Some(lit)));
    }
    let (mut ser, mut de) = (None, None);
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            ser = Some(inner.value()?.parse()?);
        } else if inner.path.is_ident("deserialize") {
            de = Some(inner.value()?.parse()?);
        } else {
            return Err(inner.error("expected `serialize` or `deserialize`"));
        }
        Ok(())
    })?;
    Ok((ser, de))
}

fn serde_attrs(
    attrs: &[syn::Attribute],
    errors: &mut Vec<syn::Error>,
    mut each: impl FnMut(&ParseNestedMeta<'_>, &str, &mut Vec<syn::Error>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let mut found = Vec::new();
        let parsed = attr.parse_nested_meta(|meta| {
            let name = meta
                .path
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            each(&meta, &name, &mut found)
        });
        errors.extend(found);
        if let Err(e) = parsed {
            errors.push(e);
        }
    }
}

fn unsupported(meta: &ParseNestedMeta<'_>, name: &str, why: &str) -> syn::Error {
    meta.error(format!(
        "`#[serde({name})]` is not supported by `#[derive(Payload)]`: {why}"
    ))
}

fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let ident = &input.ident;
    let mut errors: Vec<syn::Error> = Vec::new();

    let (mut rule_ser, mut rule_de): (Option<RenameRule>, Option<RenameRule>) = (None, None);
    serde_attrs(&input.attrs, &mut errors, |meta, name, errors| {
        if name == "rename_all" {
            let (ser, de) = both_ways(meta)?;
            let parse = |lit: Option<LitStr>, errors: &mut Vec<syn::Error>| {
                lit.and_then(|l| RenameRule::parse(&l).map_err(|e| errors.push(e)).ok())
            };
            if ser.as_ref().map(LitStr::value) == de.as_ref().map(LitStr::value) {
                // `rename_all = "…"`: one rule both ways, one error if it is unknown.
                rule_ser = parse(ser, errors);
                rule_de = rule_ser;
            } else {
                rule_ser = parse(ser, errors).or(rule_ser);
                rule_de = parse(de, errors).or(rule_de);
            }
            return Ok(());
        }
        if let Some((_, why)) = UNSUPPORTED_CONTAINER.iter().find(|(n, _)| *n == name) {
            errors.push(unsupported(meta, name, why));
        }
        skip_value(meta)
    });

    let named = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => Some(named),
            other => {
                errors.push(syn::Error::new(
                    if matches!(other, Fields::Unit) {
                        ident.span()
                    } else {
                        other.span()
                    },
                    "`Payload` can only be derived for a struct with named fields (a JSON object)",
                ));
                None
            }
        },
        Data::Enum(data) => {
            errors.push(syn::Error::new(
                data.enum_token.span(),
                "`Payload` can only be derived for a struct with named fields (a JSON object), not an enum",
            ));
            None
        }
        Data::Union(data) => {
            errors.push(syn::Error::new(
                data.union_token.span(),
                "`Payload` can only be derived for a struct with named fields (a JSON object), not a union",
            ));
            None
        }
    };
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(
            input.generics.span(),
            "`Payload` cannot be derived for a generic struct",
        ));
    }

    let mut fields = Vec::new();
    for field in named.iter().flat_map(|n| n.named.iter()) {
        let Some(field_ident) = field.ident.clone() else {
            continue;
        };
        let name = field_ident.unraw().to_string();
        let (mut ser, mut de) = (
            Some(rule_ser.map_or_else(|| name.clone(), |r| r.apply(&name))),
            Some(rule_de.map_or_else(|| name.clone(), |r| r.apply(&name))),
        );
        let (mut skip_ser, mut skip_de) = (false, false);
        serde_attrs(&field.attrs, &mut errors, |meta, attr, errors| {
            match attr {
                "rename" => {
                    let (s, d) = both_ways(meta)?;
                    if let Some(s) = s {
                        ser = Some(s.value());
                    }
                    if let Some(d) = d {
                        de = Some(d.value());
                    }
                    return Ok(());
                }
                "skip" => (skip_ser, skip_de) = (true, true),
                "skip_serializing" => skip_ser = true,
                "skip_deserializing" => skip_de = true,
                _ => {
                    if let Some((_, why)) = UNSUPPORTED_FIELD.iter().find(|(n, _)| *n == attr) {
                        errors.push(unsupported(meta, attr, why));
                    }
                }
            }
            skip_value(meta)
        });
        if skip_ser {
            ser = None;
        }
        if skip_de {
            de = None;
        }
        fields.push(Field {
            ident: field_ident,
            vis: field.vis.clone(),
            ty: field.ty.clone(),
            ser,
            de,
        });
    }
    // A key used twice is reported once per field, for serializing (or, when serializing does
    // not clash, for deserializing).
    let mut seen_ser: Vec<(&str, Span)> = Vec::new();
    let mut seen_de: Vec<(&str, Span)> = Vec::new();
    for f in &fields {
        let mut clash = None;
        for (key, seen, way) in [
            (f.ser.as_deref(), &mut seen_ser, "serialized"),
            (f.de.as_deref(), &mut seen_de, "deserialized"),
        ] {
            let Some(key) = key else { continue };
            match seen.iter().find(|(k, _)| *k == key) {
                Some((_, first)) => {
                    clash = clash.or(Some((key, *first, way)));
                }
                None => seen.push((key, f.ident.span())),
            }
        }
        if let Some((key, first, way)) = clash {
            let mut e = syn::Error::new(f.ident.span(), format!("JSON key `{key}` is {way} twice"));
            e.combine(syn::Error::new(first, "first used here"));
            errors.push(e);
        }
    }
    let mut all = errors.into_iter();
    if let Some(mut combined) = all.next() {
        for e in all {
            combined.combine(e);
        }
        return Err(combined);
    }
    Ok(generate(&input.vis, ident, &fields))
}

fn generate(vis: &Visibility, ident: &Ident, fields: &[Field]) -> TokenStream {
    let template = format_ident!("{}Template", ident);
    let paths = format_ident!("{}Paths", ident);
    let template_doc = format!(
        "The payload template of [`{ident}`] (generated by `#[derive(Payload)]`): one \
         [`Field`](::sfn_dsl::Field) per serialized key, so every key is given, with a value \
         of its type."
    );
    let paths_doc = format!(
        "Typed paths to the keys of a [`{ident}`] (generated by `#[derive(Payload)]`), from \
         [`Path::fields`](::sfn_dsl::Path::fields)."
    );

    let ser: Vec<&Field> = fields.iter().filter(|f| f.ser.is_some()).collect();
    let ser_idents = ser.iter().map(|f| &f.ident);
    let ser_vis = ser.iter().map(|f| &f.vis);
    let ser_tys = ser.iter().map(|f| &f.ty);
    let ser_docs = ser.iter().map(|f| {
        format!(
            "The value of JSON key `{}`.",
            f.ser.as_deref().unwrap_or_default()
        )
    });
    let ser_keys: Vec<&str> = ser.iter().filter_map(|f| f.ser.as_deref()).collect();
    let ser_idents2 = ser.iter().map(|f| &f.ident);

    let de: Vec<&Field> = fields.iter().filter(|f| f.de.is_some()).collect();
    let de_idents = de.iter().map(|f| &f.ident);
    let de_vis = de.iter().map(|f| &f.vis);
    let de_tys = de.iter().map(|f| &f.ty);
    let de_docs = de.iter().map(|f| {
        format!(
            "The path to JSON key `{}`.",
            f.de.as_deref().unwrap_or_default()
        )
    });
    let de_keys = de.iter().filter_map(|f| f.de.as_deref());
    let de_idents2 = de.iter().map(|f| &f.ident);

    quote! {
        #[doc = #template_doc]
        #[derive(Clone, Debug)]
        #[allow(dead_code, reason = "generated by `#[derive(Payload)]`; its user may not build every template")]
        #vis struct #template {
            #( #[doc = #ser_docs] #ser_vis #ser_idents: ::sfn_dsl::Field<#ser_tys>, )*
        }

        #[doc = #paths_doc]
        #[derive(Clone, Debug)]
        #[allow(dead_code, reason = "generated by `#[derive(Payload)]`; its user may not read every path")]
        #vis struct #paths {
            #( #[doc = #de_docs] #de_vis #de_idents: ::sfn_dsl::Path<#de_tys>, )*
        }

        #[automatically_derived]
        impl ::sfn_dsl::Payload for #ident {
            type Template = #template;
            type Paths = #paths;
            const KEYS: &'static [&'static str] = &[#(#ser_keys),*];

            fn paths(at: ::sfn_dsl::Path<Self>) -> #paths {
                let _ = &at;
                #paths {
                    #( #de_idents2: ::sfn_dsl::__private::path_key(&at, #de_keys), )*
                }
            }
        }

        #[automatically_derived]
        impl ::sfn_dsl::PayloadTemplate for #template {
            type Payload = #ident;

            fn into_template(self) -> ::sfn_dsl::Template {
                ::sfn_dsl::Template::new()
                    #( .field(#ser_keys, self.#ser_idents2) )*
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<#template> for ::sfn_dsl::Field<#ident> {
            fn from(template: #template) -> Self {
                ::sfn_dsl::Field::template(template)
            }
        }
    }
}

#[cfg(test)]
mod tests;
