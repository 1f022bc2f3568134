//! The error accumulator (serde_derive's `Ctxt`): every stage records its errors here and goes
//! on, so the user sees all of them at once, each on its own tokens.

use std::cell::RefCell;

use proc_macro2::{Punct, Spacing, Span, TokenStream, TokenTree};

/// Collects errors; must be consumed by [`Ctxt::check`] (a drop bomb says so if it is not).
pub(crate) struct Ctxt {
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub(crate) fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// An error on one token.
    pub(crate) fn error_at(&self, span: Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }

    pub(crate) fn push(&self, error: syn::Error) {
        if let Some(errors) = self.errors.borrow_mut().as_mut() {
            errors.push(error);
        }
    }

    /// How many errors were recorded so far.
    pub(crate) fn error_count(&self) -> usize {
        self.errors.borrow().as_ref().map_or(0, Vec::len)
    }

    /// Whether any error was recorded so far.
    pub(crate) fn has_errors(&self) -> bool {
        self.errors.borrow().as_ref().is_some_and(|e| !e.is_empty())
    }

    /// Consumes the context: `Ok` when nothing was recorded, else every error sorted by where it
    /// starts (line, column), then by message, without duplicates, so `.stderr` files are stable.
    pub(crate) fn check(self) -> Result<(), Vec<syn::Error>> {
        let mut errors = self.errors.borrow_mut().take().unwrap_or_default();
        if errors.is_empty() {
            return Ok(());
        }
        let mut keyed: Vec<_> = errors
            .drain(..)
            .flat_map(|e| e.into_iter().collect::<Vec<_>>())
            .map(|e| {
                let start = e.span().start();
                ((start.line, start.column, e.to_string()), e)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|a, b| a.0 == b.0);
        Err(keyed.into_iter().map(|(_, e)| e).collect())
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        // A forgotten `check` would silently drop errors; the guard turns this panic into a
        // compile error naming the bug.
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("sfn-macros: Ctxt dropped without check()");
        }
    }
}

/// A `syn::Error` spanning `start..=end`: on stable, `Error::new_spanned` takes the span of the
/// first and last token it is given, so two empty punctuation tokens carry the range.
pub(crate) fn spanned_error(start: Span, end: Span, message: impl std::fmt::Display) -> syn::Error {
    let mut first = Punct::new('<', Spacing::Alone);
    first.set_span(start);
    let mut last = Punct::new('>', Spacing::Alone);
    last.set_span(end);
    let tokens: TokenStream = [TokenTree::Punct(first), TokenTree::Punct(last)]
        .into_iter()
        .collect();
    syn::Error::new_spanned(tokens, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_returns_every_error_once() {
        let cx = Ctxt::new();
        cx.error_at(Span::call_site(), "b");
        cx.error_at(Span::call_site(), "a");
        cx.error_at(Span::call_site(), "a");
        let errors = cx.check().unwrap_err();
        let messages: Vec<_> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages, ["a", "b"]);
    }

    #[test]
    fn check_is_ok_without_errors() {
        assert!(Ctxt::new().check().is_ok());
    }
}
