//! Typed payloads end to end: templates built from `#[derive(Payload)]` types render as ASL the
//! validator accepts in both query languages, and what sfn-local evaluates from them
//! deserializes as the declared types.

use examples::typed_payloads::{
    ChargeRequest, ChargeRequestTemplate, ChargeResult, Order, PaidMessage, PaidMessageTemplate,
    Receipt, ReceiptTemplate,
};
use serde_json::{Value, json};
use sfn_dsl::prelude::*;
use sfn_local::{Executor, Status};

fn order() -> Value {
    json!({
        "orderId": "o-1",
        "customer": {"email": "ada@example.com", "name": "Ada"},
        "totalCents": 1250
    })
}

/// The raw `lambda:invoke` result of `ChargeCard`: the function's value under `Payload`.
fn charge_result() -> Value {
    json!({
        "StatusCode": 200,
        "Payload": {"chargeId": "ch_1", "status": "captured", "capturedCents": 1250}
    })
}

fn run(workflow: &Workflow) -> sfn_local::Execution {
    Executor::new(workflow.definition())
        .expect("a built workflow compiles")
        .handle("ChargeCard", |call| {
            let request: ChargeRequest =
                serde_json::from_value(call.input["Payload"].clone()).expect("a ChargeRequest");
            assert_eq!(request.order_id, "o-1");
            assert_eq!(request.amount_cents, 1250);
            assert_eq!(request.currency, "EUR");
            assert!(!request.idempotency_key.is_empty());
            Ok(charge_result())
        })
        .handle("NotifyCustomer", |call| {
            let message: PaidMessage =
                serde_json::from_value(call.input["Message"].clone()).expect("a PaidMessage");
            assert_eq!(message.to, "ada@example.com");
            assert_eq!(message.subject, "Order o-1 is paid");
            Ok(json!({"MessageId": "m-1"}))
        })
        .run(order())
}

#[test]
fn jsonpath_templates_evaluate_to_the_declared_types() {
    let workflow = examples::typed_payloads::workflow().expect("the example builds");
    let run = run(&workflow);
    assert_eq!(
        run.status,
        Status::Succeeded,
        "{:?} {:?}",
        run.error,
        run.cause
    );
    let output = run.output.expect("an output");
    let receipt: Receipt = serde_json::from_value(output["receipt"].clone()).expect("a Receipt");
    assert_eq!(receipt.charge_id, "ch_1");
    assert_eq!(receipt.amount_cents, 1250);
}

#[test]
fn declared_types_read_the_raw_result() {
    let workflow = examples::typed_payloads::workflow().expect("the example builds");
    let charge = workflow
        .task_types("ChargeCard")
        .expect("ChargeCard is typed");
    assert!(charge.input().is_some_and(|t| t.is::<ChargeRequest>()));
    assert!(charge.output().is_some_and(|t| t.is::<ChargeResult>()));
    let result: ChargeResult = charge.result(&charge_result()).expect("a ChargeResult");
    assert_eq!(result.charge_id, "ch_1");
    let notify = workflow
        .task_types("NotifyCustomer")
        .expect("NotifyCustomer is typed");
    assert!(notify.output().is_none());
}

/// The example's workflow in JSONata: the same templates, with a JSONata subject line.
fn jsonata_workflow() -> Result<Workflow, BuildError> {
    let order = Path::<Order>::input().fields();
    let charge = task("ChargeCard")
        .resource(lambda_invoke(examples::function_arn("ChargeCard")))
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
        .assign("orderId", jsonata("$states.input.orderId"))
        .assign("email", jsonata("$states.input.customer.email"));
    let notify = task("NotifyCustomer")
        .resource(sns_publish(examples::typed_payloads::PAID_TOPIC))
        .input(PaidMessageTemplate {
            to: Field::var("email"),
            subject: Field::jsonata("'Order ' & $orderId & ' is paid'"),
            order_id: Field::var("orderId"),
        })
        .output(jsonata("$states.input"));
    Workflow::builder(charge.then(notify).then(succeed("Done")))
        .query_language(QueryLanguage::Jsonata)
        .build()
}

#[test]
fn jsonata_templates_render_as_expressions() {
    let workflow = jsonata_workflow().expect("the workflow builds");
    let reread = sfn_asl::parse(&workflow.to_json()).expect("the output parses");
    assert!(!sfn_asl::validate(&reread).has_errors());
    insta::assert_json_snapshot!(workflow.to_value());
}

#[test]
fn jsonata_templates_evaluate_to_the_declared_types() {
    let workflow = jsonata_workflow().expect("the workflow builds");
    let run = run(&workflow);
    assert_eq!(
        run.status,
        Status::Succeeded,
        "{:?} {:?}",
        run.error,
        run.cause
    );
    let receipt: Receipt =
        serde_json::from_value(run.output.expect("an output")).expect("a Receipt");
    assert_eq!(receipt.charge_id, "ch_1");
}

#[test]
fn a_jsonpath_path_in_a_jsonata_workflow_names_the_state_and_key() {
    let charge = task("ChargeCard")
        .resource(lambda_invoke("ChargeCard"))
        .input(ReceiptTemplate {
            charge_id: Field::path("$.id"),
            amount_cents: 1.into(),
        });
    let error = Workflow::builder(charge)
        .query_language(QueryLanguage::Jsonata)
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "state `ChargeCard`: `Arguments.Payload`: `chargeId`: a JSONPath path cannot be used in a JSONata state; use a typed `Path` or `Field::jsonata`"
    );
}

#[derive(serde::Serialize, serde::Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
struct EnvVar {
    name: String,
    value: String,
}

#[derive(serde::Serialize, serde::Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
struct Overrides {
    environment: Vec<EnvVar>,
}

#[test]
fn list_elements_are_evaluated_in_both_languages() {
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let order_id: Field<String> = match language {
            QueryLanguage::JsonPath => Field::path("$.orderId"),
            QueryLanguage::Jsonata => Field::jsonata("$states.input.orderId"),
        };
        let run_job = task("RunJob")
            .resource(lambda(
                "arn:aws:lambda:us-east-1:123456789012:function:RunJob",
            ))
            .input(OverridesTemplate {
                environment: Field::list([
                    EnvVarTemplate {
                        name: "ORDER_ID".into(),
                        value: order_id,
                    }
                    .into(),
                    EnvVarTemplate {
                        name: "STAGE".into(),
                        value: "prod".into(),
                    }
                    .into(),
                ]),
            });
        let workflow = Workflow::builder(run_job)
            .query_language(language)
            .build()
            .expect("the workflow builds");
        let run = Executor::new(workflow.definition())
            .expect("a built workflow compiles")
            .handle("RunJob", |call| {
                let overrides: Overrides =
                    serde_json::from_value(call.input.clone()).expect("Overrides");
                assert_eq!(overrides.environment[0].value, "o-1");
                assert_eq!(overrides.environment[1].value, "prod");
                Ok(json!({}))
            })
            .run(order());
        assert_eq!(
            run.status,
            Status::Succeeded,
            "{language:?}: {:?} {:?}",
            run.error,
            run.cause
        );
    }
}

#[test]
fn a_result_recorded_by_the_executor_reads_as_the_declared_type() {
    let workflow = examples::typed_payloads::workflow().expect("the example builds");
    let run = run(&workflow);
    let raw = run
        .history
        .events()
        .iter()
        .find_map(|e| match &e.details {
            sfn_local::history::EventDetails::TaskSucceeded {
                resource_type,
                output,
                ..
            } if resource_type == "lambda" => Some(output.clone()),
            _ => None,
        })
        .expect("ChargeCard succeeded");
    let types = workflow
        .task_types("ChargeCard")
        .expect("ChargeCard is typed");
    let result: ChargeResult = types.result(&raw).expect("a ChargeResult");
    assert_eq!(result.captured_cents, 1250);
    assert_eq!(result.status, "captured");
}

#[derive(serde::Serialize, serde::Deserialize, Payload)]
struct Person {
    #[serde(rename = "full name")]
    name: String,
}

#[test]
fn quoted_keys_are_read_by_the_executor_in_both_languages() {
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let lookup = task("Lookup")
            .resource(lambda_invoke("Lookup"))
            .select_result::<Person, _>(|person| PersonTemplate {
                name: person.name.into(),
            });
        let workflow = Workflow::builder(lookup)
            .query_language(language)
            .build()
            .expect("the workflow builds");
        let run = Executor::new(workflow.definition())
            .expect("a built workflow compiles")
            .handle("Lookup", |_| {
                Ok(json!({"Payload": {"full name": "Ada Lovelace"}}))
            })
            .run(json!({}));
        assert_eq!(
            run.status,
            Status::Succeeded,
            "{language:?}: {:?} {:?}",
            run.error,
            run.cause
        );
        let person: Person =
            serde_json::from_value(run.output.expect("an output")).expect("a Person");
        assert_eq!(person.name, "Ada Lovelace", "{language:?}");
    }
}

#[derive(serde::Serialize, serde::Deserialize, Payload)]
struct Line {
    sku: String,
    qty: u32,
}

#[derive(serde::Serialize, serde::Deserialize, Payload)]
struct Reserve {
    sku: String,
    qty: u32,
    order_id: String,
}

#[test]
fn map_items_are_selected_as_typed_templates_in_both_languages() {
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let each = map("ReserveEach");
        let each = match language {
            QueryLanguage::JsonPath => each.items_path("$.lines"),
            QueryLanguage::Jsonata => each.items(jsonata("$states.input.lines")),
        };
        let order_id: Field<String> = Path::<Order>::input().fields().order_id.into();
        let each = each
            .select_item::<Line, _>(move |line| ReserveTemplate {
                sku: line.sku.into(),
                qty: line.qty.into(),
                order_id,
            })
            .item_processor(task("Reserve").resource(lambda(
                "arn:aws:lambda:us-east-1:123456789012:function:Reserve",
            )));
        let workflow = Workflow::builder(each)
            .query_language(language)
            .build()
            .expect("the workflow builds");
        let run = Executor::new(workflow.definition())
            .expect("a built workflow compiles")
            .handle("Reserve", |call| {
                let reserve: Reserve =
                    serde_json::from_value(call.input.clone()).expect("a Reserve");
                assert_eq!(reserve.order_id, "o-1");
                Ok(json!(reserve.qty))
            })
            .run(json!({
                "orderId": "o-1",
                "customer": {"email": "ada@example.com", "name": "Ada"},
                "totalCents": 1250,
                "lines": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 3}]
            }));
        assert_eq!(
            run.status,
            Status::Succeeded,
            "{language:?}: {:?} {:?}",
            run.error,
            run.cause
        );
        assert_eq!(run.output, Some(json!([2, 3])), "{language:?}");
    }
}
