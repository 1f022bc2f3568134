//! The seed workflows drawn by `sfn_asl::render`, as reviewed Mermaid and DOT snapshots; and,
//! when Graphviz happens to be installed, proof that `dot` reads the DOT.

use sfn_dsl::Workflow;

fn machine(build: fn() -> Result<Workflow, sfn_dsl::BuildError>) -> sfn_asl::StateMachine {
    build()
        .unwrap_or_else(|e| panic!("the example does not build:\n{e}"))
        .definition()
        .clone()
}

#[test]
fn order_processing_mermaid() {
    insta::assert_snapshot!(sfn_asl::render::to_mermaid(&machine(
        examples::order_processing::workflow
    )));
}

#[test]
fn order_processing_dot() {
    insta::assert_snapshot!(sfn_asl::render::to_dot(&machine(
        examples::order_processing::workflow
    )));
}

#[test]
fn image_pipeline_mermaid() {
    insta::assert_snapshot!(sfn_asl::render::to_mermaid(&machine(
        examples::image_pipeline::workflow
    )));
}

#[test]
fn image_pipeline_dot() {
    insta::assert_snapshot!(sfn_asl::render::to_dot(&machine(
        examples::image_pipeline::workflow
    )));
}

#[test]
fn manager_approval_mermaid() {
    insta::assert_snapshot!(sfn_asl::render::to_mermaid(&machine(
        examples::manager_approval::workflow
    )));
}

#[test]
fn manager_approval_dot() {
    insta::assert_snapshot!(sfn_asl::render::to_dot(&machine(
        examples::manager_approval::workflow
    )));
}

#[test]
fn distributed_map_mermaid() {
    insta::assert_snapshot!(sfn_asl::render::to_mermaid(&machine(
        examples::distributed_map::workflow
    )));
}

#[test]
fn jsonata_variables_dot() {
    insta::assert_snapshot!(sfn_asl::render::to_dot(&machine(
        examples::jsonata_variables::workflow
    )));
}

/// Every example's DOT is read by Graphviz without a complaint. Skipped (passes) when `dot` is
/// not installed: Graphviz is not a requirement of this workspace.
#[test]
fn graphviz_reads_every_example() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    if Command::new("dot").arg("-V").output().is_err() {
        eprintln!("graphviz `dot` is not installed; skipping");
        return;
    }
    let all: [fn() -> Result<Workflow, sfn_dsl::BuildError>; 6] = [
        examples::order_processing::workflow,
        examples::image_pipeline::workflow,
        examples::manager_approval::workflow,
        examples::retry_dlq::workflow,
        examples::jsonata_variables::workflow,
        examples::distributed_map::workflow,
    ];
    for build in all {
        let dot = sfn_asl::render::to_dot(&machine(build));
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dot runs");
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(dot.as_bytes())
            .expect("dot reads its input");
        let out = child.wait_with_output().expect("dot finishes");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "dot rejects:\n{dot}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Names no format may take literally, a Map inside a Parallel branch, a Catch with several
/// errors, and a `Next` to a state that does not exist.
const AWKWARD: &str = r##"{
  "StartAt": "Say \"hi\"",
  "States": {
    "Say \"hi\"": { "Type": "Pass", "Next": "a/b <c> & #1" },
    "a/b <c> & #1": {
      "Type": "Parallel",
      "Branches": [{
        "StartAt": "per item",
        "States": {
          "per item": {
            "Type": "Map",
            "ItemProcessor": { "StartAt": "back\\slash|pipe", "States": {
              "back\\slash|pipe": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true }
            } },
            "End": true
          }
        }
      }],
      "Catch": [{ "ErrorEquals": ["Custom.Error", "States.Timeout"], "Next": "결제 실패" }],
      "Next": "Typo"
    },
    "결제 실패": { "Type": "Fail", "Error": "Failed" }
  }
}"##;

#[test]
fn awkward_names_mermaid() {
    insta::assert_snapshot!(sfn_asl::render::to_mermaid(
        &sfn_asl::parse(AWKWARD).expect("parses")
    ));
}

#[test]
fn awkward_names_dot() {
    insta::assert_snapshot!(sfn_asl::render::to_dot(
        &sfn_asl::parse(AWKWARD).expect("parses")
    ));
}

#[test]
fn image_pipeline_svg() {
    insta::assert_snapshot!(sfn_asl::render::to_svg(&machine(
        examples::image_pipeline::workflow
    )));
}

/// Every example's SVG is one well-formed `<svg>` element whose text is escaped: no raw `<`, `&`
/// or `"` from a state name leaks into the markup.
#[test]
fn svg_escapes_awkward_names() {
    let svg = sfn_asl::render::to_svg(&sfn_asl::parse(AWKWARD).expect("parses"));
    assert!(svg.contains(">Say &quot;hi&quot;</text>"), "{svg}");
    assert!(svg.contains(">a/b &lt;c&gt; &amp; #1</text>"), "{svg}");
    assert!(!svg.contains("<c>"), "{svg}");
    assert_eq!(svg.matches("<svg ").count(), 1);
    assert!(svg.ends_with("</svg>\n"));
}

/// A Rust-built model nested 300 Parallel states deep (ten times what JSON text can hold) is
/// drawn in every format on the 2 MiB stack of a spawned thread.
#[test]
fn parallel_nested_300_deep_is_drawn_on_a_small_stack() {
    use sfn_asl::{Branch, ParallelState, PassState, StateMachine, States, Transition};

    let sizes = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let mut inner = States::new();
            inner.insert("X".into(), PassState::new(Transition::End).into());
            let mut branch = Branch::new("X", inner);
            for i in 0..300 {
                let name = format!("P{i}");
                let mut states = States::new();
                states.insert(
                    name.as_str().into(),
                    ParallelState::new(vec![branch], Transition::End).into(),
                );
                branch = Branch::new(name.as_str(), states);
            }
            let machine = StateMachine::new(branch.start_at, branch.states);
            [
                sfn_asl::render::to_mermaid(&machine)
                    .matches("subgraph ")
                    .count(),
                sfn_asl::render::to_dot(&machine)
                    .matches("subgraph cluster_")
                    .count(),
                sfn_asl::render::to_svg(&machine)
                    .matches("<rect x=")
                    .count(),
            ]
        })
        .expect("a thread starts")
        .join()
        .expect("no panic and no stack overflow");
    assert_eq!(sizes[0], 300);
    assert_eq!(sizes[1], 300);
    // A frame per branch, and two rects per Parallel node plus one for the Pass: 300 + 600 + 1.
    assert_eq!(sizes[2], 901);
}
