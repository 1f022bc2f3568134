//! JSONata 2.x syntax: the `{% … %}` expressions of JSONata states.
//!
//! [`parse`] checks an expression the way the `jsonata` library's parser does (same tokens,
//! same binding powers, same error codes such as `S0202`) and returns its syntax tree;
//! [`variables`] lists the state machine variables an expression reads, for the validator's
//! "read before assigned" check. Nothing here evaluates: the engine lives in `sfn-local`.
//!
//! ```
//! use sfn_asl::jsonata;
//! let text = jsonata::strip_delimiters("{% $sum($states.input.items.(price * qty)) + $fee %}").unwrap();
//! assert!(jsonata::parse(text).is_ok());
//! // `$sum` is a built-in function and `$states` the reserved variable: only `$fee` is read.
//! assert_eq!(jsonata::variables(text), ["fee"]);
//!
//! let e = jsonata::parse("$sum($states.input.items").unwrap_err();
//! assert_eq!(e.code, "S0203");
//! assert_eq!(e.to_string(), "expected `)` before the end of the expression at offset 24");
//! ```
//!
//! Parsing is linear; nesting deeper than [`MAX_NESTING`] is an error, never a stack overflow.

use std::fmt;

/// The deepest nesting of sub-expressions (parentheses, brackets, operands) accepted.
pub const MAX_NESTING: usize = 100;

/// The tallest syntax tree accepted (long operator chains such as `1+1+…+1` count too).
const MAX_HEIGHT: u32 = 1_000;

/// The functions JSONata 2.0 provides, plus those Step Functions adds (`$partition`, `$range`,
/// `$hash`, `$random`, `$uuid`, `$parse`). A `$name` among these is a function, not a variable.
pub const BUILTIN_FUNCTIONS: &[&str] = &[
    "sum",
    "count",
    "max",
    "min",
    "average",
    "string",
    "substring",
    "substringBefore",
    "substringAfter",
    "lowercase",
    "uppercase",
    "length",
    "trim",
    "pad",
    "match",
    "contains",
    "replace",
    "split",
    "join",
    "formatNumber",
    "formatBase",
    "formatInteger",
    "parseInteger",
    "number",
    "floor",
    "ceil",
    "round",
    "abs",
    "sqrt",
    "power",
    "random",
    "boolean",
    "not",
    "map",
    "zip",
    "filter",
    "single",
    "foldLeft",
    "sift",
    "keys",
    "lookup",
    "append",
    "exists",
    "spread",
    "merge",
    "reverse",
    "each",
    "error",
    "assert",
    "type",
    "sort",
    "shuffle",
    "distinct",
    "base64encode",
    "base64decode",
    "encodeUrlComponent",
    "encodeUrl",
    "decodeUrlComponent",
    "decodeUrl",
    "eval",
    "toMillis",
    "fromMillis",
    "clone",
    "now",
    "millis",
    // Added by Step Functions.
    "partition",
    "range",
    "hash",
    "uuid",
    "parse",
];

/// The reserved variable of JSONata states: `$states.input`, `.result`, `.errorOutput`,
/// `.context`.
pub const STATES_VARIABLE: &str = "states";

/// A JSONata expression's syntax tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A field name: `name` or `` `a name` ``.
    Name(String),
    /// `$name`; `$` is the context (`""`) and `$$` the root (`"$"`).
    Variable(String),
    /// A string literal, escapes decoded.
    String(String),
    /// A number literal.
    Number(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `/pattern/flags`.
    Regex {
        /// The pattern, as written.
        pattern: String,
        /// The flags (`i`, `m`).
        flags: String,
    },
    /// `*`: every field.
    Wildcard,
    /// `**`: every descendant.
    Descendants,
    /// `%`: the parent.
    Parent,
    /// `-x`.
    Negate(Box<Expr>),
    /// `lhs op rhs`.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
    /// `lhs.rhs`: a path step.
    Path(Box<Expr>, Box<Expr>),
    /// `lhs[predicate]`: a filter or index.
    Filter {
        /// What is filtered.
        lhs: Box<Expr>,
        /// The predicate or index.
        predicate: Box<Expr>,
    },
    /// `lhs[]`: keep singleton arrays.
    KeepArray(Box<Expr>),
    /// `[a, b, c..d]`.
    Array(Vec<Expr>),
    /// `a..b` inside an array constructor.
    Range(Box<Expr>, Box<Expr>),
    /// `{k: v, …}`.
    Object(Vec<(Expr, Expr)>),
    /// `lhs{k: v, …}`: grouping.
    GroupBy {
        /// What is grouped.
        lhs: Box<Expr>,
        /// The key/value pairs.
        pairs: Vec<(Expr, Expr)>,
    },
    /// `(a; b; c)`.
    Block(Vec<Expr>),
    /// `f(args)`; a `?` argument ([`Expr::Placeholder`]) makes a partial application.
    Call {
        /// The function.
        function: Box<Expr>,
        /// The arguments.
        args: Vec<Expr>,
    },
    /// `?` as a call argument.
    Placeholder,
    /// `function($a, $b)<sig>{ body }`.
    Lambda {
        /// Parameter names, without `$`.
        params: Vec<String>,
        /// The signature between `<` and `>`, when given.
        signature: Option<String>,
        /// The body.
        body: Box<Expr>,
    },
    /// `condition ? then : otherwise`.
    Condition {
        /// The test.
        condition: Box<Expr>,
        /// The value when true.
        then: Box<Expr>,
        /// The value when false, when given.
        otherwise: Option<Box<Expr>>,
    },
    /// `$name := value`.
    Bind {
        /// The variable bound, without `$`.
        name: String,
        /// The value.
        value: Box<Expr>,
    },
    /// `lhs@$name`: context variable binding.
    Focus {
        /// The step.
        lhs: Box<Expr>,
        /// The variable bound, without `$`.
        name: String,
    },
    /// `lhs#$name`: positional variable binding.
    Index {
        /// The step.
        lhs: Box<Expr>,
        /// The variable bound, without `$`.
        name: String,
    },
    /// `lhs^(<a, >b)`: sort.
    Sort {
        /// What is sorted.
        lhs: Box<Expr>,
        /// The sort keys, `true` when descending.
        terms: Vec<(bool, Expr)>,
    },
    /// `| pattern | update, delete |`.
    Transform {
        /// Which objects.
        pattern: Box<Expr>,
        /// The object merged in.
        update: Box<Expr>,
        /// The fields removed, when given.
        delete: Option<Box<Expr>>,
    },
}

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `+`
    Add,
    /// `-`
    Subtract,
    /// `*`
    Multiply,
    /// `/`
    Divide,
    /// `%`
    Modulo,
    /// `=`
    Equal,
    /// `!=`
    NotEqual,
    /// `<`
    Less,
    /// `<=`
    LessEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterEqual,
    /// `&`
    Concat,
    /// `and`
    And,
    /// `or`
    Or,
    /// `in`
    In,
    /// `~>`
    Chain,
    /// `??`
    Coalesce,
    /// `?:`
    Elvis,
}

impl BinaryOp {
    fn from_op(op: &str) -> Option<BinaryOp> {
        Some(match op {
            "+" => BinaryOp::Add,
            "-" => BinaryOp::Subtract,
            "*" => BinaryOp::Multiply,
            "/" => BinaryOp::Divide,
            "%" => BinaryOp::Modulo,
            "=" => BinaryOp::Equal,
            "!=" => BinaryOp::NotEqual,
            "<" => BinaryOp::Less,
            "<=" => BinaryOp::LessEqual,
            ">" => BinaryOp::Greater,
            ">=" => BinaryOp::GreaterEqual,
            "&" => BinaryOp::Concat,
            "and" => BinaryOp::And,
            "or" => BinaryOp::Or,
            "in" => BinaryOp::In,
            "~>" => BinaryOp::Chain,
            "??" => BinaryOp::Coalesce,
            "?:" => BinaryOp::Elvis,
            _ => return None,
        })
    }
}

/// Why an expression does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} at offset {offset}")]
pub struct JsonataError {
    /// The `jsonata` library's error code, e.g. `S0202`.
    pub code: &'static str,
    /// Where: a 0-based offset in characters into the expression (inside the `{% %}`).
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// The expression inside a `{% … %}` string: the text must begin with `{%` and end with `%}`
/// exactly (no blanks outside them); any other string is a literal.
///
/// ```
/// use sfn_asl::jsonata::strip_delimiters;
/// assert_eq!(strip_delimiters("{% 1 + 2 %}"), Some(" 1 + 2 "));
/// assert_eq!(strip_delimiters("{%1%}"), Some("1"));
/// assert_eq!(strip_delimiters(" {% 1 %}"), None);
/// assert_eq!(strip_delimiters("{% 1 %"), None);
/// ```
pub fn strip_delimiters(text: &str) -> Option<&str> {
    text.strip_prefix("{%")?.strip_suffix("%}")
}

/// Parses an expression (the text inside `{% %}`).
pub fn parse(text: &str) -> Result<Expr, JsonataError> {
    let mut parser = Parser {
        lexer: Lexer { text, pos: 0 },
        node: Token {
            kind: Kind::End,
            at: 0,
        },
        depth: 0,
    };
    parser.advance(None, false)?;
    let (expr, _) = parser.expression(0)?;
    if parser.node.kind != Kind::End {
        let found = parser.node.describe();
        return Err(parser.error_at(parser.node.at, "S0201", format!("unexpected {found}")));
    }
    Ok(expr)
}

/// The state machine variables `text` reads, in order of first use, without duplicates; empty
/// when it does not parse. Excluded: names bound inside the expression (`:=`, lambda
/// parameters, `@`/`#` bindings), built-in functions ([`BUILTIN_FUNCTIONS`]), any name called
/// as a function, `$states`, and the context variables `$` and `$$`.
pub fn variables(text: &str) -> Vec<String> {
    parse(text).map(|e| e.free_variables()).unwrap_or_default()
}

impl Expr {
    /// The state machine variables this expression reads; see [`variables`].
    pub fn free_variables(&self) -> Vec<String> {
        let mut walker = Walker {
            frames: vec![Vec::new()],
            out: Vec::new(),
        };
        walker.walk(self);
        walker.out
    }

    /// The fields of `$states` this expression reads (`input`, `result`, `errorOutput`,
    /// `context`, or anything else written after `$states.`), in order, without duplicates.
    ///
    /// ```
    /// let e = sfn_asl::jsonata::parse("$states.result.x & $states.input")?;
    /// assert_eq!(e.states_fields(), ["result", "input"]);
    /// # Ok::<(), sfn_asl::jsonata::JsonataError>(())
    /// ```
    pub fn states_fields(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        self.visit(&mut |e| {
            if let Expr::Path(lhs, rhs) = e
                && let (Expr::Variable(v), Expr::Name(field)) = (lhs.as_ref(), rhs.as_ref())
                && v == STATES_VARIABLE
                && !out.contains(field)
            {
                out.push(field.clone());
            }
        });
        out
    }

    /// Calls `f` on this node and every node below it, parents first.
    pub fn visit(&self, f: &mut impl FnMut(&Expr)) {
        f(self);
        self.for_each_child(|c| c.visit(f));
    }

    fn for_each_child<'a>(&'a self, mut f: impl FnMut(&'a Expr)) {
        match self {
            Expr::Name(_)
            | Expr::Variable(_)
            | Expr::String(_)
            | Expr::Number(_)
            | Expr::Bool(_)
            | Expr::Null
            | Expr::Regex { .. }
            | Expr::Wildcard
            | Expr::Descendants
            | Expr::Parent
            | Expr::Placeholder => {}
            Expr::Negate(e) | Expr::KeepArray(e) => f(e),
            Expr::Binary { lhs, rhs, .. }
            | Expr::Path(lhs, rhs)
            | Expr::Range(lhs, rhs)
            | Expr::Filter {
                lhs,
                predicate: rhs,
            } => {
                f(lhs);
                f(rhs);
            }
            Expr::Array(items) | Expr::Block(items) => items.iter().for_each(f),
            Expr::Object(pairs) => pairs.iter().for_each(|(k, v)| {
                f(k);
                f(v);
            }),
            Expr::GroupBy { lhs, pairs } => {
                f(lhs);
                pairs.iter().for_each(|(k, v)| {
                    f(k);
                    f(v);
                });
            }
            Expr::Call { function, args } => {
                f(function);
                args.iter().for_each(f);
            }
            Expr::Lambda { body, .. } => f(body),
            Expr::Condition {
                condition,
                then,
                otherwise,
            } => {
                f(condition);
                f(then);
                if let Some(o) = otherwise {
                    f(o);
                }
            }
            Expr::Bind { value, .. } => f(value),
            Expr::Focus { lhs, .. } | Expr::Index { lhs, .. } => f(lhs),
            Expr::Sort { lhs, terms } => {
                f(lhs);
                terms.iter().for_each(|(_, e)| f(e));
            }
            Expr::Transform {
                pattern,
                update,
                delete,
            } => {
                f(pattern);
                f(update);
                if let Some(d) = delete {
                    f(d);
                }
            }
        }
    }
}

/// Free-variable analysis: a stack of frames (the expression, each block, each lambda) holding
/// the names bound so far.
struct Walker {
    frames: Vec<Vec<String>>,
    out: Vec<String>,
}

impl Walker {
    fn bind(&mut self, name: &str) {
        if let Some(frame) = self.frames.last_mut() {
            frame.push(name.to_owned());
        }
    }

    fn read(&mut self, name: &str) {
        let context = name.is_empty() || name == "$";
        if context
            || name == STATES_VARIABLE
            || BUILTIN_FUNCTIONS.contains(&name)
            || self.frames.iter().any(|f| f.iter().any(|n| n == name))
            || self.out.iter().any(|n| n == name)
        {
            return;
        }
        self.out.push(name.to_owned());
    }

    fn walk(&mut self, e: &Expr) {
        match e {
            Expr::Variable(name) => self.read(name),
            Expr::Bind { name, value } => {
                self.walk(value);
                self.bind(name);
            }
            Expr::Focus { lhs, name } | Expr::Index { lhs, name } => {
                self.walk(lhs);
                self.bind(name);
            }
            Expr::Block(items) => {
                self.frames.push(Vec::new());
                items.iter().for_each(|i| self.walk(i));
                self.frames.pop();
            }
            Expr::Lambda { params, body, .. } => {
                self.frames.push(params.clone());
                self.walk(body);
                self.frames.pop();
            }
            // A name called as a function is never a state machine variable (those hold JSON).
            Expr::Call { function, args } => {
                if !matches!(function.as_ref(), Expr::Variable(_)) {
                    self.walk(function);
                }
                args.iter().for_each(|a| self.walk(a));
            }
            other => other.for_each_child(|c| self.walk(c)),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    End,
    /// An operator or punctuation, including `and`, `or`, `in`.
    Op(&'static str),
    Name(String),
    Variable(String),
    String(String),
    Number(f64),
    Bool(bool),
    Null,
    Regex(String, String),
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    /// Byte offset in the expression.
    at: usize,
}

impl Token {
    fn op(&self) -> Option<&'static str> {
        match self.kind {
            Kind::Op(op) => Some(op),
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match &self.kind {
            Kind::End => "the end of the expression".to_owned(),
            Kind::Op(op) => format!("`{op}`"),
            Kind::Name(n) => format!("`{n}`"),
            Kind::Variable(n) => format!("`${n}`"),
            Kind::String(s) => format!("string \"{s}\""),
            Kind::Number(n) => format!("`{n}`"),
            Kind::Bool(b) => format!("`{b}`"),
            Kind::Null => "`null`".to_owned(),
            Kind::Regex(p, _) => format!("`/{p}/`"),
        }
    }

    /// Left binding power, as in the `jsonata` library's operator table.
    fn lbp(&self) -> u8 {
        match self.op() {
            Some(".") => 75,
            Some("{") => 70,
            Some("[" | "(" | "@" | "#") => 80,
            Some("?") => 20,
            Some("+" | "-" | "&") => 50,
            Some("*" | "/" | "%") => 60,
            Some("=" | "<" | ">" | "^" | "!=" | "<=" | ">=" | "~>" | "in" | "??" | "?:") => 40,
            Some("and") => 30,
            Some("or") => 25,
            Some(":=") => 10,
            _ => 0,
        }
    }
}

const TWO_CHAR_OPS: [&str; 9] = ["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"];
const ONE_CHAR_OPS: &str = ".[]{}(),@#;:?+-*/%|=<>^&!~";

fn op_str(c: char) -> Option<&'static str> {
    Some(match c {
        '.' => ".",
        '[' => "[",
        ']' => "]",
        '{' => "{",
        '}' => "}",
        '(' => "(",
        ')' => ")",
        ',' => ",",
        '@' => "@",
        '#' => "#",
        ';' => ";",
        ':' => ":",
        '?' => "?",
        '+' => "+",
        '-' => "-",
        '*' => "*",
        '/' => "/",
        '%' => "%",
        '|' => "|",
        '=' => "=",
        '<' => "<",
        '>' => ">",
        '^' => "^",
        '&' => "&",
        '!' => "!",
        '~' => "~",
        _ => return None,
    })
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}')
}

impl Lexer<'_> {
    fn error(&self, at: usize, code: &'static str, message: impl Into<String>) -> JsonataError {
        JsonataError {
            code,
            offset: crate::path::char_offset(self.text, at),
            message: message.into(),
        }
    }

    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    /// The next token; `infix` says an operator is expected, so `/` is division, not a regex.
    fn next(&mut self, infix: bool) -> Result<Token, JsonataError> {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start_matches(is_blank);
            self.pos += rest.len() - trimmed.len();
            if self.rest().starts_with("/*") {
                let start = self.pos;
                match self.rest()[2..].find("*/") {
                    Some(end) => self.pos += 2 + end + 2,
                    None => return Err(self.error(start, "S0106", "unterminated comment")),
                }
            } else {
                break;
            }
        }
        let at = self.pos;
        let token = |kind| Ok(Token { kind, at });
        let Some(c) = self.rest().chars().next() else {
            return token(Kind::End);
        };
        if !infix && c == '/' {
            self.pos += 1;
            return self.regex(at);
        }
        if let Some(op) = TWO_CHAR_OPS.iter().find(|op| self.rest().starts_with(**op)) {
            self.pos += 2;
            return token(Kind::Op(op));
        }
        if let Some(op) = op_str(c) {
            self.pos += 1;
            return token(Kind::Op(op));
        }
        match c {
            '"' | '\'' => self.string(c).map(|s| Token {
                kind: Kind::String(s),
                at,
            }),
            '0'..='9' => self.number(),
            '`' => {
                let body = &self.rest()[1..];
                match body.find('`') {
                    Some(end) => {
                        let name = body[..end].to_owned();
                        self.pos += end + 2;
                        token(Kind::Name(name))
                    }
                    None => {
                        Err(self.error(at, "S0105", "unterminated quoted name (missing `` ` ``)"))
                    }
                }
            }
            _ => {
                let text = self.text;
                let rest = &text[self.pos..];
                let end = rest
                    .find(|c: char| is_blank(c) || ONE_CHAR_OPS.contains(c))
                    .unwrap_or(rest.len());
                let word = &rest[..end];
                self.pos += end;
                if let Some(var) = word.strip_prefix('$') {
                    return token(Kind::Variable(var.to_owned()));
                }
                token(match word {
                    "and" => Kind::Op("and"),
                    "or" => Kind::Op("or"),
                    "in" => Kind::Op("in"),
                    "true" => Kind::Bool(true),
                    "false" => Kind::Bool(false),
                    "null" => Kind::Null,
                    _ => Kind::Name(word.to_owned()),
                })
            }
        }
    }

    fn regex(&mut self, at: usize) -> Result<Token, JsonataError> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut depth = 0i64;
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            let escaped = self.pos > start && bytes[self.pos - 1] == b'\\';
            if b == b'/' && depth == 0 {
                let backslashes = bytes[start..self.pos]
                    .iter()
                    .rev()
                    .take_while(|&&c| c == b'\\')
                    .count();
                if backslashes % 2 == 0 {
                    let pattern = self.text[start..self.pos].to_owned();
                    if pattern.is_empty() {
                        return Err(self.error(at, "S0301", "empty regular expression"));
                    }
                    self.pos += 1;
                    let flags_start = self.pos;
                    while matches!(bytes.get(self.pos), Some(b'i' | b'm')) {
                        self.pos += 1;
                    }
                    let flags = self.text[flags_start..self.pos].to_owned();
                    return Ok(Token {
                        kind: Kind::Regex(pattern, flags),
                        at,
                    });
                }
            }
            match b {
                b'(' | b'[' | b'{' if !escaped => depth += 1,
                b')' | b']' | b'}' if !escaped => depth -= 1,
                _ => {}
            }
            self.pos += 1;
        }
        Err(self.error(at, "S0302", "no terminating `/` in regular expression"))
    }

    fn string(&mut self, quote: char) -> Result<String, JsonataError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.rest().chars().next() else {
                return Err(self.error(open, "S0101", "unterminated string literal"));
            };
            self.pos += c.len_utf8();
            if c == quote {
                return Ok(out);
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let at = self.pos - 1;
            let Some(e) = self.rest().chars().next() else {
                return Err(self.error(open, "S0101", "unterminated string literal"));
            };
            self.pos += e.len_utf8();
            match e {
                '"' | '\\' | '/' => out.push(e),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    let hex = self
                        .rest()
                        .get(..4)
                        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                    let Some(hex) = hex else {
                        return Err(self.error(
                            at,
                            "S0104",
                            "`\\u` must be followed by 4 hex digits",
                        ));
                    };
                    let unit = u32::from_str_radix(hex, 16).unwrap_or(0xFFFD);
                    out.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
                    self.pos += 4;
                }
                other => {
                    return Err(self.error(
                        at,
                        "S0103",
                        format!("unsupported escape sequence `\\{other}` in a string literal"),
                    ));
                }
            }
        }
    }

    fn number(&mut self) -> Result<Token, JsonataError> {
        let at = self.pos;
        let bytes = self.text.as_bytes();
        let digits = |p: &mut usize| {
            let from = *p;
            while bytes.get(*p).is_some_and(u8::is_ascii_digit) {
                *p += 1;
            }
            *p > from
        };
        let mut p = self.pos;
        if bytes[p] == b'0' {
            p += 1;
        } else {
            digits(&mut p);
        }
        if bytes.get(p) == Some(&b'.') && bytes.get(p + 1).is_some_and(u8::is_ascii_digit) {
            p += 1;
            digits(&mut p);
        }
        if matches!(bytes.get(p), Some(b'e' | b'E')) {
            let mut q = p + 1;
            if matches!(bytes.get(q), Some(b'+' | b'-')) {
                q += 1;
            }
            if digits(&mut q) {
                p = q;
            }
        }
        let text = &self.text[at..p];
        self.pos = p;
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Token {
                kind: Kind::Number(n),
                at,
            }),
            _ => Err(self.error(at, "S0102", format!("number `{text}` is out of range"))),
        }
    }
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    node: Token,
    depth: usize,
}

/// An expression and the height of its tree.
type Node = (Expr, u32);

fn tall(e: Expr, heights: &[u32]) -> Node {
    (e, 1 + heights.iter().copied().max().unwrap_or(0))
}

impl Parser<'_> {
    fn error_at(&self, at: usize, code: &'static str, message: impl Into<String>) -> JsonataError {
        self.lexer.error(at, code, message)
    }

    /// Moves to the next token, first checking that the current one is `expected`.
    fn advance(&mut self, expected: Option<&str>, infix: bool) -> Result<Token, JsonataError> {
        if let Some(id) = expected
            && self.node.op() != Some(id)
        {
            return Err(if self.node.kind == Kind::End {
                self.error_at(
                    self.node.at,
                    "S0203",
                    format!("expected `{id}` before the end of the expression"),
                )
            } else {
                let found = self.node.describe();
                self.error_at(
                    self.node.at,
                    "S0202",
                    format!("expected `{id}`, found {found}"),
                )
            });
        }
        let next = self.lexer.next(infix)?;
        if let Kind::Op(op @ ("!" | "~")) = next.kind {
            return Err(self.error_at(next.at, "S0204", format!("unknown operator `{op}`")));
        }
        Ok(std::mem::replace(&mut self.node, next))
    }

    fn is(&self, op: &str) -> bool {
        self.node.op() == Some(op)
    }

    fn expression(&mut self, rbp: u8) -> Result<Node, JsonataError> {
        if self.depth >= MAX_NESTING {
            return Err(self.error_at(
                self.node.at,
                "S0299",
                format!("the expression nests more than {MAX_NESTING} levels deep"),
            ));
        }
        self.depth += 1;
        let t = self.advance(None, true)?;
        let mut left = self.nud(t)?;
        while rbp < self.node.lbp() {
            let t = self.advance(None, false)?;
            left = self.led(t, left)?;
            if left.1 > MAX_HEIGHT {
                return Err(self.error_at(
                    self.node.at,
                    "S0299",
                    format!("the expression is too deeply nested (more than {MAX_HEIGHT} levels)"),
                ));
            }
        }
        self.depth -= 1;
        Ok(left)
    }

    fn nud(&mut self, t: Token) -> Result<Node, JsonataError> {
        let leaf = |e| Ok((e, 1));
        match t.kind {
            Kind::Name(n) => leaf(Expr::Name(n)),
            Kind::Variable(n) => leaf(Expr::Variable(n)),
            Kind::String(s) => leaf(Expr::String(s)),
            Kind::Number(n) => leaf(Expr::Number(n)),
            Kind::Bool(b) => leaf(Expr::Bool(b)),
            Kind::Null => leaf(Expr::Null),
            Kind::Regex(pattern, flags) => leaf(Expr::Regex { pattern, flags }),
            Kind::End => Err(self.error_at(t.at, "S0207", "unexpected end of expression")),
            Kind::Op(op @ ("and" | "or" | "in")) => leaf(Expr::Name(op.to_owned())),
            Kind::Op("*") => leaf(Expr::Wildcard),
            Kind::Op("**") => leaf(Expr::Descendants),
            Kind::Op("%") => leaf(Expr::Parent),
            Kind::Op("-") => {
                let (e, h) = self.expression(70)?;
                Ok(tall(Expr::Negate(Box::new(e)), &[h]))
            }
            Kind::Op("(") => {
                let mut items = Vec::new();
                let mut heights = Vec::new();
                while !self.is(")") {
                    let (e, h) = self.expression(0)?;
                    items.push(e);
                    heights.push(h);
                    if !self.is(";") {
                        break;
                    }
                    self.advance(Some(";"), false)?;
                }
                self.advance(Some(")"), true)?;
                Ok(tall(Expr::Block(items), &heights))
            }
            Kind::Op("[") => {
                let mut items = Vec::new();
                let mut heights = Vec::new();
                if !self.is("]") {
                    loop {
                        let (mut item, mut h) = self.expression(0)?;
                        if self.is("..") {
                            self.advance(Some(".."), false)?;
                            let (rhs, rh) = self.expression(0)?;
                            (item, h) = tall(Expr::Range(Box::new(item), Box::new(rhs)), &[h, rh]);
                        }
                        items.push(item);
                        heights.push(h);
                        if !self.is(",") {
                            break;
                        }
                        self.advance(Some(","), false)?;
                    }
                }
                self.advance(Some("]"), true)?;
                Ok(tall(Expr::Array(items), &heights))
            }
            Kind::Op("{") => {
                let (pairs, h) = self.object()?;
                Ok((Expr::Object(pairs), h + 1))
            }
            Kind::Op("|") => {
                let (pattern, h1) = self.expression(0)?;
                self.advance(Some("|"), false)?;
                let (update, h2) = self.expression(0)?;
                let mut delete = None;
                let mut h3 = 0;
                if self.is(",") {
                    self.advance(Some(","), false)?;
                    let (d, h) = self.expression(0)?;
                    delete = Some(Box::new(d));
                    h3 = h;
                }
                self.advance(Some("|"), false)?;
                Ok(tall(
                    Expr::Transform {
                        pattern: Box::new(pattern),
                        update: Box::new(update),
                        delete,
                    },
                    &[h1, h2, h3],
                ))
            }
            Kind::Op(op) => Err(self.error_at(
                t.at,
                "S0211",
                format!("the symbol `{op}` cannot be used as a unary operator"),
            )),
        }
    }

    /// `{ k: v, … }` after the `{`; returns the pairs and the tallest height.
    fn object(&mut self) -> Result<(Vec<(Expr, Expr)>, u32), JsonataError> {
        let mut pairs = Vec::new();
        let mut height = 0;
        if !self.is("}") {
            loop {
                let (k, kh) = self.expression(0)?;
                self.advance(Some(":"), false)?;
                let (v, vh) = self.expression(0)?;
                height = height.max(kh).max(vh);
                pairs.push((k, v));
                if !self.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some("}"), true)?;
        Ok((pairs, height))
    }

    fn variable_operand(
        &self,
        e: Expr,
        at: usize,
        op: &str,
        code: &'static str,
    ) -> Result<String, JsonataError> {
        match e {
            Expr::Variable(name) => Ok(name),
            _ => Err(self.error_at(
                at,
                code,
                format!("the right side of `{op}` must be a variable name (starting with `$`)"),
            )),
        }
    }

    fn led(&mut self, t: Token, (left, lh): Node) -> Result<Node, JsonataError> {
        let Kind::Op(op) = t.kind else {
            return Err(self.error_at(t.at, "S0201", format!("unexpected {}", t.describe())));
        };
        let lbp = t.lbp();
        match op {
            "." => {
                let rhs_at = self.node.at;
                let (rhs, rh) = self.expression(lbp)?;
                for (step, at) in [(&left, t.at), (&rhs, rhs_at)] {
                    if let Expr::Number(_) | Expr::Bool(_) | Expr::Null = step {
                        return Err(self.error_at(
                            at,
                            "S0213",
                            "a literal value cannot be used as a step within a path expression",
                        ));
                    }
                }
                Ok(tall(Expr::Path(Box::new(left), Box::new(rhs)), &[lh, rh]))
            }
            "[" => {
                if self.is("]") {
                    self.advance(Some("]"), false)?;
                    return Ok(tall(Expr::KeepArray(Box::new(left)), &[lh]));
                }
                let (predicate, ph) = self.expression(0)?;
                self.advance(Some("]"), true)?;
                Ok(tall(
                    Expr::Filter {
                        lhs: Box::new(left),
                        predicate: Box::new(predicate),
                    },
                    &[lh, ph],
                ))
            }
            "{" => {
                let (pairs, h) = self.object()?;
                Ok(tall(
                    Expr::GroupBy {
                        lhs: Box::new(left),
                        pairs,
                    },
                    &[lh, h],
                ))
            }
            "(" => self.call(t.at, left, lh),
            "?" => {
                let (then, th) = self.expression(0)?;
                let mut otherwise = None;
                let mut oh = 0;
                if self.is(":") {
                    self.advance(Some(":"), false)?;
                    let (o, h) = self.expression(0)?;
                    otherwise = Some(Box::new(o));
                    oh = h;
                }
                Ok(tall(
                    Expr::Condition {
                        condition: Box::new(left),
                        then: Box::new(then),
                        otherwise,
                    },
                    &[lh, th, oh],
                ))
            }
            ":=" => {
                let Expr::Variable(name) = left else {
                    return Err(self.error_at(
                        t.at,
                        "S0212",
                        "the left side of `:=` must be a variable name (starting with `$`)",
                    ));
                };
                let (value, vh) = self.expression(lbp - 1)?;
                Ok(tall(
                    Expr::Bind {
                        name,
                        value: Box::new(value),
                    },
                    &[lh, vh],
                ))
            }
            "@" | "#" => {
                let at = self.node.at;
                let (rhs, rh) = self.expression(lbp)?;
                let code = if op == "@" { "S0214" } else { "S0215" };
                let name = self.variable_operand(rhs, at, op, code)?;
                let lhs = Box::new(left);
                let e = if op == "@" {
                    Expr::Focus { lhs, name }
                } else {
                    Expr::Index { lhs, name }
                };
                Ok(tall(e, &[lh, rh]))
            }
            "^" => {
                self.advance(Some("("), false)?;
                let mut terms = Vec::new();
                let mut height = lh;
                loop {
                    let mut descending = false;
                    if self.is("<") {
                        self.advance(Some("<"), false)?;
                    } else if self.is(">") {
                        descending = true;
                        self.advance(Some(">"), false)?;
                    }
                    let (e, h) = self.expression(0)?;
                    height = height.max(h);
                    terms.push((descending, e));
                    if !self.is(",") {
                        break;
                    }
                    self.advance(Some(","), false)?;
                }
                self.advance(Some(")"), true)?;
                Ok((
                    Expr::Sort {
                        lhs: Box::new(left),
                        terms,
                    },
                    height + 1,
                ))
            }
            _ => match BinaryOp::from_op(op) {
                Some(bin) => {
                    let (rhs, rh) = self.expression(lbp)?;
                    Ok(tall(
                        Expr::Binary {
                            op: bin,
                            lhs: Box::new(left),
                            rhs: Box::new(rhs),
                        },
                        &[lh, rh],
                    ))
                }
                None => Err(self.error_at(t.at, "S0201", format!("unexpected `{op}`"))),
            },
        }
    }

    /// `f(args)` or `function($a){ body }`, after the `(`.
    fn call(&mut self, at: usize, function: Expr, fh: u32) -> Result<Node, JsonataError> {
        let mut args = Vec::new();
        let mut arg_ats = Vec::new();
        let mut height = fh;
        if !self.is(")") {
            loop {
                arg_ats.push(self.node.at);
                if self.is("?") {
                    self.advance(Some("?"), false)?;
                    args.push(Expr::Placeholder);
                } else {
                    let (e, h) = self.expression(0)?;
                    height = height.max(h);
                    args.push(e);
                }
                if !self.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some(")"), true)?;
        let is_lambda = matches!(&function, Expr::Name(n) if n == "function" || n == "λ");
        if !is_lambda {
            return Ok((
                Expr::Call {
                    function: Box::new(function),
                    args,
                },
                height + 1,
            ));
        }
        let mut params = Vec::new();
        for (arg, arg_at) in args.into_iter().zip(arg_ats) {
            match arg {
                Expr::Variable(name) => params.push(name),
                _ => {
                    return Err(self.error_at(
                        arg_at,
                        "S0208",
                        "the parameters of a function definition must be variables (starting with `$`)",
                    ));
                }
            }
        }
        let mut signature = None;
        if self.is("<") {
            let start = self.node.at;
            let mut depth = 1usize;
            while depth > 0 && !self.is("{") && self.node.kind != Kind::End {
                self.advance(None, false)?;
                match self.node.op() {
                    Some(">") => depth -= 1,
                    Some("<") => depth += 1,
                    _ => {}
                }
            }
            let end = self.node.at;
            self.advance(Some(">"), false)?;
            signature = Some(self.lexer.text[start + 1..end].to_owned());
        }
        if !self.is("{") {
            let found = self.node.describe();
            return Err(self.error_at(
                self.node.at,
                "S0202",
                format!("expected `{{` to start the body of the function defined at offset {}, found {found}", crate::path::char_offset(self.lexer.text, at)),
            ));
        }
        self.advance(Some("{"), false)?;
        let (body, bh) = self.expression(0)?;
        self.advance(Some("}"), false)?;
        Ok((
            Expr::Lambda {
                params,
                signature,
                body: Box::new(body),
            },
            height.max(bh) + 1,
        ))
    }
}

impl fmt::Display for BinaryOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Modulo => "%",
            BinaryOp::Equal => "=",
            BinaryOp::NotEqual => "!=",
            BinaryOp::Less => "<",
            BinaryOp::LessEqual => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEqual => ">=",
            BinaryOp::Concat => "&",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::In => "in",
            BinaryOp::Chain => "~>",
            BinaryOp::Coalesce => "??",
            BinaryOp::Elvis => "?:",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Expr {
        parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn err(text: &str) -> (&'static str, usize) {
        let e = parse(text).unwrap_err();
        (e.code, e.offset)
    }

    #[test]
    fn accepts_the_whole_grammar() {
        for text in [
            "1+2",
            "$states.input.data.items",
            "$sum($states.input.numbers)",
            "Account.Order[0].Product[Price > 30].Description",
            "Account.Order.Product{`Product Name`: $sum(Price)}",
            "($x := 5; $y := $x * 2; $y)",
            "function($a, $b){ $a + $b }(1, 2)",
            "λ($a)<n:n>{ $a * 2 }",
            "$map([1..5], function($v, $i) { $v * $i })",
            "a ? b : c",
            "a ? b",
            "$x ~> $uppercase()",
            "$string(1) & 'x' & \"y\"",
            "x in [1, 2, 3] and not(false) or true",
            "/^[a-z]+$/i",
            "$match(s, /a\\/b[/]c/m)",
            "Phone[type='mobile'].number",
            "%.OrderID",
            "Order@$o.Product#$i",
            "Account.Order^(>Price, <Name)",
            "** .Price",
            "a.*.b",
            "$$.x",
            "$",
            "| Account.Order | {'x': 1}, ['y'] |",
            "a[]",
            "-(1)",
            "$f(?, 2)",
            "/* comment */ 1 /* another */",
            "$a ?? $b",
            "$a ?: $b",
            "{'a': 1, 'b': [1, {'c': null}]}",
            "\"\\u00e9\\n\\t\\\"\"",
            "1e10 + 0.5 - 2E-3",
            "$not(null in $each($x, function($v) { $length($trim($v)) > 0 ? $v : null }))",
            "(\n  $a := 1;\n)",
            "()",
            "a/b",
            "$count(x) / 2",
            "Product.(Price * Quantity)",
        ] {
            ok(text);
        }
    }

    #[test]
    fn builds_paths_left_to_right() {
        assert_eq!(
            ok("$states.input.x"),
            Expr::Path(
                Box::new(Expr::Path(
                    Box::new(Expr::Variable("states".into())),
                    Box::new(Expr::Name("input".into()))
                )),
                Box::new(Expr::Name("x".into()))
            )
        );
    }

    #[test]
    fn precedence_follows_jsonata() {
        assert_eq!(
            ok("1 + 2 * 3"),
            Expr::Binary {
                op: BinaryOp::Add,
                lhs: Box::new(Expr::Number(1.0)),
                rhs: Box::new(Expr::Binary {
                    op: BinaryOp::Multiply,
                    lhs: Box::new(Expr::Number(2.0)),
                    rhs: Box::new(Expr::Number(3.0)),
                }),
            }
        );
    }

    #[test]
    fn rejects_a_missing_operand() {
        // `*` is the wildcard, so the stray token is the `2`.
        assert_eq!(err("10 + * 2"), ("S0201", 7));
        assert_eq!(err("10 + "), ("S0207", 5));
    }

    #[test]
    fn rejects_jsonpath_syntax() {
        assert_eq!(err("$.store.book[?(@.price < 10)].title").0, "S0211");
    }

    #[test]
    fn rejects_an_unclosed_call() {
        assert_eq!(err("$sum($states.input.items.numbers"), ("S0203", 32));
    }

    #[test]
    fn rejects_unterminated_tokens() {
        assert_eq!(err("'abc"), ("S0101", 0));
        assert_eq!(err("`abc"), ("S0105", 0));
        assert_eq!(err("1 /* x"), ("S0106", 2));
        assert_eq!(err("$match(a, /abc)"), ("S0302", 10));
        assert_eq!(err("$match(a, //)"), ("S0301", 10));
    }

    #[test]
    fn rejects_bad_escapes() {
        assert_eq!(err(r#""a\qb""#), ("S0103", 2));
        assert_eq!(err(r#""\u12G4""#), ("S0104", 1));
    }

    #[test]
    fn rejects_trailing_tokens() {
        assert_eq!(err("a b"), ("S0201", 2));
        assert_eq!(err("1)"), ("S0201", 1));
        // A sequence needs parentheses.
        assert_eq!(err("$x := 5; $x"), ("S0201", 7));
    }

    #[test]
    fn rejects_an_empty_expression() {
        assert_eq!(err(""), ("S0207", 0));
        assert_eq!(err("   "), ("S0207", 3));
    }

    #[test]
    fn binding_needs_a_variable() {
        assert_eq!(err("a := 1").0, "S0212");
        assert_eq!(err("a@b").0, "S0214");
        assert_eq!(err("a#b").0, "S0215");
        assert_eq!(err("function(a){1}").0, "S0208");
    }

    #[test]
    fn literal_path_steps_are_rejected() {
        assert_eq!(err("a.1").0, "S0213");
        assert_eq!(err("a.true").0, "S0213");
        ok("a.'b'");
    }

    #[test]
    fn unknown_operators_are_rejected() {
        assert_eq!(err("a ! b"), ("S0204", 2));
    }

    #[test]
    fn offsets_count_characters() {
        assert_eq!(err("'Жж' +"), ("S0207", 6));
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(err(&deep).0, "S0299");
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(err(&deep).0, "S0299");
        let long = format!("1{}", "+1".repeat(100_000));
        assert_eq!(err(&long).0, "S0299");
        let ok_depth = format!("{}1{}", "(".repeat(50), ")".repeat(50));
        ok(&ok_depth);
    }

    #[test]
    fn variables_are_the_free_ones() {
        assert_eq!(
            variables("$a + $b.c + $states.input + $ + $$ + $sum($d) + $a"),
            ["a", "b", "d"]
        );
    }

    #[test]
    fn bound_names_are_not_free() {
        assert_eq!(variables("($x := 1; $x + $y)"), ["y"]);
        assert_eq!(variables("function($v){ $v + $w }"), ["w"]);
        assert_eq!(
            variables("Order@$o.Product#$i.[$o, $i]"),
            Vec::<String>::new()
        );
        assert_eq!(variables("$x + ($x := 1)"), ["x"]);
    }

    #[test]
    fn called_names_are_functions_not_variables() {
        assert_eq!(
            variables("$randomSeeded($states.input.x)"),
            Vec::<String>::new()
        );
        assert_eq!(variables("$map($xs, $string)"), ["xs"]);
    }

    #[test]
    fn states_fields_lists_what_is_read() {
        let e = ok("$states.result.a & $states.errorOutput & $states.result");
        assert_eq!(e.states_fields(), ["result", "errorOutput"]);
    }

    #[test]
    fn delimiters_must_be_exact() {
        assert_eq!(strip_delimiters("{%%}"), Some(""));
        assert_eq!(strip_delimiters("{%}"), None);
        assert_eq!(strip_delimiters("{% x %} "), None);
        assert_eq!(strip_delimiters("x %}"), None);
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "(",
            ")",
            "[",
            "{",
            "|",
            "?",
            ":",
            "$f(",
            "function(",
            "function($a)<",
            "function($a)<n",
            "a^(",
            "a[",
            "a{",
            "a{b",
            "`",
            "'\\",
            "\"\\u12",
            "/",
            "1e",
            "1.",
            "0x",
            "λ",
            "a..b",
            "[1..]",
            "*/",
            "/*",
            "~>",
            "..",
            "$a:=",
            "a ? :",
        ] {
            let _ = parse(text);
        }
    }
}
