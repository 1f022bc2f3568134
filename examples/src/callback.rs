//! A callback task: the workflow sends a task token to a queue and waits (`.waitForTaskToken`)
//! until a worker calls `SendTaskSuccess`, with a heartbeat so a dead worker is noticed.

use serde_json::json;
use sfn_dsl::prelude::*;

/// The queue the approval requests go to.
pub const APPROVALS_URL: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/approvals";

/// Builds the workflow.
pub fn workflow() -> Result<Workflow, BuildError> {
    let timed_out = fail("ApprovalTimedOut")
        .error("ApprovalTimedOut")
        .cause("no heartbeat from the approver");
    let request = task("RequestApproval")
        .resource(
            sqs_send_message(APPROVALS_URL)
                .wait_for_task_token()
                .message_body(json!({"TaskToken.$": "$$.Task.Token", "Order.$": "$"})),
        )
        .heartbeat_seconds(600)
        .timeout_seconds(86_400)
        .result_path("$.approval")
        .catch(Catch::on([ErrorName::HeartbeatTimeout, ErrorName::Timeout]).next(&timed_out));
    Workflow::builder(request.then(succeed("Approved")))
        .comment("Wait for a human approval through a task token")
        .state(timed_out)
        .build()
}
