// A Task with every JSONPath field, Retry and Catch.
fn main() {
    let wf = sfn_dsl::workflow! {
        Charge: task {
            comment: "charge",
            resource: "arn:aws:states:::lambda:invoke",
            input_path: "$.order",
            parameters: { FunctionName: "charge", "Payload.$": "$" },
            result_selector: { "id.$": "$.Payload.id" },
            result_path: "$.charge",
            output_path: "$",
            timeout_seconds: 30,
            heartbeat_seconds: 10,
            credentials: { RoleArn: "arn:aws:iam::123456789012:role/Charge" },
            retry: [{ error_equals: ["States.Timeout"], interval_seconds: 1, max_attempts: 2, backoff_rate: 2.0, max_delay_seconds: 5, jitter_strategy: FULL }],
            catch: [{ error_equals: ["States.ALL"], result_path: "$.error", next: Failed }],
            end,
        },
        Failed: fail { error: "ChargeFailed" },
    };
    assert_eq!(wf.definition().states.len(), 2);
}
