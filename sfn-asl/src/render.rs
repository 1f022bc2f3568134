//! Draw a state machine: Mermaid flowcharts, Graphviz DOT, and standalone SVG.
//!
//! Every state is a node labelled with its name and type, shaped by its type (a Choice is a
//! diamond, Succeed and Fail are terminal shapes, a Task a box) and listing its `Retry` rules.
//! Edges follow `Next`, each Choice rule (labelled with a short reading of its condition, such
//! as `$.amount > 10000` or the JSONata expression), `Default` (labelled `default`) and `Catch`
//! (dashed, labelled with the error names). Start and End markers frame the machine; Parallel
//! branches and Map processors are nested clusters, entered by a dotted edge from their state.
//!
//! Node ids are generated (`s0`, `s1`, …, in the order the states are written), so any state
//! name — spaces, quotes, Korean, `/` — is safe: the name only ever appears escaped in a label.
//! The output depends only on the machine, so it can be snapshot-tested. A transition to a
//! state that does not exist is drawn to a dashed "no such state" node rather than refused:
//! rendering a definition that does not validate is often how one finds out why.

mod dot;
mod graph;
mod mermaid;
mod svg;

use crate::StateMachine;
use graph::Graph;

/// The machine as a Mermaid flowchart (`flowchart TD`), for Markdown on GitHub, GitLab and
/// most documentation tools.
///
/// ```
/// let machine = sfn_asl::parse(r#"{
///   "StartAt": "Amount?",
///   "States": {
///     "Amount?": { "Type": "Choice",
///       "Choices": [{ "Variable": "$.amount", "NumericGreaterThan": 10000, "Next": "Approve" }],
///       "Default": "Done" },
///     "Approve": { "Type": "Pass", "Next": "Done" },
///     "Done": { "Type": "Succeed" }
///   }
/// }"#)?;
/// let chart = sfn_asl::render::to_mermaid(&machine);
/// assert!(chart.starts_with("flowchart TD\n"));
/// assert!(chart.contains(r#"s0{"Amount?<br/>Choice"}"#));
/// assert!(chart.contains(r#"s0 -->|"$.amount #gt; 10000"| s1"#));
/// assert!(chart.contains(r#"s0 -->|"default"| s2"#));
/// # Ok::<(), sfn_asl::ParseError>(())
/// ```
pub fn to_mermaid(machine: &StateMachine) -> String {
    mermaid::write(&Graph::of(machine))
}

/// The machine as a Graphviz DOT digraph, for `dot -Tsvg` or `dot -Tpng`.
///
/// ```
/// let machine = sfn_asl::parse(r#"{
///   "StartAt": "Charge",
///   "States": {
///     "Charge": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///       "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Failed" }], "End": true },
///     "Failed": { "Type": "Fail" }
///   }
/// }"#)?;
/// let dot = sfn_asl::render::to_dot(&machine);
/// assert!(dot.starts_with("digraph state_machine {\n"));
/// assert!(dot.contains(r#"s0 [label="Charge\nTask", shape=box];"#));
/// assert!(dot.contains(r#"s0 -> s1 [label="States.ALL", style=dashed"#));
/// # Ok::<(), sfn_asl::ParseError>(())
/// ```
pub fn to_dot(machine: &StateMachine) -> String {
    dot::write(&Graph::of(machine))
}

/// The machine as a standalone SVG image, laid out by sfn itself (no Graphviz needed): each
/// scope in layers from its start, loops routed around the left, Parallel branches and Map
/// processors as framed blocks to the right of their state. Text widths are estimated, so use
/// [`to_dot`] and Graphviz when the drawing must be polished.
///
/// ```
/// let machine = sfn_asl::parse(r#"{
///   "StartAt": "Wait",
///   "States": { "Wait": { "Type": "Wait", "Seconds": 5, "Next": "Done" },
///               "Done": { "Type": "Succeed" } }
/// }"#)?;
/// let svg = sfn_asl::render::to_svg(&machine);
/// assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
/// assert!(svg.contains(">Wait</text>") && svg.contains(">Succeed</text>"));
/// assert!(svg.ends_with("</svg>\n"));
/// # Ok::<(), sfn_asl::ParseError>(())
/// ```
pub fn to_svg(machine: &StateMachine) -> String {
    svg::write(&Graph::of(machine))
}
