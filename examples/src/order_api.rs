//! A deployable workflow: every ARN is a `${Placeholder}` that the deploy tool fills in (CDK's
//! `definitionSubstitutions`, CloudFormation's `DefinitionSubstitutions`, Terraform's
//! `templatefile`). `build.rs` writes it to `deploy/generated/` with its Terraform, CloudFormation
//! and IAM files.

use sfn_dsl::prelude::*;

/// Builds the workflow.
pub fn workflow() -> Result<Workflow, BuildError> {
    let send_to_dlq = task("SendToDeadLetterQueue")
        .resource(sqs_send_message("${DeadLetterQueueUrl}").message_body_path("$"))
        .timeout_seconds(30)
        .result_path(PathOrNull::Null);
    let dlq = send_to_dlq.handle();
    let dead_letter = send_to_dlq.then(fail("OrderFailed").error("OrderFailed"));
    let to_dlq = || Catch::all().result_path("$.error").next(&dlq);
    let flow = task("ValidateOrder")
        .resource(lambda(arn!("${ValidateOrderArn}")))
        .timeout_seconds(30)
        .result_path("$.validation")
        .retry(
            Retry::on([ErrorName::TaskFailed])
                .interval_seconds(2)
                .max_attempts(3)
                .backoff_rate(2.0),
        )
        .catch(to_dlq())
        .then(
            task("ProcessPayment")
                .resource(lambda(arn!("${ProcessPaymentArn}")))
                .timeout_seconds(60)
                .result_path("$.payment")
                .catch(to_dlq()),
        )
        .then(
            task("Fulfil")
                .resource(
                    start_execution("${FulfillmentStateMachineArn}")
                        .input_path("$")
                        .sync_v2(),
                )
                .timeout_seconds(3600)
                .result_path("$.fulfilment")
                .catch(to_dlq()),
        )
        .then(
            task("NotifyCustomer")
                .resource(sns_publish("${OrderTopicArn}").message_path("$.payment"))
                .timeout_seconds(30)
                .result_path(PathOrNull::Null),
        )
        .then(succeed("Done"));
    Workflow::builder(flow)
        .comment("Order API: validate, pay, fulfil, notify; failures go to the dead-letter queue")
        .state(dead_letter)
        .build()
}
