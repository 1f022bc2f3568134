//! One builder test per state type, reaching every field in JSONPath and JSONata modes: the JSON
//! is a reviewed snapshot, and the text is checked again by the sfn-asl validator.

use serde_json::{Value, json};
use sfn_dsl::prelude::*;
use sfn_dsl::{Workflow, WorkflowBuilder};

/// Builds, re-validates the JSON text, and returns it as a value for the snapshot.
fn checked(builder: WorkflowBuilder) -> Value {
    let workflow: Workflow = builder
        .build()
        .unwrap_or_else(|e| panic!("the workflow does not build:\n{e}"));
    let json = workflow.to_json_pretty();
    let diagnostics = sfn_asl::validate_str(&json);
    assert!(!diagnostics.has_errors(), "rejected:\n{diagnostics}");
    serde_json::from_str(&json).expect("JSON")
}

const F: &str = "arn:aws:lambda:us-east-1:123456789012:function:F";

#[test]
fn task_jsonpath_fields() {
    let failed = fail("Failed");
    let t = task("Work")
        .comment("every JSONPath field")
        .resource(lambda(F))
        .input_path("$.order")
        .parameters(json!({"id.$": "$.id", "fixed": 1}))
        .result_selector(json!({"body.$": "$.body"}))
        .result_path("$.result")
        .output_path("$")
        .assign("seen", true)
        .timeout_seconds(300)
        .heartbeat_seconds(60)
        .credentials_role_arn("arn:aws:iam::123456789012:role/Worker")
        .retry(
            Retry::on(["Custom.Error", "States.Timeout"])
                .interval_seconds(3)
                .max_attempts(4)
                .backoff_rate(1.5)
                .max_delay_seconds(60)
                .jitter_strategy(JitterStrategy::Full)
                .comment("transient"),
        )
        .catch(
            Catch::all()
                .result_path("$.error")
                .comment("everything else")
                .next(&failed),
        );
    let paths = task("PathTimeouts")
        .resource(lambda(F))
        .timeout_seconds_path("$.timeout")
        .heartbeat_seconds_path("$.heartbeat")
        .credentials_role_arn_path("$.roleArn")
        .result_path(PathOrNull::Null);
    insta::assert_json_snapshot!(checked(Workflow::builder(t.then(paths)).state(failed)));
}

#[test]
fn task_jsonata_fields() {
    let failed = fail("Failed");
    let t = task("Work")
        .resource(lambda_invoke(F).payload(jsonata("$states.input")))
        .arguments(json!({"Extra": "{% $states.input.extra %}"}))
        .output(jsonata("$states.result.Payload"))
        .assign("total", jsonata("$states.result.Payload.total"))
        .timeout_seconds(jsonata("$states.input.timeout"))
        .heartbeat_seconds(jsonata("$states.input.heartbeat"))
        .catch(
            Catch::all()
                .output(json!({"error": "{% $states.errorOutput %}"}))
                .assign("failed", true)
                .next(&failed),
        );
    insta::assert_json_snapshot!(checked(
        Workflow::builder(t)
            .state(failed)
            .query_language(QueryLanguage::Jsonata)
    ));
}

#[test]
fn pass_fields_in_both_modes() {
    let jsonpath = pass("Shape")
        .comment("reshape")
        .input_path("$.in")
        .parameters(json!({"x.$": "$.x"}))
        .result_path("$.shaped")
        .output_path("$.shaped")
        .assign("step", 1);
    let fixed = pass("Fixed").result(json!({"kind": "small"}));
    let jsonata_state = pass("Jsonata")
        .query_language(QueryLanguage::Jsonata)
        .output(json!({"step": "{% $step %}"}))
        .assign("done", true);
    insta::assert_json_snapshot!(checked(Workflow::builder(
        jsonpath.then(fixed).then(jsonata_state)
    )));
}

#[test]
fn choice_jsonpath_conditions() {
    let done = succeed("Done");
    let route = choice("Route")
        .comment("every operator family")
        .input_path("$")
        .output_path("$")
        .assign("routed", true)
        .when(path("$.s").eq("x"), &done)
        .when(path("$.n").eq(1).and(path("$.f").ge(1.5)), &done)
        .when(
            or([
                path("$.s").lt("m"),
                path("$.s").le("m"),
                path("$.s").gt("m"),
                path("$.s").ge("m"),
                path("$.s").matches("log-*.txt"),
            ]),
            &done,
        )
        .when(
            and([
                path("$.n").lt(10),
                path("$.n").le(10),
                path("$.n").gt(0),
                path("$.b").eq(true),
            ]),
            &done,
        )
        .when(
            or([
                path("$.t").timestamp_eq("2026-01-01T00:00:00Z"),
                path("$.t").timestamp_lt("2026-01-01T00:00:00Z"),
                path("$.t").timestamp_le("2026-01-01T00:00:00Z"),
                path("$.t").timestamp_gt("2026-01-01T00:00:00Z"),
                path("$.t").timestamp_ge("2026-01-01T00:00:00Z"),
            ]),
            &done,
        )
        .when(
            or([
                path("$.a").string_eq_path("$.b"),
                path("$.a").string_lt_path("$.b"),
                path("$.a").string_le_path("$.b"),
                path("$.a").string_gt_path("$.b"),
                path("$.a").string_ge_path("$.b"),
                path("$.n").numeric_eq_path("$.m"),
                path("$.n").numeric_lt_path("$.m"),
                path("$.n").numeric_le_path("$.m"),
                path("$.n").numeric_gt_path("$.m"),
                path("$.n").numeric_ge_path("$.m"),
                path("$.b").boolean_eq_path("$.c"),
                path("$.t").timestamp_eq_path("$.u"),
                path("$.t").timestamp_lt_path("$.u"),
                path("$.t").timestamp_le_path("$.u"),
                path("$.t").timestamp_gt_path("$.u"),
                path("$.t").timestamp_ge_path("$.u"),
            ]),
            &done,
        )
        .when(
            not(or([
                path("$.p").is_present(),
                path("$.p").is_absent(),
                path("$.p").is_null(),
                path("$.p").is_numeric(),
                path("$.p").is_string(),
                path("$.p").is_boolean(),
                path("$.p").is_timestamp(),
            ])),
            &done,
        )
        .when(
            Rule::new(path("$$.Execution.Name").test(sfn_asl::ComparisonOperator::IsString(false)))
                .comment("any operator through `test`"),
            &done,
        )
        .otherwise(&done);
    insta::assert_json_snapshot!(checked(Workflow::builder(route.then(done))));
}

#[test]
fn choice_jsonata_rules() {
    let big = pass("Big");
    let route = choice("Route")
        .when(
            Rule::new(jsonata("$states.input.total > 100"))
                .assign("tier", "big")
                .output(json!({"total": "{% $states.input.total %}"}))
                .comment("big orders"),
            &big,
        )
        .when(false, &big)
        .otherwise(pass("Small").assign("tier", "small"))
        .output(jsonata("$states.input"))
        .assign("routed", true);
    insta::assert_json_snapshot!(checked(
        Workflow::builder(route)
            .state(big)
            .query_language(QueryLanguage::Jsonata)
    ));
}

#[test]
fn wait_durations() {
    let flow = wait("Seconds")
        .seconds(10)
        .comment("fixed")
        .input_path("$")
        .output_path("$")
        .assign("waited", true)
        .then(wait("SecondsPath").seconds_path("$.delay"))
        .then(wait("Timestamp").timestamp("2026-12-31T23:59:59Z"))
        .then(wait("TimestampPath").timestamp_path("$.until"))
        .then(
            wait("JsonataSeconds")
                .query_language(QueryLanguage::Jsonata)
                .seconds(jsonata("$states.input.delay"))
                .output(jsonata("$states.input")),
        );
    insta::assert_json_snapshot!(checked(Workflow::builder(flow)));
}

#[test]
fn succeed_and_fail_fields() {
    let ok = succeed("Ok")
        .comment("done")
        .input_path("$.in")
        .output_path("$.out");
    let ok_jsonata = succeed("OkJsonata")
        .query_language(QueryLanguage::Jsonata)
        .output(json!({"status": "ok"}));
    let bad = fail("Bad")
        .comment("static")
        .error("Oops")
        .cause("it broke");
    let bad_paths = fail("BadPaths")
        .error_path("$.error")
        .cause_path("States.Format('failed: {}', $.reason)");
    let bad_jsonata = fail("BadJsonata")
        .query_language(QueryLanguage::Jsonata)
        .error(jsonata("$states.input.error"))
        .cause(jsonata("$states.input.cause"));
    let route = choice("Pick")
        .when(path("$.a").eq(1), &ok_jsonata)
        .when(path("$.a").eq(2), &bad)
        .when(path("$.a").eq(3), &bad_paths)
        .when(path("$.a").eq(4), &bad_jsonata)
        .otherwise(&ok);
    insta::assert_json_snapshot!(checked(
        Workflow::builder(route)
            .state(ok)
            .state(ok_jsonata)
            .state(bad)
            .state(bad_paths)
            .state(bad_jsonata)
    ));
}

#[test]
fn parallel_fields_in_both_modes() {
    let failed = fail("Failed");
    let jsonpath = parallel("Fanout")
        .comment("two branches")
        .branch(pass("A").then(pass("A2")))
        .branch(pass("B"))
        .input_path("$")
        .parameters(json!({"order.$": "$.order"}))
        .result_selector(json!({"first.$": "$[0]"}))
        .result_path("$.fanout")
        .output_path("$")
        .assign("fanned", true)
        .retry(Retry::on([ErrorName::BranchFailed]).max_attempts(1))
        .catch(Catch::all().result_path("$.error").next(&failed));
    let jsonata_state = parallel("FanoutJsonata")
        .query_language(QueryLanguage::Jsonata)
        .branch(pass("C"))
        .arguments(json!({"order": "{% $states.input.order %}"}))
        .output(jsonata("$states.result"));
    insta::assert_json_snapshot!(checked(
        Workflow::builder(jsonpath.then(jsonata_state)).state(failed)
    ));
}

#[test]
fn inline_map_fields() {
    let failed = fail("Failed");
    let each = map("Each")
        .comment("per item")
        .input_path("$")
        .items_path("$.items")
        .item_selector(json!({"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"}))
        .max_concurrency(5)
        .result_selector(json!({"count.$": "States.ArrayLength($)"}))
        .result_path("$.results")
        .output_path("$")
        .assign("mapped", true)
        .retry(Retry::all().max_attempts(2))
        .catch(Catch::all().next(&failed))
        .item_processor(pass("Handle"));
    let written_inline = map("ExplicitInline")
        .max_concurrency_path("$.concurrency")
        .inline(pass("Handle2"));
    let legacy = map("Legacy")
        .parameters(json!({"item.$": "$$.Map.Item.Value"}))
        .iterator(pass("Handle3"));
    let jsonata_state = map("EachJsonata")
        .query_language(QueryLanguage::Jsonata)
        .items(jsonata("$states.input.items"))
        .item_selector(json!({"item": "{% $states.context.Map.Item.Value %}"}))
        .output(jsonata("$states.result"))
        .processor(pass("Handle4"));
    insta::assert_json_snapshot!(checked(
        Workflow::builder(each.then(written_inline).then(legacy).then(jsonata_state)).state(failed)
    ));
}

#[test]
fn distributed_map_fields() {
    let csv = map("Csv")
        .item_reader(
            Reader::s3_csv("bucket", "rows.csv")
                .csv_headers(["id", "amount"])
                .csv_delimiter(CsvDelimiter::Semicolon)
                .max_items_path("$.limit"),
        )
        .item_batcher(
            Batcher::new()
                .max_items_per_batch_path("$.batch")
                .max_input_bytes_per_batch(65_536)
                .batch_input(json!({"run.$": "$$.Execution.Name"})),
        )
        .result_writer(Writer::s3("results", "csv/").writer_config("JSONL", "COMPACT"))
        .tolerated_failure_count_path("$.failures")
        .tolerated_failure_percentage_path("$.percent")
        .label("Rows")
        .distributed(ExecutionType::Standard, pass("Row"));
    let json_file = map("JsonFile")
        .item_reader(
            Reader::s3_object("bucket", "items.json", InputType::Json)
                .items_pointer("/items")
                .max_items(100),
        )
        .item_batcher(Batcher::new().max_input_bytes_per_batch_path("$.bytes"))
        .tolerated_failure_count(3)
        .max_concurrency(10)
        .distributed(ExecutionType::Express, pass("Item"));
    let listing = map("Listing")
        .item_reader(Reader::s3_objects("bucket", "in/").transformation("LOAD_AND_FLATTEN"))
        .tolerated_failure_percentage(2.5)
        .distributed(ExecutionType::Express, pass("Object"));
    insta::assert_json_snapshot!(checked(Workflow::builder(
        csv.then(json_file).then(listing)
    )));
}

#[test]
fn typed_resources_and_their_patterns() {
    let flow =
        task("Direct")
            .resource(lambda(F))
            .then(task("Invoke").resource(lambda_invoke(F).payload_path("$")))
            .then(
                task("Callback")
                    .resource(
                        lambda_invoke(F)
                            .wait_for_task_token()
                            .payload(json!({"token.$": "$$.Task.Token"})),
                    )
                    .heartbeat_seconds(60),
            )
            .then(task("Activity").resource(activity(
                "arn:aws:states:us-east-1:123456789012:activity:Review",
            )))
            .then(
                task("Ecs").resource(
                    ecs_run_task(
                        "arn:aws:ecs:us-east-1:123456789012:cluster/main",
                        "arn:aws:ecs:us-east-1:123456789012:task-definition/job:1",
                    )
                    .sync(),
                ),
            )
            .then(task("Eks").resource(eks_run_job("main").param("Namespace", "jobs").sync()))
            .then(
                task("Sqs").resource(
                    sqs_send_message("https://sqs.us-east-1.amazonaws.com/123456789012/q")
                        .message_body(json!({"hello": "world"})),
                ),
            )
            .then(
                task("Sns")
                    .resource(sns_publish("arn:aws:sns:us-east-1:123456789012:t").message("hi")),
            )
            .then(
                task("Nested").resource(
                    start_execution("arn:aws:states:us-east-1:123456789012:stateMachine:Child")
                        .input_path("$")
                        .sync_v2(),
                ),
            )
            .then(
                task("GetItem").resource(
                    dynamodb_get_item("Orders").param("Key", json!({"id": {"S.$": "$.id"}})),
                ),
            )
            .then(task("PutItem").resource(
                dynamodb_put_item("Orders").param("Item", json!({"id": {"S.$": "$.id"}})),
            ))
            .then(task("UpdateItem").resource(
                dynamodb_update_item("Orders").param("Key", json!({"id": {"S.$": "$.id"}})),
            ))
            .then(task("DeleteItem").resource(
                dynamodb_delete_item("Orders").param("Key", json!({"id": {"S.$": "$.id"}})),
            ))
            .then(
                task("Sdk")
                    .resource(aws_sdk("dynamodb", "query"))
                    .parameters(json!({"TableName": "Orders"})),
            )
            .then(task("Http").resource(http_invoke(
                "https://api.example.com/orders",
                "POST",
                "arn:aws:events:us-east-1:123456789012:connection/api/1",
            )));
    let workflow = Workflow::builder(flow).build().expect("builds");
    let json: Value = serde_json::from_str(&workflow.to_json_pretty()).expect("JSON");
    let diagnostics = sfn_asl::validate_str(&workflow.to_json());
    assert!(!diagnostics.has_errors(), "rejected:\n{diagnostics}");
    insta::assert_json_snapshot!("typed_resources_asl", json);
    insta::assert_json_snapshot!(
        "typed_resources_iam",
        sfn_dsl::emit::iam_policy(workflow.definition()).to_value()
    );
}
