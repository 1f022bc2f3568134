//! Mermaid flowchart text.

use std::fmt::Write as _;

use super::graph::{Cluster, EdgeKind, Graph, Item, Node, Shape};

/// The Mermaid flowchart of `graph`.
pub(crate) fn write(graph: &Graph) -> String {
    let mut out = String::from("flowchart TD\n");
    let mut classes: Vec<(&'static str, Vec<&str>)> = vec![
        ("succeed", Vec::new()),
        ("fail", Vec::new()),
        ("missing", Vec::new()),
        ("marker", Vec::new()),
    ];
    items(&mut out, &graph.items, 1, &mut classes);
    for edge in &graph.edges {
        let arrow = match edge.kind {
            EdgeKind::Flow => "-->",
            EdgeKind::Catch | EdgeKind::Scope => "-.->",
        };
        let _ = match &edge.label {
            Some(label) => writeln!(
                out,
                "    {} {arrow}|\"{}\"| {}",
                edge.from,
                text(label),
                edge.to
            ),
            None => writeln!(out, "    {} {arrow} {}", edge.from, edge.to),
        };
    }
    out.push_str(
        "    classDef succeed fill:#e3f4e1,stroke:#2e7d32\n\
         \x20   classDef fail fill:#fbe3e1,stroke:#c62828\n\
         \x20   classDef missing fill:#fff,stroke:#c62828,stroke-dasharray:4 4\n\
         \x20   classDef marker fill:#333,stroke:#333,color:#fff\n",
    );
    for (class, ids) in &classes {
        if !ids.is_empty() {
            let _ = writeln!(out, "    class {} {class}", ids.join(","));
        }
    }
    out
}

fn items<'g>(
    out: &mut String,
    items_of_scope: &'g [Item],
    depth: usize,
    classes: &mut [(&'static str, Vec<&'g str>)],
) {
    let indent = "    ".repeat(depth);
    for item in items_of_scope {
        match item {
            Item::Node(n) => {
                let _ = writeln!(out, "{indent}{}", node(n));
                let class = match n.shape {
                    Shape::Succeed => Some(0),
                    Shape::Fail => Some(1),
                    Shape::Missing => Some(2),
                    Shape::Start | Shape::End => Some(3),
                    _ => None,
                };
                if let Some(i) = class {
                    classes[i].1.push(&n.id);
                }
            }
            Item::Cluster(Cluster {
                id,
                title,
                items: inner,
            }) => {
                let _ = writeln!(out, "{indent}subgraph {id} [\"{}\"]", text(title));
                let _ = writeln!(out, "{indent}    direction TB");
                items(out, inner, depth + 1, classes);
                let _ = writeln!(out, "{indent}end");
            }
        }
    }
}

/// `id["label"]` with the shape's brackets.
fn node(n: &Node) -> String {
    let label = n
        .lines
        .iter()
        .map(|l| text(l))
        .collect::<Vec<_>>()
        .join("<br/>");
    let (open, close) = match n.shape {
        Shape::Start => ("((", "))"),
        Shape::End => ("(((", ")))"),
        Shape::Task => ("[", "]"),
        Shape::Pass => ("(", ")"),
        Shape::Choice => ("{", "}"),
        Shape::Wait => ("[/", "/]"),
        Shape::Succeed => ("([", "])"),
        Shape::Fail => (">", "]"),
        Shape::Parallel | Shape::Map => ("[[", "]]"),
        Shape::Missing => ("[", "]"),
    };
    format!("{}{open}\"{label}\"{close}", n.id)
}

/// `s` as the text of a quoted Mermaid label: quotes, markup and Mermaid's own `#` escapes
/// become entity codes, so any state name (spaces, Korean, `/`, `"`, `<b>`) shows as written.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_markup_and_hashes_become_entities() {
        assert_eq!(
            text(r#"a "b" <i>#1 & c|d`"#),
            "a #quot;b#quot; #lt;i#gt;#35;1 #amp; c#124;d#96;"
        );
    }

    #[test]
    fn korean_spaces_and_slashes_are_kept() {
        assert_eq!(text("주문 접수 / 검증"), "주문 접수 / 검증");
    }
}
