//! Map over objects, ItemBatcher with JSONata, ResultWriter.

use serde_json::{Value, json};

use crate::{Executor, Status};

fn machine(states: Value) -> Executor {
    let start = states.as_object().unwrap().keys().next().unwrap().clone();
    Executor::from_json(&json!({"StartAt": start, "States": states}).to_string()).unwrap()
}

fn jsonata(states: Value) -> Executor {
    let start = states.as_object().unwrap().keys().next().unwrap().clone();
    Executor::from_json(
        &json!({"QueryLanguage": "JSONata", "StartAt": start, "States": states}).to_string(),
    )
    .unwrap()
}

fn pass_processor() -> Value {
    json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})
}

fn distributed_pass() -> Value {
    json!({"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})
}

#[test]
fn map_over_an_object_passes_each_key_value_pair_in_document_order() {
    let ex = machine(
        json!({"M": {"Type": "Map", "ItemsPath": "$.servers", "End": true,
        "ItemProcessor": pass_processor()}}),
    );
    let run = ex.run(json!({"servers": {"web": {"port": 80}, "db": {"port": 5432}}}));
    assert_eq!(
        run.output,
        Some(json!([
            {"Key": "web", "Value": {"port": 80}},
            {"Key": "db", "Value": {"port": 5432}}
        ]))
    );
}

#[test]
fn item_selector_sees_the_key_value_and_index_of_an_object_item() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ItemSelector": {"k.$": "$$.Map.Item.Key", "v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"},
        "ItemProcessor": pass_processor()}}));
    assert_eq!(
        ex.run(json!({"b": 2, "a": 1})).output,
        Some(json!([{"k": "b", "v": 2, "i": 0}, {"k": "a", "v": 1, "i": 1}]))
    );
}

#[test]
fn array_items_have_no_key_in_the_context() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ItemSelector": {"item.$": "$$.Map.Item"},
        "ItemProcessor": pass_processor()}}));
    assert_eq!(
        ex.run(json!(["x"])).output,
        Some(json!([{"item": {"Index": 0, "Value": "x"}}]))
    );
}

#[test]
fn jsonata_map_over_an_object_exposes_the_item_key() {
    let ex = jsonata(
        json!({"M": {"Type": "Map", "Items": "{% $states.input.env %}",
        "ItemSelector": "{% $states.context.Map.Item.Key & '=' & $states.context.Map.Item.Value %}",
        "ItemProcessor": pass_processor(), "End": true}}),
    );
    assert_eq!(
        ex.run(json!({"env": {"A": "1", "B": "2"}})).output,
        Some(json!(["A=1", "B=2"]))
    );
}

#[test]
fn jsonata_map_over_an_object_without_selector_passes_pairs() {
    let ex = jsonata(json!({"M": {"Type": "Map", "ItemProcessor": pass_processor(), "End": true}}));
    assert_eq!(
        ex.run(json!({"x": true})).output,
        Some(json!([{"Key": "x", "Value": true}]))
    );
}

#[test]
fn map_over_an_empty_object_succeeds_with_no_iterations() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true, "ItemProcessor": pass_processor()}}));
    let run = ex.run(json!({}));
    assert_eq!(run.status, Status::Succeeded);
    assert_eq!(run.output, Some(json!([])));
}

#[test]
fn item_reader_returning_an_object_iterates_its_pairs_up_to_max_items() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "JSON", "MaxItems": 1},
            "Parameters": {"Bucket": "b", "Key": "k.json"}},
        "ItemProcessor": distributed_pass()}}))
    .handle("arn:aws:states:::s3:getObject", |_| {
        Ok(json!({"a": 1, "b": 2}))
    });
    assert_eq!(
        ex.run(json!({})).output,
        Some(json!([{"Key": "a", "Value": 1}]))
    );
}

#[test]
fn jsonata_item_batcher_evaluates_its_expressions() {
    let ex = jsonata(json!({"M": {"Type": "Map", "End": true,
        "ItemBatcher": {"MaxItemsPerBatch": "{% $states.input.size %}",
            "BatchInput": {"tag": "{% $states.input.tag %}"}},
        "Items": "{% $states.input.items %}",
        "ItemProcessor": distributed_pass()}}));
    assert_eq!(
        ex.run(json!({"items": [1, 2, 3], "size": 2, "tag": "t"}))
            .output,
        Some(json!([
            {"Items": [1, 2], "BatchInput": {"tag": "t"}},
            {"Items": [3], "BatchInput": {"tag": "t"}}
        ]))
    );
}

#[test]
fn jsonata_item_batcher_max_bytes_expression_splits_batches() {
    let ex = jsonata(json!({"M": {"Type": "Map", "End": true,
        "ItemBatcher": {"MaxInputBytesPerBatch": "{% 4 %}"},
        "ItemProcessor": distributed_pass()}}));
    assert_eq!(
        ex.run(json!(["ab", "cd"])).output,
        Some(json!([{"Items": ["ab"]}, {"Items": ["cd"]}]))
    );
}

#[test]
fn jsonata_item_batcher_rejects_a_zero_batch_size() {
    let ex = jsonata(json!({"M": {"Type": "Map", "End": true,
        "ItemBatcher": {"MaxItemsPerBatch": "{% 0 %}"},
        "ItemProcessor": distributed_pass()}}));
    let run = ex.run(json!([1]));
    assert_eq!(run.error.as_deref(), Some("States.QueryEvaluationError"));
    assert!(run.cause.unwrap().contains("'MaxItemsPerBatch'"));
}
