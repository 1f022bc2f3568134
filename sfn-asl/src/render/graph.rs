//! The state machine as a drawing-neutral graph: nodes (with generated ids), nested clusters and
//! labelled edges, in a deterministic order. Each output format only decides how to spell it.

use std::collections::HashMap;

use crate::model::{BoolExpr, ChoiceState, Comparison, ComparisonOperator, Condition, Expr};
use crate::{Retrier, State, StateMachine, StateName, States};

/// The longest edge label, in characters, before it is cut with `…`.
const MAX_LABEL_CHARS: usize = 60;

/// What a node stands for; each format maps it to a shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The machine's start marker.
    Start,
    /// A scope's end marker (the machine's, a branch's or an iteration's).
    End,
    /// A Task state.
    Task,
    /// A Pass state.
    Pass,
    /// A Choice state.
    Choice,
    /// A Wait state.
    Wait,
    /// A Succeed state.
    Succeed,
    /// A Fail state.
    Fail,
    /// A Parallel state.
    Parallel,
    /// A Map state.
    Map,
    /// A transition target that names no state of its scope.
    Missing,
}

/// One node: a generated id (`s3`, `start0`, `stop2`, `m0`) and its label lines.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    /// An ASCII id, safe in every format without quoting.
    pub(crate) id: String,
    /// What it stands for.
    pub(crate) shape: Shape,
    /// The label, one entry per line; the first is the state's name.
    pub(crate) lines: Vec<String>,
}

/// A node of a scope, or a nested scope drawn as a cluster.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    /// A node.
    Node(Node),
    /// A Parallel branch or a Map processor.
    Cluster(Cluster),
}

/// A nested scope: its id (`c1`), title and contents.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cluster {
    /// An ASCII id (`c1`, `c2`, … in the order the scopes are met).
    pub(crate) id: String,
    /// The title, e.g. `Resize · branch 1`.
    pub(crate) title: String,
    /// Its nodes and clusters.
    pub(crate) items: Vec<Item>,
}

/// How an edge is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EdgeKind {
    /// `Next`, a Choice rule, `Default`, or a start or end marker's edge.
    Flow,
    /// A `Catch` rule: dashed.
    Catch,
    /// From a Parallel or Map state into one of its scopes: dotted.
    Scope,
}

/// One edge between two node ids.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Edge {
    /// The source node's id.
    pub(crate) from: String,
    /// The target node's id.
    pub(crate) to: String,
    /// The label, if any (already shortened).
    pub(crate) label: Option<String>,
    /// How to draw it.
    pub(crate) kind: EdgeKind,
}

/// The whole drawing: the top scope's items, then every edge.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Graph {
    /// The top scope's nodes and clusters.
    pub(crate) items: Vec<Item>,
    /// Every edge, in the order the states were written.
    pub(crate) edges: Vec<Edge>,
}

impl Graph {
    /// The graph of `machine`.
    pub(crate) fn of(machine: &StateMachine) -> Graph {
        let mut builder = Builder::default();
        let items = builder.scope(0, &machine.start_at, &machine.states, None);
        Graph {
            items,
            edges: builder.edges,
        }
    }
}

#[derive(Default)]
struct Builder {
    next_state: usize,
    next_scope: usize,
    next_missing: usize,
    edges: Vec<Edge>,
}

impl Builder {
    /// The items of one scope (number `k`), recording its edges. The top scope (`parent` is
    /// `None`) has a start marker; a nested one is entered by a dotted edge from its Parallel or
    /// Map state's node, `parent`.
    fn scope(
        &mut self,
        k: usize,
        start_at: &StateName,
        states: &States,
        parent: Option<&str>,
    ) -> Vec<Item> {
        // Ids first, so transitions can point forward.
        let ids: HashMap<&str, String> = states
            .keys()
            .map(|name| {
                let id = format!("s{}", self.next_state);
                self.next_state += 1;
                (name.as_str(), id)
            })
            .collect();
        let mut items = Vec::new();
        let mut missing: Vec<(String, String)> = Vec::new();
        let mut resolve = |builder: &mut Builder, name: &StateName| -> String {
            if let Some(id) = ids.get(name.as_str()) {
                return id.clone();
            }
            if let Some((_, id)) = missing.iter().find(|(n, _)| n == name.as_str()) {
                return id.clone();
            }
            let id = format!("m{}", builder.next_missing);
            builder.next_missing += 1;
            missing.push((name.as_str().to_owned(), id.clone()));
            id
        };

        let stop = format!("stop{k}");
        let to = resolve(self, start_at);
        match parent {
            None => {
                let start = format!("start{k}");
                items.push(Item::Node(Node {
                    id: start.clone(),
                    shape: Shape::Start,
                    lines: vec!["Start".to_owned()],
                }));
                self.edge(start, to, None, EdgeKind::Flow);
            }
            Some(parent) => self.edge(parent.to_owned(), to, None, EdgeKind::Scope),
        }
        let mut any_terminal = false;
        for (name, state) in states {
            let id = ids[name.as_str()].clone();
            items.push(Item::Node(node(id.clone(), name, state)));
            if let Some(next) = state.transition().and_then(|t| t.next()) {
                let to = resolve(self, next);
                self.edge(id.clone(), to, None, EdgeKind::Flow);
            }
            if let State::Choice(choice) = state {
                self.choice_edges(&id, choice, &mut resolve);
            }
            for catcher in state.catch() {
                let to = resolve(self, &catcher.next);
                let errors = catcher
                    .error_equals
                    .iter()
                    .map(|e| e.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                self.edge(id.clone(), to, Some(shorten(&errors)), EdgeKind::Catch);
            }
            if state.is_terminal() {
                any_terminal = true;
                self.edge(id.clone(), stop.clone(), None, EdgeKind::Flow);
            }
            for (number, (_, branch)) in state.scopes().enumerate() {
                self.next_scope += 1;
                let inner = self.next_scope;
                let title = match state {
                    State::Map(_) => format!("{name} · item processor"),
                    _ => format!("{name} · branch {}", number + 1),
                };
                let inner_items = self.scope(inner, &branch.start_at, &branch.states, Some(&id));
                items.push(Item::Cluster(Cluster {
                    id: format!("c{inner}"),
                    title,
                    items: inner_items,
                }));
            }
        }
        for (name, id) in missing {
            items.push(Item::Node(Node {
                id,
                shape: Shape::Missing,
                lines: vec![name, "(no such state)".to_owned()],
            }));
        }
        if any_terminal {
            items.push(Item::Node(Node {
                id: stop,
                shape: Shape::End,
                lines: vec!["End".to_owned()],
            }));
        }
        items
    }

    fn choice_edges(
        &mut self,
        id: &str,
        choice: &ChoiceState,
        resolve: &mut impl FnMut(&mut Builder, &StateName) -> String,
    ) {
        for rule in &choice.choices {
            let to = resolve(self, &rule.next);
            let label = shorten(&condition(&rule.condition));
            self.edge(id.to_owned(), to, Some(label), EdgeKind::Flow);
        }
        if let Some(default) = &choice.default {
            let to = resolve(self, default);
            self.edge(
                id.to_owned(),
                to,
                Some("default".to_owned()),
                EdgeKind::Flow,
            );
        }
    }

    fn edge(&mut self, from: String, to: String, label: Option<String>, kind: EdgeKind) {
        self.edges.push(Edge {
            from,
            to,
            label,
            kind,
        });
    }
}

/// A state's node: its name, its type, and one line per `Retry` rule.
fn node(id: String, name: &StateName, state: &State) -> Node {
    let shape = match state {
        State::Task(_) => Shape::Task,
        State::Pass(_) => Shape::Pass,
        State::Choice(_) => Shape::Choice,
        State::Wait(_) => Shape::Wait,
        State::Succeed(_) => Shape::Succeed,
        State::Fail(_) => Shape::Fail,
        State::Parallel(_) => Shape::Parallel,
        State::Map(_) => Shape::Map,
    };
    let kind = match state {
        State::Map(map) if map.is_distributed() => "Map (distributed)".to_owned(),
        other => other.type_name().to_owned(),
    };
    let mut lines = vec![name.as_str().to_owned(), kind];
    lines.extend(state.retry().iter().map(retry_line));
    Node { id, shape, lines }
}

/// `retry 3×: Lambda.ServiceException, States.Timeout` (`MaxAttempts` defaults to 3).
fn retry_line(retrier: &Retrier) -> String {
    let errors = retrier
        .error_equals
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // Not shortened: error names are short and cutting one in half would mislead.
    format!("retry {}×: {errors}", retrier.max_attempts.unwrap_or(3))
}

/// A short reading of a Choice rule's condition: `$.amount > 10000`, `$.x is present`, a
/// JSONata condition without its `{% %}`.
pub(crate) fn condition(condition: &Condition) -> String {
    match condition {
        Condition::JsonPath(expr) => bool_expr(expr),
        Condition::Jsonata(Expr::Literal(value)) => value.to_string(),
        Condition::Jsonata(Expr::Jsonata(text)) => {
            let inner = text
                .trim()
                .strip_prefix("{%")
                .and_then(|t| t.strip_suffix("%}"))
                .unwrap_or(text);
            inner.trim().to_owned()
        }
    }
}

/// Rules nested deeper than this are shown as `…`: the label is cut at [`MAX_LABEL_CHARS`]
/// anyway, and a model built in Rust may nest thousands deep.
const MAX_RULE_DEPTH: usize = 8;

fn bool_expr(expr: &BoolExpr) -> String {
    nested_expr(expr, 0)
}

fn nested_expr(expr: &BoolExpr, depth: usize) -> String {
    if depth > MAX_RULE_DEPTH {
        return "…".to_owned();
    }
    let operand = |e: &BoolExpr| match e {
        BoolExpr::Compare(_) | BoolExpr::Not(_) => nested_expr(e, depth + 1),
        BoolExpr::And(_) | BoolExpr::Or(_) => format!("({})", nested_expr(e, depth + 1)),
    };
    let join = |all: &[BoolExpr], word: &str| {
        let mut parts = Vec::new();
        let mut length = 0;
        for e in all {
            // Past the label's length the rest cannot show: stop early on huge rules.
            if length > MAX_LABEL_CHARS {
                parts.push("…".to_owned());
                break;
            }
            let part = operand(e);
            length += part.chars().count() + word.len() + 2;
            parts.push(part);
        }
        parts.join(&format!(" {word} "))
    };
    match expr {
        BoolExpr::Compare(comparison) => comparison_text(comparison),
        BoolExpr::And(all) => join(all, "and"),
        BoolExpr::Or(any) => join(any, "or"),
        BoolExpr::Not(inner) => format!("not ({})", nested_expr(inner, depth + 1)),
    }
}

fn comparison_text(comparison: &Comparison) -> String {
    use ComparisonOperator as Op;
    let variable = &comparison.variable;
    let test = |what: &str, holds: bool| {
        if holds {
            format!("{variable} is {what}")
        } else {
            format!("{variable} is not {what}")
        }
    };
    let op = &comparison.operator;
    match op {
        Op::IsNull(b) => return test("null", *b),
        Op::IsPresent(b) => return test("present", *b),
        Op::IsNumeric(b) => return test("numeric", *b),
        Op::IsString(b) => return test("a string", *b),
        Op::IsBoolean(b) => return test("a boolean", *b),
        Op::IsTimestamp(b) => return test("a timestamp", *b),
        Op::StringMatches(pattern) => {
            return format!(
                "{variable} matches {}",
                serde_json::Value::from(pattern.as_str())
            );
        }
        _ => {}
    }
    let name = op.name();
    let base = name.strip_suffix("Path").unwrap_or(name);
    let symbol = if base.ends_with("GreaterThanEquals") {
        ">="
    } else if base.ends_with("LessThanEquals") {
        "<="
    } else if base.ends_with("GreaterThan") {
        ">"
    } else if base.ends_with("LessThan") {
        "<"
    } else {
        "=="
    };
    // A `…Path` operand is a path, written bare; a literal is written as JSON.
    let operand = match op.operand_path() {
        Some(path) => path,
        None => op.operand().to_string(),
    };
    format!("{variable} {symbol} {operand}")
}

/// `text` cut to [`MAX_LABEL_CHARS`] characters, with `…` when cut.
fn shorten(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= MAX_LABEL_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(MAX_LABEL_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing_id(item: &Item) -> Option<String> {
        match item {
            Item::Node(Node {
                id,
                shape: Shape::Missing,
                ..
            }) => Some(id.clone()),
            _ => None,
        }
    }

    fn graph(text: &str) -> Graph {
        Graph::of(&crate::parse(text).unwrap())
    }

    fn rule(text: &str) -> String {
        let machine = crate::parse(&format!(
            r#"{{"StartAt":"C","States":{{"C":{{"Type":"Choice","Choices":[{text}],"Default":"D"}},"D":{{"Type":"Succeed"}}}}}}"#
        ))
        .unwrap();
        let State::Choice(choice) = &machine.states["C"] else {
            panic!("C is a Choice")
        };
        condition(&choice.choices[0].condition)
    }

    #[test]
    fn numeric_comparison_reads_as_an_operator() {
        assert_eq!(
            rule(r#"{"Variable":"$.amount","NumericGreaterThan":10000,"Next":"D"}"#),
            "$.amount > 10000"
        );
    }

    #[test]
    fn string_literal_is_quoted_and_path_operand_is_bare() {
        assert_eq!(
            rule(r#"{"Variable":"$.s","StringEquals":"a \"b\"","Next":"D"}"#),
            r#"$.s == "a \"b\"""#
        );
        assert_eq!(
            rule(r#"{"Variable":"$.a","NumericLessThanEqualsPath":"$.b","Next":"D"}"#),
            "$.a <= $.b"
        );
    }

    #[test]
    fn type_tests_read_as_words() {
        assert_eq!(
            rule(r#"{"Variable":"$.x","IsPresent":false,"Next":"D"}"#),
            "$.x is not present"
        );
    }

    #[test]
    fn nested_boolean_rules_are_parenthesized() {
        assert_eq!(
            rule(
                r#"{"And":[{"Variable":"$.a","BooleanEquals":true},{"Or":[{"Variable":"$.b","IsNull":true},{"Not":{"Variable":"$.c","StringMatches":"x*"}}]}],"Next":"D"}"#
            ),
            r#"$.a == true and ($.b is null or not ($.c matches "x*"))"#
        );
    }

    #[test]
    fn jsonata_condition_loses_its_delimiters() {
        let machine = crate::parse(
            r#"{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n > 3 %}","Next":"D"}]},"D":{"Type":"Succeed"}}}"#,
        )
        .unwrap();
        let State::Choice(choice) = &machine.states["C"] else {
            panic!("C is a Choice")
        };
        assert_eq!(
            condition(&choice.choices[0].condition),
            "$states.input.n > 3"
        );
    }

    #[test]
    fn deeply_nested_rules_are_elided_without_recursing_to_the_bottom() {
        let mut expr = BoolExpr::compare("$.x", ComparisonOperator::IsPresent(true));
        for _ in 0..100_000 {
            expr = BoolExpr::Not(Box::new(expr));
        }
        let rule = Condition::JsonPath(expr);
        let text = condition(&rule);
        assert!(text.starts_with("not (not ("), "{text}");
        assert!(text.contains('…') && !text.contains("$.x"), "{text}");
        // Dropping a 100,000-deep rule is the model's business, not the renderer's: leak it.
        std::mem::forget(rule);
    }

    #[test]
    fn long_labels_are_cut_at_a_character_boundary() {
        let long = "가".repeat(100);
        let cut = shorten(&long);
        assert_eq!(cut.chars().count(), MAX_LABEL_CHARS);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn unknown_target_becomes_a_missing_node() {
        let g = graph(r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}"#);
        let missing = g.items.iter().find_map(missing_id);
        assert_eq!(missing.as_deref(), Some("m0"));
        assert!(g.edges.iter().any(|e| e.from == "s0" && e.to == "m0"));
    }

    #[test]
    fn parallel_branches_become_clusters_entered_from_the_state() {
        let g = graph(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
                {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}"#,
        );
        let clusters: Vec<&Cluster> = g
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Cluster(c) => Some(c),
                Item::Node(_) => None,
            })
            .collect();
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters[1].title, "P · branch 2");
        let scope_edges: Vec<(&str, &str)> = g
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Scope)
            .map(|e| (e.from.as_str(), e.to.as_str()))
            .collect();
        assert_eq!(scope_edges, [("s0", "s1"), ("s0", "s2")]);
    }
}
