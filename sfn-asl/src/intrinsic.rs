//! Intrinsic functions: the `States.Format(…)`-style calls allowed in JSONPath states, in `.$`
//! values and in a Fail state's `ErrorPath`/`CausePath`.
//!
//! [`parse`] checks a call the way AWS does when a state machine is created: the function name
//! (one of the 18 [`Function`]s), the number of arguments, the kinds of literal arguments where
//! they can be known (`States.MathAdd(1, 'x')` is rejected), the string escapes (only `\'`, `\{`,
//! `\}` and `\\`), every path argument, and nesting (at most [`MAX_NESTING`] calls deep). It
//! returns the syntax tree an evaluator runs.
//!
//! ```
//! use sfn_asl::intrinsic::{self, Arg, Function};
//! let call = intrinsic::parse("States.Format('Hello, {}! It\\'s {}', $.name, States.ArrayLength($.items))")?;
//! assert_eq!(call.function, Function::Format);
//! assert_eq!(call.args[0], Arg::String("Hello, {}! It's {}".into()));
//! assert_eq!(call.args[1], Arg::Path("$.name".into()));
//! let Arg::Call(inner) = &call.args[2] else { panic!() };
//! assert_eq!(inner.function.name(), "States.ArrayLength");
//!
//! let e = intrinsic::parse("States.MathAdd(1, '-1')").unwrap_err();
//! assert_eq!(e.to_string(), "argument 2 of `States.MathAdd` must be a number, not a string at offset 18");
//! # Ok::<(), sfn_asl::intrinsic::IntrinsicError>(())
//! ```

use std::fmt;

use serde_json::Number;

use crate::path::{self, char_offset};

/// The deepest nesting of calls AWS allows in one field (the outermost call counts).
pub const MAX_NESTING: usize = 10;

/// The hash algorithms `States.Hash` accepts.
pub const HASH_ALGORITHMS: [&str; 5] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// One intrinsic function call, such as `States.Array(1, $.x)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// Which function.
    pub function: Function,
    /// The arguments, in order.
    pub args: Vec<Arg>,
}

/// One argument of a [`Call`].
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A `'…'` string literal, escapes decoded (`'It\'s'` is `It's`).
    String(String),
    /// A number literal, such as `2`, `-1` or `1.5`.
    Number(Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A path, kept as written: `$.a[0]` (input), `$$.Execution.Id` (context) or `$name.x`
    /// (variable). It is known to parse with [`path::parse`].
    Path(String),
    /// A nested call.
    Call(Box<Call>),
}

/// What a literal or a path argument may be; used for the static kind checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Any,
    Str,
    Num,
    /// An array: no literal is one.
    Array,
    /// An object: no literal is one.
    Object,
    /// A `States.Hash` algorithm name.
    Algorithm,
    /// `States.JsonMerge`'s third argument: `false` (AWS rejects `true`).
    False,
}

macro_rules! functions {
    ($($variant:ident = $name:literal, $min:expr, $max:expr, [$($kind:ident),*], $doc:literal;)*) => {
        /// The 18 intrinsic functions.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Function {
            $(#[doc = $doc] $variant,)*
        }

        impl Function {
            /// Every function, in the order AWS documents them.
            pub const ALL: &'static [Function] = &[$(Function::$variant),*];

            /// The name as written in ASL, e.g. `States.Format`.
            pub fn name(self) -> &'static str {
                match self { $(Function::$variant => concat!("States.", $name),)* }
            }

            /// The function called `name` (`States.Format`), if there is one.
            pub fn from_name(name: &str) -> Option<Function> {
                match name.strip_prefix("States.")? {
                    $($name => Some(Function::$variant),)*
                    _ => None,
                }
            }

            /// The fewest arguments the function takes.
            pub fn min_args(self) -> usize {
                match self { $(Function::$variant => $min,)* }
            }

            /// The most arguments the function takes (`None`: no limit).
            pub fn max_args(self) -> Option<usize> {
                match self { $(Function::$variant => $max,)* }
            }

            /// The kind each argument must have (the last one repeats).
            fn kinds(self) -> &'static [Kind] {
                match self { $(Function::$variant => &[$(Kind::$kind),*],)* }
            }
        }
    };
}

functions! {
    Format = "Format", 1, None, [Str, Any],
        "`States.Format(template, …values)`: the template with each `{}` replaced by the next value.";
    StringToJson = "StringToJson", 1, Some(1), [Str], "`States.StringToJson(string)`: the JSON value the string holds.";
    JsonToString = "JsonToString", 1, Some(1), [Any], "`States.JsonToString(path)`: the value serialized as compact JSON.";
    Array = "Array", 0, None, [Any], "`States.Array(…values)`: an array of the values.";
    ArrayPartition = "ArrayPartition", 2, Some(2), [Array, Num], "`States.ArrayPartition(array, size)`: the array in chunks of `size`.";
    ArrayContains = "ArrayContains", 2, Some(2), [Array, Any], "`States.ArrayContains(array, value)`: whether the array holds the value.";
    ArrayRange = "ArrayRange", 3, Some(3), [Num, Num, Num], "`States.ArrayRange(start, end, step)`: the integers from `start` to `end`.";
    ArrayGetItem = "ArrayGetItem", 2, Some(2), [Array, Num], "`States.ArrayGetItem(array, index)`: one item.";
    ArrayLength = "ArrayLength", 1, Some(1), [Array], "`States.ArrayLength(array)`: the number of items.";
    ArrayUnique = "ArrayUnique", 1, Some(1), [Array], "`States.ArrayUnique(array)`: the array without duplicates.";
    Base64Encode = "Base64Encode", 1, Some(1), [Str], "`States.Base64Encode(string)`: the string in Base64.";
    Base64Decode = "Base64Decode", 1, Some(1), [Str], "`States.Base64Decode(string)`: the Base64 string decoded.";
    Hash = "Hash", 2, Some(2), [Any, Algorithm], "`States.Hash(value, algorithm)`: the hex digest (`MD5`, `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`).";
    JsonMerge = "JsonMerge", 3, Some(3), [Object, Object, False], "`States.JsonMerge(a, b, false)`: `a` with `b`'s keys added (shallow).";
    MathRandom = "MathRandom", 2, Some(3), [Num, Num, Num], "`States.MathRandom(start, end, seed?)`: a random integer.";
    MathAdd = "MathAdd", 2, Some(2), [Num, Num], "`States.MathAdd(a, b)`: the sum.";
    StringSplit = "StringSplit", 2, Some(2), [Str, Str], "`States.StringSplit(string, delimiters)`: the non-empty pieces between delimiter characters.";
    UUID = "UUID", 0, Some(0), [], "`States.UUID()`: a random version 4 UUID.";
}

impl fmt::Display for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Call {
    /// Every path argument, at any depth, in order of appearance.
    ///
    /// ```
    /// let call = sfn_asl::intrinsic::parse("States.Array($.a, States.ArrayLength($items))")?;
    /// assert_eq!(call.paths().collect::<Vec<_>>(), ["$.a", "$items"]);
    /// # Ok::<(), sfn_asl::intrinsic::IntrinsicError>(())
    /// ```
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        let mut stack: Vec<std::slice::Iter<'_, Arg>> = vec![self.args.iter()];
        std::iter::from_fn(move || {
            while let Some(top) = stack.last_mut() {
                match top.next() {
                    None => {
                        stack.pop();
                    }
                    Some(Arg::Path(p)) => return Some(p.as_str()),
                    Some(Arg::Call(c)) => stack.push(c.args.iter()),
                    Some(_) => {}
                }
            }
            None
        })
    }
}

/// Why a call does not parse or cannot be valid.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} at offset {offset}")]
pub struct IntrinsicError {
    /// Where the problem is: a 0-based offset in characters.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// Whether `text` is written as an intrinsic call (starts with `States.`, after blanks): the
/// validator then reports [`parse`]'s error rather than a path error.
pub fn looks_like_call(text: &str) -> bool {
    text.trim_start().starts_with("States.")
}

/// Parses and checks one call; the whole text must be the call (blanks around it are allowed).
///
/// ```
/// use sfn_asl::intrinsic::parse;
/// assert!(parse("States.JsonMerge($.a, $.b, false)").is_ok());
/// assert_eq!(
///     parse("States.JsonMerge($.a, $.b, true)").unwrap_err().message,
///     "argument 3 of `States.JsonMerge` must be `false`: AWS does not support a deep merge"
/// );
/// assert_eq!(parse("States.Formatt('x')").unwrap_err().offset, 0);
/// ```
pub fn parse(text: &str) -> Result<Call, IntrinsicError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    parser.skip_blanks();
    let call = parser.call(1)?;
    parser.skip_blanks();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error(parser.pos, "unexpected text after the call"));
    }
    Ok(call)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, at: usize, message: impl Into<String>) -> IntrinsicError {
        IntrinsicError {
            offset: char_offset(self.text, at),
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn found(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "the end".to_owned(),
            Some(c) => format!("`{c}`"),
        }
    }

    /// `States.Name(args)`, positioned on `S`. Recursion is bounded by [`MAX_NESTING`].
    fn call(&mut self, depth: usize) -> Result<Call, IntrinsicError> {
        let start = self.pos;
        if !self.text[self.pos..].starts_with("States.") {
            return Err(self.error(
                start,
                "expected an intrinsic function such as `States.Format(…)`",
            ));
        }
        self.pos += "States.".len();
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.pos += 1;
        }
        let name = &self.text[start..self.pos];
        let Some(function) = Function::from_name(name) else {
            let mut message = format!("unknown intrinsic function `{name}`");
            // Compare without the shared `States.` prefix, which would make every name look close.
            let short = &name["States.".len()..];
            let shorts = Function::ALL.iter().map(|f| &f.name()["States.".len()..]);
            if let Some(s) = crate::validate::suggest(short, shorts) {
                message.push_str(&format!("; did you mean `States.{s}`?"));
            }
            return Err(self.error(start, message));
        };
        self.skip_blanks();
        if self.peek() != Some(b'(') {
            return Err(self.error(
                self.pos,
                format!("expected `(` after `{name}`, found {}", self.found()),
            ));
        }
        self.pos += 1;
        self.skip_blanks();
        let mut args = Vec::new();
        let mut arg_starts = Vec::new();
        if self.peek() == Some(b')') {
            self.pos += 1;
        } else {
            loop {
                self.skip_blanks();
                arg_starts.push(self.pos);
                args.push(self.arg(depth)?);
                self.skip_blanks();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b')') => {
                        self.pos += 1;
                        break;
                    }
                    None => return Err(self.error(start, format!("unclosed `(` of `{name}`"))),
                    Some(_) => {
                        return Err(self.error(
                            self.pos,
                            format!("expected `,` or `)`, found {}", self.found()),
                        ));
                    }
                }
            }
        }
        let (min, max) = (function.min_args(), function.max_args());
        if args.len() < min || max.is_some_and(|max| args.len() > max) {
            let expected = match max {
                Some(max) if max == min => plural(min),
                Some(max) => format!("{min} to {max} arguments"),
                None => format!("at least {}", plural(min)),
            };
            return Err(self.error(
                start,
                format!("`{name}` takes {expected}, not {}", args.len()),
            ));
        }
        for (i, (arg, &at)) in args.iter().zip(&arg_starts).enumerate() {
            let kinds = function.kinds();
            let kind = kinds.get(i).or(kinds.last()).copied().unwrap_or(Kind::Any);
            if let Some(problem) = kind_problem(kind, arg) {
                return Err(self.error(at, format!("argument {} of `{name}` {problem}", i + 1)));
            }
        }
        Ok(Call { function, args })
    }

    fn arg(&mut self, depth: usize) -> Result<Arg, IntrinsicError> {
        let start = self.pos;
        match self.peek() {
            Some(b'\'') => self.string().map(Arg::String),
            Some(b'$') => self.path(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'S') if self.text[self.pos..].starts_with("States.") => {
                if depth >= MAX_NESTING {
                    return Err(self.error(
                        start,
                        format!("intrinsic functions nest at most {MAX_NESTING} deep"),
                    ));
                }
                Ok(Arg::Call(Box::new(self.call(depth + 1)?)))
            }
            _ => {
                let word_end = self.text[self.pos..]
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .map_or(self.bytes.len(), |n| self.pos + n);
                let arg = match &self.text[self.pos..word_end] {
                    "true" => Arg::Bool(true),
                    "false" => Arg::Bool(false),
                    "null" => Arg::Null,
                    "" => {
                        return Err(self.error(
                            start,
                            format!("expected an argument, found {}", self.found()),
                        ));
                    }
                    word => {
                        return Err(self.error(
                            start,
                            format!("unexpected `{word}`: a string argument is written `'{word}'`"),
                        ));
                    }
                };
                self.pos = word_end;
                Ok(arg)
            }
        }
    }

    /// `'…'`: `\'`, `\{`, `\}` and `\\` are the only escapes.
    fn string(&mut self) -> Result<String, IntrinsicError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut chunk = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error(open, "unterminated string literal")),
                Some(b'\'') => {
                    out.push_str(&self.text[chunk..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[chunk..self.pos]);
                    let at = self.pos;
                    self.pos += 1;
                    match self.peek() {
                        Some(c @ (b'\'' | b'{' | b'}' | b'\\')) => out.push(c as char),
                        None => return Err(self.error(at, "unpaired `\\` at the end of the text")),
                        Some(_) => {
                            let c = self.text[self.pos..].chars().next().unwrap_or('?');
                            return Err(self.error(
                                at,
                                format!(
                                    "invalid escape `\\{c}` in a string literal; only `\\'`, `\\{{`, `\\}}` and `\\\\` are allowed"
                                ),
                            ));
                        }
                    }
                    self.pos += 1;
                    chunk = self.pos;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn number(&mut self) -> Result<Arg, IntrinsicError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = |p: &mut Self| {
            let from = p.pos;
            while p.peek().is_some_and(|b| b.is_ascii_digit()) {
                p.pos += 1;
            }
            p.pos > from
        };
        let mut ok = digits(self);
        if ok && self.peek() == Some(b'.') {
            self.pos += 1;
            ok = digits(self);
        }
        if ok && matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            ok = digits(self);
        }
        let text = &self.text[start..self.pos];
        match text.parse::<Number>() {
            Ok(n) if ok => Ok(Arg::Number(n)),
            _ => Err(self.error(start, format!("invalid number `{text}`"))),
        }
    }

    /// A path argument: up to the first `,`, `)` or blank outside brackets, parentheses and
    /// quotes; checked with [`path::parse`].
    fn path(&mut self) -> Result<Arg, IntrinsicError> {
        let start = self.pos;
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'[' | b'(' => depth += 1,
                b']' | b')' if depth > 0 => depth -= 1,
                b',' | b')' if depth == 0 => break,
                b if b.is_ascii_whitespace() && depth == 0 => break,
                b'\\' => self.pos += 1,
                b'\'' | b'"' if depth > 0 => {
                    self.pos += 1;
                    while let Some(q) = self.peek() {
                        if q == b'\\' {
                            self.pos += 1;
                        } else if q == b {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.pos = self.pos.min(self.bytes.len());
        let text = &self.text[start..self.pos];
        match path::parse(text) {
            Ok(_) => Ok(Arg::Path(text.to_owned())),
            Err(e) => Err(IntrinsicError {
                offset: char_offset(self.text, start) + e.offset,
                message: format!("invalid path `{text}`: {}", e.message),
            }),
        }
    }
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 argument".to_owned()
    } else {
        format!("{n} arguments")
    }
}

fn kind_problem(kind: Kind, arg: &Arg) -> Option<String> {
    let found = match arg {
        Arg::Path(_) | Arg::Call(_) => return None,
        Arg::String(_) => "a string",
        Arg::Number(_) => "a number",
        Arg::Bool(_) => "a boolean",
        Arg::Null => "null",
    };
    let wanted = match (kind, arg) {
        (Kind::Any, _) | (Kind::Str, Arg::String(_)) | (Kind::Num, Arg::Number(_)) => return None,
        (Kind::Str, _) => "a string",
        (Kind::Num, _) => "a number",
        (Kind::Array, _) => "an array (a path or a call)",
        (Kind::Object, _) => "an object (a path or a call)",
        (Kind::Algorithm, Arg::String(s)) if HASH_ALGORITHMS.contains(&s.as_str()) => return None,
        (Kind::Algorithm, Arg::String(s)) => {
            return Some(format!(
                "names unknown hash algorithm `{s}`; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
            ));
        }
        (Kind::Algorithm, _) => "a hash algorithm name",
        (Kind::False, Arg::Bool(false)) => return None,
        (Kind::False, Arg::Bool(true)) => {
            return Some("must be `false`: AWS does not support a deep merge".to_owned());
        }
        (Kind::False, _) => "the boolean `false`",
    };
    Some(format!("must be {wanted}, not {found}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (usize, String) {
        let e = parse(text).unwrap_err();
        (e.offset, e.message)
    }

    #[test]
    fn every_function_round_trips_its_name() {
        assert_eq!(Function::ALL.len(), 18);
        for f in Function::ALL {
            assert_eq!(Function::from_name(f.name()), Some(*f));
        }
        assert_eq!(Function::from_name("Format"), None);
    }

    #[test]
    fn arguments_of_every_kind() {
        let call = parse("States.Array('a', 2020, -1.5e3, true, false, null, $.x, $$.Execution.Id, $v.y[0], States.UUID())").unwrap();
        assert_eq!(
            call.args,
            [
                Arg::String("a".into()),
                Arg::Number(2020.into()),
                Arg::Number("-1.5e3".parse().unwrap()),
                Arg::Bool(true),
                Arg::Bool(false),
                Arg::Null,
                Arg::Path("$.x".into()),
                Arg::Path("$$.Execution.Id".into()),
                Arg::Path("$v.y[0]".into()),
                Arg::Call(Box::new(Call {
                    function: Function::UUID,
                    args: vec![]
                })),
            ]
        );
    }

    #[test]
    fn empty_argument_lists_and_blanks() {
        assert!(parse("States.Array()").unwrap().args.is_empty());
        assert!(parse("States.Array( )").unwrap().args.is_empty());
        assert_eq!(parse(" States.MathAdd( 1 ,\n2 ) ").unwrap().args.len(), 2);
    }

    #[test]
    fn escapes_are_decoded() {
        let call = parse(r"States.Format('a\'b\{\}c\\d {}', 1)").unwrap();
        assert_eq!(call.args[0], Arg::String(r"a'b{}c\d {}".into()));
    }

    #[test]
    fn real_newlines_and_double_quotes_are_plain_characters() {
        let call = parse("States.StringSplit('Hello\nWorld', '\n')").unwrap();
        assert_eq!(call.args[0], Arg::String("Hello\nWorld".into()));
        assert!(parse(r#"States.StringToJson('{"a": "false"}')"#).is_ok());
    }

    #[test]
    fn backslash_quote_is_rejected() {
        assert_eq!(
            err(r#"States.Format('say \"hi\"')"#),
            (
                19,
                r#"invalid escape `\"` in a string literal; only `\'`, `\{`, `\}` and `\\` are allowed"#.into()
            )
        );
    }

    #[test]
    fn unpaired_backslash_is_rejected() {
        assert_eq!(
            err(r"States.Format('a\"),
            (16, r"unpaired `\` at the end of the text".into())
        );
    }

    #[test]
    fn unterminated_string_is_rejected() {
        assert_eq!(
            err("States.Format('abc)"),
            (14, "unterminated string literal".into())
        );
    }

    #[test]
    fn unknown_function_suggests_the_closest() {
        assert_eq!(
            err("States.Formatt('x')"),
            (
                0,
                "unknown intrinsic function `States.Formatt`; did you mean `States.Format`?".into()
            )
        );
        assert_eq!(
            err("States.Nope()").1,
            "unknown intrinsic function `States.Nope`"
        );
    }

    #[test]
    fn arity_is_checked() {
        assert_eq!(
            err("States.UUID(1)"),
            (0, "`States.UUID` takes 0 arguments, not 1".into())
        );
        assert_eq!(
            err("States.ArrayLength()").1,
            "`States.ArrayLength` takes 1 argument, not 0"
        );
        assert_eq!(
            err("States.MathRandom(1)").1,
            "`States.MathRandom` takes 2 to 3 arguments, not 1"
        );
        assert_eq!(
            err("States.Format()").1,
            "`States.Format` takes at least 1 argument, not 0"
        );
        assert!(parse("States.MathRandom(1, 2, 3)").is_ok());
    }

    #[test]
    fn literal_kinds_are_checked() {
        assert_eq!(
            err("States.MathAdd(1,'-1')"),
            (
                17,
                "argument 2 of `States.MathAdd` must be a number, not a string".into()
            )
        );
        assert_eq!(
            err("States.ArrayLength('abc')").1,
            "argument 1 of `States.ArrayLength` must be an array (a path or a call), not a string"
        );
        assert!(parse("States.MathAdd(States.ArrayLength($$.Execution.Input.m),-1)").is_ok());
    }

    #[test]
    fn hash_algorithm_literal_must_be_known() {
        assert!(parse("States.Hash($.d, 'SHA-256')").is_ok());
        assert_eq!(
            err("States.Hash($.d, 'SHA256')").1,
            "argument 2 of `States.Hash` names unknown hash algorithm `SHA256`; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
        );
        assert!(parse("States.Hash($.d, $.alg)").is_ok());
    }

    #[test]
    fn json_merge_requires_false() {
        assert_eq!(err("States.JsonMerge($.a, $.b, true)").0, 27);
        assert_eq!(
            err("States.JsonMerge($.a, $.b, 'false')").1,
            "argument 3 of `States.JsonMerge` must be the boolean `false`, not a string"
        );
    }

    #[test]
    fn paths_are_checked_with_offsets() {
        assert_eq!(
            err("States.Array($.a, $..)"),
            (21, "invalid path `$..`: expected a name after `..`".into())
        );
        let call = parse("States.ArrayGetItem($.R[?(@.K == FizzBuzz)].V, 0)").unwrap();
        assert_eq!(call.args[0], Arg::Path("$.R[?(@.K == FizzBuzz)].V".into()));
        let call = parse("States.Array($['a, b'], $.c[0,1])").unwrap();
        assert_eq!(call.args[0], Arg::Path("$['a, b']".into()));
        assert_eq!(call.args[1], Arg::Path("$.c[0,1]".into()));
    }

    #[test]
    fn bare_words_are_rejected() {
        assert_eq!(
            err("States.Format(hello)"),
            (
                14,
                "unexpected `hello`: a string argument is written `'hello'`".into()
            )
        );
    }

    #[test]
    fn missing_separators_are_rejected() {
        assert_eq!(
            err("States.MathAdd(1 2)"),
            (17, "expected `,` or `)`, found `2`".into())
        );
        assert_eq!(
            err("States.MathAdd(1,)"),
            (17, "expected an argument, found `)`".into())
        );
        assert_eq!(
            err("States.MathAdd(1, 2"),
            (0, "unclosed `(` of `States.MathAdd`".into())
        );
        assert_eq!(err("States.UUID() x").1, "unexpected text after the call");
        assert_eq!(
            err("States.UUID").1,
            "expected `(` after `States.UUID`, found the end"
        );
    }

    #[test]
    fn nesting_is_limited_to_ten() {
        let nest = |n: usize| format!("{}$.a{}", "States.ArrayUnique(".repeat(n), ")".repeat(n));
        assert!(parse(&nest(MAX_NESTING)).is_ok());
        let e = parse(&nest(MAX_NESTING + 1)).unwrap_err();
        assert_eq!(e.message, "intrinsic functions nest at most 10 deep");
        assert!(parse(&nest(100_000)).is_err());
    }

    #[test]
    fn invalid_numbers_are_rejected() {
        assert_eq!(err("States.MathAdd(1., 2)").1, "invalid number `1.`");
        assert_eq!(err("States.MathAdd(-, 2)").1, "invalid number `-`");
    }

    #[test]
    fn paths_iterates_nested_paths() {
        let call = parse("States.Format('{}{}', $.a, States.Array($b, States.ArrayLength($$.c)))")
            .unwrap();
        assert_eq!(call.paths().collect::<Vec<_>>(), ["$.a", "$b", "$$.c"]);
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "",
            "S",
            "States.",
            "States.(",
            "States.Array(",
            "States.Array('",
            "States.Array($",
            "States.Array($[",
            "States.Array(\\",
            "States.Array(ж",
            "States.Array(1e",
            "States.Array(t",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
    }
}
