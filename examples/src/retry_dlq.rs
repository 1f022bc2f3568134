//! The seed's retry pattern: retry a failing task 3 times (2 s, backoff 2.0), then send the failed
//! input to an SQS dead-letter queue and fail.

use sfn_dsl::prelude::*;

use crate::function_arn;

/// The dead-letter queue.
pub const DLQ_URL: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/orders-dlq";

/// Builds the workflow.
pub fn workflow() -> Result<Workflow, BuildError> {
    let dead_letter = task("SendToDeadLetterQueue")
        .resource(sqs_send_message(DLQ_URL).message_body_path("$"))
        .timeout_seconds(30)
        .result_path(PathOrNull::Null)
        .then(
            fail("ProcessingFailed")
                .error("ProcessingFailed")
                .cause("retries exhausted; the input was sent to the dead-letter queue"),
        );
    let work = task("ProcessRecord")
        .resource(lambda(function_arn("ProcessRecord")))
        .timeout_seconds(60)
        .retry(
            Retry::all()
                .interval_seconds(2)
                .max_attempts(3)
                .backoff_rate(2.0),
        )
        .catch(Catch::all().result_path("$.error").next(dead_letter));
    Workflow::builder(work.then(succeed("Done")))
        .comment("Retry 3 times, then dead-letter the input")
        .build()
}
