//! Every example workflow: its ASL as a reviewed snapshot, accepted by the sfn-asl validator when
//! read back from its JSON text, and byte-stable.

use serde_json::Value;
use sfn_dsl::Workflow;

/// The JSON of `workflow`, after checking that its text parses and validates with no error and
/// that building twice gives the same bytes.
fn checked(build: fn() -> Result<Workflow, sfn_dsl::BuildError>) -> Value {
    let workflow = build().unwrap_or_else(|e| panic!("the example does not build:\n{e}"));
    let json = workflow.to_json_pretty();
    // Read back from the text and validated again (placeholders through their stand-ins, as
    // `build()` does: AWS sees them substituted).
    let reread = sfn_asl::parse(&json).expect("the output parses");
    if let Err(e) = Workflow::from_definition(reread) {
        panic!("the validator rejects the example:\n{e}");
    }
    let again = build().expect("built once already");
    assert_eq!(
        again.to_json_pretty(),
        json,
        "the output is not byte-stable"
    );
    assert_eq!(
        sfn_asl::parse(&json).expect("the output parses"),
        *workflow.definition(),
        "the output does not read back as the same model"
    );
    serde_json::from_str(&json).expect("the output is JSON")
}

#[test]
fn order_processing() {
    insta::assert_json_snapshot!(checked(examples::order_processing::workflow));
}

#[test]
fn image_pipeline() {
    insta::assert_json_snapshot!(checked(examples::image_pipeline::workflow));
}

#[test]
fn manager_approval() {
    insta::assert_json_snapshot!(checked(examples::manager_approval::workflow));
}

#[test]
fn retry_dlq() {
    insta::assert_json_snapshot!(checked(examples::retry_dlq::workflow));
}

#[test]
fn jsonata_variables() {
    insta::assert_json_snapshot!(checked(examples::jsonata_variables::workflow));
}

#[test]
fn distributed_map() {
    insta::assert_json_snapshot!(checked(examples::distributed_map::workflow));
}

#[test]
fn callback() {
    insta::assert_json_snapshot!(checked(examples::callback::workflow));
}

#[test]
fn order_api() {
    insta::assert_json_snapshot!(checked(examples::order_api::workflow));
}

#[test]
fn typed_payloads() {
    insta::assert_json_snapshot!(checked(examples::typed_payloads::workflow));
}

#[test]
fn workload_three_stages() {
    insta::assert_json_snapshot!(checked(|| examples::workload::workflow(3)));
}

/// Replaces every `Resource` ARN by the function name it ends with, so the seed's elided ARNs
/// (`arn:aws:lambda:...:function:UploadImage`) compare equal to real ones.
fn without_arns(value: &mut Value) {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(arn)) = map.get_mut("Resource") {
                    *arn = arn.rsplit(':').next().unwrap_or_default().to_owned();
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

#[test]
fn image_pipeline_is_the_seeds_json() {
    let Some(conformance) = sfn_tests::conformance_dir() else {
        return;
    };
    let reference = std::fs::read_to_string(conformance.join("../asl-reference.md"))
        .expect("shared/asl-reference.md is readable");
    // The seed's image pipeline is the only ```json block of the reference.
    let block = reference
        .split("```json")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the reference holds the seed's JSON");
    let mut seed: Value = serde_json::from_str(block).expect("the seed's JSON parses");
    let mut ours = examples::image_pipeline::workflow()
        .expect("the example builds")
        .to_value();
    without_arns(&mut seed);
    without_arns(&mut ours);
    assert_eq!(ours, seed);
}
