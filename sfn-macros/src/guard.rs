//! The macro never panics at the user: a panic (a bug of ours) becomes a compile error.

use std::panic::{AssertUnwindSafe, catch_unwind};

use proc_macro2::{Span, TokenStream};

/// Runs `expand`, turning a panic into `compile_error!("internal error in sfn-macros ...")` at
/// the call site (bon's `handle_errors`).
pub(crate) fn catch_panics(expand: impl FnOnce() -> TokenStream) -> TokenStream {
    match catch_unwind(AssertUnwindSafe(expand)) {
        Ok(tokens) => tokens,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            syn::Error::new(
                Span::call_site(),
                format!("internal error in sfn-macros, please report: {detail}"),
            )
            .to_compile_error()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_compile_error() {
        let out = catch_panics(|| panic!("boom"));
        let text = out.to_string();
        assert!(text.contains("compile_error"), "{text}");
        assert!(text.contains("internal error in sfn-macros, please report: boom"));
    }
}
