//! Rules only the token form can break: a JSON object cannot even hold two states of one name or
//! two equal keys, so these are checked here, on the tokens, before anything is lowered.

use std::collections::HashMap;

use proc_macro2::Span;

use crate::ast::Key;
use crate::ctxt::Ctxt;

/// Records `key` as used; on a second use reports "duplicate `what` `name`" at the second key
/// and returns `false`, so the caller skips it.
pub(crate) fn first_use(
    cx: &Ctxt,
    seen: &mut HashMap<String, Span>,
    key: &Key,
    what: &str,
) -> bool {
    if seen.contains_key(&key.name) {
        cx.error_at(key.span, format!("duplicate {what} `{}`", key.name));
        return false;
    }
    seen.insert(key.name.clone(), key.span);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_second_use_of_a_name_is_reported() {
        let cx = Ctxt::new();
        let mut seen = HashMap::new();
        let key = Key {
            name: "A".to_owned(),
            span: Span::call_site(),
            quoted: false,
        };
        assert!(first_use(&cx, &mut seen, &key, "state name"));
        assert!(!first_use(&cx, &mut seen, &key, "state name"));
        let errors = cx.check().unwrap_err();
        assert_eq!(errors[0].to_string(), "duplicate state name `A`");
    }
}
