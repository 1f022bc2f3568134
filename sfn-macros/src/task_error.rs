//! `#[derive(TaskError)]`: parse the enum, check every name (all errors at once), expand to an
//! `impl sfn_dsl::TaskError` and a conversion into `sfn_asl::ErrorName`.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr};

/// Expands the derive; on error, the `compile_error!`s of every problem found.
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    match expand(input) {
        Ok(tokens) => tokens,
        Err(error) => error.to_compile_error(),
    }
}

fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let ident = &input.ident;
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            Span::call_site(),
            "`TaskError` can only be derived for an enum of unit variants",
        ));
    };
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(
            input.generics.span(),
            "`TaskError` cannot be derived for a generic enum",
        ));
    }
    let mut errors: Vec<syn::Error> = Vec::new();
    let mut variants = Vec::new();
    let mut names: Vec<(String, Span)> = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            errors.push(syn::Error::new(
                variant.fields.span(),
                format!(
                    "variant `{}` has fields: a `TaskError` variant is only a name",
                    variant.ident
                ),
            ));
            continue;
        }
        let mut name: Option<LitStr> = None;
        for attr in variant.attrs.iter().filter(|a| a.path().is_ident("sfn")) {
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("name") {
                    name = Some(meta.value()?.parse()?);
                    Ok(())
                } else {
                    Err(meta.error("unknown `sfn` attribute: expected `name = \"…\"`"))
                }
            });
            if let Err(e) = parsed {
                errors.push(e);
            }
        }
        let (text, span) = match &name {
            Some(lit) => (lit.value(), lit.span()),
            None => (variant.ident.to_string(), variant.ident.span()),
        };
        if text.is_empty() {
            errors.push(syn::Error::new(span, "an error name cannot be empty"));
        } else if text.starts_with("States.")
            && !sfn_asl::ErrorName::from(text.as_str()).is_predefined()
        {
            let mut message = format!("`{text}` is not a predefined `States.*` error");
            let predefined = sfn_asl::ErrorName::PREDEFINED.iter().map(|e| e.as_str());
            if let Some(s) = sfn_asl::validate::suggest(&text, predefined) {
                message.push_str(&format!("; did you mean `{s}`?"));
            }
            errors.push(syn::Error::new(span, message));
        }
        if let Some((_, first)) = names.iter().find(|(n, _)| *n == text) {
            let mut e = syn::Error::new(span, format!("error name `{text}` is declared twice"));
            e.combine(syn::Error::new(*first, "first declared here"));
            errors.push(e);
        }
        names.push((text.clone(), span));
        let v = &variant.ident;
        variants.push((quote!(#ident::#v), text));
    }
    let mut all = errors.into_iter();
    if let Some(mut combined) = all.next() {
        for e in all {
            combined.combine(e);
        }
        return Err(combined);
    }
    let paths: Vec<&TokenStream> = variants.iter().map(|(p, _)| p).collect();
    let texts: Vec<&String> = variants.iter().map(|(_, t)| t).collect();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics ::sfn_dsl::TaskError for #ident #ty_generics #where_clause {
            const ALL: &'static [Self] = &[#(#paths),*];

            fn error_name(&self) -> &'static str {
                match self {
                    #(#paths => #texts,)*
                }
            }
        }

        impl #impl_generics ::core::convert::From<#ident #ty_generics> for ::sfn_dsl::asl::ErrorName #where_clause {
            fn from(error: #ident #ty_generics) -> Self {
                ::sfn_dsl::asl::ErrorName::from(::sfn_dsl::TaskError::error_name(&error))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(input: TokenStream) -> String {
        match expand(input) {
            Ok(_) => String::new(),
            Err(e) => e
                .into_iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = errors_of(quote! {
            enum E {
                WithField(u32),
                #[sfn(name = "States.Timout")]
                Typo,
                #[sfn(name = "")]
                Empty,
                #[sfn(rename = "x")]
                Unknown,
            }
        });
        assert_eq!(
            errors,
            "variant `WithField` has fields: a `TaskError` variant is only a name\n\
             `States.Timout` is not a predefined `States.*` error; did you mean `States.Timeout`?\n\
             an error name cannot be empty\n\
             unknown `sfn` attribute: expected `name = \"…\"`"
        );
    }

    #[test]
    fn duplicate_names_point_at_both() {
        let errors = errors_of(quote! {
            enum E { Declined, #[sfn(name = "Declined")] Again }
        });
        assert_eq!(
            errors,
            "error name `Declined` is declared twice\nfirst declared here"
        );
    }

    #[test]
    fn only_enums_derive_task_error() {
        assert_eq!(
            errors_of(quote! { struct S; }),
            "`TaskError` can only be derived for an enum of unit variants"
        );
    }

    #[test]
    fn expansion_lists_variants_in_order() {
        let tokens = expand(quote! { enum E { A, #[sfn(name = "States.Timeout")] B } })
            .expect("expands")
            .to_string();
        assert!(tokens.contains("const ALL : & 'static [Self] = & [E :: A , E :: B]"));
        assert!(tokens.contains("E :: B => \"States.Timeout\""));
    }
}
