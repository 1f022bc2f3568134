//! Typed payloads: the order workflow's Tasks take and return Rust types. The templates are
//! checked by the compiler (a missing key, a literal of the wrong type or a path to a key that
//! does not exist does not compile), and the paths come from the types' own keys.

use serde::{Deserialize, Serialize};
use sfn_dsl::prelude::*;

use crate::function_arn;

/// The topic that tells customers their order is paid.
pub const PAID_TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:order-paid";

/// The workflow's input.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// The order's id.
    pub order_id: String,
    /// Who ordered.
    pub customer: Customer,
    /// What to charge, in cents.
    pub total_cents: u64,
}

/// A customer.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Customer {
    /// Where to send notifications.
    pub email: String,
    /// The customer's name.
    pub name: String,
}

/// The `ChargeCard` function's input.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct ChargeRequest {
    /// The order being paid.
    pub order_id: String,
    /// The amount, in cents.
    pub amount_cents: u64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Makes a retried charge a no-op: the execution's name.
    pub idempotency_key: String,
}

/// The `ChargeCard` function's return value.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct ChargeResult {
    /// The payment provider's id.
    pub charge_id: String,
    /// `captured` or `pending`.
    pub status: String,
    /// What was captured, in cents.
    pub captured_cents: u64,
}

/// What the workflow keeps of a charge (under `$.receipt`).
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    /// The payment provider's id.
    pub charge_id: String,
    /// What was captured, in cents.
    pub amount_cents: u64,
}

/// The message published when an order is paid.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct PaidMessage {
    /// The customer's address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The order.
    pub order_id: String,
}

/// Builds the workflow.
pub fn workflow() -> Result<Workflow, BuildError> {
    let order = Path::<Order>::input().fields();
    let charge = task("ChargeCard")
        .resource(lambda_invoke(function_arn("ChargeCard")))
        .input(ChargeRequestTemplate {
            order_id: order.order_id.clone().into(),
            amount_cents: order.total_cents.into(),
            currency: "EUR".into(),
            idempotency_key: Field::context("Execution.Name"),
        })
        .select_result::<ChargeResult, _>(|charge| ReceiptTemplate {
            charge_id: charge.charge_id.into(),
            amount_cents: charge.captured_cents.into(),
        })
        .result_path("$.receipt")
        .retry(
            Retry::on([ErrorName::TaskFailed])
                .interval_seconds(2)
                .max_attempts(3)
                .backoff_rate(2.0),
        );
    let notify = task("NotifyCustomer")
        .resource(sns_publish(PAID_TOPIC))
        .input(PaidMessageTemplate {
            to: order.customer.fields().email.into(),
            subject: Field::intrinsic("States.Format('Order {} is paid', $.orderId)"),
            order_id: order.order_id.into(),
        })
        .result_path(PathOrNull::Null);
    Workflow::builder(charge.then(notify).then(succeed("Done")))
        .comment("Charge an order and tell the customer, with typed payloads")
        .build()
}
