//! A JSONata workflow with variables: `Assign` keeps the order id and total, a JSONata Choice
//! routes on them, and the last state's `Output` is built from the variables.

use serde_json::json;
use sfn_dsl::prelude::*;

use crate::function_arn;

/// Builds the workflow.
pub fn workflow() -> Result<Workflow, BuildError> {
    let price = task("PriceOrder")
        .resource(lambda_invoke(function_arn("PriceOrder")).payload(jsonata("$states.input")))
        .timeout_seconds(30)
        .assign("orderId", jsonata("$states.input.orderId"))
        .assign("total", jsonata("$states.result.Payload.total"))
        .output(jsonata("$states.result.Payload"));
    let summary = pass("Summarize").output(json!({
        "orderId": "{% $orderId %}",
        "total": "{% $total %}",
        "tier": "{% $tier %}",
    }));
    let route = choice("RouteByTotal")
        .when(
            Rule::new(jsonata("$total > 1000")).assign("tier", "premium"),
            &summary,
        )
        .otherwise(pass("Standard").assign("tier", "standard"));
    Workflow::builder(price.then(route).then(summary))
        .query_language(QueryLanguage::Jsonata)
        .comment("JSONata with variables")
        .build()
}
