//! What the builder refuses, each time naming the state: a handle never defined, a name used
//! twice, an unreachable state, a missing required field, a payload that is not JSON, and
//! whatever the sfn-asl validator rejects. Also the Result-style error enums.

use serde_json::json;
use sfn_dsl::Problem;
use sfn_dsl::prelude::*;

const F: &str = "arn:aws:lambda:us-east-1:123456789012:function:F";

#[test]
fn handle_to_a_state_never_added_is_an_error_naming_it() {
    let retry_later = StateRef::named("RetryLater");
    let error = Workflow::builder(task("Pay").resource(lambda(F)).next(&retry_later))
        .build()
        .unwrap_err();
    assert_eq!(
        error.problems(),
        [Problem::UndefinedState {
            name: "RetryLater".into(),
            from: "Pay".into()
        }]
    );
}

#[test]
fn handle_from_a_state_value_that_was_dropped_is_an_error() {
    let cancel = pass("Cancel");
    let flow = task("Pay")
        .resource(lambda(F))
        .catch(Catch::all().next(&cancel));
    // `cancel` is never added to the workflow.
    let error = Workflow::builder(flow).build().unwrap_err();
    assert_eq!(error.states(), ["Cancel"]);
}

#[test]
fn duplicate_name_in_one_scope_is_an_error_naming_it() {
    let error = Workflow::builder(pass("Step").then(pass("Step")))
        .build()
        .unwrap_err();
    assert_eq!(
        error.problems(),
        [Problem::DuplicateState {
            name: "Step".into()
        }]
    );
}

#[test]
fn unreachable_state_is_reported_by_the_validator_naming_it() {
    let error = Workflow::builder(pass("Start"))
        .state(pass("Orphan"))
        .build()
        .unwrap_err();
    assert_eq!(error.states(), ["Orphan"]);
    let Problem::Invalid(diagnostic) = &error.problems()[0] else {
        panic!("expected a validator diagnostic, got {error}");
    };
    assert_eq!(diagnostic.code.id(), "unreachable_state");
}

#[test]
fn validator_errors_name_the_nested_state() {
    let bad = parallel("Fanout").branch(pass("Inner").result_path("not a path"));
    let error = Workflow::builder(bad).build().unwrap_err();
    assert_eq!(error.states(), ["Inner"]);
}

#[test]
fn wait_without_duration_is_an_error() {
    let error = Workflow::builder(wait("Pause")).build().unwrap_err();
    assert_eq!(error.to_string(), "state `Pause` has no `Seconds`");
}

#[test]
fn map_without_processor_is_an_error() {
    let error = Workflow::builder(map("Each")).build().unwrap_err();
    assert_eq!(error.to_string(), "state `Each` has no `ItemProcessor`");
}

#[test]
fn parallel_without_branches_is_an_error() {
    let error = Workflow::builder(parallel("Fanout")).build().unwrap_err();
    assert_eq!(error.to_string(), "state `Fanout` has no `Branches`");
}

#[test]
fn payload_that_is_not_json_is_an_error_naming_state_and_field() {
    let mut map = std::collections::BTreeMap::new();
    map.insert(vec![1], "a vector is not a JSON key");
    let error = Workflow::builder(pass("Shape").parameters(map))
        .build()
        .unwrap_err();
    assert!(matches!(
        &error.problems()[0],
        Problem::InvalidPayload { state, field: "Parameters", .. } if state == "Shape"
    ));
}

#[test]
fn empty_chain_cannot_start_a_workflow() {
    let error = Workflow::builder(sfn_dsl::Chain::new())
        .build()
        .unwrap_err();
    assert_eq!(error.to_string(), "the workflow's start is an empty chain");
}

#[test]
fn all_problems_are_reported_at_once() {
    let error = Workflow::builder(task("A").then(wait("B")).then(pass("A")))
        .build()
        .unwrap_err();
    assert_eq!(error.states(), ["A", "B"]);
    assert_eq!(error.problems().len(), 3);
}

#[test]
fn warnings_are_kept_on_the_workflow() {
    let workflow = Workflow::builder(task("NoTimeout").resource(lambda(F)))
        .build()
        .expect("a warning is not an error");
    assert!(
        workflow
            .warnings()
            .iter()
            .any(|d| d.code.id() == "task_without_timeout")
    );
}

#[test]
fn choice_branches_continue_after_the_choice() {
    let flow = choice("Route")
        .when(path("$.big").eq(true), pass("Big"))
        .otherwise(pass("Small"))
        .then(succeed("Join"));
    let workflow = Workflow::builder(flow).build().expect("builds");
    let json = workflow.to_value();
    assert_eq!(json["States"]["Big"]["Next"], json!("Join"));
    assert_eq!(json["States"]["Small"]["Next"], json!("Join"));
}

#[test]
fn explicit_end_is_kept_even_when_the_chain_continues() {
    let flow = choice("Route")
        .when(path("$.stop").eq(true), pass("Stop").end())
        .otherwise(pass("Go"))
        .then(succeed("Done"));
    let json = Workflow::builder(flow).build().expect("builds").to_value();
    assert_eq!(json["States"]["Stop"]["End"], json!(true));
    assert_eq!(json["States"]["Go"]["Next"], json!("Done"));
}

#[test]
fn placeholders_are_listed_and_kept() {
    let flow = task("Validate")
        .resource(lambda(arn!("${ValidateOrderArn}")))
        .timeout_seconds(30)
        .then(
            task("Notify")
                .resource(sns_publish("${TopicArn}").message_path("$"))
                .timeout_seconds(30),
        );
    let workflow = Workflow::builder(flow).build().expect("builds");
    assert_eq!(workflow.placeholders(), ["ValidateOrderArn", "TopicArn"]);
    assert!(
        workflow
            .to_json()
            .contains(r#""Resource":"${ValidateOrderArn}""#)
    );
}

#[derive(Debug, TaskError)]
enum PaymentError {
    Declined,
    #[sfn(name = "Payment.Fraud")]
    Fraud,
    #[sfn(name = "States.Timeout")]
    Timeout,
    #[sfn(name = "States.ALL")]
    Other,
}

#[test]
fn task_error_names_follow_the_attribute_or_the_variant() {
    assert_eq!(
        PaymentError::error_names(),
        [
            ErrorName::Custom("Declined".into()),
            ErrorName::Custom("Payment.Fraud".into()),
            ErrorName::Timeout,
            ErrorName::All,
        ]
    );
}

#[test]
fn match_over_task_errors_becomes_one_catch_per_arm_with_states_all_last() {
    let cancel = pass("Cancel");
    let review = pass("Review");
    let pay = task("Pay")
        .resource(lambda(F))
        .timeout_seconds(30)
        .errors::<PaymentError>()
        .retry_on(
            [PaymentError::Timeout],
            Retry::policy().interval_seconds(2).max_attempts(3),
        )
        .catch_errors(|error| match error {
            PaymentError::Other | PaymentError::Declined => {
                Some(Handler::next(&cancel).result_path("$.error"))
            }
            PaymentError::Fraud => Some(Handler::next(&review)),
            PaymentError::Timeout => None,
        });
    let workflow = Workflow::builder(pay.then(succeed("Done")))
        .state(cancel)
        .state(review)
        .build()
        .expect("builds");
    assert_eq!(
        workflow.to_value()["States"]["Pay"]["Catch"],
        json!([
            {"ErrorEquals": ["Declined"], "Next": "Cancel", "ResultPath": "$.error"},
            {"ErrorEquals": ["Payment.Fraud"], "Next": "Review"},
            {"ErrorEquals": ["States.ALL"], "Next": "Cancel", "ResultPath": "$.error"},
        ])
    );
    assert_eq!(
        workflow.to_value()["States"]["Pay"]["Retry"],
        json!([{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 3}])
    );
}

#[test]
fn task_error_variants_work_as_plain_error_names() {
    let cancel = pass("Cancel");
    let pay = task("Pay")
        .resource(lambda(F))
        .retry(Retry::on([PaymentError::Declined]).max_attempts(1))
        .catch(Catch::on([PaymentError::Fraud]).next(&cancel));
    let json = Workflow::builder(pay)
        .state(cancel)
        .build()
        .expect("builds")
        .to_value();
    assert_eq!(
        json["States"]["Pay"]["Catch"][0]["ErrorEquals"],
        json!(["Payment.Fraud"])
    );
}
