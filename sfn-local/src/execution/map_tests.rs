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

/// A distributed Map over its input doubling each number, with this `ResultWriter`.
fn writer_machine(result_writer: Value) -> Executor {
    machine(
        json!({"M": {"Type": "Map", "End": true, "ResultWriter": result_writer,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Double", "States": {"Double": {"Type": "Pass",
                "Parameters": {"n.$": "States.MathAdd($, $)"}, "End": true}}}}}),
    )
}

fn export(config: Option<Value>) -> Value {
    let mut rw = json!({"Resource": "arn:aws:states:::s3:putObject",
        "Parameters": {"Bucket": "out", "Prefix": "runs"}});
    if let Some(config) = config {
        rw["WriterConfig"] = config;
    }
    rw
}

/// The manifest the run's output points at, and the run's output.
fn manifest(ex: &Executor, input: Value) -> (Value, Value) {
    let run = ex.run(input);
    assert_eq!(run.status, Status::Succeeded, "{run:?}");
    let output = run.output.unwrap();
    let details = &output["ResultWriterDetails"];
    let bucket = details["Bucket"].as_str().unwrap();
    let manifest = ex
        .s3()
        .get_json(bucket, details["Key"].as_str().unwrap())
        .expect("the manifest is written");
    (manifest, output)
}

fn file_key(manifest: &Value, status: &str) -> String {
    manifest["ResultFiles"][status][0]["Key"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn result_writer_output_is_the_map_run_arn_and_the_manifest_location() {
    let ex = writer_machine(export(None));
    let (manifest, output) = manifest(&ex, json!([1, 2]));
    let arn = output["MapRunArn"].as_str().unwrap();
    let id = arn
        .strip_prefix("arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/M:")
        .expect("AWS's map run ARN shape");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(
        output["ResultWriterDetails"],
        json!({"Bucket": "out", "Key": format!("runs/{id}/manifest.json")})
    );
    assert_eq!(manifest["DestinationBucket"], json!("out"));
    assert_eq!(manifest["MapRunArn"], json!(arn));
    assert_eq!(manifest["ResultFiles"]["FAILED"], json!([]));
    assert_eq!(manifest["ResultFiles"]["PENDING"], json!([]));
    assert_eq!(
        file_key(&manifest, "SUCCEEDED"),
        format!("runs/{id}/SUCCEEDED_0.json")
    );
}

#[test]
fn result_writer_without_writer_config_exports_each_child_with_its_metadata() {
    let ex = writer_machine(export(None));
    let (manifest, _) = manifest(&ex, json!([1, 2]));
    let results = ex
        .s3()
        .get_json("out", &file_key(&manifest, "SUCCEEDED"))
        .unwrap();
    let first = &results[0];
    assert_eq!(first["Status"], json!("SUCCEEDED"));
    assert_eq!(first["Input"], json!("1"));
    assert_eq!(first["Output"], json!("{\"n\":2}"));
    assert_eq!(first["InputDetails"], json!({"Included": true}));
    assert!(
        first["ExecutionArn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:states:us-east-1:123456789012:execution:StateMachine/M:")
    );
    assert_eq!(results[1]["Output"], json!("{\"n\":4}"));
}

#[test]
fn result_writer_records_the_size_of_each_file_in_the_manifest() {
    let ex = writer_machine(export(None));
    let (manifest, _) = manifest(&ex, json!([1]));
    let key = file_key(&manifest, "SUCCEEDED");
    let size = ex.s3().get("out", &key).unwrap().len();
    assert_eq!(manifest["ResultFiles"]["SUCCEEDED"][0]["Size"], json!(size));
}

#[test]
fn compact_transformation_writes_only_the_outputs() {
    let ex = writer_machine(export(Some(
        json!({"Transformation": "COMPACT", "OutputType": "JSON"}),
    )));
    let (manifest, _) = manifest(&ex, json!([1, 2]));
    assert_eq!(
        ex.s3().get_json("out", &file_key(&manifest, "SUCCEEDED")),
        Some(json!([{"n": 2}, {"n": 4}]))
    );
}

#[test]
fn jsonl_output_type_writes_one_line_per_result() {
    let ex = writer_machine(export(Some(
        json!({"Transformation": "COMPACT", "OutputType": "JSONL"}),
    )));
    let (manifest, _) = manifest(&ex, json!([1, 2]));
    let key = file_key(&manifest, "SUCCEEDED");
    assert_eq!(
        ex.s3().get_string("out", &key).as_deref(),
        Some("{\"n\":2}\n{\"n\":4}\n")
    );
}

#[test]
fn flatten_transformation_flattens_array_outputs() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket": "out"},
            "WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSON"}},
        "ItemProcessor": distributed_pass()}}));
    let (manifest, _) = manifest(&ex, json!([[1, 2], 3, [[4]]]));
    assert_eq!(
        ex.s3().get_json("out", &file_key(&manifest, "SUCCEEDED")),
        Some(json!([1, 2, 3, [4]]))
    );
}

#[test]
fn a_missing_prefix_writes_under_the_map_run_id() {
    let ex = machine(json!({"M": {"Type": "Map", "End": true,
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out"}},
        "ItemProcessor": distributed_pass()}}));
    let run = ex.run(json!([1]));
    let output = run.output.unwrap();
    let id = output["MapRunArn"]
        .as_str()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap();
    assert_eq!(
        output["ResultWriterDetails"]["Key"],
        json!(format!("{id}/manifest.json"))
    );
}

#[test]
fn writer_config_alone_previews_the_formatted_results_as_the_state_result() {
    let ex = writer_machine(
        json!({"WriterConfig": {"Transformation": "COMPACT", "OutputType": "JSON"}}),
    );
    let run = ex.run(json!([1, 2]));
    assert_eq!(run.output, Some(json!([{"n": 2}, {"n": 4}])));
    assert!(ex.s3().is_empty());
}

#[test]
fn tolerated_failures_are_exported_to_the_failed_file_with_error_and_cause() {
    let ex = machine(
        json!({"M": {"Type": "Map", "End": true, "ToleratedFailureCount": 1,
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket": "out", "Prefix": "p"},
            "WriterConfig": {"Transformation": "COMPACT", "OutputType": "JSON"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Bad"}], "Default": "Good"},
            "Bad": {"Type": "Fail", "Error": "Zero", "Cause": "no zeros"},
            "Good": {"Type": "Pass", "End": true}}}}}),
    );
    let (manifest, _) = manifest(&ex, json!([0, 1]));
    assert_eq!(
        ex.s3().get_json("out", &file_key(&manifest, "SUCCEEDED")),
        Some(json!([1]))
    );
    let failed = ex
        .s3()
        .get_json("out", &file_key(&manifest, "FAILED"))
        .unwrap();
    assert_eq!(failed[0]["Status"], json!("FAILED"));
    assert_eq!(failed[0]["Error"], json!("Zero"));
    assert_eq!(failed[0]["Cause"], json!("no zeros"));
    assert_eq!(failed[0]["Input"], json!("0"));
}

#[test]
fn result_path_places_the_writer_details_in_the_input() {
    let ex = machine(
        json!({"M": {"Type": "Map", "End": true, "ItemsPath": "$.xs",
        "ResultPath": "$.written",
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket.$": "$.bucket"}},
        "ItemProcessor": distributed_pass()}}),
    );
    let output = ex.run(json!({"xs": [1], "bucket": "b"})).output.unwrap();
    assert_eq!(
        output["written"]["ResultWriterDetails"]["Bucket"],
        json!("b")
    );
    assert_eq!(output["xs"], json!([1]));
}

#[test]
fn the_same_seed_writes_the_same_keys() {
    let ex = writer_machine(export(None));
    let first = ex.run(json!([1])).output;
    assert_eq!(ex.run(json!([1])).output, first);
}

#[test]
fn a_result_writer_without_bucket_fails_with_result_writer_failed() {
    let ex = writer_machine(json!({"Resource": "arn:aws:states:::s3:putObject",
        "Parameters": {"Prefix": "p"}}));
    let run = ex.run(json!([1]));
    assert_eq!(run.error.as_deref(), Some("States.ResultWriterFailed"));
    assert!(run.cause.unwrap().contains("'Bucket'"));
}

#[test]
fn jsonata_result_writer_arguments_are_evaluated() {
    let ex = jsonata(json!({"M": {"Type": "Map", "End": true,
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
            "Arguments": {"Bucket": "{% $states.input.bucket %}", "Prefix": "j"}},
        "Items": "{% $states.input.xs %}",
        "ItemProcessor": distributed_pass()}}));
    let output = ex.run(json!({"xs": [1], "bucket": "jb"})).output.unwrap();
    let key = output["ResultWriterDetails"]["Key"].as_str().unwrap();
    assert!(key.starts_with("j/"), "{key}");
    assert!(ex.s3().get_json("jb", key).is_some());
}

fn reader_machine(reader_config: Value) -> Executor {
    machine(json!({"M": {"Type": "Map", "End": true,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": reader_config,
            "Parameters": {"Bucket": "in", "Key.$": "$.key"}},
        "ItemProcessor": distributed_pass()}}))
}

#[test]
fn item_reader_without_handler_reads_a_json_object_from_the_in_memory_s3() {
    let ex = reader_machine(json!({"InputType": "JSON", "MaxItems": 2}));
    ex.s3().put("in", "items.json", "[1, 2, 3]");
    assert_eq!(
        ex.run(json!({"key": "items.json"})).output,
        Some(json!([1, 2]))
    );
}

#[test]
fn item_reader_reads_json_lines_from_the_in_memory_s3() {
    let ex = reader_machine(json!({"InputType": "JSONL"}));
    ex.s3().put("in", "items.jsonl", "{\"a\":1}\n{\"a\":2}\n");
    assert_eq!(
        ex.run(json!({"key": "items.jsonl"})).output,
        Some(json!([{"a": 1}, {"a": 2}]))
    );
}

#[test]
fn item_reader_items_pointer_selects_inside_the_json_object() {
    let ex = reader_machine(json!({"InputType": "JSON", "ItemsPointer": "/data/items"}));
    ex.s3()
        .put("in", "nested.json", r#"{"data": {"items": ["x"]}}"#);
    assert_eq!(
        ex.run(json!({"key": "nested.json"})).output,
        Some(json!(["x"]))
    );
}

#[test]
fn item_reader_object_that_is_not_json_fails_with_item_reader_failed() {
    let ex = reader_machine(json!({"InputType": "JSON"}));
    ex.s3().put("in", "bad.json", "not json");
    let run = ex.run(json!({"key": "bad.json"}));
    assert_eq!(run.error.as_deref(), Some("States.ItemReaderFailed"));
    assert!(run.cause.unwrap().contains("s3://in/bad.json"));
}

#[test]
fn a_store_given_to_the_executor_is_the_one_it_reads() {
    let store = crate::ObjectStore::new();
    store.put("in", "items.json", "[7]");
    let ex = reader_machine(json!({"InputType": "JSON"})).with_s3(store);
    assert_eq!(
        ex.run(json!({"key": "items.json"})).output,
        Some(json!([7]))
    );
}

fn reader_with_max_items_path() -> Executor {
    let ex = reader_machine(json!({"InputType": "JSON", "MaxItemsPath": "$.limit"}));
    ex.s3().put("in", "items.json", "[1, 2, 3]");
    ex
}

#[test]
fn item_reader_max_items_path_reads_the_limit_from_the_input() {
    let run = reader_with_max_items_path().run(json!({"key": "items.json", "limit": 1}));
    assert_eq!(run.output, Some(json!([1])));
}

#[test]
fn item_reader_max_items_path_to_a_fraction_is_a_runtime_error() {
    let run = reader_with_max_items_path().run(json!({"key": "items.json", "limit": 1.5}));
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert!(run.cause.unwrap().contains("is not a valid integer"));
}

#[test]
fn item_reader_max_items_path_to_a_negative_number_fails_the_reader() {
    let run = reader_with_max_items_path().run(json!({"key": "items.json", "limit": -1}));
    assert_eq!(run.error.as_deref(), Some("States.ItemReaderFailed"));
    assert!(
        run.cause
            .unwrap()
            .contains("field MaxItems must be positive")
    );
}

#[test]
fn jsonata_item_reader_max_items_expression_caps_the_items() {
    let ex = jsonata(json!({"M": {"Type": "Map", "End": true,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% $states.input.limit %}"},
            "Arguments": {"Bucket": "in", "Key": "items.json"}},
        "ItemProcessor": distributed_pass()}}));
    ex.s3().put("in", "items.json", "[1, 2, 3]");
    assert_eq!(ex.run(json!({"limit": 2})).output, Some(json!([1, 2])));
}
