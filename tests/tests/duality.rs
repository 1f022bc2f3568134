//! Every seed example exists twice: as a builder chain (`examples::<name>::workflow()`) and as a
//! `workflow!` below. Both must give the same ASL JSON, byte for byte (clap's paired
//! `git.rs` / `git-derive.rs`). The parametric `workload` example has no macro form; for
//! `typed_payloads` the macro form spells out what the typed templates render to.

use sfn_dsl::workflow;

fn builder_json(built: Result<sfn_dsl::Workflow, sfn_dsl::BuildError>) -> String {
    built.expect("the builder example is valid").to_json()
}

#[test]
fn order_processing_macro_equals_builder() {
    let wf = workflow! {
        comment: "주문 처리: 접수, 검증, 재고, 결제, 배송, 알림",
        "주문 접수": task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:ReceiveOrder",
            timeout_seconds: 30,
            retry: [{ error_equals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], interval_seconds: 1, max_attempts: 3, backoff_rate: 2.0 }],
            next: "주문 검증",
        },
        "주문 검증": task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:ValidateOrder",
            result_path: "$.validation",
            timeout_seconds: 30,
            retry: [{ error_equals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], interval_seconds: 1, max_attempts: 3, backoff_rate: 2.0 }],
            catch: [{ error_equals: ["States.ALL"], next: "주문 취소", result_path: "$.error" }],
            next: "재고 확인",
        },
        "재고 확인": task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:CheckInventory",
            result_path: "$.inventory",
            timeout_seconds: 30,
            next: "재고 여부",
        },
        "재고 여부": choice {
            when "$.inventory.available" == false => "재고 알림",
            default: "결제 처리",
        },
        "재고 알림": task {
            resource: "arn:aws:states:::sns:publish",
            parameters: {
                TopicArn: "arn:aws:sns:us-east-1:123456789012:order-notifications",
                "Message.$": "$.stockAlert",
            },
            result_path: null,
            timeout_seconds: 30,
            next: "재입고 대기",
        },
        "재입고 대기": wait { seconds: 3600, next: "재고 확인" },
        "결제 처리": task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:ProcessPayment",
            result_path: "$.payment",
            timeout_seconds: 30,
            retry: [{ error_equals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], interval_seconds: 1, max_attempts: 3, backoff_rate: 2.0 }],
            catch: [{ error_equals: ["States.ALL"], next: "주문 취소", result_path: "$.error" }],
            next: "배송 준비",
        },
        "배송 준비": task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:PrepareShipment",
            result_path: "$.shipment",
            timeout_seconds: 30,
            next: "알림 발송",
        },
        "알림 발송": parallel {
            branches: [
                { "이메일": task { resource: "arn:aws:lambda:us-east-1:123456789012:function:SendEmail", timeout_seconds: 30, end } },
                {
                    SMS: task {
                        resource: "arn:aws:states:::sns:publish",
                        parameters: {
                            TopicArn: "arn:aws:sns:us-east-1:123456789012:order-notifications",
                            "Message.$": "$.smsMessage",
                        },
                        timeout_seconds: 30,
                        end,
                    },
                },
                { "푸시 알림": task { resource: "arn:aws:lambda:us-east-1:123456789012:function:SendPush", timeout_seconds: 30, end } },
            ],
            result_path: "$.notifications",
            next: "주문 완료",
        },
        "주문 완료": succeed,
        "주문 취소": task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:CancelOrder",
            timeout_seconds: 30,
            next: "주문 실패",
        },
        "주문 실패": fail { error: "OrderCancelled", cause: "주문이 취소되었습니다" },
    };
    assert_eq!(
        wf.json(),
        builder_json(examples::order_processing::workflow())
    );
    assert_eq!(wf.states.주문_접수, "주문 접수");
}

#[test]
fn image_pipeline_macro_equals_builder() {
    let wf = workflow! {
        "이미지 업로드": task { resource: "arn:aws:lambda:us-east-1:123456789012:function:UploadImage", next: "이미지 리사이징" },
        "이미지 리사이징": parallel {
            branches: [
                { "썸네일 생성": task { resource: "arn:aws:lambda:us-east-1:123456789012:function:CreateThumbnail", end } },
                { "중간 크기 생성": task { resource: "arn:aws:lambda:us-east-1:123456789012:function:CreateMedium", end } },
            ],
            next: "메타데이터 저장",
        },
        "메타데이터 저장": task { resource: "arn:aws:lambda:us-east-1:123456789012:function:SaveMetadata", end },
    };
    assert_eq!(
        wf.json(),
        builder_json(examples::image_pipeline::workflow())
    );
}

#[test]
fn manager_approval_macro_equals_builder() {
    let wf = workflow! {
        comment: "Orders over 10,000 need a manager's approval",
        CheckOrderAmount: choice {
            when "$.orderAmount" > 10000 => ManagerApproval,
            default: ProcessOrder,
        },
        ManagerApproval: task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:RequestManagerApproval",
            timeout_seconds: 300,
            next: ProcessOrder,
        },
        ProcessOrder: task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:ProcessOrder",
            timeout_seconds: 60,
            end,
        },
    };
    assert_eq!(
        wf.json(),
        builder_json(examples::manager_approval::workflow())
    );
}

#[test]
fn retry_dlq_macro_equals_builder() {
    let wf = workflow! {
        comment: "Retry 3 times, then dead-letter the input",
        ProcessRecord: task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:ProcessRecord",
            timeout_seconds: 60,
            retry: [{ error_equals: ["States.ALL"], interval_seconds: 2, max_attempts: 3, backoff_rate: 2.0 }],
            catch: [{ error_equals: ["States.ALL"], next: SendToDeadLetterQueue, result_path: "$.error" }],
            next: Done,
        },
        SendToDeadLetterQueue: task {
            resource: "arn:aws:states:::sqs:sendMessage",
            parameters: {
                QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/orders-dlq",
                "MessageBody.$": "$",
            },
            result_path: null,
            timeout_seconds: 30,
            next: ProcessingFailed,
        },
        ProcessingFailed: fail {
            error: "ProcessingFailed",
            cause: "retries exhausted; the input was sent to the dead-letter queue",
        },
        Done: succeed,
    };
    assert_eq!(wf.json(), builder_json(examples::retry_dlq::workflow()));
}

#[test]
fn jsonata_variables_macro_equals_builder() {
    let wf = workflow! {
        query_language: JSONata,
        comment: "JSONata with variables",
        PriceOrder: task {
            resource: "arn:aws:states:::lambda:invoke",
            arguments: {
                FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:PriceOrder",
                Payload: "{% $states.input %}",
            },
            output: "{% $states.result.Payload %}",
            assign: {
                orderId: "{% $states.input.orderId %}",
                total: "{% $states.result.Payload.total %}",
            },
            timeout_seconds: 30,
            next: RouteByTotal,
        },
        RouteByTotal: choice {
            when "{% $total > 1000 %}" => Summarize { assign: { tier: "premium" } },
            default: Standard,
        },
        Standard: pass { assign: { tier: "standard" }, next: Summarize },
        Summarize: pass {
            output: { orderId: "{% $orderId %}", total: "{% $total %}", tier: "{% $tier %}" },
            end,
        },
    };
    assert_eq!(
        wf.json(),
        builder_json(examples::jsonata_variables::workflow())
    );
}

#[test]
fn distributed_map_macro_equals_builder() {
    let wf = workflow! {
        comment: "Process every object under s3://incoming-images/uploads/",
        ProcessObjects: map {
            item_reader: {
                resource: "arn:aws:states:::s3:listObjectsV2",
                parameters: { Bucket: "incoming-images", Prefix: "uploads/" },
            },
            item_batcher: { max_items_per_batch: 100 },
            item_processor: {
                processor_config: { mode: DISTRIBUTED, execution_type: EXPRESS },
                ProcessBatch: task {
                    resource: "arn:aws:states:::lambda:invoke",
                    parameters: {
                        FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:ProcessBatch",
                        "Payload.$": "$",
                    },
                    timeout_seconds: 300,
                    retry: [{
                        error_equals: ["Lambda.TooManyRequestsException"],
                        interval_seconds: 2,
                        max_attempts: 5,
                        backoff_rate: 2.0,
                        jitter_strategy: FULL,
                    }],
                    end,
                },
            },
            result_writer: {
                resource: "arn:aws:states:::s3:putObject",
                parameters: { Bucket: "processing-results", Prefix: "runs/" },
            },
            max_concurrency: 50,
            tolerated_failure_percentage: 5.0,
            label: "ProcessObjects",
            next: Done,
        },
        Done: succeed,
    };
    assert_eq!(
        wf.json(),
        builder_json(examples::distributed_map::workflow())
    );
    assert_eq!(wf.states.ProcessBatch, "ProcessBatch");
}

#[test]
fn callback_macro_equals_builder() {
    let wf = workflow! {
        comment: "Wait for a human approval through a task token",
        RequestApproval: task {
            resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            parameters: {
                QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                MessageBody: { "TaskToken.$": "$$.Task.Token", "Order.$": "$" },
            },
            result_path: "$.approval",
            timeout_seconds: 86400,
            heartbeat_seconds: 600,
            catch: [{ error_equals: ["States.HeartbeatTimeout", "States.Timeout"], next: ApprovalTimedOut }],
            next: Approved,
        },
        Approved: succeed,
        ApprovalTimedOut: fail { error: "ApprovalTimedOut", cause: "no heartbeat from the approver" },
    };
    assert_eq!(wf.json(), builder_json(examples::callback::workflow()));
}

/// The typed templates render to what a hand-written payload says.
#[test]
fn typed_payloads_macro_equals_builder() {
    let wf = workflow! {
        comment: "Charge an order and tell the customer, with typed payloads",
        ChargeCard: task {
            resource: "arn:aws:states:::lambda:invoke",
            parameters: {
                FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:ChargeCard",
                Payload: {
                    "orderId.$": "$.orderId",
                    "amountCents.$": "$.totalCents",
                    currency: "EUR",
                    "idempotencyKey.$": "$$.Execution.Name",
                },
            },
            result_selector: { "chargeId.$": "$.Payload.chargeId", "amountCents.$": "$.Payload.capturedCents" },
            result_path: "$.receipt",
            retry: [{ error_equals: ["States.TaskFailed"], interval_seconds: 2, max_attempts: 3, backoff_rate: 2.0 }],
            next: NotifyCustomer,
        },
        NotifyCustomer: task {
            resource: "arn:aws:states:::sns:publish",
            parameters: {
                TopicArn: "arn:aws:sns:us-east-1:123456789012:order-paid",
                Message: {
                    "to.$": "$.customer.email",
                    "subject.$": "States.Format('Order {} is paid', $.orderId)",
                    "order_id.$": "$.orderId",
                },
            },
            result_path: null,
            next: Done,
        },
        Done: succeed,
    };
    assert_eq!(
        wf.json(),
        builder_json(examples::typed_payloads::workflow())
    );
}
