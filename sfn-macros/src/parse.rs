//! Tokens → [`ast`](crate::ast). Each object is parsed entry by entry: a syntax error abandons
//! only the entry it is in (the parser skips to the next `,` of the same group), so one typo does
//! not hide the errors of other states.

use proc_macro2::{Delimiter, Group, Spacing, Span, TokenStream, TokenTree};
use serde_json::Number;

use crate::ast::{CmpOp, Cond, Entry, Key, Node, Object, When};
use crate::ctxt::Ctxt;

/// A position in one group's tokens.
pub(crate) struct Cursor {
    tokens: Vec<TokenTree>,
    pos: usize,
    /// Where "unexpected end" errors point: the closing delimiter of the group.
    end: Span,
}

impl Cursor {
    pub(crate) fn new(stream: TokenStream, end: Span) -> Self {
        Cursor {
            tokens: stream.into_iter().collect(),
            pos: 0,
            end,
        }
    }

    pub(crate) fn peek(&self) -> Option<&TokenTree> {
        self.tokens.get(self.pos)
    }

    fn peek_at(&self, n: usize) -> Option<&TokenTree> {
        self.tokens.get(self.pos + n)
    }

    pub(crate) fn next(&mut self) -> Option<TokenTree> {
        let token = self.tokens.get(self.pos).cloned();
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    /// The span of the next token, or of the group's end.
    pub(crate) fn span(&self) -> Span {
        self.peek().map_or(self.end, TokenTree::span)
    }

    /// Whether the next token is the punctuation `ch`.
    pub(crate) fn is_punct(&self, ch: char) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ch)
    }

    fn is_punct_at(&self, n: usize, ch: char) -> bool {
        matches!(self.peek_at(n), Some(TokenTree::Punct(p)) if p.as_char() == ch)
    }

    /// Whether the next two tokens are the joint punctuation `a` `b` (such as `=>`, `&&`).
    fn is_pair(&self, a: char, b: char) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == a && p.spacing() == Spacing::Joint)
            && self.is_punct_at(1, b)
    }

    pub(crate) fn eat_punct(&mut self, ch: char) -> Option<Span> {
        if self.is_punct(ch) {
            self.next().map(|t| t.span())
        } else {
            None
        }
    }

    /// Skips to just past the next `,` of this group (or to its end).
    fn skip_past_comma(&mut self) {
        while let Some(token) = self.next() {
            if matches!(&token, TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
        }
    }
}

fn err(span: Span, message: impl std::fmt::Display) -> syn::Error {
    syn::Error::new(span, message)
}

/// Parses a group's tokens as `entry, entry, ..` (trailing comma allowed).
pub(crate) fn object(cx: &Ctxt, stream: TokenStream, span: Span, close: Span) -> Object {
    let errors_before = cx.error_count();
    let mut cursor = Cursor::new(stream, close);
    let mut entries = Vec::new();
    let mut skipped = false;
    while !cursor.is_empty() {
        match entry(cx, &mut cursor) {
            Ok(e) => entries.push(e),
            Err(e) => {
                cx.push(e);
                cursor.skip_past_comma();
                skipped = true;
                continue;
            }
        }
        if cursor.is_empty() || cursor.eat_punct(',').is_some() {
            continue;
        }
        cx.push(err(cursor.span(), "expected `,` between entries"));
        cursor.skip_past_comma();
        skipped = true;
    }
    Object {
        entries,
        span,
        close,
        skipped,
        broken: cx.error_count() > errors_before,
    }
}

fn object_group(cx: &Ctxt, group: &Group) -> Object {
    object(cx, group.stream(), group.span(), group.span_close())
}

fn key(token: Option<TokenTree>, end: Span) -> syn::Result<Key> {
    match token {
        Some(TokenTree::Ident(ident)) => {
            let text = ident.to_string();
            let name = text.strip_prefix("r#").unwrap_or(&text).to_owned();
            Ok(Key {
                name,
                span: ident.span(),
                quoted: false,
            })
        }
        Some(TokenTree::Literal(lit)) => match syn::Lit::new(lit.clone()) {
            syn::Lit::Str(s) if s.suffix().is_empty() => Ok(Key {
                name: s.value(),
                span: lit.span(),
                quoted: true,
            }),
            _ => Err(err(lit.span(), "expected a name or a string literal")),
        },
        Some(other) => Err(err(other.span(), "expected a name or a string literal")),
        None => Err(err(end, "expected a name or a string literal")),
    }
}

fn entry(cx: &Ctxt, cursor: &mut Cursor) -> syn::Result<Entry> {
    if let Some(TokenTree::Ident(ident)) = cursor.peek()
        && ident == "when"
        && !cursor.is_punct_at(1, ':')
        && !cursor.is_punct_at(1, ',')
        && cursor.peek_at(1).is_some()
    {
        let keyword = ident.span();
        cursor.next();
        return when(cx, cursor, keyword).map(Entry::When);
    }
    let end = cursor.end;
    let key = key(cursor.next(), end)?;
    if cursor.eat_punct(':').is_some() {
        let value = value(cx, cursor)?;
        return Ok(Entry::Field {
            key,
            value: Some(value),
        });
    }
    if cursor.is_empty() || cursor.is_punct(',') {
        return Ok(Entry::Field { key, value: None });
    }
    Err(err(
        cursor.span(),
        format!("expected `:` or `,` after `{}`", key.name),
    ))
}

/// A JSON-like value, a bare identifier or a tagged object.
pub(crate) fn value(cx: &Ctxt, cursor: &mut Cursor) -> syn::Result<Node> {
    let end = cursor.end;
    let Some(token) = cursor.next() else {
        return Err(err(end, "expected a value"));
    };
    match token {
        TokenTree::Literal(lit) => literal(&lit, false, lit.span()),
        TokenTree::Punct(p) if p.as_char() == '-' => match cursor.next() {
            Some(TokenTree::Literal(lit)) => literal(&lit, true, p.span()),
            other => Err(err(
                other.map_or(end, |t| t.span()),
                "expected a number after `-`",
            )),
        },
        TokenTree::Ident(ident) => {
            let key = key(Some(TokenTree::Ident(ident)), end)?;
            if let Some(TokenTree::Group(g)) = cursor.peek()
                && g.delimiter() == Delimiter::Brace
            {
                let g = g.clone();
                cursor.next();
                return Ok(Node::Tagged(key, object_group(cx, &g)));
            }
            Ok(Node::Ident(key))
        }
        TokenTree::Group(g) => match g.delimiter() {
            Delimiter::Brace => Ok(Node::Object(object_group(cx, &g))),
            Delimiter::Bracket => Ok(Node::Array(array(cx, &g), g.span())),
            Delimiter::None => {
                // An invisible group from a `macro_rules!` fragment: look inside.
                let mut inner = Cursor::new(g.stream(), g.span());
                let node = value(cx, &mut inner)?;
                match inner.peek() {
                    None => Ok(node),
                    Some(t) => Err(err(t.span(), "unexpected token")),
                }
            }
            Delimiter::Parenthesis => Err(err(
                g.span(),
                "expected a value: a string, number, `true`, `false`, `null`, `[..]` or `{..}`",
            )),
        },
        TokenTree::Punct(p) => Err(err(
            p.span(),
            format!("expected a value, found `{}`", p.as_char()),
        )),
    }
}

/// Parses the macro input's top-level tokens; every syntax error, at any depth, goes to `cx`.
pub(crate) fn input(cx: &Ctxt, stream: TokenStream, span: Span, close: Span) -> Object {
    object(cx, stream, span, close)
}

/// Parses one value from a whole stream (the input of `asl!`).
pub(crate) fn single_value(cx: &Ctxt, stream: TokenStream) -> Option<Node> {
    let mut cursor = Cursor::new(stream, Span::call_site());
    match value(cx, &mut cursor) {
        Ok(node) => {
            if let Some(t) = cursor.peek() {
                cx.error_at(t.span(), "unexpected token after the definition");
            }
            Some(node)
        }
        Err(e) => {
            cx.push(e);
            None
        }
    }
}

fn array(cx: &Ctxt, group: &Group) -> Vec<Node> {
    let mut cursor = Cursor::new(group.stream(), group.span_close());
    let mut items = Vec::new();
    while !cursor.is_empty() {
        match value(cx, &mut cursor) {
            Ok(node) => items.push(node),
            Err(e) => {
                cx.push(e);
                cursor.skip_past_comma();
                continue;
            }
        }
        if cursor.is_empty() || cursor.eat_punct(',').is_some() {
            continue;
        }
        cx.push(err(cursor.span(), "expected `,` between items"));
        cursor.skip_past_comma();
    }
    items
}

fn literal(lit: &proc_macro2::Literal, negative: bool, start: Span) -> syn::Result<Node> {
    let span = lit.span();
    let bad_suffix = |suffix: &str| {
        err(
            span,
            format!("remove the suffix `{suffix}`: numbers here are JSON numbers"),
        )
    };
    match syn::Lit::new(lit.clone()) {
        syn::Lit::Str(s) if !negative => {
            if !s.suffix().is_empty() {
                return Err(err(span, "unexpected suffix on a string literal"));
            }
            Ok(Node::Str(s.value(), span))
        }
        syn::Lit::Int(i) => {
            if !i.suffix().is_empty() {
                return Err(bad_suffix(i.suffix()));
            }
            let number = if negative {
                format!("-{}", i.base10_digits())
                    .parse::<i64>()
                    .map(Number::from)
                    .map_err(|_| err(span, "number out of range: it must fit in 64 bits"))?
            } else {
                i.base10_digits()
                    .parse::<u64>()
                    .map(Number::from)
                    .map_err(|_| err(span, "number out of range: it must fit in 64 bits"))?
            };
            Ok(Node::Num(number, if negative { start } else { span }))
        }
        syn::Lit::Float(f) => {
            if !f.suffix().is_empty() {
                return Err(bad_suffix(f.suffix()));
            }
            let value: f64 = f
                .base10_digits()
                .parse()
                .map_err(|_| err(span, "malformed number"))?;
            let value = if negative { -value } else { value };
            Number::from_f64(value)
                .map(|n| Node::Num(n, if negative { start } else { span }))
                .ok_or_else(|| err(span, "number out of range"))
        }
        _ => Err(err(
            span,
            "expected a string or a number (character and byte literals are not JSON)",
        )),
    }
}

/// `when <condition> => Target[ { extras } ]`, the `when` keyword already consumed.
fn when(cx: &Ctxt, cursor: &mut Cursor, keyword: Span) -> syn::Result<When> {
    // The condition's tokens run up to `=>` (not inside a group, so a plain scan finds it).
    let mut condition_tokens = Vec::new();
    loop {
        if cursor.is_empty() || cursor.is_punct(',') {
            return Err(err(
                cursor.span(),
                "expected `=> Target` after the condition",
            ));
        }
        if cursor.is_pair('=', '>') {
            cursor.next();
            cursor.next();
            break;
        }
        if let Some(t) = cursor.next() {
            condition_tokens.push(t);
        }
    }
    let arrow = cursor.span();
    if condition_tokens.is_empty() {
        return Err(err(keyword, "expected a condition after `when`"));
    }
    let mut inner = Cursor {
        tokens: condition_tokens,
        pos: 0,
        end: arrow,
    };
    let condition = or(cx, &mut inner)?;
    if let Some(t) = inner.peek() {
        return Err(err(
            t.span(),
            "expected `&&`, `||` or `=>` after a comparison",
        ));
    }
    let target = value(cx, cursor)?;
    Ok(When {
        keyword,
        condition,
        target,
    })
}

fn or(cx: &Ctxt, cursor: &mut Cursor) -> syn::Result<Cond> {
    let mut all = vec![and(cx, cursor)?];
    while cursor.is_pair('|', '|') {
        cursor.next();
        cursor.next();
        all.push(and(cx, cursor)?);
    }
    Ok(if all.len() == 1 {
        all.remove(0)
    } else {
        Cond::Or(all)
    })
}

fn and(cx: &Ctxt, cursor: &mut Cursor) -> syn::Result<Cond> {
    let mut all = vec![unary(cx, cursor)?];
    while cursor.is_pair('&', '&') {
        cursor.next();
        cursor.next();
        all.push(unary(cx, cursor)?);
    }
    Ok(if all.len() == 1 {
        all.remove(0)
    } else {
        Cond::And(all)
    })
}

fn unary(cx: &Ctxt, cursor: &mut Cursor) -> syn::Result<Cond> {
    if cursor.is_punct('!') && !cursor.is_pair('!', '=') {
        let span = cursor.span();
        cursor.next();
        return Ok(Cond::Not(Box::new(unary(cx, cursor)?), span));
    }
    primary(cx, cursor)
}

fn comparison_op(cursor: &mut Cursor) -> Option<(CmpOp, Span)> {
    let span = cursor.span();
    let pairs = [
        ('=', '=', CmpOp::Eq),
        ('!', '=', CmpOp::Ne),
        ('<', '=', CmpOp::Le),
        ('>', '=', CmpOp::Ge),
    ];
    for (a, b, op) in pairs {
        if cursor.is_pair(a, b) {
            cursor.next();
            cursor.next();
            return Some((op, span));
        }
    }
    for (ch, op) in [('<', CmpOp::Lt), ('>', CmpOp::Gt)] {
        if cursor.is_punct(ch) {
            cursor.next();
            return Some((op, span));
        }
    }
    None
}

fn string_literal(token: Option<&TokenTree>) -> Option<(String, Span)> {
    match token {
        Some(TokenTree::Literal(lit)) => match syn::Lit::new(lit.clone()) {
            syn::Lit::Str(s) if s.suffix().is_empty() => Some((s.value(), lit.span())),
            _ => None,
        },
        _ => None,
    }
}

fn primary(cx: &Ctxt, cursor: &mut Cursor) -> syn::Result<Cond> {
    let expected = "expected a comparison such as `\"$.amount\" > 100`, an operator call such as `is_present(\"$.x\")`, `!`, `(..)` or a JSONata string";
    match cursor.peek().cloned() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
            cursor.next();
            let mut inner = Cursor::new(g.stream(), g.span_close());
            let cond = or(cx, &mut inner)?;
            if let Some(t) = inner.peek() {
                return Err(err(t.span(), "expected `)`"));
            }
            Ok(cond)
        }
        Some(TokenTree::Literal(_)) => {
            let Some(variable) = string_literal(cursor.peek()) else {
                return Err(err(cursor.span(), expected));
            };
            cursor.next();
            match comparison_op(cursor) {
                Some(op) => {
                    let operand = value(cx, cursor)?;
                    Ok(Cond::Compare {
                        variable,
                        op,
                        operand,
                    })
                }
                None => Ok(Cond::Jsonata(variable.0, variable.1)),
            }
        }
        Some(TokenTree::Ident(ident)) => {
            cursor.next();
            let operator = Key {
                name: ident.to_string(),
                span: ident.span(),
                quoted: false,
            };
            let Some(TokenTree::Group(args)) = cursor.next() else {
                return Err(err(
                    ident.span(),
                    format!("expected `{ident}(\"$.path\", ..)`"),
                ));
            };
            if args.delimiter() != Delimiter::Parenthesis {
                return Err(err(args.span(), format!("expected `{ident}(..)`")));
            }
            let mut inner = Cursor::new(args.stream(), args.span_close());
            let Some(variable) = string_literal(inner.peek()) else {
                return Err(err(
                    inner.span(),
                    "expected the variable's path as a string literal",
                ));
            };
            inner.next();
            let operand = if inner.eat_punct(',').is_some() && !inner.is_empty() {
                Some(value(cx, &mut inner)?)
            } else {
                None
            };
            inner.eat_punct(',');
            if let Some(t) = inner.peek() {
                return Err(err(t.span(), "expected `)`"));
            }
            Ok(Cond::Call {
                operator,
                variable,
                operand,
                close: args.span_close(),
            })
        }
        _ => Err(err(cursor.span(), expected)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(tokens: TokenStream) -> (Object, Vec<String>) {
        let cx = Ctxt::new();
        let object = input(&cx, tokens, Span::call_site(), Span::call_site());
        let errors = match cx.check() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        };
        (object, errors)
    }

    #[test]
    fn states_flags_and_nested_objects_parse() {
        let (object, errors) =
            parse(quote! { A: task { resource: "r", end }, "주문 검증": succeed, });
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(object.entries.len(), 2);
        let Entry::Field {
            key,
            value: Some(Node::Tagged(kind, body)),
        } = &object.entries[0]
        else {
            panic!("expected a tagged state");
        };
        assert_eq!((key.name.as_str(), kind.name.as_str()), ("A", "task"));
        assert!(matches!(&body.entries[1], Entry::Field { key, value: None } if key.name == "end"));
        assert!(
            matches!(&object.entries[1], Entry::Field { key, .. } if key.name == "주문 검증" && key.quoted)
        );
    }

    #[test]
    fn one_syntax_error_does_not_hide_the_next_entry() {
        let (object, errors) = parse(quote! { A: pass { next: = }, B: pass { end: ; } });
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(object.entries.len(), 2);
    }

    #[test]
    fn when_rules_parse_with_precedence() {
        let (object, errors) = parse(quote! {
            C: choice { when "$.a" > 1 && !is_present("$.b") || "$.c" == "x" => T, default: U }
        });
        assert!(errors.is_empty(), "{errors:?}");
        let Entry::Field {
            value: Some(Node::Tagged(_, body)),
            ..
        } = &object.entries[0]
        else {
            panic!("expected a state");
        };
        let Entry::When(rule) = &body.entries[0] else {
            panic!("expected a when rule");
        };
        let Cond::Or(any) = &rule.condition else {
            panic!("expected || at the top");
        };
        assert!(matches!(&any[0], Cond::And(all) if matches!(all[1], Cond::Not(..))));
        assert!(matches!(
            &any[1],
            Cond::Compare {
                op: (CmpOp::Eq, _),
                ..
            }
        ));
    }

    #[test]
    fn numbers_keep_their_json_kind() {
        let (object, errors) = parse(quote! { a: -3, b: 2.5, c: 18446744073709551615 });
        assert!(errors.is_empty(), "{errors:?}");
        let numbers: Vec<String> = object
            .entries
            .iter()
            .map(|e| match e {
                Entry::Field {
                    value: Some(Node::Num(n, _)),
                    ..
                } => n.to_string(),
                _ => panic!("expected a number"),
            })
            .collect();
        assert_eq!(numbers, ["-3", "2.5", "18446744073709551615"]);
    }

    #[test]
    fn suffixed_and_oversized_numbers_are_errors() {
        let (_, errors) = parse(quote! { a: 3u8, b: 18446744073709551616 });
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("remove the suffix `u8`")));
        assert!(errors.iter().any(|e| e.contains("out of range")));
    }
}
