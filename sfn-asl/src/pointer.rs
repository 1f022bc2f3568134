//! JSON Pointers (RFC 6901) that locate a diagnostic inside a definition.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A JSON Pointer such as `/States/Pay/Catch/0/Next`.
///
/// Every [`Diagnostic`](crate::Diagnostic) carries one; the CLI maps it to a line and column and
/// the `workflow!` macro maps it to the tokens the user wrote.
///
/// ```
/// use sfn_asl::Pointer;
/// let p = Pointer::root().field("States").field("a/b").index(0);
/// assert_eq!(p.as_str(), "/States/a~1b/0");
/// assert_eq!(p.tokens().collect::<Vec<_>>(), ["States", "a/b", "0"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document (the empty string).
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// Parses a pointer from its text form; the text must be empty or start with `/`.
    pub fn parse(text: &str) -> Option<Self> {
        (text.is_empty() || text.starts_with('/')).then(|| Pointer(text.to_owned()))
    }

    /// This pointer extended by an object key (escaped as RFC 6901 requires).
    #[must_use]
    pub fn field(&self, key: &str) -> Self {
        let mut text = String::with_capacity(self.0.len() + key.len() + 1);
        text.push_str(&self.0);
        push_key(&mut text, key);
        Pointer(text)
    }

    /// This pointer extended by an array index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut text = String::with_capacity(self.0.len() + 4);
        text.push_str(&self.0);
        push_index(&mut text, index);
        Pointer(text)
    }

    /// The pointer's text, e.g. `/States/Pay/Next`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The unescaped reference tokens, outermost first.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
    }

    /// The pointer one level up, or `None` at the root.
    pub fn parent(&self) -> Option<Self> {
        self.0.rfind('/').map(|at| Pointer(self.0[..at].to_owned()))
    }

    /// Whether `self` is `other` or lies inside it.
    pub fn starts_with(&self, other: &Pointer) -> bool {
        self.0 == other.0
            || (self.0.starts_with(&other.0) && self.0.as_bytes().get(other.0.len()) == Some(&b'/'))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("/")
        } else {
            f.write_str(&self.0)
        }
    }
}

/// A pointer not written out yet: a chain of tokens on the caller's stack, ending in a
/// [`Pointer`]. The validator hands these down to the field checkers, which write the text only
/// when they report something, so checking a valid definition allocates no pointers.
#[derive(Clone, Copy)]
pub(crate) enum Loc<'a> {
    /// A pointer already written.
    At(&'a Pointer),
    /// The parent, extended by an object key.
    Field(&'a Loc<'a>, &'a str),
    /// The parent, extended by an array index.
    Index(&'a Loc<'a>, usize),
}

impl<'a> Loc<'a> {
    /// This location extended by an object key.
    pub(crate) fn field(&'a self, key: &'a str) -> Loc<'a> {
        Loc::Field(self, key)
    }

    /// This location extended by an array index.
    pub(crate) fn index(&'a self, index: usize) -> Loc<'a> {
        Loc::Index(self, index)
    }

    /// The pointer, written out into one allocation (iteratively: a chain may be as deep as a
    /// Choice rule nests).
    pub(crate) fn pointer(&self) -> Pointer {
        let mut links = Vec::new();
        let mut len = 0;
        let mut loc = self;
        let base = loop {
            match loc {
                Loc::At(p) => break *p,
                Loc::Field(parent, key) => {
                    // Escaping may lengthen a key; the string grows if it has to.
                    len += key.len() + 1;
                    links.push(loc);
                    loc = parent;
                }
                Loc::Index(parent, _) => {
                    len += 4;
                    links.push(loc);
                    loc = parent;
                }
            }
        };
        let mut text = String::with_capacity(base.0.len() + len);
        text.push_str(&base.0);
        for link in links.into_iter().rev() {
            match link {
                Loc::Field(_, key) => push_key(&mut text, key),
                Loc::Index(_, i) => push_index(&mut text, *i),
                Loc::At(_) => {}
            }
        }
        Pointer(text)
    }
}

/// Appends `/` and `key`, escaped as RFC 6901 requires.
fn push_key(text: &mut String, key: &str) {
    text.push('/');
    if !key.bytes().any(|b| b == b'~' || b == b'/') {
        text.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => text.push_str("~0"),
            '/' => text.push_str("~1"),
            c => text.push(c),
        }
    }
}

/// Appends `/` and the decimal `index`.
fn push_index(text: &mut String, index: usize) {
    use std::fmt::Write;
    text.push('/');
    // Writing into a `String` cannot fail.
    let _ = write!(text, "{index}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loc_writes_the_same_pointer_as_the_chain_of_calls() {
        let root = Pointer::root().field("States");
        let at = Loc::At(&root);
        let state = at.field("a/b");
        let catch = state.field("Catch");
        let first = catch.index(0);
        assert_eq!(
            first.field("Next").pointer(),
            root.field("a/b").field("Catch").index(0).field("Next")
        );
    }

    #[test]
    fn escapes_tilde_and_slash() {
        let p = Pointer::root().field("~a/b");
        assert_eq!(p.as_str(), "/~0a~1b");
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["~a/b"]);
    }

    #[test]
    fn parent_and_prefix() {
        let p = Pointer::root().field("States").field("A").field("Next");
        assert_eq!(p.parent().unwrap().as_str(), "/States/A");
        assert!(p.starts_with(&Pointer::root().field("States")));
        assert!(!p.starts_with(&Pointer::root().field("Stat")));
        assert_eq!(Pointer::root().parent(), None);
        assert_eq!(Pointer::root().to_string(), "/");
    }
}
