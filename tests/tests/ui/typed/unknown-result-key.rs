// A result selection can only read keys the declared output type has.
use sfn_dsl::prelude::*;

#[derive(serde::Deserialize, Payload)]
struct ChargeResult {
    charge_id: String,
}

#[derive(serde::Serialize, Payload)]
struct Receipt {
    id: String,
}

fn main() {
    let _charge = task("Charge")
        .resource(lambda_invoke("Charge"))
        .select_result::<ChargeResult, _>(|result| ReceiptTemplate {
            id: result.chargeid.into(),
        });
}
