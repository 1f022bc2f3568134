//! The benchmark pipeline of `shared/peers/gen_workload.py`, built with the builder: per stage a
//! Task (Retry + Catch) → Choice → two Pass states → a Parallel of two Pass branches.

use serde_json::json;
use sfn_dsl::prelude::*;

/// The Lambda function every stage calls.
pub const STEP_ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:Step";

/// Builds the pipeline with `stages` stages (`5 * stages + 2` top-level states).
pub fn workflow(stages: usize) -> Result<Workflow, BuildError> {
    let failed = fail("Failed").error("OrderFailed").cause("a stage failed");
    let retry = Retry::on([ErrorName::TaskFailed])
        .interval_seconds(1)
        .max_attempts(2)
        .backoff_rate(2.0);
    let mut flow = Chain::new();
    for i in 0..stages {
        let validate = task(format!("Validate{i}"))
            .resource(lambda(STEP_ARN))
            .result_path("$.last")
            .retry(&retry)
            .catch(Catch::all().result_path("$.error").next(&failed));
        let route = choice(format!("Route{i}"))
            .when(
                path("$.amount").gt(100),
                pass(format!("Big{i}"))
                    .parameters(json!({
                        "amount.$": "$.amount",
                        "label.$": "States.Format('big-{}', $.amount)",
                    }))
                    .result_path("$.tag"),
            )
            .otherwise(
                pass(format!("Small{i}"))
                    .result(json!({"kind": "small"}))
                    .result_path("$.tag"),
            );
        let join = parallel(format!("Join{i}"))
            .branch(pass(format!("Email{i}")).result("email-sent"))
            .branch(pass(format!("Sms{i}")).result("sms-sent"))
            .result_path("$.par");
        flow = flow.then(validate).then(route).then(join);
    }
    Workflow::builder(flow.then(succeed("Done")))
        .comment(format!("benchmark pipeline, {stages} stages"))
        .state(failed)
        .build()
}
