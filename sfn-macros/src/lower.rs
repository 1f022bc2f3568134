//! AST → the ASL document as JSON, plus a [`SpanMap`] recorded along the way. What a key means
//! comes from the tables in [`symbol`](crate::symbol); rules about values are left to sfn-asl.

use std::collections::HashMap;

use proc_macro2::Span;
use serde_json::{Map, Value};
use sfn_asl::Pointer;

use crate::ast::{CmpOp, Cond, Entry, Key, Node, Object, When};
use crate::check;
use crate::ctxt::Ctxt;
use crate::span_map::{Site, SpanMap, with_help};
use crate::symbol::{self, Kind, Scope, Table};

/// The lowered document.
pub(crate) struct Lowered {
    pub(crate) json: Value,
    pub(crate) spans: SpanMap,
    /// States (or whole scopes) that had an error while lowering: what sfn-asl says about them
    /// may only be a consequence (a misspelt `next` skipped, so "no transition"), so the
    /// validator's diagnostics inside them are not shown.
    pub(crate) holes: Vec<Pointer>,
}

/// Lowers a whole `workflow!` input.
pub(crate) fn workflow(cx: &Ctxt, input: &Object) -> Lowered {
    let mut lower = Lower {
        cx,
        spans: SpanMap::new(input.span),
        holes: Vec::new(),
    };
    let json = lower.scope(input, &Pointer::root(), Scope::Machine);
    Lowered {
        json,
        spans: lower.spans,
        holes: lower.holes,
    }
}

/// Lowers an `asl!({ .. })` input: plain JSON, keys verbatim.
pub(crate) fn json_document(cx: &Ctxt, node: &Node) -> Lowered {
    let mut lower = Lower {
        cx,
        spans: SpanMap::new(node.span()),
        holes: Vec::new(),
    };
    let json = lower.json(node, &Pointer::root());
    let holes = if cx.has_errors() {
        vec![Pointer::root()]
    } else {
        Vec::new()
    };
    Lowered {
        json,
        spans: lower.spans,
        holes,
    }
}

struct Lower<'a> {
    cx: &'a Ctxt,
    spans: SpanMap,
    holes: Vec<Pointer>,
}

/// What a key of the object being lowered means.
struct Field<'k> {
    asl: String,
    kind: Kind,
    key: &'k Key,
}

impl Lower<'_> {
    fn site(&mut self, at: &Pointer, key: Span, value: Span, end: Span) {
        self.spans.insert(at, Site { key, value, end });
    }

    fn error(&self, span: Span, message: &str, help: Option<String>) {
        self.cx.error_at(span, with_help(message, help.as_deref()));
    }

    /// A workflow body: fields of the machine (or branch) and its states.
    fn scope(&mut self, object: &Object, at: &Pointer, scope: Scope) -> Value {
        self.site(at, object.span, object.span, object.close);
        if object.skipped {
            // A state or field of this scope may be missing.
            self.holes.push(at.clone());
        }
        let keys = symbol::scope_keys(scope);
        let mut out = Map::new();
        let mut states = Map::new();
        let mut first: Option<(&Key, Span)> = None;
        let mut seen_fields = HashMap::new();
        let mut seen_states = HashMap::new();
        let states_at = at.field("States");
        for entry in &object.entries {
            let (key, value) = match entry {
                Entry::When(when) => {
                    self.error(
                        when.keyword,
                        "`when` rules belong in a `choice` state",
                        None,
                    );
                    continue;
                }
                Entry::Field { key, value } => (key, value.as_ref()),
            };
            if let (false, Some((_, kind))) =
                (key.quoted, keys.iter().find(|(k, _)| *k == key.name))
            {
                let before = self.cx.error_count();
                if check::first_use(self.cx, &mut seen_fields, key, "field") {
                    let field = Field {
                        asl: symbol::asl_name(&key.name),
                        kind: *kind,
                        key,
                    };
                    self.field(&field, value, at, &mut out);
                }
                if self.cx.error_count() > before {
                    self.holes.push(at.clone());
                }
                continue;
            }
            let is_type = |kind: &Key| symbol::STATE_TYPES.iter().any(|(k, _)| *k == kind.name);
            let typo =
                symbol::suggest(&key.name, keys.iter().map(|(k, _)| *k)).filter(|_| !key.quoted);
            let (kind, body) = match (value, typo) {
                (Some(Node::Tagged(kind, body)), _) => (kind, Some(body)),
                (Some(Node::Ident(kind)), _) if is_type(kind) => (kind, None),
                (Some(Node::Ident(kind)), None) if !symbol_is_value(kind) => (kind, None),
                (_, Some(field)) => {
                    self.error(
                        key.span,
                        &format!("unknown field `{}`", key.name),
                        Some(format!("did you mean `{field}`?")),
                    );
                    self.holes.push(at.clone());
                    continue;
                }
                (other, None) => {
                    self.error(
                        other.map_or(key.span, Node::span),
                        &format!("expected a state type after `{}:`, such as `{}: pass {{ end }}`", key.name, key.name),
                        Some("the state types are `task`, `pass`, `choice`, `wait`, `succeed`, `fail`, `parallel` and `map`".to_owned()),
                    );
                    self.holes.push(at.clone());
                    continue;
                }
            };
            if !check::first_use(self.cx, &mut seen_states, key, "state name") {
                continue;
            }
            let state_at = states_at.field(&key.name);
            let end = body.map_or(kind.span, |b| b.close);
            self.site(&state_at, key.span, kind.span, end);
            let before = self.cx.error_count();
            let state = self.state(kind, body, &state_at);
            if self.cx.error_count() > before || body.is_some_and(|b| b.broken) {
                self.holes.push(state_at.clone());
            }
            states.insert(key.name.clone(), state);
            if first.is_none() {
                first = Some((key, end));
            }
        }
        // Problems of the scope as a whole (`no_terminal_state` at `/States`) go to its first
        // state's name rather than to the whole body.
        if let Some((key, _)) = first {
            self.spans.insert(&states_at, Site::token(key.span));
        }
        if !out.contains_key("StartAt") {
            match first {
                Some((key, _)) => {
                    out.insert("StartAt".to_owned(), Value::String(key.name.clone()));
                    self.spans
                        .insert(&at.field("StartAt"), Site::token(key.span));
                }
                None => self.error(
                    object.close,
                    "a workflow needs at least one state",
                    Some("write one as `Name: pass { end }`".to_owned()),
                ),
            }
        }
        out.insert("States".to_owned(), Value::Object(states));
        Value::Object(out)
    }

    /// One state: `kind { fields }`.
    fn state(&mut self, kind: &Key, body: Option<&Object>, at: &Pointer) -> Value {
        let mut out = Map::new();
        let Some((_, type_name)) = symbol::STATE_TYPES.iter().find(|(k, _)| *k == kind.name) else {
            let help = symbol::suggest(&kind.name, symbol::STATE_TYPES.iter().map(|(k, _)| *k))
                .map(|s| format!("did you mean `{s}`?"));
            self.error(
                kind.span,
                &format!("unknown state type `{}`", kind.name),
                help,
            );
            // A terminal placeholder: it adds no transitions, so no follow-on errors.
            out.insert("Type".to_owned(), Value::from("Succeed"));
            return Value::Object(out);
        };
        out.insert("Type".to_owned(), Value::from(*type_name));
        let Some(body) = body else {
            return Value::Object(out);
        };
        let choices_at = at.field("Choices");
        let mut rules: Vec<Value> = Vec::new();
        let mut seen = HashMap::new();
        for entry in &body.entries {
            match entry {
                Entry::When(when) => {
                    if *type_name != "Choice" {
                        self.error(
                            when.keyword,
                            "`when` rules belong in a `choice` state",
                            None,
                        );
                        continue;
                    }
                    if rules.is_empty() {
                        self.site(
                            &choices_at,
                            when.keyword,
                            when.keyword,
                            when.target.end_span(),
                        );
                    }
                    let rule = self.when(when, &choices_at.index(rules.len()));
                    rules.push(rule);
                }
                Entry::Field { key, value } => {
                    let Some((_, kind)) = symbol::STATE_KEYS.iter().find(|(k, _)| *k == key.name)
                    else {
                        self.unknown_key(key, symbol::STATE_KEYS.iter().map(|(k, _)| *k));
                        continue;
                    };
                    if !check::first_use(self.cx, &mut seen, key, "field") {
                        continue;
                    }
                    if *kind == Kind::Rules {
                        let Some(Node::Array(items, span)) = value else {
                            self.expected(key, value.as_ref(), "`[ { .. }, .. ]` of Choice rules");
                            continue;
                        };
                        if rules.is_empty() {
                            self.site(&choices_at, key.span, *span, *span);
                        }
                        for item in items {
                            let rule_at = choices_at.index(rules.len());
                            rules.push(self.rule_node(item, &rule_at));
                        }
                        continue;
                    }
                    let field = Field {
                        asl: symbol::asl_name(&key.name),
                        kind: *kind,
                        key,
                    };
                    self.field(&field, value.as_ref(), at, &mut out);
                }
            }
        }
        if !rules.is_empty() {
            out.insert("Choices".to_owned(), Value::Array(rules));
        }
        Value::Object(out)
    }

    fn unknown_key<'k>(&self, key: &Key, candidates: impl IntoIterator<Item = &'k str>) {
        let help = symbol::suggest(&key.name, candidates).map(|s| format!("did you mean `{s}`?"));
        self.error(key.span, &format!("unknown field `{}`", key.name), help);
    }

    fn expected(&self, key: &Key, value: Option<&Node>, what: &str) {
        let span = value.map_or(key.span, Node::span);
        self.error(span, &format!("`{}` takes {what}", key.name), None);
    }

    /// Lowers one known field into `out` and records its site.
    fn field(
        &mut self,
        field: &Field<'_>,
        value: Option<&Node>,
        at: &Pointer,
        out: &mut Map<String, Value>,
    ) {
        let key = field.key;
        let field_at = at.field(&field.asl);
        let (value_span, end) = value.map_or((key.span, key.span), |v| (v.span(), v.end_span()));
        self.site(&field_at, key.span, value_span, end);
        let lowered = match field.kind {
            Kind::Flag => match value {
                None => Some(Value::Bool(true)),
                Some(Node::Ident(word)) if word.name == "true" || word.name == "false" => {
                    Some(Value::Bool(word.name == "true"))
                }
                other => {
                    self.expected(key, other, "no value (write `end`), or `true` / `false`");
                    None
                }
            },
            _ if value.is_none() => {
                self.error(key.span, &format!("expected `{}: <value>`", key.name), None);
                None
            }
            Kind::StateRef => match value {
                Some(Node::Ident(name)) if !symbol_is_value(name) => {
                    Some(Value::String(name.name.clone()))
                }
                Some(Node::Str(name, _)) => Some(Value::String(name.clone())),
                other => {
                    self.expected(
                        key,
                        other,
                        "a state name (an identifier or a string literal)",
                    );
                    None
                }
            },
            Kind::Word => match value {
                Some(Node::Ident(word)) => Some(Value::String(word.name.clone())),
                Some(Node::Str(word, _)) => Some(Value::String(word.clone())),
                other => {
                    self.expected(key, other, "a word such as `JSONata` or `DISTRIBUTED`");
                    None
                }
            },
            Kind::Json => value.map(|v| self.json(v, &field_at)),
            Kind::List(table) => match value {
                Some(Node::Array(items, _)) => Some(Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| self.table_node(table, item, &field_at.index(i)))
                        .collect(),
                )),
                other => {
                    self.expected(key, other, "a list `[ { .. }, .. ]`");
                    None
                }
            },
            Kind::Struct(table) => match value {
                Some(node @ Node::Object(_)) => Some(self.table_node(table, node, &field_at)),
                other => {
                    self.expected(key, other, "an object `{ .. }`");
                    None
                }
            },
            Kind::Rules => match value {
                Some(Node::Array(items, _)) => Some(Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| self.rule_node(item, &field_at.index(i)))
                        .collect(),
                )),
                other => {
                    self.expected(key, other, "a list of Choice rules `[ { .. }, .. ]`");
                    None
                }
            },
            Kind::Rule => value.map(|v| self.rule_node(v, &field_at)),
            Kind::Branches => match value {
                Some(Node::Array(items, _)) => Some(Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, item)| match item {
                            Node::Object(body) => {
                                Some(self.scope(body, &field_at.index(i), Scope::Branch))
                            }
                            other => {
                                self.error(
                                    other.span(),
                                    "expected a branch `{ Name: task { .. }, .. }`",
                                    None,
                                );
                                None
                            }
                        })
                        .collect(),
                )),
                other => {
                    self.expected(key, other, "a list of branches `[ { .. }, { .. } ]`");
                    None
                }
            },
            Kind::Processor(scope) => match value {
                Some(Node::Object(body)) => Some(self.scope(body, &field_at, scope)),
                other => {
                    self.expected(key, other, "a nested workflow `{ Name: task { .. }, .. }`");
                    None
                }
            },
        };
        if let Some(lowered) = lowered {
            out.insert(field.asl.clone(), lowered);
        }
    }

    /// An object read with one of the nested tables (`retry` items, `item_reader`, ..).
    fn table_node(&mut self, table: Table, node: &Node, at: &Pointer) -> Value {
        let Node::Object(object) = node else {
            self.error(node.span(), "expected an object `{ .. }`", None);
            return Value::Null;
        };
        self.site(at, object.span, object.span, object.close);
        let keys = symbol::table_keys(table);
        let mut out = Map::new();
        self.fields(
            object,
            &mut out,
            at,
            |name| keys.iter().find(|(k, _)| *k == name).map(|(_, kind)| *kind),
            keys.iter().map(|(k, _)| (*k).to_owned()).collect(),
        );
        Value::Object(out)
    }

    /// The entries of `object`, each looked up with `lookup`.
    fn fields(
        &mut self,
        object: &Object,
        out: &mut Map<String, Value>,
        at: &Pointer,
        lookup: impl Fn(&str) -> Option<Kind>,
        candidates: Vec<String>,
    ) {
        let mut seen = HashMap::new();
        for entry in &object.entries {
            match entry {
                Entry::When(when) => self.error(
                    when.keyword,
                    "`when` rules belong in a `choice` state",
                    None,
                ),
                Entry::Field { key, value } => {
                    let Some(kind) = lookup(&key.name) else {
                        self.unknown_key(key, candidates.iter().map(String::as_str));
                        continue;
                    };
                    if check::first_use(self.cx, &mut seen, key, "field") {
                        let field = Field {
                            asl: symbol::asl_name(&key.name),
                            kind,
                            key,
                        };
                        self.field(&field, value.as_ref(), at, out);
                    }
                }
            }
        }
    }

    /// A Choice rule written as an object: `{ variable: "$.x", numeric_greater_than: 1, next: T }`.
    fn rule_node(&mut self, node: &Node, at: &Pointer) -> Value {
        let Node::Object(object) = node else {
            self.error(
                node.span(),
                "expected a Choice rule `{ variable: \"$.x\", .., next: Target }`",
                None,
            );
            return Value::Null;
        };
        self.site(at, object.span, object.span, object.close);
        let mut out = Map::new();
        let mut candidates: Vec<String> = symbol::RULE_KEYS
            .iter()
            .map(|(k, _)| (*k).to_owned())
            .collect();
        candidates.extend(symbol::operator_keys());
        self.fields(
            object,
            &mut out,
            at,
            |name| {
                symbol::RULE_KEYS
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, kind)| *kind)
                    .or_else(|| symbol::operator(name).map(|_| Kind::Json))
            },
            candidates,
        );
        Value::Object(out)
    }

    /// `when <condition> => Target`.
    fn when(&mut self, when: &When, at: &Pointer) -> Value {
        self.site(at, when.keyword, when.keyword, when.target.end_span());
        let mut rule = match &when.condition {
            Cond::Jsonata(text, span) => {
                self.spans
                    .insert(&at.field("Condition"), Site::token(*span));
                let mut rule = Map::new();
                rule.insert("Condition".to_owned(), Value::String(text.clone()));
                rule
            }
            other => self.cond(other, at),
        };
        let next_at = at.field("Next");
        match &when.target {
            Node::Ident(name) if !symbol_is_value(name) => {
                self.spans.insert(&next_at, Site::token(name.span));
                rule.insert("Next".to_owned(), Value::String(name.name.clone()));
            }
            Node::Str(name, span) => {
                self.spans.insert(&next_at, Site::token(*span));
                rule.insert("Next".to_owned(), Value::String(name.clone()));
            }
            Node::Tagged(name, extras) => {
                self.spans.insert(&next_at, Site::token(name.span));
                rule.insert("Next".to_owned(), Value::String(name.name.clone()));
                let keys = symbol::table_keys(Table::RuleExtras);
                self.fields(
                    extras,
                    &mut rule,
                    at,
                    |n| keys.iter().find(|(k, _)| *k == n).map(|(_, kind)| *kind),
                    keys.iter().map(|(k, _)| (*k).to_owned()).collect(),
                );
            }
            other => self.error(
                other.span(),
                "expected the target state after `=>`: an identifier or a string literal",
                None,
            ),
        }
        Value::Object(rule)
    }

    /// A condition as the object of a JSONPath rule (`Variable` + operator, `And`, `Or`, `Not`).
    fn cond(&mut self, cond: &Cond, at: &Pointer) -> Map<String, Value> {
        let mut out = Map::new();
        match cond {
            Cond::Compare {
                variable,
                op,
                operand,
            } => {
                let family = match operand {
                    Node::Str(..) => "String",
                    Node::Num(..) => "Numeric",
                    Node::Ident(word) if word.name == "true" || word.name == "false" => {
                        if !matches!(op.0, CmpOp::Eq | CmpOp::Ne) {
                            self.error(op.1, "booleans compare only with `==` and `!=`", None);
                            return out;
                        }
                        "Boolean"
                    }
                    other => {
                        self.error(
                            other.span(),
                            "expected a string, number, `true` or `false` to compare with",
                            Some("for the other operators write `timestamp_greater_than(\"$.x\", \"2024-01-01T00:00:00Z\")` and so on".to_owned()),
                        );
                        return out;
                    }
                };
                let name = match op.0 {
                    CmpOp::Eq | CmpOp::Ne => "Equals",
                    CmpOp::Lt => "LessThan",
                    CmpOp::Le => "LessThanEquals",
                    CmpOp::Gt => "GreaterThan",
                    CmpOp::Ge => "GreaterThanEquals",
                };
                let inner_at = if op.0 == CmpOp::Ne {
                    at.field("Not")
                } else {
                    at.clone()
                };
                self.site(&inner_at, variable.1, variable.1, operand.end_span());
                self.spans
                    .insert(&inner_at.field("Variable"), Site::token(variable.1));
                let operator = format!("{family}{name}");
                let operand_at = inner_at.field(&operator);
                let operand = self.json(operand, &operand_at);
                let mut inner = Map::new();
                inner.insert("Variable".to_owned(), Value::String(variable.0.clone()));
                inner.insert(operator, operand);
                if op.0 == CmpOp::Ne {
                    self.site(at, variable.1, variable.1, cond.end_span());
                    out.insert("Not".to_owned(), Value::Object(inner));
                } else {
                    out = inner;
                }
            }
            Cond::Call {
                operator,
                variable,
                operand,
                close,
            } => {
                let Some(name) = symbol::operator(&operator.name) else {
                    let keys = symbol::operator_keys();
                    let help = symbol::suggest(&operator.name, keys.iter().map(String::as_str))
                        .map(|s| format!("did you mean `{s}`?"));
                    self.error(
                        operator.span,
                        &format!("unknown comparison operator `{}`", operator.name),
                        help,
                    );
                    return out;
                };
                self.site(at, operator.span, operator.span, *close);
                self.spans
                    .insert(&at.field("Variable"), Site::token(variable.1));
                let operand_at = at.field(name);
                let operand = match operand {
                    Some(node) => self.json(node, &operand_at),
                    None if name.starts_with("Is") => Value::Bool(true),
                    None => {
                        self.error(
                            *close,
                            &format!(
                                "`{}` needs an operand: `{}(\"$.x\", ..)`",
                                operator.name, operator.name
                            ),
                            None,
                        );
                        return out;
                    }
                };
                self.site(&operand_at, operator.span, operator.span, *close);
                out.insert("Variable".to_owned(), Value::String(variable.0.clone()));
                out.insert(name.to_owned(), operand);
            }
            Cond::Jsonata(_, span) => {
                self.error(
                    *span,
                    "a JSONata condition must be the whole `when` condition",
                    Some("a lone string is a JSONata `Condition`; a JSONPath comparison is `\"$.x\" > 1`".to_owned()),
                );
            }
            Cond::Not(inner, span) => {
                self.site(at, *span, *span, inner.end_span());
                let inner = self.cond(inner, &at.field("Not"));
                out.insert("Not".to_owned(), Value::Object(inner));
            }
            Cond::And(all) | Cond::Or(all) => {
                let field = if matches!(cond, Cond::And(_)) {
                    "And"
                } else {
                    "Or"
                };
                self.site(at, cond.span(), cond.span(), cond.end_span());
                let list_at = at.field(field);
                let items = all
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Value::Object(self.cond(c, &list_at.index(i))))
                    .collect();
                out.insert(field.to_owned(), Value::Array(items));
            }
        }
        out
    }

    /// A JSON value; keys inside objects are kept as written.
    fn json(&mut self, node: &Node, at: &Pointer) -> Value {
        self.spans.insert(
            at,
            Site {
                key: node.span(),
                value: node.span(),
                end: node.end_span(),
            },
        );
        match node {
            Node::Str(s, _) => Value::String(s.clone()),
            Node::Num(n, _) => Value::Number(n.clone()),
            Node::Ident(word) => match word.name.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                "null" => Value::Null,
                other => {
                    self.error(
                        word.span,
                        &format!("expected a JSON value, found `{other}`"),
                        Some(format!("write a string as \"{other}\"")),
                    );
                    Value::Null
                }
            },
            Node::Array(items, _) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.json(item, &at.index(i)))
                    .collect(),
            ),
            Node::Object(object) => {
                let mut out = Map::new();
                let mut seen = HashMap::new();
                for entry in &object.entries {
                    match entry {
                        Entry::When(when) => self.error(
                            when.keyword,
                            "`when` rules belong in a `choice` state",
                            None,
                        ),
                        Entry::Field { key, value: None } => {
                            self.error(key.span, &format!("expected `{}: <value>`", key.name), None)
                        }
                        Entry::Field {
                            key,
                            value: Some(value),
                        } => {
                            if !check::first_use(self.cx, &mut seen, key, "key") {
                                continue;
                            }
                            let key_at = at.field(&key.name);
                            // Recorded before the value (the first record wins), so a problem
                            // with the entry itself (`conflicting_fields`) is shown on the key.
                            self.spans.insert(
                                &key_at,
                                Site {
                                    key: key.span,
                                    value: value.span(),
                                    end: value.end_span(),
                                },
                            );
                            let lowered = self.json(value, &key_at);
                            out.insert(key.name.clone(), lowered);
                        }
                    }
                }
                Value::Object(out)
            }
            Node::Tagged(tag, _) => {
                self.error(
                    tag.span,
                    &format!("expected a JSON value, found `{} {{ .. }}`", tag.name),
                    None,
                );
                Value::Null
            }
        }
    }
}

/// `true`, `false` and `null` are values, never names.
fn symbol_is_value(key: &Key) -> bool {
    matches!(key.name.as_str(), "true" | "false" | "null")
}
