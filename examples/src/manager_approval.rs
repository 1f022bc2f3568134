//! The seed's amount routing: orders over 10,000 go to `ManagerApproval` first; every order ends
//! in `ProcessOrder`.

use sfn_dsl::prelude::*;

use crate::function_arn;

/// Builds the workflow.
pub fn workflow() -> Result<Workflow, BuildError> {
    let process = task("ProcessOrder")
        .resource(lambda(function_arn("ProcessOrder")))
        .timeout_seconds(60);
    let approval = task("ManagerApproval")
        .resource(lambda(function_arn("RequestManagerApproval")))
        .timeout_seconds(300);
    let route = choice("CheckOrderAmount")
        .when(path("$.orderAmount").gt(10_000), approval)
        .otherwise(&process);
    Workflow::builder(route.then(process))
        .comment("Orders over 10,000 need a manager's approval")
        .build()
}
