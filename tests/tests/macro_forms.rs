//! The ways in: `workflow!` as an expression and as an item, `asl!` with JSON tokens or a string,
//! `include_asl!` with a file; and what comes out (`json`, `definition`, state constants).

use sfn_dsl::{CompiledWorkflow, StateId, asl, include_asl, workflow};

workflow! {
    /// The order workflow, as a `static` other modules can use.
    pub static ORDER: OrderStates = {
        ValidateOrder: pass { next: "주문 검증" },
        "주문 검증": pass { next: Done },
        Done: succeed,
    };
}

#[test]
fn item_form_names_the_workflow_and_its_states() {
    assert_eq!(OrderStates::VALIDATE_ORDER, "ValidateOrder");
    assert_eq!(OrderStates::주문_검증, "주문 검증");
    assert_eq!(ORDER.states.Done, OrderStates::DONE);
    assert_eq!(ORDER.definition().start_at, OrderStates::VALIDATE_ORDER);
}

#[test]
fn state_constants_cover_nested_scopes() {
    let wf = workflow! {
        Fan: parallel { branches: [{ Left: pass { end } }, { Right: pass { end } }], next: Each },
        Each: map { item_processor: { Item: pass { end } }, end },
    };
    let all: Vec<StateId> = vec![
        wf.states.Fan,
        wf.states.Left,
        wf.states.Right,
        wf.states.Each,
        wf.states.Item,
    ];
    let names: Vec<&str> = all.iter().map(|s| s.as_str()).collect();
    assert_eq!(names, ["Fan", "Left", "Right", "Each", "Item"]);
}

#[test]
fn definition_parses_back_to_the_same_json() {
    let wf = workflow! { A: pass { result: { "x": [1, 2] }, end } };
    assert_eq!(wf.definition().to_json(), wf.json());
    assert_eq!(wf.to_string(), wf.json());
}

#[test]
fn erase_gives_a_nameable_type() {
    fn order() -> CompiledWorkflow {
        workflow! { A: succeed }.erase()
    }
    assert_eq!(
        order().json(),
        r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#
    );
}

#[test]
fn asl_tokens_and_asl_string_agree() {
    let tokens = asl!({
        "Comment": "inline",
        "StartAt": "A",
        "States": { "A": { "Type": "Pass", "Result": { "n": -1.5 }, "End": true } }
    });
    let text = asl!(
        r#"{"Comment": "inline", "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Result": {"n": -1.5}, "End": true}}}"#
    );
    assert_eq!(tokens.json(), text.json());
    assert_eq!(tokens.states.A, "A");
}

asl!(
    /// A definition kept as JSON, with its states type.
    pub static INLINE: InlineStates = {
        "StartAt": "Only",
        "States": { "Only": { "Type": "Succeed" } }
    }
);

include_asl!(
    /// The image pipeline, from its file.
    pub static IMAGES: ImageStates = "../examples/asl/image_pipeline.asl.json"
);

#[test]
fn asl_and_include_asl_have_item_forms_too() {
    assert_eq!(InlineStates::ONLY, "Only");
    assert_eq!(
        INLINE.json(),
        r#"{"StartAt":"Only","States":{"Only":{"Type":"Succeed"}}}"#
    );
    assert_eq!(IMAGES.states.이미지_업로드, "이미지 업로드");
}

#[test]
fn include_asl_reads_a_file_relative_to_the_crate() {
    let wf = include_asl!("../examples/asl/image_pipeline.asl.json");
    let text = include_str!("../../examples/asl/image_pipeline.asl.json");
    assert_eq!(wf.json(), sfn_asl::parse(text).unwrap().to_json());
    assert_eq!(wf.states.이미지_업로드, "이미지 업로드");
}

#[test]
fn the_macro_and_the_model_agree_on_the_json() {
    // The macro's string is `StateMachine::to_json` of what it validated.
    let wf = workflow! {
        comment: "c",
        A: task { resource: "arn:aws:states:::lambda:invoke", timeout_seconds: 5, end },
    };
    let machine = wf.definition();
    assert!(sfn_asl::validate(&machine).errors().next().is_none());
    assert_eq!(machine.to_json(), wf.json());
}

#[test]
fn readme_example_compiles_and_runs() {
    // The example of README.md's "Check a workflow at compile time", verbatim.
    let wf = sfn_dsl::workflow! {
        comment: "Orders over 10,000 need a manager's approval",
        CheckOrderAmount: choice {
            when "$.orderAmount" > 10000 => ManagerApproval,
            default: ProcessOrder,
        },
        ManagerApproval: task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:RequestManagerApproval",
            timeout_seconds: 300,
            retry: [{ error_equals: ["States.TaskFailed"], interval_seconds: 2, max_attempts: 3 }],
            next: ProcessOrder,
        },
        ProcessOrder: task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:ProcessOrder",
            timeout_seconds: 60,
            end,
        },
    };
    let json: &'static str = wf.json();
    let model = wf.definition();
    assert_eq!(wf.states.ManagerApproval, "ManagerApproval");
    assert_eq!(model.to_json(), json);
}
