// A typed path must point at a key of the template field's type.
use sfn_dsl::prelude::*;

#[derive(serde::Deserialize, Payload)]
struct ChargeResult {
    charge_id: String,
    captured_cents: u64,
}

#[derive(serde::Serialize, Payload)]
struct Receipt {
    id: String,
}

fn main() {
    let _charge = task("Charge")
        .resource(lambda_invoke("Charge"))
        .select_result::<ChargeResult, _>(|result| ReceiptTemplate {
            id: result.captured_cents.into(),
        });
}
