// A payload template must give every key of its type.
use sfn_dsl::prelude::*;

#[derive(serde::Serialize, Payload)]
struct ChargeRequest {
    order_id: String,
    amount: u64,
}

fn main() {
    let _charge = task("Charge")
        .resource(lambda_invoke("Charge"))
        .input(ChargeRequestTemplate {
            order_id: Field::path("$.order.id"),
        });
}
