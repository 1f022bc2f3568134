//! On error: every `compile_error!`, plus the value the macro would have produced, with the same
//! type and the same state fields, so the user's code around the macro gets no second wave of
//! errors (thiserror's `fallback.rs`, clap's `dummies.rs`).

use proc_macro2::{Span, TokenStream};

use crate::expand::Form;

/// `errors` as `compile_error!`s, followed by `placeholder`'s output (in a block for the
/// expression form).
pub(crate) fn with_errors(
    form: &Form,
    errors: Vec<syn::Error>,
    names: &[(String, Span)],
    placeholder: impl FnOnce(&Form, &[(String, Span)]) -> TokenStream,
) -> TokenStream {
    let compile_errors: TokenStream = errors.iter().map(syn::Error::to_compile_error).collect();
    let value = placeholder(form, names);
    match form {
        Form::Expr => quote::quote! {{ #compile_errors #value }},
        Form::Item { .. } => quote::quote! { #compile_errors #value },
    }
}
