//! Graphviz DOT text.

use std::fmt::Write as _;

use super::graph::{Cluster, EdgeKind, Graph, Item, Node, Shape};

/// The DOT digraph of `graph`.
pub(crate) fn write(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph state_machine {\n\
         \x20   graph [rankdir=TB, fontname=\"Helvetica\", fontsize=11];\n\
         \x20   node [fontname=\"Helvetica\", fontsize=11];\n\
         \x20   edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    items(&mut out, &graph.items, 1);
    for edge in &graph.edges {
        let mut attrs = Vec::new();
        if let Some(label) = &edge.label {
            attrs.push(format!("label={}", quoted(label)));
        }
        match edge.kind {
            EdgeKind::Flow => {}
            EdgeKind::Catch => {
                attrs.push("style=dashed, color=\"#c62828\", fontcolor=\"#c62828\"".to_owned())
            }
            EdgeKind::Scope => attrs.push("style=dotted".to_owned()),
        }
        let _ = if attrs.is_empty() {
            writeln!(out, "    {} -> {};", edge.from, edge.to)
        } else {
            writeln!(
                out,
                "    {} -> {} [{}];",
                edge.from,
                edge.to,
                attrs.join(", ")
            )
        };
    }
    out.push_str("}\n");
    out
}

fn items(out: &mut String, items_of_scope: &[Item], depth: usize) {
    let indent = "    ".repeat(depth);
    for item in items_of_scope {
        match item {
            Item::Node(n) => {
                let _ = writeln!(out, "{indent}{}", node(n));
            }
            Item::Cluster(Cluster {
                id,
                title,
                items: inner,
            }) => {
                let _ = writeln!(out, "{indent}subgraph cluster_{id} {{");
                let _ = writeln!(
                    out,
                    "{indent}    graph [label={}, style=\"rounded,dashed\", color=\"#777777\"];",
                    quoted(title)
                );
                items(out, inner, depth + 1);
                let _ = writeln!(out, "{indent}}}");
            }
        }
    }
}

/// `id [label="…", shape=…];`
fn node(n: &Node) -> String {
    let label = n
        .lines
        .iter()
        .map(|l| escape(l))
        .collect::<Vec<_>>()
        .join("\\n");
    let style = match n.shape {
        Shape::Start => "shape=circle, style=filled, fillcolor=\"#333333\", fontcolor=white",
        Shape::End => "shape=doublecircle, style=filled, fillcolor=\"#333333\", fontcolor=white",
        Shape::Task => "shape=box",
        Shape::Pass => "shape=box, style=rounded",
        Shape::Choice => "shape=diamond",
        Shape::Wait => "shape=hexagon",
        Shape::Succeed => {
            "shape=box, style=\"rounded,filled\", fillcolor=\"#e3f4e1\", color=\"#2e7d32\", peripheries=2"
        }
        Shape::Fail => "shape=octagon, style=filled, fillcolor=\"#fbe3e1\", color=\"#c62828\"",
        Shape::Parallel | Shape::Map => "shape=box3d",
        Shape::Missing => "shape=box, style=dashed, color=\"#c62828\"",
    };
    format!("{} [label=\"{label}\", {style}];", n.id)
}

/// `s` as a DOT quoted string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

/// `s` inside a DOT quoted string: `\` and `"` escaped (so escString sequences such as `\N`
/// stay literal) and control characters as spaces; every other character is UTF-8 as is.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
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
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quoted(r#"say "hi" \N"#), r#""say \"hi\" \\N""#);
    }

    #[test]
    fn newlines_in_names_do_not_break_the_string() {
        assert_eq!(escape("a\nb"), "a b");
    }
}
