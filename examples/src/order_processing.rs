//! The seed's order processing workflow, with its Korean state names: 주문 접수 → 주문 검증 →
//! 재고 확인 → 결제 처리 → 배송 준비, then the notifications in parallel (이메일, SMS, 푸시 알림).
//!
//! Failure branches: a failed validation or payment goes to 주문 취소; no stock goes to 재고 알림,
//! waits, and loops back to 재고 확인.

use sfn_dsl::prelude::*;

use crate::function_arn;

/// The SNS topic the stock alert and the SMS notification publish to.
pub const NOTIFICATIONS_TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:order-notifications";

/// Builds the workflow.
pub fn workflow() -> Result<Workflow, BuildError> {
    let lambda_task = |name: &str, function: &str| {
        task(name)
            .resource(lambda(function_arn(function)))
            .timeout_seconds(30)
    };
    let transient = Retry::on(["Lambda.ServiceException", "Lambda.TooManyRequestsException"])
        .interval_seconds(1)
        .max_attempts(3)
        .backoff_rate(2.0);

    // 주문 취소: reached from the validation and payment catches, by handle.
    let cancel = lambda_task("주문 취소", "CancelOrder");
    let cancelled = fail("주문 실패")
        .error("OrderCancelled")
        .cause("주문이 취소되었습니다");

    // 재고 확인 is jumped back to after the stock alert, so it is referred to by handle too.
    let check_stock = lambda_task("재고 확인", "CheckInventory").result_path("$.inventory");
    let recheck = check_stock.handle();

    let notify = parallel("알림 발송")
        .branch(lambda_task("이메일", "SendEmail"))
        .branch(
            task("SMS")
                .resource(sns_publish(NOTIFICATIONS_TOPIC).message_path("$.smsMessage"))
                .timeout_seconds(30),
        )
        .branch(lambda_task("푸시 알림", "SendPush"))
        .result_path("$.notifications");

    let flow = lambda_task("주문 접수", "ReceiveOrder")
        .retry(&transient)
        .then(
            lambda_task("주문 검증", "ValidateOrder")
                .result_path("$.validation")
                .retry(&transient)
                .catch(Catch::all().result_path("$.error").next(&cancel)),
        )
        .then(check_stock)
        .then(
            choice("재고 여부")
                .when(
                    path("$.inventory.available").eq(false),
                    task("재고 알림")
                        .resource(sns_publish(NOTIFICATIONS_TOPIC).message_path("$.stockAlert"))
                        .timeout_seconds(30)
                        .result_path(PathOrNull::Null)
                        .then(wait("재입고 대기").seconds(3600))
                        .then(&recheck),
                )
                .otherwise(
                    lambda_task("결제 처리", "ProcessPayment")
                        .result_path("$.payment")
                        .retry(&transient)
                        .catch(Catch::all().result_path("$.error").next(&cancel)),
                ),
        )
        .then(lambda_task("배송 준비", "PrepareShipment").result_path("$.shipment"))
        .then(notify)
        .then(succeed("주문 완료"));

    Workflow::builder(flow)
        .comment("주문 처리: 접수, 검증, 재고, 결제, 배송, 알림")
        .state(cancel.then(cancelled))
        .build()
}
