//! Workflows built with sfn-dsl and `workflow!` run directly in sfn-local's executor.

use serde_json::json;
use sfn_dsl::workflow;
use sfn_local::history::EventType;
use sfn_local::{Executor, Handler, Status, TaskError};

fn order_processing() -> Executor {
    let wf = examples::order_processing::workflow().expect("the example builds");
    Executor::new(wf.definition())
        .expect("a built workflow compiles")
        .handle("주문 접수", |call| Ok(call.input.clone()))
        .handler(
            "재고 확인",
            Handler::responses([
                Ok(json!({"available": false})),
                Ok(json!({"available": true})),
            ]),
        )
        .fallback(|_| Ok(json!({"ok": true})))
}

#[test]
fn builder_workflow_waits_for_restock_then_completes() {
    let run = order_processing()
        .run(json!({"orderId": "o-1", "stockAlert": "out of stock", "smsMessage": "shipped"}));
    assert_eq!(
        run.status,
        Status::Succeeded,
        "{:?} {:?}",
        run.error,
        run.cause
    );
    // One restock wait of an hour, in virtual time.
    assert_eq!(run.duration_seconds(), 3600.0);
    let output = run.output.unwrap();
    assert_eq!(output["inventory"], json!({"available": true}));
    assert_eq!(output["notifications"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        run.history
            .types()
            .iter()
            .filter(|t| **t == EventType::WaitStateEntered)
            .count(),
        1
    );
}

#[test]
fn builder_workflow_cancels_the_order_when_payment_fails() {
    let run = order_processing()
        .handler(
            "결제 처리",
            Handler::responses([Err(TaskError::new("PaymentDeclined", "card expired"))]),
        )
        .run(json!({"orderId": "o-2", "stockAlert": "out of stock", "smsMessage": "shipped"}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("OrderCancelled"));
}

#[test]
fn macro_workflow_runs_as_is() {
    let wf = workflow! {
        Hello: pass { result: "world", next: Done },
        Done: succeed,
    };
    let run = Executor::new(&wf.definition())
        .expect("compiles")
        .run(json!({}));
    assert_eq!(run.output, Some(json!("world")));
    assert_eq!(run.transitions, 2);
}
