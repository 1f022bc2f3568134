//! JSONPath text → [`Path`], in the Jayway dialect AWS evaluates: dot and bracket children,
//! indexes (negative from the end), `*`, `..`, slices, unions, filters `[?(…)]` and a trailing
//! function call such as `.length()`.

use std::fmt::{self, Write as _};

use serde_json::Value;

/// Where a path starts reading.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Root {
    /// `$`: the state's input.
    Input,
    /// `$$`: the Context Object.
    Context,
    /// `$name`: the variable `name`.
    Variable(String),
}

/// One step of a path.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Segment {
    /// `.name` or `['name']`.
    Child(String),
    /// `[n]`; negative counts from the end.
    Index(i64),
    /// `.*` or `[*]`.
    Wildcard,
    /// `['a','b']`: several names.
    Names(Vec<String>),
    /// `[0,1]`: several indexes.
    Indexes(Vec<i64>),
    /// `[start:end:step]`.
    Slice {
        /// First index (default 0).
        start: Option<i64>,
        /// One past the last index (default the length).
        end: Option<i64>,
        /// Step (default 1).
        step: Option<i64>,
    },
    /// `[?(…)]`.
    Filter(Filter),
    /// `..` followed by a segment: that segment applied at every depth.
    Descendant(Box<Segment>),
}

impl Segment {
    /// Whether the segment selects at most one node (Jayway's "definite" token).
    pub(crate) fn is_definite(&self) -> bool {
        matches!(self, Segment::Child(_) | Segment::Index(_))
    }
}

/// A function call ending a path, applied to what the rest of the path selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Function {
    /// `length()` (also `size()`): elements of an array, entries of an object, chars of a string.
    Length,
    /// `min()` of numbers.
    Min,
    /// `max()` of numbers.
    Max,
    /// `avg()` of numbers.
    Avg,
    /// `sum()` of numbers.
    Sum,
    /// `stddev()` of numbers (population standard deviation).
    Stddev,
    /// `keys()` of an object.
    Keys,
    /// `first()` element of an array.
    First,
    /// `last()` element of an array.
    Last,
}

impl Function {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "length" | "size" => Function::Length,
            "min" => Function::Min,
            "max" => Function::Max,
            "avg" => Function::Avg,
            "sum" => Function::Sum,
            "stddev" => Function::Stddev,
            "keys" => Function::Keys,
            "first" => Function::First,
            "last" => Function::Last,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Function::Length => "length",
            Function::Min => "min",
            Function::Max => "max",
            Function::Avg => "avg",
            Function::Sum => "sum",
            Function::Stddev => "stddev",
            Function::Keys => "keys",
            Function::First => "first",
            Function::Last => "last",
        }
    }
}

/// A filter expression, the part inside `[?( … )]`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Filter {
    /// `a || b`.
    Or(Box<Filter>, Box<Filter>),
    /// `a && b`.
    And(Box<Filter>, Box<Filter>),
    /// `!a`.
    Not(Box<Filter>),
    /// `@.a` alone: true when the path selects something.
    Exists(Operand),
    /// `left op right`.
    Compare(Operand, CompareOp, Operand),
}

/// A value inside a filter.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Operand {
    /// `@…`: a path from the current node.
    Current(Vec<Segment>, Option<Function>),
    /// `$…`: a path from the root the whole path started at.
    Root(Vec<Segment>, Option<Function>),
    /// A literal: number, `'string'`, `true`, `false`, `null`, or a JSON array.
    Literal(Value),
    /// `/pattern/flags`, the right side of `=~`, compiled when the path is parsed.
    Regex(Pattern),
}

/// A regular expression from a filter, matched against the whole string as Java's
/// `Matcher.matches()` does.
#[derive(Clone, Debug)]
pub(crate) struct Pattern(pub(crate) regex::Regex);

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

/// A filter comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CompareOp {
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `=~`: regular expression match.
    Matches,
    /// `in`: left is one of the right array's elements.
    In,
    /// `nin`: left is none of the right array's elements.
    Nin,
    /// `subsetof`: every element of left is in right.
    SubsetOf,
    /// `anyof`: some element of left is in right.
    AnyOf,
    /// `noneof`: no element of left is in right.
    NoneOf,
    /// `size`: left (array or string) has the right length.
    Size,
    /// `empty`: left (array or string) is empty (`true`) or not (`false`).
    Empty,
    /// `contains`: left (array or string) contains right.
    Contains,
}

/// A parsed path.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Path {
    /// Where it starts.
    pub(crate) root: Root,
    /// The steps.
    pub(crate) segments: Vec<Segment>,
    /// A trailing function call, applied to the selection.
    pub(crate) function: Option<Function>,
}

impl Path {
    /// Whether the path selects a single node (no wildcard, filter, slice, union or `..`).
    ///
    /// As in Jayway, several names at the very end (`$['a','b']`) are definite: they select one
    /// object made of those members.
    pub(crate) fn is_definite(&self) -> bool {
        match self.segments.split_last() {
            None => true,
            Some((last, prefix)) => {
                prefix.iter().all(Segment::is_definite)
                    && (last.is_definite() || matches!(last, Segment::Names(_)))
            }
        }
    }
}

/// Parses `text` as a Jayway JSONPath starting with `$`, `$$` or `$name`.
pub(crate) fn parse(text: &str) -> Result<Path, String> {
    let mut p = Parser {
        chars: text.char_indices().peekable(),
        text,
    };
    let root = p.root()?;
    let (segments, function) = p.segments(false)?;
    if let Some((i, c)) = p.chars.peek() {
        return Err(format!("unexpected `{c}` at offset {i}"));
    }
    Ok(Path {
        root,
        segments,
        function,
    })
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Parser<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn offset(&mut self) -> usize {
        self.chars.peek().map_or(self.text.len(), |&(i, _)| i)
    }

    fn bump(&mut self) -> Option<char> {
        self.chars.next().map(|(_, c)| c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        let at = self.offset();
        match self.bump() {
            Some(found) if found == c => Ok(()),
            Some(found) => Err(format!("expected `{c}` at offset {at}, found `{found}`")),
            None => Err(format!("expected `{c}` at offset {at}, found the end")),
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn root(&mut self) -> Result<Root, String> {
        if !self.eat('$') {
            return Err("a path must start with `$`".to_owned());
        }
        if self.eat('$') {
            return Ok(Root::Context);
        }
        match self.peek() {
            Some(c) if is_ident_start(c) => {
                let mut name = String::new();
                while let Some(c) = self.peek().filter(|&c| is_ident_continue(c)) {
                    name.push(c);
                    self.bump();
                }
                Ok(Root::Variable(name))
            }
            _ => Ok(Root::Input),
        }
    }

    /// Segments up to the end, or (inside a filter) up to the first character that cannot
    /// continue a path.
    fn segments(&mut self, in_filter: bool) -> Result<(Vec<Segment>, Option<Function>), String> {
        let mut segments = Vec::new();
        loop {
            match self.peek() {
                Some('.') => {
                    self.bump();
                    if self.eat('.') {
                        let inner = match self.peek() {
                            Some('[') => self.bracket()?,
                            Some('*') => {
                                self.bump();
                                Segment::Wildcard
                            }
                            _ => Segment::Child(self.dot_name()?),
                        };
                        segments.push(Segment::Descendant(Box::new(inner)));
                    } else if self.eat('*') {
                        segments.push(Segment::Wildcard);
                    } else {
                        let name = self.dot_name()?;
                        if self.peek() == Some('(') {
                            let at = self.offset();
                            self.bump();
                            self.skip_ws();
                            self.expect(')')?;
                            let function = Function::from_name(&name).ok_or_else(|| {
                                format!("unknown function `{name}()` at offset {at}")
                            })?;
                            return Ok((segments, Some(function)));
                        }
                        segments.push(Segment::Child(name));
                    }
                }
                Some('[') => segments.push(self.bracket()?),
                Some(c) if in_filter || c.is_whitespace() => return Ok((segments, None)),
                None => return Ok((segments, None)),
                Some(c) => {
                    let at = self.offset();
                    return Err(format!("unexpected `{c}` at offset {at}"));
                }
            }
        }
    }

    /// A name after `.`: everything up to the next `.`, `[`, `(`, space or filter operator;
    /// `\` escapes the next character.
    fn dot_name(&mut self) -> Result<String, String> {
        let at = self.offset();
        let mut name = String::new();
        while let Some(c) = self.peek() {
            match c {
                '.' | '[' | '(' | ')' | ' ' | '\t' | '\n' | '=' | '!' | '<' | '>' | '&' | '|'
                | ',' | ']' => break,
                '\\' => {
                    self.bump();
                    match self.bump() {
                        Some(escaped) => name.push(escaped),
                        None => return Err("a path cannot end with `\\`".to_owned()),
                    }
                }
                _ => {
                    name.push(c);
                    self.bump();
                }
            }
        }
        if name.is_empty() {
            return Err(format!("expected a name at offset {at}"));
        }
        Ok(name)
    }

    fn bracket(&mut self) -> Result<Segment, String> {
        self.expect('[')?;
        self.skip_ws();
        let segment = match self.peek() {
            Some('*') => {
                self.bump();
                Segment::Wildcard
            }
            Some('?') => {
                self.bump();
                self.skip_ws();
                self.expect('(')?;
                let filter = self.filter_or()?;
                self.skip_ws();
                self.expect(')')?;
                Segment::Filter(filter)
            }
            Some('\'' | '"') => {
                let mut names = vec![self.quoted()?];
                self.skip_ws();
                while self.eat(',') {
                    self.skip_ws();
                    names.push(self.quoted()?);
                    self.skip_ws();
                }
                if names.len() == 1 {
                    Segment::Child(names.remove(0))
                } else {
                    Segment::Names(names)
                }
            }
            _ => self.index_or_slice()?,
        };
        self.skip_ws();
        self.expect(']')?;
        Ok(segment)
    }

    fn quoted(&mut self) -> Result<String, String> {
        let at = self.offset();
        let quote = self.bump().ok_or("expected a quoted name")?;
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(format!("unterminated string starting at offset {at}")),
                Some('\\') => match self.bump() {
                    Some(c) => out.push(c),
                    None => return Err(format!("unterminated string starting at offset {at}")),
                },
                Some(c) if c == quote => return Ok(out),
                Some(c) => out.push(c),
            }
        }
    }

    fn integer(&mut self) -> Result<Option<i64>, String> {
        self.skip_ws();
        let at = self.offset();
        let mut digits = String::new();
        if self.peek() == Some('-') {
            digits.push('-');
            self.bump();
        }
        while let Some(c) = self.peek().filter(char::is_ascii_digit) {
            digits.push(c);
            self.bump();
        }
        self.skip_ws();
        match digits.as_str() {
            "" => Ok(None),
            "-" => Err(format!("expected a number at offset {at}")),
            _ => digits
                .parse()
                .map(Some)
                .map_err(|_| format!("number out of range at offset {at}")),
        }
    }

    fn index_or_slice(&mut self) -> Result<Segment, String> {
        let at = self.offset();
        let first = self.integer()?;
        if self.eat(':') {
            let end = self.integer()?;
            let step = if self.eat(':') { self.integer()? } else { None };
            if step == Some(0) {
                return Err(format!("slice step cannot be 0 at offset {at}"));
            }
            return Ok(Segment::Slice {
                start: first,
                end,
                step,
            });
        }
        let first =
            first.ok_or_else(|| format!("expected an index, a name or `*` at offset {at}"))?;
        let mut indexes = vec![first];
        while self.eat(',') {
            let at = self.offset();
            indexes.push(
                self.integer()?
                    .ok_or_else(|| format!("expected an index at offset {at}"))?,
            );
        }
        Ok(if indexes.len() == 1 {
            Segment::Index(first)
        } else {
            Segment::Indexes(indexes)
        })
    }

    fn filter_or(&mut self) -> Result<Filter, String> {
        let mut left = self.filter_and()?;
        loop {
            self.skip_ws();
            if self.peek() == Some('|') {
                self.bump();
                self.expect('|')?;
                let right = self.filter_and()?;
                left = Filter::Or(Box::new(left), Box::new(right));
            } else {
                return Ok(left);
            }
        }
    }

    fn filter_and(&mut self) -> Result<Filter, String> {
        let mut left = self.filter_unary()?;
        loop {
            self.skip_ws();
            if self.peek() == Some('&') {
                self.bump();
                self.expect('&')?;
                let right = self.filter_unary()?;
                left = Filter::And(Box::new(left), Box::new(right));
            } else {
                return Ok(left);
            }
        }
    }

    fn filter_unary(&mut self) -> Result<Filter, String> {
        self.skip_ws();
        match self.peek() {
            Some('!') => {
                self.bump();
                Ok(Filter::Not(Box::new(self.filter_unary()?)))
            }
            Some('(') => {
                self.bump();
                let inner = self.filter_or()?;
                self.skip_ws();
                self.expect(')')?;
                Ok(inner)
            }
            _ => self.comparison(),
        }
    }

    fn comparison(&mut self) -> Result<Filter, String> {
        let left = self.operand()?;
        self.skip_ws();
        let Some(op) = self.compare_op()? else {
            return Ok(Filter::Exists(left));
        };
        self.skip_ws();
        let right = if op == CompareOp::Matches && self.peek() == Some('/') {
            self.regex()?
        } else {
            self.operand()?
        };
        Ok(Filter::Compare(left, op, right))
    }

    fn compare_op(&mut self) -> Result<Option<CompareOp>, String> {
        let rest = &self.text[self.offset()..];
        let symbolic = [
            ("==", CompareOp::Eq),
            ("!=", CompareOp::Ne),
            ("<=", CompareOp::Le),
            (">=", CompareOp::Ge),
            ("=~", CompareOp::Matches),
            ("<", CompareOp::Lt),
            (">", CompareOp::Gt),
        ];
        for (token, op) in symbolic {
            if rest.starts_with(token) {
                for _ in 0..token.len() {
                    self.bump();
                }
                return Ok(Some(op));
            }
        }
        let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        let op = match word.as_str() {
            "in" => CompareOp::In,
            "nin" => CompareOp::Nin,
            "subsetof" => CompareOp::SubsetOf,
            "anyof" => CompareOp::AnyOf,
            "noneof" => CompareOp::NoneOf,
            "size" => CompareOp::Size,
            "empty" => CompareOp::Empty,
            "contains" => CompareOp::Contains,
            "" => return Ok(None),
            other => return Err(format!("unknown filter operator `{other}`")),
        };
        for _ in 0..word.len() {
            self.bump();
        }
        Ok(Some(op))
    }

    fn regex(&mut self) -> Result<Operand, String> {
        let at = self.offset();
        self.expect('/')?;
        let mut pattern = String::new();
        loop {
            match self.bump() {
                None => return Err(format!("unterminated regular expression at offset {at}")),
                Some('\\') => {
                    pattern.push('\\');
                    if let Some(c) = self.bump() {
                        pattern.push(c);
                    }
                }
                Some('/') => break,
                Some(c) => pattern.push(c),
            }
        }
        let mut flags = String::new();
        while let Some(c) = self.peek().filter(char::is_ascii_alphabetic) {
            flags.push(c);
            self.bump();
        }
        let mut prefix = String::from("^(?");
        for flag in flags.chars() {
            match flag {
                'i' | 'm' | 's' | 'x' => prefix.push(flag),
                other => return Err(format!("unsupported regular expression flag `{other}`")),
            }
        }
        let source = if prefix.len() == 3 {
            format!("^(?:{pattern})$")
        } else {
            format!("{prefix}:{pattern})$")
        };
        regex::Regex::new(&source)
            .map(|re| Operand::Regex(Pattern(re)))
            .map_err(|e| format!("invalid regular expression `/{pattern}/` at offset {at}: {e}"))
    }

    fn operand(&mut self) -> Result<Operand, String> {
        self.skip_ws();
        let at = self.offset();
        match self.peek() {
            Some('@') => {
                self.bump();
                let (segments, function) = self.segments(true)?;
                Ok(Operand::Current(segments, function))
            }
            Some('$') => {
                self.bump();
                let (segments, function) = self.segments(true)?;
                Ok(Operand::Root(segments, function))
            }
            Some('\'' | '"') => Ok(Operand::Literal(Value::String(self.quoted()?))),
            Some('[' | '{') => {
                // A JSON array or object literal: take the balanced text and parse it as JSON,
                // after turning single-quoted strings into double-quoted ones.
                let text = self.balanced()?;
                let json = single_to_double_quotes(&text);
                serde_json::from_str(&json)
                    .map(Operand::Literal)
                    .map_err(|e| format!("invalid literal `{text}` at offset {at}: {e}"))
            }
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let mut text = String::new();
                while let Some(c) = self
                    .peek()
                    .filter(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
                {
                    text.push(c);
                    self.bump();
                }
                serde_json::from_str::<serde_json::Number>(&text)
                    .map(|n| Operand::Literal(Value::Number(n)))
                    .map_err(|_| format!("invalid number `{text}` at offset {at}"))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let mut word = String::new();
                while let Some(c) = self.peek().filter(char::is_ascii_alphabetic) {
                    word.push(c);
                    self.bump();
                }
                match word.as_str() {
                    "true" => Ok(Operand::Literal(Value::Bool(true))),
                    "false" => Ok(Operand::Literal(Value::Bool(false))),
                    "null" => Ok(Operand::Literal(Value::Null)),
                    _ => Err(format!("unexpected `{word}` at offset {at}")),
                }
            }
            Some(c) => Err(format!("unexpected `{c}` at offset {at}")),
            None => Err("unexpected end of filter".to_owned()),
        }
    }

    fn balanced(&mut self) -> Result<String, String> {
        let at = self.offset();
        let mut depth = 0usize;
        let mut out = String::new();
        let mut quote: Option<char> = None;
        while let Some(c) = self.bump() {
            out.push(c);
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), '\\') => {
                    if let Some(next) = self.bump() {
                        out.push(next);
                    }
                }
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                }
                (None, _) => {}
            }
        }
        Err(format!("unterminated literal starting at offset {at}"))
    }
}

/// `['a', "b"]` → `["a", "b"]`: Jayway accepts single-quoted strings in literals, JSON does not.
fn single_to_double_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_single = false;
    let mut in_double = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '\'' if !in_double => {
                in_single = !in_single;
                out.push('"');
            }
            '"' if in_single => out.push_str("\\\""),
            '"' => {
                in_double = !in_double;
                out.push('"');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Jayway's rendering of a path, used in its error messages: `$['a']['b'][0]`.
pub(crate) struct Display<'a> {
    /// The root.
    pub(crate) root: &'a Root,
    /// The segments to render.
    pub(crate) segments: &'a [Segment],
}

impl fmt::Display for Display<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.root {
            Root::Input => f.write_char('$')?,
            // AWS strips one `$` and hands the rest to Jayway as a path on the Context Object,
            // so Jayway's messages show it rooted at `$`.
            Root::Context => f.write_char('$')?,
            Root::Variable(name) => write!(f, "${name}")?,
        }
        for segment in self.segments {
            write_segment(f, segment)?;
        }
        Ok(())
    }
}

fn write_segment(f: &mut fmt::Formatter<'_>, segment: &Segment) -> fmt::Result {
    match segment {
        Segment::Child(name) => write!(f, "['{name}']"),
        Segment::Index(i) => write!(f, "[{i}]"),
        Segment::Wildcard => f.write_str("[*]"),
        Segment::Names(names) => {
            f.write_char('[')?;
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    f.write_char(',')?;
                }
                write!(f, "'{name}'")?;
            }
            f.write_char(']')
        }
        Segment::Indexes(indexes) => {
            f.write_char('[')?;
            for (i, index) in indexes.iter().enumerate() {
                if i > 0 {
                    f.write_char(',')?;
                }
                write!(f, "{index}")?;
            }
            f.write_char(']')
        }
        Segment::Slice { start, end, step } => {
            f.write_char('[')?;
            if let Some(start) = start {
                write!(f, "{start}")?;
            }
            f.write_char(':')?;
            if let Some(end) = end {
                write!(f, "{end}")?;
            }
            if let Some(step) = step {
                write!(f, ":{step}")?;
            }
            f.write_char(']')
        }
        Segment::Filter(_) => f.write_str("[?]"),
        Segment::Descendant(inner) => {
            f.write_str("..")?;
            write_segment(f, inner)
        }
    }
}

impl fmt::Display for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}()", self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(text: &str) -> Vec<Segment> {
        parse(text).unwrap().segments
    }

    #[test]
    fn dot_and_bracket_children_are_the_same() {
        assert_eq!(segs("$.a.b"), segs("$['a'][\"b\"]"));
    }

    #[test]
    fn roots_are_told_apart() {
        assert_eq!(parse("$").unwrap().root, Root::Input);
        assert_eq!(parse("$$.Execution").unwrap().root, Root::Context);
        assert_eq!(
            parse("$total.a").unwrap().root,
            Root::Variable("total".to_owned())
        );
    }

    #[test]
    fn indexes_slices_and_unions_parse() {
        assert_eq!(segs("$[-1]"), vec![Segment::Index(-1)]);
        assert_eq!(
            segs("$[1:]"),
            vec![Segment::Slice {
                start: Some(1),
                end: None,
                step: None
            }]
        );
        assert_eq!(segs("$[0, 2]"), vec![Segment::Indexes(vec![0, 2])]);
        assert_eq!(
            segs("$['a','b']"),
            vec![Segment::Names(vec!["a".to_owned(), "b".to_owned()])]
        );
    }

    #[test]
    fn descendant_and_wildcard_parse() {
        assert_eq!(
            segs("$..price"),
            vec![Segment::Descendant(Box::new(Segment::Child(
                "price".to_owned()
            )))]
        );
        assert_eq!(segs("$.*"), vec![Segment::Wildcard]);
    }

    #[test]
    fn filters_parse_with_precedence() {
        let path = parse("$.a[?(@.x > 1 && @.y == 'z' || !@.w)]").unwrap();
        let Segment::Filter(Filter::Or(left, right)) = &path.segments[1] else {
            panic!("expected an `||` filter: {path:?}");
        };
        assert!(matches!(**left, Filter::And(..)));
        assert!(matches!(**right, Filter::Not(..)));
    }

    #[test]
    fn trailing_function_parses() {
        let path = parse("$.items.length()").unwrap();
        assert_eq!(path.function, Some(Function::Length));
        assert_eq!(path.segments, vec![Segment::Child("items".to_owned())]);
    }

    #[test]
    fn definiteness_follows_jayway() {
        assert!(parse("$.a[0].b").unwrap().is_definite());
        assert!(!parse("$.a[*].b").unwrap().is_definite());
        assert!(!parse("$..b").unwrap().is_definite());
    }

    #[test]
    fn bad_paths_are_rejected_with_a_reason() {
        assert!(parse("a.b").unwrap_err().contains("must start with `$`"));
        assert!(parse("$.a[").is_err());
        assert!(
            parse("$.a.unknown()")
                .unwrap_err()
                .contains("unknown function")
        );
        assert!(parse("$[1:2:0]").unwrap_err().contains("step"));
    }

    #[test]
    fn display_uses_jayway_brackets() {
        let path = parse("$.a[0].b").unwrap();
        let shown = Display {
            root: &path.root,
            segments: &path.segments,
        };
        assert_eq!(shown.to_string(), "$['a'][0]['b']");
    }
}
