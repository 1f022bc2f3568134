//! JSON Pointer → the tokens that wrote it. Lowering records a [`Site`] for every field, state
//! and JSON value it emits; a diagnostic from sfn-asl is then placed on the narrowest recorded
//! tokens at its pointer, or at the nearest recorded ancestor for pointers the macro did not
//! record (new validator rules need no change here).

use std::collections::HashMap;

use proc_macro2::Span;
use sfn_asl::{Code, Diagnostic, Pointer};

use crate::ctxt::spanned_error;

/// The tokens behind one pointer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Site {
    /// The key (`next`), the state's name, or the value itself for array items.
    pub(crate) key: Span,
    /// The first token of the value.
    pub(crate) value: Span,
    /// The last token of the value (a closing brace for objects and states).
    pub(crate) end: Span,
}

impl Site {
    /// A single token (a string, a number, an identifier).
    pub(crate) fn token(span: Span) -> Self {
        Site {
            key: span,
            value: span,
            end: span,
        }
    }
}

pub(crate) struct SpanMap {
    sites: HashMap<String, Site>,
    /// Where diagnostics go when nothing on their path was recorded.
    fallback: Span,
}

impl SpanMap {
    pub(crate) fn new(fallback: Span) -> Self {
        SpanMap {
            sites: HashMap::new(),
            fallback,
        }
    }

    /// Records `site` for `pointer` (the first record wins).
    pub(crate) fn insert(&mut self, pointer: &Pointer, site: Site) {
        self.sites
            .entry(pointer.as_str().to_owned())
            .or_insert(site);
    }

    /// The site at `pointer`, and whether it is exact (`false`: an ancestor's).
    pub(crate) fn find(&self, pointer: &Pointer) -> Option<(Site, bool)> {
        let mut at = Some(pointer.clone());
        let mut exact = true;
        while let Some(p) = at {
            if let Some(site) = self.sites.get(p.as_str()) {
                return Some((*site, exact));
            }
            exact = false;
            at = p.parent();
        }
        None
    }

    /// The diagnostic as a `syn::Error` on the narrowest fitting tokens: the key for problems
    /// with a field's presence (`field_not_allowed`, `conflicting_fields`), the state's name for
    /// problems with a state (`unreachable_state`), the closing brace for something missing
    /// (`missing_transition`), and the value for everything else. A diagnostic whose pointer
    /// was not recorded goes to its nearest recorded ancestor's key.
    pub(crate) fn error(&self, d: &Diagnostic) -> syn::Error {
        let message = with_help(&d.message, d.help.as_deref());
        let Some((site, exact)) = self.find(&d.pointer) else {
            return syn::Error::new(self.fallback, message);
        };
        if !exact {
            return syn::Error::new(site.key, message);
        }
        match d.code {
            Code::FieldNotAllowed
            | Code::UnknownField
            | Code::ConflictingFields
            | Code::DuplicateKey
            | Code::DuplicateStateName
            | Code::UnreachableState
            | Code::InvalidStateName => syn::Error::new(site.key, message),
            Code::MissingTransition | Code::MissingField => syn::Error::new(site.end, message),
            _ => spanned_error(site.value, site.end, message),
        }
    }
}

/// A message with its help line, laid out as rustc lays out a `help:` note.
pub(crate) fn with_help(message: &str, help: Option<&str>) -> String {
    match help {
        Some(help) => format!("{message}\n= help: {help}"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_pointers_fall_back_to_the_nearest_ancestor() {
        let mut map = SpanMap::new(Span::call_site());
        let state = Pointer::root().field("States").field("A");
        map.insert(&state, Site::token(Span::call_site()));
        let (_, exact) = map.find(&state.field("Parameters").field("x.$")).unwrap();
        assert!(!exact);
        let (_, exact) = map.find(&state).unwrap();
        assert!(exact);
        assert!(map.find(&Pointer::root().field("Comment")).is_none());
    }

    #[test]
    fn help_goes_on_its_own_line() {
        assert_eq!(
            with_help("bad", Some("did you mean `A`?")),
            "bad\n= help: did you mean `A`?"
        );
    }
}
