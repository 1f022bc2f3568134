//! Paths: the JSONPath dialect AWS Step Functions reads (Jayway JsonPath syntax), context paths
//! (`$$.Execution.Id`) and variable paths (`$name.field[0]`).
//!
//! [`parse`] checks a path and returns its syntax tree; [`Path::is_reference`] says whether it is a
//! *Reference Path* (one node only: `.name`, `['name']`, `[n]`), which `ResultPath`, `ItemsPath`
//! and the `…Path` fields require; [`parse_reference`] does both.
//!
//! ```
//! use sfn_asl::path::{self, Root, Segment, Selector};
//! let p = path::parse("$.orders[0]['total price']")?;
//! assert_eq!(p.root, Root::Input);
//! assert_eq!(p.segments, [
//!     Segment::Child(Selector::Name("orders".into())),
//!     Segment::Child(Selector::Index(0)),
//!     Segment::Child(Selector::Name("total price".into())),
//! ]);
//! assert!(p.is_reference());
//! assert!(!path::parse("$.items[?(@.price > 5)]")?.is_reference());
//! assert_eq!(path::parse("$.a...").unwrap_err().to_string(), "expected a name after `..` at offset 5");
//! # Ok::<(), sfn_asl::path::PathError>(())
//! ```
//!
//! The parser is linear in the path's length and never recurses, so no input can exhaust the
//! stack.

use std::fmt;

/// A parsed path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// What the path starts from.
    pub root: Root,
    /// The steps after the root, in order.
    pub segments: Vec<Segment>,
}

/// What a path starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Root {
    /// `$`: the state's input (or result, or item, depending on the field).
    Input,
    /// `$$`: the Context Object.
    Context,
    /// `$name`: a variable set by `Assign`.
    Variable(String),
}

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// `.name`, `.*` or `[…]`: selects among the current node's children.
    Child(Selector),
    /// `..name`, `..*` or `..[…]`: selects among every descendant of the current node.
    Descendant(Selector),
}

/// What a [`Segment`] selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// `.name` or `['name']`, escapes decoded.
    Name(String),
    /// `[n]`; negative counts from the end (`[-1]` is the last item).
    Index(i64),
    /// `.*` or `[*]`.
    Wildcard,
    /// `['a','b']`: several names.
    Names(Vec<String>),
    /// `[0,1]`: several indexes.
    Indexes(Vec<i64>),
    /// `[start:end:step]`, each part optional.
    Slice {
        /// First index (inclusive).
        start: Option<i64>,
        /// Last index (exclusive).
        end: Option<i64>,
        /// Step (Jayway parses and ignores it).
        step: Option<i64>,
    },
    /// `[?(…)]`: a filter; the expression between the parentheses, as written.
    Filter(String),
    /// `[(…)]`: a script expression such as `@.length-1`, as written.
    Script(String),
}

impl Path {
    /// Whether this is a *Reference Path*: it can only identify a single node, so every segment
    /// is `.name`, `['name']` or a non-negative `[n]` (no wildcards, filters, slices, unions or
    /// `..`).
    ///
    /// ```
    /// assert!(sfn_asl::path::parse("$.a['b c'][2]").unwrap().is_reference());
    /// assert!(!sfn_asl::path::parse("$.a[*]").unwrap().is_reference());
    /// ```
    pub fn is_reference(&self) -> bool {
        self.segments.iter().all(|s| match s {
            Segment::Child(Selector::Name(_)) => true,
            Segment::Child(Selector::Index(i)) => *i >= 0,
            _ => false,
        })
    }
}

/// Why a path does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} at offset {offset}")]
pub struct PathError {
    /// Where the problem is: a 0-based offset in characters.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl PathError {
    fn at(text: &str, byte: usize, message: impl Into<String>) -> Self {
        PathError {
            offset: char_offset(text, byte),
            message: message.into(),
        }
    }
}

/// The character offset of `byte` in `text` (clamped to the text).
pub(crate) fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|&(i, _)| i < byte).count()
}

/// The root of a path made only of `$` or `$$` and `.name` steps whose names are ASCII
/// letters, digits, `_` and `-` (the paths nearly every definition uses), found without
/// building the path. `None` for any other path, which [`parse`] decides. Such a path is
/// always a valid Reference Path.
pub(crate) fn simple_root(text: &str) -> Option<Root> {
    let (root, rest) = match text.strip_prefix("$$") {
        Some(rest) => (Root::Context, rest),
        None => (Root::Input, text.strip_prefix('$')?),
    };
    let mut rest = rest.as_bytes();
    while let [b'.', tail @ ..] = rest {
        let name = tail
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            .count();
        if name == 0 {
            return None;
        }
        rest = &tail[name..];
    }
    rest.is_empty().then_some(root)
}

/// Parses a path: `$…` (input), `$$…` (context) or `$name…` (variable).
///
/// ```
/// use sfn_asl::path::{parse, Root};
/// assert_eq!(parse("$$.Execution.Id")?.root, Root::Context);
/// assert_eq!(parse("$order.items[0]")?.root, Root::Variable("order".into()));
/// assert!(parse("order.items").is_err());
/// # Ok::<(), sfn_asl::path::PathError>(())
/// ```
pub fn parse(text: &str) -> Result<Path, PathError> {
    Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    }
    .path()
}

/// Parses a path and checks that it is a Reference Path ([`Path::is_reference`]).
///
/// ```
/// assert!(sfn_asl::path::parse_reference("$.store\\.book").is_ok());
/// let e = sfn_asl::path::parse_reference("$.items[*]").unwrap_err();
/// assert_eq!(e.to_string(), "a reference path must select a single node; `[*]` can select several at offset 7");
/// ```
pub fn parse_reference(text: &str) -> Result<Path, PathError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let root = parser.root()?;
    let mut segments = Vec::new();
    while parser.pos < parser.bytes.len() {
        let start = parser.pos;
        let segment = parser.segment()?;
        let single = match &segment {
            Segment::Child(Selector::Name(_)) => true,
            Segment::Child(Selector::Index(i)) => *i >= 0,
            _ => false,
        };
        if !single {
            return Err(PathError::at(
                text,
                start,
                format!(
                    "a reference path must select a single node; `{}` can select several",
                    &text[start..parser.pos]
                ),
            ));
        }
        segments.push(segment);
    }
    Ok(Path { root, segments })
}

/// Whether `c` may start a variable name (Unicode `ID_Start`, approximated by alphabetic, or `_`).
pub(crate) fn is_id_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// Whether `c` may continue a variable name (Unicode `ID_Continue`, approximated).
pub(crate) fn is_id_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\u{200C}' || c == '\u{200D}'
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, at: usize, message: impl Into<String>) -> PathError {
        PathError::at(self.text, at, message)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_char(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn path(mut self) -> Result<Path, PathError> {
        let root = self.root()?;
        let mut segments = Vec::new();
        while self.pos < self.bytes.len() {
            segments.push(self.segment()?);
        }
        Ok(Path { root, segments })
    }

    fn root(&mut self) -> Result<Root, PathError> {
        if self.peek() != Some(b'$') {
            return Err(self.error(0, "a path must start with `$`"));
        }
        self.pos = 1;
        match self.peek_char() {
            Some('$') => {
                self.pos = 2;
                Ok(Root::Context)
            }
            Some(c) if is_id_start(c) => {
                let start = self.pos;
                while let Some(c) = self.peek_char().filter(|&c| is_id_continue(c)) {
                    self.pos += c.len_utf8();
                }
                Ok(Root::Variable(self.text[start..self.pos].to_owned()))
            }
            None | Some('.' | '[') => Ok(Root::Input),
            Some(c) => Err(self.error(1, format!("unexpected `{c}` after `$`"))),
        }
    }

    fn segment(&mut self) -> Result<Segment, PathError> {
        let start = self.pos;
        match self.peek() {
            Some(b'.') if self.bytes.get(self.pos + 1) == Some(&b'.') => {
                self.pos += 2;
                match self.peek() {
                    Some(b'[') => Ok(Segment::Descendant(self.bracket()?)),
                    Some(b'*') => {
                        self.pos += 1;
                        Ok(Segment::Descendant(Selector::Wildcard))
                    }
                    Some(b'.') | None => Err(self.error(self.pos, "expected a name after `..`")),
                    Some(_) => Ok(Segment::Descendant(self.dotted_name()?)),
                }
            }
            Some(b'.') => {
                self.pos += 1;
                match self.peek() {
                    None => Err(self.error(start, "a path must not end with `.`")),
                    Some(b'[') => Ok(Segment::Child(self.bracket()?)),
                    Some(b'*') => {
                        self.pos += 1;
                        Ok(Segment::Child(Selector::Wildcard))
                    }
                    Some(_) => Ok(Segment::Child(self.dotted_name()?)),
                }
            }
            Some(b'[') => Ok(Segment::Child(self.bracket()?)),
            _ => {
                let c = self.peek_char().unwrap_or('?');
                Err(self.error(start, format!("expected `.` or `[`, found `{c}`")))
            }
        }
    }

    /// A name after `.`: everything up to the next unescaped `.` or `[`; `\` escapes one character.
    fn dotted_name(&mut self) -> Result<Selector, PathError> {
        let start = self.pos;
        let mut name = String::new();
        let mut chunk = start;
        while let Some(b) = self.peek() {
            match b {
                b'.' | b'[' => break,
                b'\\' => {
                    name.push_str(&self.text[chunk..self.pos]);
                    self.pos += 1;
                    let Some(c) = self.peek_char() else {
                        return Err(self.error(self.pos - 1, "a path must not end with `\\`"));
                    };
                    name.push(c);
                    self.pos += c.len_utf8();
                    chunk = self.pos;
                }
                b if b.is_ascii_whitespace() => {
                    return Err(self.error(
                        self.pos,
                        "a name cannot contain blanks; use bracket notation `['my name']`",
                    ));
                }
                b']' => return Err(self.error(self.pos, "unexpected `]`")),
                _ => self.pos += 1,
            }
        }
        name.push_str(&self.text[chunk..self.pos]);
        if name.is_empty() {
            return Err(self.error(start, "expected a name"));
        }
        Ok(Selector::Name(name))
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(|b| b == b' ' || b == b'\t') {
            self.pos += 1;
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), PathError> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            let found = self
                .peek_char()
                .map_or_else(|| "the end".to_owned(), |c| format!("`{c}`"));
            Err(self.error(self.pos, format!("expected `{}`, found {found}", b as char)))
        }
    }

    /// `[ … ]`, positioned on `[`.
    fn bracket(&mut self) -> Result<Selector, PathError> {
        let open = self.pos;
        self.pos += 1;
        self.skip_blanks();
        let selector = match self.peek() {
            Some(b'*') => {
                self.pos += 1;
                Selector::Wildcard
            }
            Some(b'?') => {
                self.pos += 1;
                self.skip_blanks();
                if self.peek() != Some(b'(') {
                    return Err(self.error(self.pos, "expected `(` after `[?`"));
                }
                Selector::Filter(self.parenthesized()?)
            }
            Some(b'(') => Selector::Script(self.parenthesized()?),
            Some(b'\'' | b'"') => {
                let mut names = vec![self.quoted()?];
                self.skip_blanks();
                while self.peek() == Some(b',') {
                    self.pos += 1;
                    self.skip_blanks();
                    names.push(self.quoted()?);
                    self.skip_blanks();
                }
                if names.len() == 1 {
                    Selector::Name(names.pop().unwrap_or_default())
                } else {
                    Selector::Names(names)
                }
            }
            Some(b'-' | b'0'..=b'9' | b':') => self.indexes_or_slice()?,
            None => return Err(self.error(open, "unclosed `[`")),
            Some(_) => {
                let c = self.peek_char().unwrap_or('?');
                return Err(self.error(
                    self.pos,
                    format!("unexpected `{c}` in brackets; expected `*`, `?(`, a quoted name or an index"),
                ));
            }
        };
        self.skip_blanks();
        if self.peek().is_none() {
            return Err(self.error(open, "unclosed `[`"));
        }
        self.expect(b']')?;
        Ok(selector)
    }

    /// A quoted name, `'…'` or `"…"`, with `\` escaping the next character.
    fn quoted(&mut self) -> Result<String, PathError> {
        let open = self.pos;
        let Some(quote) = self.peek().filter(|&b| b == b'\'' || b == b'"') else {
            return Err(self.error(self.pos, "expected a quoted name"));
        };
        self.pos += 1;
        let mut name = String::new();
        let mut chunk = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error(open, "unterminated quoted name")),
                Some(b) if b == quote => {
                    name.push_str(&self.text[chunk..self.pos]);
                    self.pos += 1;
                    return Ok(name);
                }
                Some(b'\\') => {
                    name.push_str(&self.text[chunk..self.pos]);
                    self.pos += 1;
                    let Some(c) = self.peek_char() else {
                        return Err(self.error(open, "unterminated quoted name"));
                    };
                    name.push(c);
                    self.pos += c.len_utf8();
                    chunk = self.pos;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn integer(&mut self) -> Result<Option<i64>, PathError> {
        self.skip_blanks();
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits = &self.text[start..self.pos];
        self.skip_blanks();
        match digits {
            "" => Ok(None),
            "-" => Err(self.error(start, "expected digits after `-`")),
            _ => digits
                .parse()
                .map(Some)
                .map_err(|_| self.error(start, format!("index `{digits}` is out of range"))),
        }
    }

    fn indexes_or_slice(&mut self) -> Result<Selector, PathError> {
        let start = self.pos;
        let first = self.integer()?;
        if self.peek() == Some(b':') {
            self.pos += 1;
            let end = self.integer()?;
            let step = if self.peek() == Some(b':') {
                self.pos += 1;
                self.integer()?
            } else {
                None
            };
            return Ok(Selector::Slice {
                start: first,
                end,
                step,
            });
        }
        let Some(first) = first else {
            return Err(self.error(start, "expected an index"));
        };
        if self.peek() != Some(b',') {
            return Ok(Selector::Index(first));
        }
        let mut all = vec![first];
        while self.peek() == Some(b',') {
            self.pos += 1;
            let at = self.pos;
            match self.integer()? {
                Some(i) => all.push(i),
                None => return Err(self.error(at, "expected an index after `,`")),
            }
        }
        Ok(Selector::Indexes(all))
    }

    /// `( … )` with balanced parentheses and brackets and terminated quotes; returns the text
    /// between the outer parentheses. Positioned on `(`.
    fn parenthesized(&mut self) -> Result<String, PathError> {
        let open = self.pos;
        let mut stack: Vec<u8> = Vec::new();
        while let Some(b) = self.peek() {
            match b {
                b'(' | b'[' => stack.push(b),
                b')' | b']' => {
                    let want = if b == b')' { b'(' } else { b'[' };
                    if stack.pop() != Some(want) {
                        return Err(self.error(self.pos, format!("unbalanced `{}`", b as char)));
                    }
                    if stack.is_empty() {
                        self.pos += 1;
                        let inner = self.text[open + 1..self.pos - 1].trim();
                        if inner.is_empty() {
                            return Err(self.error(open, "empty expression in parentheses"));
                        }
                        return Ok(inner.to_owned());
                    }
                }
                b'\'' | b'"' => {
                    let quote_at = self.pos;
                    self.pos += 1;
                    loop {
                        match self.peek() {
                            None => {
                                return Err(self.error(quote_at, "unterminated string"));
                            }
                            Some(b'\\') => self.pos += 1,
                            Some(q) if q == b => break,
                            Some(_) => {}
                        }
                        self.pos += 1;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        Err(self.error(open, "unclosed `(`"))
    }
}

impl fmt::Display for Root {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Root::Input => f.write_str("$"),
            Root::Context => f.write_str("$$"),
            Root::Variable(name) => write!(f, "${name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (usize, String) {
        let e = parse(text).unwrap_err();
        (e.offset, e.message)
    }

    fn name(n: &str) -> Segment {
        Segment::Child(Selector::Name(n.into()))
    }

    #[test]
    fn dollar_alone_is_the_input() {
        assert_eq!(
            parse("$").unwrap(),
            Path {
                root: Root::Input,
                segments: vec![]
            }
        );
    }

    #[test]
    fn context_paths_start_with_two_dollars() {
        let p = parse("$$.Execution.Id").unwrap();
        assert_eq!(p.root, Root::Context);
        assert_eq!(p.segments, [name("Execution"), name("Id")]);
        assert_eq!(parse("$$").unwrap().root, Root::Context);
    }

    #[test]
    fn variable_paths_name_the_variable() {
        let p = parse("$order.items[0]").unwrap();
        assert_eq!(p.root, Root::Variable("order".into()));
        assert_eq!(
            p.segments,
            [name("items"), Segment::Child(Selector::Index(0))]
        );
        assert_eq!(parse("$Ж_1").unwrap().root, Root::Variable("Ж_1".into()));
    }

    #[test]
    fn the_simple_path_shortcut_agrees_with_the_parser() {
        let paths = [
            "$",
            "$$",
            "$.a",
            "$.a.b-c.d_1",
            "$$.Execution.Id",
            "$.9",
            "$.-",
            "$.",
            "$..a",
            "$.a.",
            "$.a[0]",
            "$.a.*",
            "$a",
            "$$a",
            "$a.b",
            "$.a b",
            "$.é",
            "",
            "a",
            "$.a\\.b",
        ];
        for text in paths {
            if let Some(root) = simple_root(text) {
                assert_eq!(parse(text).map(|p| p.root), Ok(root.clone()), "{text}");
                assert_eq!(parse_reference(text).map(|p| p.root), Ok(root), "{text}");
            }
        }
        let taken: Vec<_> = paths.iter().filter(|t| simple_root(t).is_some()).collect();
        assert_eq!(
            taken,
            [
                &"$",
                &"$$",
                &"$.a",
                &"$.a.b-c.d_1",
                &"$$.Execution.Id",
                &"$.9",
                &"$.-"
            ]
        );
    }

    #[test]
    fn dotted_names_allow_hyphens_and_escapes() {
        assert_eq!(
            parse("$.delivery-partner").unwrap().segments,
            [name("delivery-partner")]
        );
        assert_eq!(
            parse("$.store\\.book").unwrap().segments,
            [name("store.book")]
        );
        assert_eq!(parse("$.foo\\@bar").unwrap().segments, [name("foo@bar")]);
        assert_eq!(
            parse("$.&Ж中.𐍆").unwrap().segments,
            [name("&Ж中"), name("𐍆")]
        );
    }

    #[test]
    fn bracket_names_take_either_quote_and_escapes() {
        assert_eq!(parse("$['a b']").unwrap().segments, [name("a b")]);
        assert_eq!(parse("$[\"x\"]").unwrap().segments, [name("x")]);
        assert_eq!(parse("$['it\\'s']").unwrap().segments, [name("it's")]);
        assert_eq!(
            parse("$['a', 'b']").unwrap().segments,
            [Segment::Child(Selector::Names(vec![
                "a".into(),
                "b".into()
            ]))]
        );
    }

    #[test]
    fn indexes_unions_and_slices() {
        let p = parse("$.a[-2][0,1][1:][:-1][::2]").unwrap();
        assert_eq!(
            p.segments[1..],
            [
                Segment::Child(Selector::Index(-2)),
                Segment::Child(Selector::Indexes(vec![0, 1])),
                Segment::Child(Selector::Slice {
                    start: Some(1),
                    end: None,
                    step: None
                }),
                Segment::Child(Selector::Slice {
                    start: None,
                    end: Some(-1),
                    step: None
                }),
                Segment::Child(Selector::Slice {
                    start: None,
                    end: None,
                    step: Some(2)
                }),
            ]
        );
    }

    #[test]
    fn wildcards_and_descendants() {
        let p = parse("$.a.*..b..*[*]..[0]").unwrap();
        assert_eq!(
            p.segments,
            [
                name("a"),
                Segment::Child(Selector::Wildcard),
                Segment::Descendant(Selector::Name("b".into())),
                Segment::Descendant(Selector::Wildcard),
                Segment::Child(Selector::Wildcard),
                Segment::Descendant(Selector::Index(0)),
            ]
        );
    }

    #[test]
    fn filters_keep_their_expression() {
        let p = parse("$.items[?(@.price > 5 && @.tags[0] == 'a)b')].name").unwrap();
        assert_eq!(
            p.segments[1],
            Segment::Child(Selector::Filter("@.price > 5 && @.tags[0] == 'a)b'".into()))
        );
        assert_eq!(p.segments[2], name("name"));
    }

    #[test]
    fn script_expressions_are_accepted() {
        let p = parse("$[(@.length-1)].bar").unwrap();
        assert_eq!(
            p.segments[0],
            Segment::Child(Selector::Script("@.length-1".into()))
        );
    }

    #[test]
    fn dot_before_bracket_is_accepted() {
        assert_eq!(
            parse("$.[0]").unwrap().segments,
            [Segment::Child(Selector::Index(0))]
        );
    }

    #[test]
    fn must_start_with_dollar() {
        assert_eq!(err(".guid"), (0, "a path must start with `$`".into()));
        assert_eq!(err("()").0, 0);
        assert_eq!(err("bug$.a").0, 0);
        assert_eq!(err("").0, 0);
    }

    #[test]
    fn triple_dot_is_rejected() {
        assert_eq!(err("$..."), (3, "expected a name after `..`".into()));
        assert_eq!(err("$.."), (3, "expected a name after `..`".into()));
    }

    #[test]
    fn trailing_dot_is_rejected() {
        assert_eq!(err("$.a."), (3, "a path must not end with `.`".into()));
    }

    #[test]
    fn unclosed_brackets_are_rejected() {
        assert_eq!(err("$.a[0"), (3, "unclosed `[`".into()));
        assert_eq!(err("$['a"), (2, "unterminated quoted name".into()));
        assert_eq!(err("$[?(@.a > 1]").0, 11);
        assert_eq!(err("$[?(@.a > 1"), (3, "unclosed `(`".into()));
    }

    #[test]
    fn empty_filter_is_rejected() {
        assert_eq!(err("$[?()]").1, "empty expression in parentheses");
    }

    #[test]
    fn blanks_in_dotted_names_are_rejected() {
        assert_eq!(err("$.a b").0, 3);
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        assert_eq!(err("$.ЖЖ..").0, 6);
    }

    #[test]
    fn reference_paths_select_one_node() {
        for ok in [
            "$",
            "$.a",
            "$['a'].b[3]",
            "$$.Execution.Input",
            "$var.x",
            "$.store\\.book",
        ] {
            assert!(parse_reference(ok).is_ok(), "{ok}");
            assert!(parse(ok).unwrap().is_reference(), "{ok}");
        }
        for bad in [
            "$.a[*]",
            "$..a",
            "$.a[0,1]",
            "$.a[1:]",
            "$.a[?(@.x)]",
            "$.a[-1]",
            "$.*",
        ] {
            assert!(parse_reference(bad).is_err(), "{bad}");
            assert!(!parse(bad).unwrap().is_reference(), "{bad}");
        }
    }

    #[test]
    fn huge_inputs_do_not_overflow() {
        let deep = format!("$[?({}{})]", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse(&deep).is_ok());
        let long = format!("${}", ".a".repeat(100_000));
        assert_eq!(parse(&long).unwrap().segments.len(), 100_000);
    }
}
