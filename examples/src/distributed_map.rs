//! A distributed Map over the objects under an S3 prefix: batches of 100 keys per child
//! execution, 5% tolerated failures, results written back to S3.

use sfn_dsl::prelude::*;

use crate::function_arn;

/// Builds the workflow.
pub fn workflow() -> Result<Workflow, BuildError> {
    let each_batch = task("ProcessBatch")
        .resource(lambda_invoke(function_arn("ProcessBatch")).payload_path("$"))
        .timeout_seconds(300)
        .retry(
            Retry::on(["Lambda.TooManyRequestsException"])
                .interval_seconds(2)
                .max_attempts(5)
                .backoff_rate(2.0)
                .jitter_strategy(JitterStrategy::Full),
        );
    let objects = map("ProcessObjects")
        .item_reader(Reader::s3_objects("incoming-images", "uploads/"))
        .item_batcher(Batcher::new().max_items_per_batch(100))
        .result_writer(Writer::s3("processing-results", "runs/"))
        .max_concurrency(50)
        .tolerated_failure_percentage(5.0)
        .label("ProcessObjects")
        .distributed(ExecutionType::Express, each_batch);
    Workflow::builder(objects.then(succeed("Done")))
        .comment("Process every object under s3://incoming-images/uploads/")
        .build()
}
