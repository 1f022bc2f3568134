//! The three macros end to end (parse → check → lower → validate → expand), and the code they
//! generate: the ASL JSON as a string literal wrapped in `::sfn_dsl::CompiledWorkflow`, plus one
//! typed constant per state.

use std::collections::HashSet;
use std::path::PathBuf;

use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};
use serde_json::Value;
use sfn_asl::Pointer;

use crate::ctxt::Ctxt;
use crate::parse::Cursor;
use crate::span_map::{SpanMap, with_help};
use crate::{dummy, lower, parse, validate};

/// `workflow! { .. }`.
pub(crate) fn workflow(input: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let (form, body) = header(&cx, input);
    let (body_stream, span, close) = body;
    let object = parse::input(&cx, body_stream, span, close);
    // States with syntax or lowering errors are holes: sfn-asl still checks the rest, and says
    // nothing about what the holes may only lack because of an earlier error.
    let lowered = lower::workflow(&cx, &object);
    let names = state_names(&lowered.json, &lowered.spans);
    let machine = validate::run(&cx, lowered.json, &lowered.spans, lowered.holes);
    finish(
        cx,
        &form,
        machine.map(|m| m.to_json()),
        &names,
        TokenStream::new(),
    )
}

/// `asl!(..)`: inline JSON as tokens or as one string literal.
pub(crate) fn asl(input: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let (form, (mut stream, span, _)) = header(&cx, input);
    let mut tokens = stream.clone().into_iter();
    if let (
        Form::Item { .. },
        Some(TokenTree::Punct(_) | TokenTree::Ident(_) | TokenTree::Literal(_)),
        Some(_),
    ) = (&form, tokens.next(), tokens.next())
    {
        // The item form's header took the braces off the JSON object: put them back.
        let mut group = Group::new(Delimiter::Brace, stream);
        group.set_span(span);
        stream = TokenStream::from(TokenTree::Group(group));
    }
    let mut tokens = stream.clone().into_iter();
    if let (Some(TokenTree::Literal(lit)), None) = (tokens.next(), tokens.next())
        && let syn::Lit::Str(text) = syn::Lit::new(lit.clone())
    {
        let (json, names) = text_document(&cx, &text.value(), lit.span(), None);
        return finish(cx, &form, json, &names, TokenStream::new());
    }
    let Some(node) = parse::single_value(&cx, stream) else {
        return finish(cx, &form, None, &[], TokenStream::new());
    };
    let lowered = lower::json_document(&cx, &node);
    let names = state_names(&lowered.json, &lowered.spans);
    let machine = if cx.has_errors() {
        None
    } else {
        validate::run(&cx, lowered.json, &lowered.spans, lowered.holes)
    };
    finish(
        cx,
        &form,
        machine.map(|m| m.to_json()),
        &names,
        TokenStream::new(),
    )
}

/// `include_asl!("path.json")`, relative to the crate's `Cargo.toml`.
pub(crate) fn include_asl(input: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let (form, (stream, span, _)) = header(&cx, input);
    let mut tokens = stream.into_iter();
    let path = match (tokens.next(), tokens.next()) {
        (Some(TokenTree::Literal(lit)), None) => match syn::Lit::new(lit.clone()) {
            syn::Lit::Str(path) => Some((path.value(), lit.span())),
            _ => None,
        },
        _ => None,
    };
    let Some((path, span)) = path else {
        cx.error_at(
            span,
            "expected a path: `include_asl!(\"workflows/order.asl.json\")`",
        );
        return finish(cx, &form, None, &[], TokenStream::new());
    };
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let full = base.join(&path);
    let text = match std::fs::read_to_string(&full) {
        Ok(text) => text,
        Err(error) => {
            cx.error_at(
                span,
                format!("cannot read `{path}` (relative to the crate's Cargo.toml): {error}"),
            );
            return finish(cx, &form, None, &[], TokenStream::new());
        }
    };
    // Rebuild when the file changes.
    let full_text = full.to_string_lossy().into_owned();
    let track = quote! { const _: &[u8] = ::core::include_bytes!(#full_text); };
    let (json, names) = text_document(&cx, &text, span, Some(&path));
    finish(cx, &form, json, &names, track)
}

/// Checks a definition given as text; every diagnostic goes on `span`, with its pointer and
/// line:column in the message.
fn text_document(
    cx: &Ctxt,
    text: &str,
    span: Span,
    file: Option<&str>,
) -> (Option<String>, Vec<(String, Span)>) {
    let names = serde_json::from_str::<Value>(text)
        .map(|json| {
            let spans = SpanMap::new(span);
            state_names(&json, &spans)
        })
        .unwrap_or_default();
    let diagnostics = match sfn_asl::parse(text) {
        Ok(machine) => {
            let diagnostics = sfn_asl::validate_str(text);
            if !diagnostics.has_errors() {
                return (Some(machine.to_json()), names);
            }
            diagnostics
        }
        Err(error) => error.diagnostics,
    };
    for d in diagnostics.errors() {
        let place = match d.location {
            Some(l) => format!("{} (line {}, column {})", d.pointer, l.line, l.column),
            None => d.pointer.to_string(),
        };
        let place = match file {
            Some(file) => format!("{file}: {place}"),
            None => place,
        };
        let message = format!("{}\n= note: at {place}", d.message);
        cx.error_at(span, with_help(&message, d.help.as_deref()));
    }
    (None, names)
}

/// How the value is delivered.
pub(crate) enum Form {
    /// An expression: `let wf = workflow! { .. };`.
    Expr,
    /// An item: `workflow! { pub static ORDER: OrderStates = { .. }; }`.
    Item {
        attrs: TokenStream,
        vis: TokenStream,
        keyword: Ident,
        name: Ident,
        ty: Ident,
    },
}

type Body = (TokenStream, Span, Span);

/// Splits off the item-form header `#[..] pub static NAME: Type =`, if there is one; returns the
/// body's tokens with the spans errors about the whole body go to.
fn header(cx: &Ctxt, input: TokenStream) -> (Form, Body) {
    let call = Span::call_site();
    let tokens: Vec<TokenTree> = input.clone().into_iter().collect();
    let is_item = match (tokens.first(), tokens.get(1)) {
        (Some(TokenTree::Punct(p)), _) => p.as_char() == '#',
        (Some(TokenTree::Ident(i)), second) => {
            (i == "pub" || i == "static" || i == "const")
                && !matches!(second, Some(TokenTree::Punct(p)) if p.as_char() == ':')
        }
        _ => false,
    };
    if !is_item {
        return (Form::Expr, (input, call, call));
    }
    let mut cursor = Cursor::new(input, call);
    let mut attrs = TokenStream::new();
    while cursor.is_punct('#') {
        let hash = cursor.next();
        match cursor.next() {
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => {
                attrs.extend(hash);
                attrs.extend([TokenTree::Group(g)]);
            }
            other => {
                cx.error_at(
                    other.map_or(call, |t| t.span()),
                    "expected `[..]` after `#`",
                );
                return (Form::Expr, (TokenStream::new(), call, call));
            }
        }
    }
    let mut vis = TokenStream::new();
    if let Some(TokenTree::Ident(i)) = cursor.peek()
        && i == "pub"
    {
        vis.extend(cursor.next());
        if let Some(TokenTree::Group(g)) = cursor.peek()
            && g.delimiter() == Delimiter::Parenthesis
        {
            vis.extend(cursor.next());
        }
    }
    let expected = "expected `static NAME: StatesType = { .. }`";
    let keyword = match cursor.next() {
        Some(TokenTree::Ident(i)) if i == "static" || i == "const" => i,
        other => {
            cx.error_at(other.map_or(call, |t| t.span()), expected);
            return (Form::Expr, (TokenStream::new(), call, call));
        }
    };
    let ident = |cursor: &mut Cursor| match cursor.next() {
        Some(TokenTree::Ident(i)) => Some(i),
        other => {
            cx.error_at(other.map_or(call, |t| t.span()), expected);
            None
        }
    };
    let Some(name) = ident(&mut cursor) else {
        return (Form::Expr, (TokenStream::new(), call, call));
    };
    if cursor.eat_punct(':').is_none() {
        cx.error_at(cursor.span(), expected);
        return (Form::Expr, (TokenStream::new(), call, call));
    }
    let Some(ty) = ident(&mut cursor) else {
        return (Form::Expr, (TokenStream::new(), call, call));
    };
    if cursor.eat_punct('=').is_none() {
        cx.error_at(cursor.span(), expected);
        return (Form::Expr, (TokenStream::new(), call, call));
    }
    let form = Form::Item {
        attrs,
        vis,
        keyword,
        name,
        ty,
    };
    let body = match cursor.next() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
            (g.stream(), g.span(), g.span_close())
        }
        // `asl!`/`include_asl!` item forms take a literal after `=`.
        Some(TokenTree::Literal(lit)) => {
            let span = lit.span();
            (TokenStream::from(TokenTree::Literal(lit)), span, span)
        }
        other => {
            cx.error_at(
                other.map_or(call, |t| t.span()),
                "expected `{ .. }` after `=`",
            );
            (TokenStream::new(), call, call)
        }
    };
    cursor.eat_punct(';');
    if let Some(t) = cursor.peek() {
        cx.error_at(t.span(), "unexpected token after the workflow");
    }
    (form, body)
}

/// Every state name of the machine (nested scopes included, depth first in written order), with
/// the span of the token that named it.
fn state_names(json: &Value, spans: &SpanMap) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    collect_names(json, &Pointer::root(), spans, &mut out);
    out
}

fn collect_names(scope: &Value, at: &Pointer, spans: &SpanMap, out: &mut Vec<(String, Span)>) {
    let Some(Value::Object(states)) = scope.get("States") else {
        return;
    };
    let states_at = at.field("States");
    for (name, state) in states {
        let state_at = states_at.field(name);
        let span = spans
            .find(&state_at)
            .map_or_else(Span::call_site, |(site, _)| site.key);
        out.push((name.clone(), span));
        if let Some(Value::Array(branches)) = state.get("Branches") {
            let branches_at = state_at.field("Branches");
            for (i, branch) in branches.iter().enumerate() {
                collect_names(branch, &branches_at.index(i), spans, out);
            }
        }
        for field in ["ItemProcessor", "Iterator"] {
            if let Some(processor) = state.get(field) {
                collect_names(processor, &state_at.field(field), spans, out);
            }
        }
    }
}

/// The checked output, or on error the `compile_error!`s plus a value of the same type.
fn finish(
    cx: Ctxt,
    form: &Form,
    json: Option<String>,
    names: &[(String, Span)],
    extra: TokenStream,
) -> TokenStream {
    match (cx.check(), json) {
        (Ok(()), Some(json)) => emit(form, &json, names, extra),
        (Ok(()), None) => {
            // Every path that yields no JSON records an error; this is only reached through a bug.
            let error = syn::Error::new(
                Span::call_site(),
                "internal error in sfn-macros, please report: no definition and no error",
            );
            dummy::with_errors(form, vec![error], names, |form, names| {
                emit(form, "", names, TokenStream::new())
            })
        }
        (Err(errors), _) => dummy::with_errors(form, errors, names, |form, names| {
            emit(form, "", names, TokenStream::new())
        }),
    }
}

/// The generated code.
pub(crate) fn emit(
    form: &Form,
    json: &str,
    names: &[(String, Span)],
    extra: TokenStream,
) -> TokenStream {
    let json = Literal::string(json);
    let fields = unique_idents(names, field_name);
    let field_docs = names
        .iter()
        .map(|(name, _)| format!(" The state `{name}`."));
    let name_literals: Vec<Literal> = names.iter().map(|(n, _)| Literal::string(n)).collect();
    let state_id = quote!(::sfn_dsl::StateId);
    let private = quote!(::sfn_dsl::__private);
    match form {
        Form::Expr => {
            let ty = format_ident!("WorkflowStates");
            quote! {{
                #extra
                /// The states of this workflow: one field per state, named after it.
                #[allow(non_snake_case, dead_code)]
                #[derive(Clone, Copy, Debug)]
                struct #ty { #( #[doc = #field_docs] pub #fields: #state_id, )* }
                #private::workflow(#json, #ty { #( #fields: #private::state(#name_literals), )* })
            }}
        }
        Form::Item {
            attrs,
            vis,
            keyword,
            name,
            ty,
        } => {
            let consts = unique_idents(names, const_name);
            let ty_doc = format!(
                " The states of [`{name}`]: one field (and one constant) per state, named after it."
            );
            let const_docs = names.iter().map(|(n, _)| format!(" The state `{n}`."));
            quote! {
                #extra
                #[doc = #ty_doc]
                #[allow(non_snake_case, dead_code)]
                #[derive(Clone, Copy, Debug)]
                #vis struct #ty { #( #[doc = #field_docs] pub #fields: #state_id, )* }
                #[allow(non_upper_case_globals, dead_code)]
                impl #ty {
                    #( #[doc = #const_docs] pub const #consts: #state_id = #private::state(#name_literals); )*
                }
                #attrs
                #vis #keyword #name: ::sfn_dsl::CompiledWorkflow<#ty> =
                    #private::workflow(#json, #ty { #( #fields: #private::state(#name_literals), )* });
            }
        }
    }
}

/// A Rust identifier for a state name: the name itself when it is one (`ValidateOrder`, `주문`),
/// else every character that cannot be in an identifier replaced by `_` (`주문 검증` →
/// `주문_검증`), a leading digit prefixed with `_`, and a keyword suffixed with `_`.
pub(crate) fn field_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if unicode_ident::is_xid_continue(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out
        .chars()
        .next()
        .is_some_and(|c| unicode_ident::is_xid_start(c) || c == '_')
    {
        out.insert(0, '_');
    }
    out
}

/// The constant's name: `ValidateOrder` → `VALIDATE_ORDER`, `주문 검증` → `주문_검증`.
pub(crate) fn const_name(name: &str) -> String {
    let field = field_name(name);
    let mut out = String::with_capacity(field.len() + 4);
    let mut previous: Option<char> = None;
    for c in field.chars() {
        if c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase() || p.is_numeric()) {
            out.push('_');
        }
        out.extend(c.to_uppercase());
        previous = Some(c);
    }
    out
}

/// One identifier per name, made unique (`_2`, `_3`, ..) when two names give the same one, and
/// never a keyword.
fn unique_idents(names: &[(String, Span)], make: fn(&str) -> String) -> Vec<Ident> {
    let mut used = HashSet::new();
    names
        .iter()
        .map(|(name, span)| {
            let base = make(name);
            let mut candidate = base.clone();
            let mut n = 1;
            loop {
                while syn::parse_str::<syn::Ident>(&candidate).is_err() {
                    candidate.push('_');
                }
                if used.insert(candidate.clone()) {
                    break;
                }
                n += 1;
                candidate = format!("{base}_{n}");
            }
            Ident::new(&candidate, *span)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_identifiers() {
        assert_eq!(field_name("ValidateOrder"), "ValidateOrder");
        assert_eq!(field_name("주문 검증"), "주문_검증");
        assert_eq!(field_name("3 tries"), "_3_tries");
        assert_eq!(field_name("a-b.c"), "a_b_c");
    }

    #[test]
    fn const_names_are_screaming_snake_case() {
        assert_eq!(const_name("ValidateOrder"), "VALIDATE_ORDER");
        assert_eq!(const_name("check_v2Items"), "CHECK_V2_ITEMS");
        assert_eq!(const_name("주문 검증"), "주문_검증");
    }

    #[test]
    fn clashing_and_keyword_names_get_suffixes() {
        let names: Vec<(String, Span)> = ["a b", "a_b", "type", "_"]
            .iter()
            .map(|n| ((*n).to_owned(), Span::call_site()))
            .collect();
        let idents: Vec<String> = unique_idents(&names, field_name)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(idents, ["a_b", "a_b_2", "type_", "__"]);
    }
}
