//! The syntax tree of the macro's input. It is deliberately generic (JSON-like values, objects
//! of `key: value` entries, `kind { .. }` tagged objects and Choice `when` rules): *what* a key
//! means is decided by `lower`, from the tables in `symbol`. Every node keeps its span.

use proc_macro2::Span;
use serde_json::Number;

/// A key as written: an identifier (`next`, `ValidateOrder`) or a string literal (`"주문 검증"`).
#[derive(Clone, Debug)]
pub(crate) struct Key {
    pub(crate) name: String,
    pub(crate) span: Span,
    /// Written as a string literal.
    pub(crate) quoted: bool,
}

/// `{ entry, entry, .. }`, or the whole macro input.
#[derive(Debug)]
pub(crate) struct Object {
    pub(crate) entries: Vec<Entry>,
    /// The whole group (the call site for the macro input).
    pub(crate) span: Span,
    /// The closing brace.
    pub(crate) close: Span,
    /// A syntax error made the parser drop one of this object's own entries.
    pub(crate) skipped: bool,
    /// A syntax error anywhere inside (nested groups included).
    pub(crate) broken: bool,
}

#[derive(Debug)]
pub(crate) enum Entry {
    /// `key: value`, or a bare `key` (a flag such as `end`) when `value` is `None`.
    Field { key: Key, value: Option<Node> },
    /// `when <condition> => Target`.
    When(When),
}

#[derive(Debug)]
pub(crate) enum Node {
    Str(String, Span),
    Num(Number, Span),
    /// A bare identifier, `true`, `false` and `null` included.
    Ident(Key),
    Array(Vec<Node>, Span),
    Object(Object),
    /// `kind { .. }`: a state (`task { .. }`) or a rule target with extras.
    Tagged(Key, Object),
}

impl Node {
    pub(crate) fn span(&self) -> Span {
        match self {
            Node::Str(_, span) | Node::Num(_, span) | Node::Array(_, span) => *span,
            Node::Ident(key) | Node::Tagged(key, _) => key.span,
            Node::Object(object) => object.span,
        }
    }

    /// The last token's span (the closing brace of an object).
    pub(crate) fn end_span(&self) -> Span {
        match self {
            Node::Object(object) | Node::Tagged(_, object) => object.close,
            other => other.span(),
        }
    }
}

/// `when <condition> => Target` in a Choice state.
#[derive(Debug)]
pub(crate) struct When {
    pub(crate) keyword: Span,
    pub(crate) condition: Cond,
    /// The target: an identifier or string, optionally with `{ assign: .., output: .., comment: .. }`.
    pub(crate) target: Node,
}

/// A comparison operator written as a symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug)]
pub(crate) enum Cond {
    /// `"$.path" <op> operand`.
    Compare {
        variable: (String, Span),
        op: (CmpOp, Span),
        operand: Node,
    },
    /// `operator_name("$.path")` or `operator_name("$.path", operand)`.
    Call {
        operator: Key,
        variable: (String, Span),
        operand: Option<Node>,
        close: Span,
    },
    /// A lone string: a JSONata `{% .. %}` condition.
    Jsonata(String, Span),
    Not(Box<Cond>, Span),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

impl Cond {
    pub(crate) fn span(&self) -> Span {
        match self {
            Cond::Compare { variable, .. } | Cond::Call { variable, .. } => variable.1,
            Cond::Jsonata(_, span) | Cond::Not(_, span) => *span,
            Cond::And(all) | Cond::Or(all) => all.first().map_or_else(Span::call_site, Cond::span),
        }
    }

    pub(crate) fn end_span(&self) -> Span {
        match self {
            Cond::Compare { operand, .. } => operand.end_span(),
            Cond::Call { close, .. } => *close,
            Cond::Jsonata(_, span) => *span,
            Cond::Not(inner, _) => inner.end_span(),
            Cond::And(all) | Cond::Or(all) => {
                all.last().map_or_else(Span::call_site, Cond::end_span)
            }
        }
    }
}
