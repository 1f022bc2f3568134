use serde_json::json;
use sfn_asl::QueryLanguage::{JsonPath, Jsonata};

use crate::prelude::*;

#[derive(serde::Serialize, serde::Deserialize, crate::Payload)]
#[serde(rename_all = "camelCase")]
struct ChargeRequest {
    order_id: String,
    amount_cents: u64,
    #[serde(rename = "Customer")]
    customer: Customer,
}

#[derive(serde::Serialize, serde::Deserialize, crate::Payload)]
struct Customer {
    email: String,
    #[serde(rename = "full name")]
    name: String,
}

fn customer() -> CustomerTemplate {
    CustomerTemplate {
        email: Field::var("email"),
        name: "Ada".into(),
    }
}

#[test]
fn jsonpath_references_become_dollar_keys() {
    let template = ChargeRequestTemplate {
        order_id: Field::path("$.order.id"),
        amount_cents: Field::intrinsic("States.MathAdd($.total, 1)"),
        customer: customer().into(),
    };
    assert_eq!(
        template.into_template().render(JsonPath).unwrap(),
        json!({
            "orderId.$": "$.order.id",
            "amountCents.$": "States.MathAdd($.total, 1)",
            "Customer": {"email.$": "$email", "full name": "Ada"}
        })
    );
}

#[test]
fn jsonata_references_become_expressions() {
    let template = ChargeRequestTemplate {
        order_id: Field::context("Execution.Id"),
        amount_cents: Field::jsonata("$states.input.total * 100"),
        customer: customer().into(),
    };
    assert_eq!(
        template.into_template().render(Jsonata).unwrap(),
        json!({
            "orderId": "{% $states.context.Execution.Id %}",
            "amountCents": "{% $states.input.total * 100 %}",
            "Customer": {"email": "{% $email %}", "full name": "Ada"}
        })
    );
}

#[test]
fn typed_paths_use_the_json_keys() {
    let request = Path::<ChargeRequest>::input().fields();
    let name = request.customer.fields().name;
    assert_eq!(name.to_jsonpath().unwrap(), "$.Customer['full name']");
    assert_eq!(
        name.to_jsonata().unwrap(),
        "$states.input.Customer.`full name`"
    );
    assert_eq!(request.amount_cents.to_jsonpath().unwrap(), "$.amountCents");
}

#[test]
fn awkward_keys_are_quoted_and_read_back() {
    let path = crate::__private::path_key::<u8, u8>(&Path::input(), "it's");
    assert_eq!(path.to_jsonpath().unwrap(), r"$['it\'s']");
    let word = crate::__private::path_key::<u8, u8>(&Path::input(), "and");
    assert_eq!(word.to_jsonata().unwrap(), "$states.input.`and`");
}

#[test]
fn a_reference_in_the_wrong_language_names_its_key() {
    let template = ChargeRequestTemplate {
        order_id: Field::path("$.id"),
        amount_cents: Field::intrinsic("States.MathAdd($.a, 1)"),
        customer: CustomerTemplate {
            email: Field::jsonata("$x"),
            name: "Ada".into(),
        }
        .into(),
    }
    .into_template();
    assert_eq!(
        template.render(Jsonata).unwrap_err().messages(),
        [
            "`orderId`: a JSONPath path cannot be used in a JSONata state; use a typed `Path` or `Field::jsonata`",
            "`amountCents`: an intrinsic function cannot be used in a JSONata state; use `Field::jsonata`",
        ]
    );
    assert_eq!(
        template.render(JsonPath).unwrap_err().messages(),
        [
            "`Customer.email`: a JSONata expression cannot be used in a JSONPath state; use a `Path`, `Field::path` or `Field::intrinsic`"
        ]
    );
}

#[test]
fn literals_that_would_be_evaluated_are_rejected() {
    let template = Template::new().field("note", Field::value("{% $x %}"));
    assert_eq!(
        template.render(Jsonata).unwrap_err().to_string(),
        "`note`: the literal `{% $x %}` would be evaluated as JSONata; use `Field::jsonata` for an expression"
    );
    assert!(template.render(JsonPath).is_ok());
    let keyed = Template::new().field("meta", Field::value(json!({"id.$": "$.id"})));
    assert_eq!(
        keyed.render(JsonPath).unwrap_err().to_string(),
        "`meta`: the literal's key `id.$` would be read as a path; use `Field::path` for a path"
    );
}

#[test]
fn a_result_reference_cannot_be_an_input() {
    let template = Template::new().field("id", Field::from(Path::<String>::result()));
    assert_eq!(
        template.render(JsonPath).unwrap_err().to_string(),
        "`id`: refers to the task's result, which is not known before the task runs"
    );
}

#[test]
fn keys_list_the_serialized_names() {
    assert_eq!(ChargeRequest::KEYS, ["orderId", "amountCents", "Customer"]);
}

#[test]
fn typed_input_goes_under_payload_for_lambda_invoke() {
    let charge = task("Charge")
        .resource(lambda_invoke("Charge").payload_path("$"))
        .input(ChargeRequestTemplate {
            order_id: Field::path("$.id"),
            amount_cents: 5.into(),
            customer: customer().into(),
        });
    let wf = Workflow::builder(pass("Init").assign("email", "a@b.c").then(charge))
        .build()
        .unwrap();
    let sfn_asl::State::Task(t) = &wf.definition().states["Charge"] else {
        panic!("not a task")
    };
    assert_eq!(
        t.parameters,
        Some(json!({
            "FunctionName": "Charge",
            "Payload": {
                "orderId.$": "$.id",
                "amountCents": 5,
                "Customer": {"email.$": "$email", "full name": "Ada"}
            }
        }))
    );
}

#[test]
fn typed_input_is_the_whole_request_for_a_lambda_arn() {
    let charge = task("Charge")
        .resource(lambda(
            "arn:aws:lambda:us-east-1:123456789012:function:Charge",
        ))
        .query_language(QueryLanguage::Jsonata)
        .input(CustomerTemplate {
            email: Path::<Customer>::input().fields().email.into(),
            name: "Ada".into(),
        });
    let wf = Workflow::builder(charge).build().unwrap();
    let sfn_asl::State::Task(t) = &wf.definition().states["Charge"] else {
        panic!("not a task")
    };
    assert_eq!(
        t.arguments,
        Some(json!({"email": "{% $states.input.email %}", "full name": "Ada"}))
    );
}

#[test]
fn typed_input_and_hand_written_parameters_conflict() {
    let charge = task("Charge")
        .resource(lambda(
            "arn:aws:lambda:us-east-1:123456789012:function:Charge",
        ))
        .parameters(json!({"a": 1}))
        .input(customer());
    let error = Workflow::builder(charge).build().unwrap_err();
    assert_eq!(
        error.to_string(),
        "state `Charge`: `Parameters` is set by hand and by the typed input; keep one"
    );
}

#[test]
fn a_bad_path_is_a_build_error_naming_the_state() {
    let charge = task("Charge")
        .resource(lambda_invoke("Charge"))
        .input(CustomerTemplate {
            email: Field::path("$.a[?"),
            name: "Ada".into(),
        });
    let error = Workflow::builder(charge).build().unwrap_err();
    assert_eq!(error.states(), ["Charge"]);
    assert!(
        matches!(&error.problems()[0], crate::Problem::Invalid(d) if d.pointer.as_str() == "/States/Charge/Parameters/Payload/email.$"),
        "{error}"
    );
}

#[test]
fn select_result_reads_inside_the_lambda_payload() {
    let charge = task("Charge")
        .resource(lambda_invoke("Charge"))
        .select_result::<ChargeRequest, _>(|r| CustomerTemplate {
            email: r.customer.fields().email.into(),
            name: r.order_id.into(),
        });
    let wf = Workflow::builder(charge).build().unwrap();
    let sfn_asl::State::Task(t) = &wf.definition().states["Charge"] else {
        panic!("not a task")
    };
    assert_eq!(
        t.result_selector,
        Some(json!({"email.$": "$.Payload.Customer.email", "full name.$": "$.Payload.orderId"}))
    );
}

#[test]
fn select_result_is_the_output_in_jsonata() {
    let charge = task("Charge")
        .resource(lambda_invoke("Charge"))
        .select_result::<Customer, _>(|r| CustomerTemplate {
            email: r.email.into(),
            name: "Ada".into(),
        });
    let wf = Workflow::builder(charge)
        .query_language(QueryLanguage::Jsonata)
        .build()
        .unwrap();
    let sfn_asl::State::Task(t) = &wf.definition().states["Charge"] else {
        panic!("not a task")
    };
    assert_eq!(
        t.output,
        Some(json!({"email": "{% $states.result.Payload.email %}", "full name": "Ada"}))
    );
    assert!(
        wf.task_types("Charge")
            .and_then(|t| t.output())
            .is_some_and(|o| o.is::<Customer>())
    );
}

#[test]
fn two_output_types_are_a_build_error() {
    let charge = task("Charge")
        .resource(lambda_invoke("Charge"))
        .returns::<Customer>()
        .returns::<ChargeRequest>();
    let error = Workflow::builder(charge).build().unwrap_err();
    assert_eq!(error.states(), ["Charge"]);
    assert!(
        error
            .to_string()
            .contains("the output type is declared as `"),
        "{error}"
    );
}

#[test]
fn results_are_read_as_the_declared_type() {
    let wf = Workflow::builder(
        task("Charge")
            .resource(lambda_invoke("Charge"))
            .returns::<Customer>(),
    )
    .build()
    .unwrap();
    let types = wf.task_types("Charge").unwrap();
    let raw = json!({"Payload": {"email": "a@b.c", "full name": "Ada"}, "StatusCode": 200});
    let customer: Customer = types.result(&raw).unwrap();
    assert_eq!(customer.name, "Ada");
    assert!(matches!(
        types.result::<ChargeRequest>(&raw),
        Err(crate::ResultError::WrongType { .. })
    ));
    assert!(matches!(
        types.result::<Customer>(&json!({"email": "x"})),
        Err(crate::ResultError::MissingKey { key: "Payload", .. })
    ));
}

#[derive(serde::Serialize, serde::Deserialize, crate::Payload)]
struct Discount {
    coupon: Option<Customer>,
    code: Option<String>,
}

#[test]
fn optional_keys_take_references_to_their_inner_type() {
    let discount = Path::<Discount>::variable("discount").fields();
    let email = discount.coupon.inner().fields().email;
    let template = DiscountTemplate {
        coupon: None.into(),
        code: email.optional().into(),
    };
    assert_eq!(
        template.into_template().render(JsonPath).unwrap(),
        json!({"coupon": null, "code.$": "$discount.coupon.email"})
    );
}

#[test]
fn a_bad_intrinsic_or_jsonata_expression_is_a_build_error_naming_the_state() {
    let intrinsic = task("Label")
        .resource(lambda_invoke("Label"))
        .input(CustomerTemplate {
            email: Field::intrinsic("States.Frmat('{}', $.id)"),
            name: "Ada".into(),
        });
    let error = Workflow::builder(intrinsic).build().unwrap_err();
    assert_eq!(error.states(), ["Label"]);
    let expression = task("Label")
        .resource(lambda_invoke("Label"))
        .input(CustomerTemplate {
            email: Field::jsonata("$states.input.email &"),
            name: "Ada".into(),
        });
    let error = Workflow::builder(expression)
        .query_language(QueryLanguage::Jsonata)
        .build()
        .unwrap_err();
    assert_eq!(error.states(), ["Label"]);
    assert!(
        matches!(&error.problems()[0], crate::Problem::Invalid(d) if d.pointer.as_str() == "/States/Label/Arguments/Payload/email"),
        "{error}"
    );
}

#[test]
fn lists_render_each_element_and_name_the_bad_one() {
    let emails: Field<Vec<Customer>> = Field::list([
        customer().into(),
        CustomerTemplate {
            email: Field::jsonata("$lower($states.input.email)"),
            name: "Bob".into(),
        }
        .into(),
    ]);
    let template = Template::new().field("to", emails);
    assert_eq!(
        template.render(Jsonata).unwrap(),
        json!({"to": [
            {"email": "{% $email %}", "full name": "Ada"},
            {"email": "{% $lower($states.input.email) %}", "full name": "Bob"}
        ]})
    );
    assert_eq!(
        template.render(JsonPath).unwrap_err().messages(),
        [
            "`to[1].email`: a JSONata expression cannot be used in a JSONPath state; use a `Path`, `Field::path` or `Field::intrinsic`"
        ]
    );
    let ids: Field<Vec<String>> = Field::list(["a".into(), Field::path("$.b")]);
    let error = Template::new()
        .field("ids", ids)
        .render(JsonPath)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("`ids[1]`: a JSONPath state cannot take a path"),
        "{error}"
    );
}

#[test]
fn a_template_is_a_value_that_can_be_reused() {
    let template = customer();
    let first = template.clone().into_template();
    assert_eq!(first, template.into_template());
}

#[test]
fn quoted_keys_pass_the_validator_in_both_languages() {
    for language in [JsonPath, Jsonata] {
        let charge = task("Charge")
            .resource(lambda_invoke("Charge"))
            .select_result::<Customer, _>(|r| CustomerTemplate {
                email: r.name.clone().into(),
                name: r.name.into(),
            });
        let wf = Workflow::builder(charge).query_language(language).build();
        let json = wf.map(|w| w.to_json()).unwrap();
        assert!(
            json.contains(r#"$.Payload['full name']"#)
                || json.contains(r#"$states.result.Payload.`full name`"#),
            "{json}"
        );
    }
}

#[test]
fn select_item_reads_the_map_item_in_jsonata() {
    let each = map("Each")
        .items(jsonata("$states.input.customers"))
        .select_item::<Customer, _>(|c| CustomerTemplate {
            email: c.email.into(),
            name: Field::jsonata("$states.input.shop"),
        })
        .item_processor(pass("Greet"));
    let wf = Workflow::builder(each)
        .query_language(QueryLanguage::Jsonata)
        .build()
        .unwrap();
    let sfn_asl::State::Map(m) = &wf.definition().states["Each"] else {
        panic!("not a map")
    };
    assert_eq!(
        m.item_selector,
        Some(json!({
            "email": "{% $states.context.Map.Item.Value.email %}",
            "full name": "{% $states.input.shop %}"
        }))
    );
    assert!(wf.typed_tasks().is_empty());
}

#[test]
fn select_item_and_a_hand_written_item_selector_conflict() {
    let each = map("Each")
        .items_path("$.customers")
        .item_selector(json!({"x": 1}))
        .select_item::<Customer, _>(|c| CustomerTemplate {
            email: c.email.into(),
            name: "Ada".into(),
        })
        .item_processor(pass("Greet"));
    let error = Workflow::builder(each).build().unwrap_err();
    assert_eq!(
        error.to_string(),
        "state `Each`: `ItemSelector` is set by hand and by `select_item`; keep one"
    );
}
