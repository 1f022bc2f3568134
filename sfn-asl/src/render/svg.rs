//! A standalone SVG drawing, laid out here (no Graphviz): each scope is drawn in layers by
//! longest path from its start (loops and other back edges ignored for layering, then routed
//! around the left side), and each Parallel branch or Map processor is a framed block to the
//! right of its scope, level with its state. Text widths are estimated (CJK characters count
//! double), so the result is approximate but deterministic.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::graph::{Cluster, Edge, EdgeKind, Graph, Item, Node, Shape};

const H_GAP: i64 = 40;
const V_GAP: i64 = 50;
const LINE_HEIGHT: i64 = 16;
const PAD: i64 = 14;
const TITLE: i64 = 22;
/// Wide enough for the detours of edges going back up on the left.
const MARGIN: i64 = 40;

/// A node placed at `x`, `y` (top left) with its size.
#[derive(Clone, Debug)]
struct Placed<'g> {
    node: &'g Node,
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

impl Placed<'_> {
    fn cx(&self) -> i64 {
        self.x + self.w / 2
    }
    fn cy(&self) -> i64 {
        self.y + self.h / 2
    }
}

/// A framed nested scope.
#[derive(Clone, Debug)]
struct Frame<'g> {
    title: &'g str,
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

/// A scope's drawing, relative to its own top left.
#[derive(Default)]
struct Block<'g> {
    nodes: Vec<Placed<'g>>,
    frames: Vec<Frame<'g>>,
    w: i64,
    h: i64,
}

impl<'g> Block<'g> {
    fn shifted(mut self, dx: i64, dy: i64) -> Block<'g> {
        for n in &mut self.nodes {
            n.x += dx;
            n.y += dy;
        }
        for f in &mut self.frames {
            f.x += dx;
            f.y += dy;
        }
        self
    }
}

/// The SVG document of `graph`.
pub(crate) fn write(graph: &Graph) -> String {
    let block = scope(&graph.items, &graph.edges).shifted(MARGIN, MARGIN);
    let width = block.w + 2 * MARGIN;
    let height = block.h + 2 * MARGIN;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">"##
    );
    out.push_str(concat!(
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker>"##,
        r##"<marker id="arrow-catch" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c62828"/></marker></defs>"##,
        "\n",
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##,
        "\n"
    ));
    for f in &block.frames {
        let _ = writeln!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="#fafafa" stroke="#777777" stroke-dasharray="5 3"/>"##,
            f.x, f.y, f.w, f.h
        );
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" fill="#555555" font-size="11">{}</text>"##,
            f.x + 8,
            f.y + 15,
            text(f.title)
        );
    }
    let by_id: HashMap<&str, &Placed<'_>> = block
        .nodes
        .iter()
        .map(|p| (p.node.id.as_str(), p))
        .collect();
    let mut labels = String::new();
    for (i, edge) in graph.edges.iter().enumerate() {
        let (Some(from), Some(to)) = (by_id.get(edge.from.as_str()), by_id.get(edge.to.as_str()))
        else {
            continue;
        };
        let (points, label_at) = route(from, to, edge, i);
        let style = match edge.kind {
            EdgeKind::Flow => r##"stroke="#444444" marker-end="url(#arrow)""##,
            EdgeKind::Catch => {
                r##"stroke="#c62828" stroke-dasharray="6 4" marker-end="url(#arrow-catch)""##
            }
            EdgeKind::Scope => {
                r##"stroke="#888888" stroke-dasharray="2 3" marker-end="url(#arrow)""##
            }
        };
        let points: Vec<String> = points.iter().map(|(x, y)| format!("{x},{y}")).collect();
        let _ = writeln!(
            out,
            r#"<polyline points="{}" fill="none" {style}/>"#,
            points.join(" ")
        );
        if let Some(label) = &edge.label {
            let w = text_width(label, 11) + 8;
            let (lx, ly) = label_at;
            let color = if edge.kind == EdgeKind::Catch {
                "#c62828"
            } else {
                "#333333"
            };
            let _ = writeln!(
                labels,
                r##"<rect x="{}" y="{}" width="{w}" height="16" fill="#ffffff" fill-opacity="0.9"/><text x="{lx}" y="{}" text-anchor="middle" font-size="11" fill="{color}">{}</text>"##,
                lx - w / 2,
                ly - 11,
                ly + 1,
                text(label)
            );
        }
    }
    for p in &block.nodes {
        node(&mut out, p);
    }
    out.push_str(&labels);
    out.push_str("</svg>\n");
    out
}

/// The polyline of one edge and where its label goes. An edge into a nested block goes from the
/// state's right side; downward edges go bottom to top; an edge to a node level with it and on its right goes
/// side to side; any other (a loop back, a same-layer jump) goes
/// around the left, each at its own distance so parallel detours stay apart.
fn route(
    from: &Placed<'_>,
    to: &Placed<'_>,
    edge: &Edge,
    index: usize,
) -> (Vec<(i64, i64)>, (i64, i64)) {
    if edge.kind == EdgeKind::Scope {
        let a = (from.x + from.w, from.cy());
        let b = (to.x, to.cy());
        return (vec![a, b], ((a.0 + b.0) / 2, (a.1 + b.1) / 2));
    }
    if to.y >= from.y + from.h {
        let a = (from.cx(), from.y + from.h);
        let b = (to.cx(), to.y);
        return (vec![a, b], ((a.0 + b.0) / 2, (a.1 + b.1) / 2));
    }
    let level = to.y < from.y + from.h && to.y + to.h > from.y;
    if level && to.x >= from.x + from.w {
        let a = (from.x + from.w, from.cy());
        let b = (to.x, to.cy());
        return (vec![a, b], ((a.0 + b.0) / 2, (a.1 + b.1) / 2));
    }
    let detour = from.x.min(to.x) - 14 - 6 * (index as i64 % 4);
    let a = (from.x, from.cy());
    let b = (to.x, to.cy());
    let points = vec![a, (detour, a.1), (detour, b.1), b];
    (points, (detour, (a.1 + b.1) / 2))
}

/// Lays out one scope's items: its own nodes in layers, its nested scopes as frames on the right.
fn scope<'g>(items: &'g [Item], edges: &'g [Edge]) -> Block<'g> {
    let own: Vec<&Node> = items
        .iter()
        .filter_map(|i| match i {
            Item::Node(n) => Some(n),
            Item::Cluster(_) => None,
        })
        .collect();
    let index: HashMap<&str, usize> = own
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); own.len()];
    for e in edges {
        if let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) {
            succ[a].push(b);
        }
    }
    let layer = layers(&succ);
    let layer_count = layer.iter().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (i, &l) in layer.iter().enumerate() {
        rows[l].push(i);
    }
    // A Parallel or Map state goes last in its row, so the dotted edges into its blocks on the
    // right do not cross the row's other states.
    let owners: HashSet<&str> = items
        .windows(2)
        .filter_map(|w| match w {
            [Item::Node(n), Item::Cluster(_)] => Some(n.id.as_str()),
            _ => None,
        })
        .collect();
    for row in &mut rows {
        row.sort_by_key(|&i| (owners.contains(own[i].id.as_str()), i));
    }
    let sizes: Vec<(i64, i64)> = own.iter().map(|n| size(n)).collect();
    let row_width = |row: &[usize]| -> i64 {
        row.iter().map(|&i| sizes[i].0).sum::<i64>() + H_GAP * (row.len() as i64 - 1).max(0)
    };
    let main_w = rows.iter().map(|r| row_width(r)).max().unwrap_or(0);
    let mut placed: Vec<Option<Placed<'g>>> = vec![None; own.len()];
    let mut y = 0;
    for row in &rows {
        let row_h = row.iter().map(|&i| sizes[i].1).max().unwrap_or(0);
        let mut x = (main_w - row_width(row)) / 2;
        for &i in row {
            let (w, h) = sizes[i];
            placed[i] = Some(Placed {
                node: own[i],
                x,
                y: y + (row_h - h) / 2,
                w,
                h,
            });
            x += w + H_GAP;
        }
        y += row_h + V_GAP;
    }
    let main_h = (y - V_GAP).max(0);
    let mut block = Block {
        nodes: placed.into_iter().flatten().collect(),
        frames: Vec::new(),
        w: main_w,
        h: main_h,
    };

    // Nested scopes, each level with the state it belongs to (the node just before it).
    let column_x = if main_w > 0 { main_w + H_GAP + 20 } else { 0 };
    let mut next_free_y = 0;
    let mut parent_y = 0;
    let own_y: HashMap<&str, i64> = block
        .nodes
        .iter()
        .map(|p| (p.node.id.as_str(), p.y))
        .collect();
    for item in items {
        match item {
            Item::Node(n) => {
                if let Some(&y) = own_y.get(n.id.as_str()) {
                    parent_y = y;
                }
            }
            Item::Cluster(Cluster {
                title,
                items: inner,
                ..
            }) => {
                let inner_block = scope(inner, edges);
                let w = inner_block.w.max(text_width(title, 11) + 16) + 2 * PAD;
                let h = inner_block.h + 2 * PAD + TITLE;
                let fy = parent_y.max(next_free_y);
                let inner_block = inner_block.shifted(column_x + PAD, fy + PAD + TITLE);
                block.frames.push(Frame {
                    title,
                    x: column_x,
                    y: fy,
                    w,
                    h,
                });
                block.frames.extend(inner_block.frames);
                block.nodes.extend(inner_block.nodes);
                block.w = block.w.max(column_x + w);
                block.h = block.h.max(fy + h);
                next_free_y = fy + h + 20;
            }
        }
    }
    block
}

/// Each node's layer: the longest path to it from the nodes no forward edge enters, where an
/// edge back to a node still on the depth-first path (a loop) does not count.
fn layers(succ: &[Vec<usize>]) -> Vec<usize> {
    let n = succ.len();
    // Iterative depth-first search: colour 0 unseen, 1 on the path, 2 done.
    let mut colour = vec![0u8; n];
    let mut order = Vec::with_capacity(n);
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    for root in 0..n {
        if colour[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        colour[root] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&w) = succ[v].get(*next) {
                *next += 1;
                match colour[w] {
                    0 => {
                        forward[v].push(w);
                        colour[w] = 1;
                        stack.push((w, 0));
                    }
                    2 => forward[v].push(w),
                    _ => {} // back to the path: a loop
                }
            } else {
                colour[v] = 2;
                order.push(v);
                stack.pop();
            }
        }
    }
    let mut layer = vec![0usize; n];
    for &v in order.iter().rev() {
        for &w in &forward[v] {
            layer[w] = layer[w].max(layer[v] + 1);
        }
    }
    layer
}

/// A node's width and height.
fn size(n: &Node) -> (i64, i64) {
    let text_w = n
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| text_width(l, if i == 0 { 12 } else { 11 }))
        .max()
        .unwrap_or(0);
    let lines = n.lines.len() as i64;
    match n.shape {
        Shape::Start | Shape::End => (44, 44),
        Shape::Choice => (text_w * 3 / 2 + 40, lines * LINE_HEIGHT * 2 + 12),
        Shape::Wait => (text_w + 48, lines * LINE_HEIGHT + 16),
        _ => ((text_w + 24).max(90), lines * LINE_HEIGHT + 16),
    }
}

/// An estimate of `s`'s width at `size` px: wide (CJK, Hangul) characters count double.
fn text_width(s: &str, size: i64) -> i64 {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x1100 {
                size
            } else {
                size * 6 / 10
            }
        })
        .sum()
}

fn node(out: &mut String, p: &Placed<'_>) {
    let (x, y, w, h) = (p.x, p.y, p.w, p.h);
    let (cx, cy) = (p.cx(), p.cy());
    let stroke = r##"stroke="#333333" stroke-width="1.2""##;
    let _ = match p.node.shape {
        Shape::Start => writeln!(
            out,
            r##"<circle cx="{cx}" cy="{cy}" r="20" fill="#333333"/>"##
        ),
        Shape::End => writeln!(
            out,
            r##"<circle cx="{cx}" cy="{cy}" r="20" fill="#ffffff" {stroke}/><circle cx="{cx}" cy="{cy}" r="15" fill="#333333"/>"##
        ),
        Shape::Task => writeln!(
            out,
            r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#eef3fb" {stroke}/>"##
        ),
        Shape::Pass => writeln!(
            out,
            r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="12" fill="#f4f4f4" {stroke}/>"##
        ),
        Shape::Choice => writeln!(
            out,
            r##"<polygon points="{cx},{y} {},{cy} {cx},{} {x},{cy}" fill="#fff8e1" {stroke}/>"##,
            x + w,
            y + h
        ),
        Shape::Wait => writeln!(
            out,
            r##"<polygon points="{},{y} {},{y} {},{cy} {},{} {},{} {x},{cy}" fill="#f3e5f5" {stroke}/>"##,
            x + 14,
            x + w - 14,
            x + w,
            x + w - 14,
            y + h,
            x + 14,
            y + h
        ),
        Shape::Succeed => writeln!(
            out,
            r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{}" fill="#e3f4e1" stroke="#2e7d32" stroke-width="1.5"/>"##,
            h / 2
        ),
        Shape::Fail => writeln!(
            out,
            r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="4" fill="#fbe3e1" stroke="#c62828" stroke-width="2.5"/>"##
        ),
        Shape::Parallel | Shape::Map => writeln!(
            out,
            r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#e8f5e9" {stroke}/><rect x="{}" y="{}" width="{}" height="{}" fill="none" {stroke}/>"##,
            x + 3,
            y + 3,
            w - 6,
            h - 6
        ),
        Shape::Missing => writeln!(
            out,
            r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#ffffff" stroke="#c62828" stroke-dasharray="4 3"/>"##
        ),
    };
    if matches!(p.node.shape, Shape::Start | Shape::End) {
        let _ = writeln!(
            out,
            r##"<text x="{cx}" y="{}" text-anchor="middle" font-size="10" fill="#ffffff">{}</text>"##,
            cy + 4,
            text(&p.node.lines[0])
        );
        return;
    }
    let lines = p.node.lines.len() as i64;
    let top = cy - lines * LINE_HEIGHT / 2 + 12;
    for (i, line) in p.node.lines.iter().enumerate() {
        let attrs = if i == 0 {
            r##"font-weight="bold" fill="#111111""##
        } else {
            r##"font-size="11" fill="#555555""##
        };
        let _ = writeln!(
            out,
            r#"<text x="{cx}" y="{}" text-anchor="middle" {attrs}>{}</text>"#,
            top + i as i64 * LINE_HEIGHT,
            text(line)
        );
    }
}

/// `s` as XML character data or attribute text.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
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
    fn markup_in_names_is_escaped() {
        assert_eq!(
            text(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn loops_do_not_push_layers_down() {
        // 0 → 1 → 2 → 1 (a loop), 2 → 3.
        let succ = vec![vec![1], vec![2], vec![1, 3], vec![]];
        assert_eq!(layers(&succ), [0, 1, 2, 3]);
    }

    #[test]
    fn a_node_sits_below_its_longest_path() {
        // 0 → 1 → 2 and 0 → 2: 2 is on layer 2, not 1.
        let succ = vec![vec![1, 2], vec![2], vec![]];
        assert_eq!(layers(&succ), [0, 1, 2]);
    }

    #[test]
    fn a_state_with_blocks_goes_last_in_its_row() {
        let machine = crate::parse(
            r#"{"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"P"}],"Default":"A"},
              "P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}]},
              "A":{"Type":"Succeed"}}}"#,
        )
        .unwrap();
        let graph = Graph::of(&machine);
        let block = scope(&graph.items, &graph.edges);
        let x = |name: &str| {
            block
                .nodes
                .iter()
                .find(|p| p.node.lines[0] == name)
                .map(|p| (p.x, p.y))
                .unwrap()
        };
        let (parallel, other) = (x("P"), x("A"));
        assert_eq!(parallel.1, other.1, "same row");
        assert!(parallel.0 > other.0, "P at {parallel:?}, A at {other:?}");
        assert!(x("B").0 > parallel.0, "the branch is to the right");
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(text_width("ab", 10), 12);
        assert_eq!(text_width("주문", 10), 20);
    }
}
