// A literal must have its key's type.
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
            amount: "ten euros".into(),
        });
}
