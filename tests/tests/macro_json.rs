//! The JSON `workflow!` builds, as reviewed snapshots (`tests/snapshots/macro_json__*.snap`):
//! every state type and field, every form of Choice rule, JSONata, and a distributed Map.

use sfn_dsl::workflow;

fn pretty(json: &str) -> String {
    let machine = sfn_asl::parse(json).expect("the macro emits valid ASL");
    machine.to_json_pretty()
}

#[test]
fn every_state_type_and_field() {
    let wf = workflow! {
        comment: "every state type",
        start_at: Charge,
        timeout_seconds: 3600,
        version: "1.0",
        Charge: task {
            comment: "charge the card",
            resource: "arn:aws:states:::lambda:invoke",
            input_path: "$.order",
            parameters: { FunctionName: "charge", "Payload.$": "$", Nested: { list: [1, -2, 3.5, true, null] } },
            result_selector: { "id.$": "$.Payload.id" },
            result_path: "$.charge",
            output_path: "$",
            timeout_seconds_path: "$.timeout",
            heartbeat_seconds: 60,
            credentials: { RoleArn: "arn:aws:iam::123456789012:role/Charge" },
            retry: [
                { error_equals: ["Payment.Declined"], max_attempts: 0 },
                {
                    error_equals: ["States.ALL"],
                    interval_seconds: 2,
                    max_attempts: 3,
                    backoff_rate: 1.5,
                    max_delay_seconds: 30,
                    jitter_strategy: FULL,
                    comment: "transient",
                },
            ],
            catch: [{ error_equals: ["States.ALL"], result_path: "$.error", comment: "give up", next: Refund }],
            next: Route,
        },
        Route: choice {
            input_path: "$",
            when "$.charge.amount" >= 100 => Hold,
            default: Ship,
            output_path: "$",
        },
        Hold: wait { timestamp_path: "$.releaseAt", next: Fan },
        Fan: parallel {
            branches: [
                { comment: "left", start_at: L1, L1: pass { result: "l", end } },
                { R1: wait { seconds_path: "$.delay", next: R2 }, R2: succeed { output_path: "$" } },
            ],
            parameters: { "input.$": "$" },
            result_selector: { "both.$": "$" },
            result_path: "$.fan",
            retry: [{ error_equals: ["States.BranchFailed"] }],
            catch: [{ error_equals: ["States.ALL"], next: Refund }],
            next: Each,
        },
        Each: map {
            items_path: "$.items",
            item_selector: { "item.$": "$$.Map.Item.Value" },
            max_concurrency: 4,
            iterator: { I1: pass { end } },
            result_path: "$.each",
            next: Ship,
        },
        Ship: pass { result: { shipped: true }, result_path: "$.ship", end },
        Refund: fail { error_path: "$.error.Error", cause_path: "States.Format('refund {}', $.order.id)" },
    };
    insta::assert_snapshot!(pretty(wf.json()));
}

#[test]
fn choice_rule_forms() {
    let wf = workflow! {
        Route: choice {
            when "$.s" == "a" => Done,
            when "$.s" != "b" => Done,
            when "$.n" < 1 => Done,
            when "$.n" <= 2 => Done,
            when "$.n" > 3.5 => Done,
            when "$.n" >= -4 => Done,
            when "$.b" == true => Done,
            when "$.s" > "m" && ("$.n" == 0 || !is_present("$.x")) => Done,
            when string_matches("$.s", "log-*.txt") => Done,
            when timestamp_greater_than_path("$.t", "$.since") => Done,
            when is_null("$.z", false) => Done { comment: "not null" },
            choices: [
                { variable: "$.n", numeric_equals_path: "$.m", next: Done },
                { not: { variable: "$.s", string_equals: "x" }, next: Done },
                { and: [{ variable: "$.a", is_string: true }, { variable: "$.b", is_boolean: true }], next: Done },
            ],
            default: Done,
        },
        Done: succeed,
    };
    insta::assert_snapshot!(pretty(wf.json()));
}

#[test]
fn jsonata_fields() {
    let wf = workflow! {
        query_language: JSONata,
        Price: task {
            resource: "arn:aws:states:::lambda:invoke",
            arguments: { FunctionName: "price", Payload: "{% $states.input %}" },
            output: "{% $states.result.Payload %}",
            assign: { total: "{% $states.result.Payload.total %}" },
            timeout_seconds: "{% $states.input.timeout %}",
            catch: [{ error_equals: ["States.ALL"], output: "{% $states.errorOutput %}", next: Failed }],
            next: Route,
        },
        Route: choice {
            when "{% $total > 100 %}" => Big { output: "{% $states.input %}" },
            choices: [{ condition: "{% $total < 0 %}", next: Failed }],
            default: Small,
        },
        Big: wait { seconds: "{% 1 + 1 %}", next: Small },
        Small: pass { output: { total: "{% $total %}" }, end },
        Failed: fail { error: "{% 'E' %}", cause: "{% $string($total) %}" },
    };
    insta::assert_snapshot!(pretty(wf.json()));
}

#[test]
fn distributed_map_with_every_reader_field() {
    let wf = workflow! {
        Process: map {
            item_reader: {
                resource: "arn:aws:states:::s3:getObject",
                reader_config: {
                    input_type: CSV,
                    csv_header_location: GIVEN,
                    csv_headers: ["id", "name"],
                    csv_delimiter: SEMICOLON,
                    max_items: 1000,
                },
                parameters: { Bucket: "in", Key: "items.csv" },
            },
            item_batcher: { max_items_per_batch: 10, max_input_bytes_per_batch: 1024, batch_input: { run: "r1" } },
            item_processor: {
                processor_config: { mode: DISTRIBUTED, execution_type: STANDARD },
                Work: task { resource: "arn:aws:states:::lambda:invoke", timeout_seconds: 60, end },
            },
            result_writer: {
                resource: "arn:aws:states:::s3:putObject",
                parameters: { Bucket: "out", Prefix: "runs/" },
                writer_config: { output_type: JSONL, transformation: COMPACT },
            },
            tolerated_failure_count: 5,
            label: "Process",
            end,
        },
    };
    insta::assert_snapshot!(pretty(wf.json()));
}
