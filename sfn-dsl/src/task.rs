//! `Task` states.

use std::marker::PhantomData;

use serde_json::Value;
use sfn_asl::{Expr, StateName, TaskState};

use crate::builder::{Link, builder, fields, transition};
use crate::chain::{Chain, Node};
use crate::error::Problem;
use crate::resource::Resource;
use crate::retry::Catch;
use crate::typed::{Declared, Payload, PayloadTemplate, Placement, TypeInfo};

/// Starts a `Task` state called `name`; give it a [`Resource`] with [`Task::resource`].
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let validate = task("ValidateOrder")
///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:ValidateOrder"))
///     .timeout_seconds(30)
///     .retry(Retry::on([ErrorName::TaskFailed]).interval_seconds(2).max_attempts(3));
/// let workflow = Workflow::builder(validate).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"ValidateOrder","States":{"ValidateOrder":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:ValidateOrder","TimeoutSeconds":30,"Retry":[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":2,"MaxAttempts":3}],"End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn task(name: impl Into<StateName>) -> Task {
    Task {
        name: name.into(),
        state: TaskState::new(String::new(), sfn_asl::Transition::End),
        resource: None,
        next: None,
        catch: Vec::new(),
        problems: Vec::new(),
        declared: Declared::default(),
    }
}

/// A `Task` state being built: one unit of work done by a [`Resource`].
///
/// ```
/// use sfn_dsl::prelude::*;
/// let t: sfn_dsl::Task = task("Work").resource(lambda_invoke("Work")).timeout_seconds(30);
/// assert_eq!(t.name().as_str(), "Work");
/// ```
#[derive(Clone, Debug)]
pub struct Task {
    pub(crate) name: StateName,
    pub(crate) state: TaskState,
    resource: Option<Resource>,
    pub(crate) next: Option<Link>,
    pub(crate) catch: Vec<Catch>,
    pub(crate) problems: Vec<Problem>,
    declared: Declared,
}

builder!(Task, "task(\"T\").resource(lambda_invoke(\"F\"))");
fields!(Task, "task(\"T\")" {
    comment, query_language, input_path, parameters, arguments, result_selector, result_path,
    output_path, output, assign, retry, catch, next,
});

impl Task {
    /// `Resource`: what runs ([`lambda`](crate::lambda), [`sqs_send_message`](crate::sqs_send_message),
    /// [`Resource::placeholder`], …), with its integration pattern and parameters.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("Work").resource(Resource::placeholder("WorkArn"))).build()?.to_json();
    /// assert!(json.contains(r#""Resource":"${WorkArn}""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn resource(mut self, resource: Resource) -> Self {
        self.resource = Some(resource);
        self
    }

    /// `TimeoutSeconds`: a number, or a [`jsonata`](crate::jsonata) expression in JSONata states.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .timeout_seconds(30);
    /// let json = Workflow::builder(work).build()?.to_json();
    /// assert!(json.contains(r#""TimeoutSeconds":30"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timeout_seconds(mut self, seconds: impl Into<Expr<u64>>) -> Self {
        self.state.timeout_seconds = Some(seconds.into());
        self
    }

    /// `TimeoutSecondsPath` (JSONPath): a reference path to the timeout.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .timeout_seconds_path("$.timeout");
    /// let json = Workflow::builder(work).build()?.to_json();
    /// assert!(json.contains(r#""TimeoutSecondsPath":"$.timeout""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timeout_seconds_path(mut self, path: impl Into<String>) -> Self {
        self.state.timeout_seconds_path = Some(path.into());
        self
    }

    /// `HeartbeatSeconds`: a number, or a [`jsonata`](crate::jsonata) expression in JSONata
    /// states; must be less than the timeout.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .timeout_seconds(600).heartbeat_seconds(60);
    /// let json = Workflow::builder(work).build()?.to_json();
    /// assert!(json.contains(r#""TimeoutSeconds":600,"HeartbeatSeconds":60"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn heartbeat_seconds(mut self, seconds: impl Into<Expr<u64>>) -> Self {
        self.state.heartbeat_seconds = Some(seconds.into());
        self
    }

    /// `HeartbeatSecondsPath` (JSONPath): a reference path to the heartbeat interval.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .heartbeat_seconds_path("$.heartbeat");
    /// let json = Workflow::builder(work).build()?.to_json();
    /// assert!(json.contains(r#""HeartbeatSecondsPath":"$.heartbeat""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn heartbeat_seconds_path(mut self, path: impl Into<String>) -> Self {
        self.state.heartbeat_seconds_path = Some(path.into());
        self
    }

    /// `Credentials` with `RoleArn`: the role the Task's work runs as.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .credentials_role_arn("arn:aws:iam::123456789012:role/Worker");
    /// let json = Workflow::builder(work).build()?.to_json();
    /// assert!(json.contains(r#""Credentials":{"RoleArn":"arn:aws:iam::123456789012:role/Worker"}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn credentials_role_arn(mut self, role_arn: impl Into<String>) -> Self {
        self.state.credentials = Some(serde_json::json!({ "RoleArn": role_arn.into() }));
        self
    }

    /// `Credentials` with `RoleArn.$` (JSONPath): the role taken from a path or intrinsic.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .credentials_role_arn_path("$.roleArn");
    /// let json = Workflow::builder(work).build()?.to_json();
    /// assert!(json.contains(r#""Credentials":{"RoleArn.$":"$.roleArn"}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn credentials_role_arn_path(mut self, path: impl Into<String>) -> Self {
        self.state.credentials = Some(serde_json::json!({ "RoleArn.$": path.into() }));
        self
    }

    /// Declares the errors this Task reports as a [`TaskError`](crate::TaskError) enum, so
    /// they can be retried and caught by variant and handled with one exhaustive `match`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum StockError {
    ///     OutOfStock,
    /// }
    /// let restock = pass("Restock");
    /// let check = task("CheckStock")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Stock"))
    ///     .errors::<StockError>()
    ///     .catch_errors(|error| match error {
    ///         StockError::OutOfStock => Some(Handler::next(&restock)),
    ///     });
    /// let json = Workflow::builder(check).state(restock).build()?.to_json();
    /// assert!(json.contains(r#""Catch":[{"ErrorEquals":["OutOfStock"],"Next":"Restock"}]"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn errors<E: crate::TaskError>(self) -> crate::TypedTask<E> {
        crate::TypedTask {
            task: self,
            errors: PhantomData,
        }
    }

    /// The Task's input as a typed [`Payload`]: `template` (the derive's `NameTemplate`) becomes
    /// the request when the workflow is built, in the state's query language: `Parameters`
    /// (JSONPath, references as `key.$`) or `Arguments` (JSONata, references as `{% … %}`).
    ///
    /// For a resource with a payload parameter the template goes under it, next to the
    /// resource's other parameters: `Payload` for [`lambda_invoke`](crate::lambda_invoke),
    /// `MessageBody` for [`sqs_send_message`](crate::sqs_send_message), `Message` for
    /// [`sns_publish`](crate::sns_publish), `Input` for
    /// [`start_execution`](crate::start_execution). Otherwise (a Lambda ARN, an activity, an
    /// `aws_sdk` call, …) it is the whole request, merged over the resource's parameters.
    /// Setting [`parameters`](Task::parameters)/[`arguments`](Task::arguments) as well, or the
    /// same payload key there, is a [`BuildError`](crate::BuildError).
    ///
    /// The type may be named (`.input::<ChargeRequest>(..)`) or left to inference.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(serde::Serialize, Payload)]
    /// struct ChargeRequest {
    ///     order_id: String,
    ///     amount: u64,
    /// }
    ///
    /// let charge = task("Charge")
    ///     .resource(lambda_invoke("Charge"))
    ///     .input::<ChargeRequest>(ChargeRequestTemplate {
    ///         order_id: Field::path("$.order.id"),
    ///         amount: 1200.into(),
    ///     });
    /// let json = Workflow::builder(charge).build()?.to_json();
    /// assert!(json.contains(r#""Parameters":{"FunctionName":"Charge","Payload":{"order_id.$":"$.order.id","amount":1200}}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn input<P: Payload>(mut self, template: impl PayloadTemplate<Payload = P>) -> Self {
        self.declared.input = Some((TypeInfo::of::<P>(), template.into_template()));
        self
    }

    /// Declares the Task's output type: what the service returns (for
    /// [`lambda_invoke`](crate::lambda_invoke), the function's return value, which the raw
    /// result holds under `Payload`). The built workflow records it
    /// ([`Workflow::task_types`](crate::Workflow::task_types)), so a test or an executor's
    /// caller can read the task's result as that type ([`TaskTypes::result`](crate::TaskTypes::result)).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(serde::Deserialize, Payload)]
    /// struct ChargeResult {
    ///     charge_id: String,
    /// }
    ///
    /// let charge = task("Charge").resource(lambda_invoke("Charge")).returns::<ChargeResult>();
    /// let workflow = Workflow::builder(charge).build()?;
    /// assert!(workflow.task_types("Charge").and_then(|t| t.output()).is_some_and(|o| o.is::<ChargeResult>()));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn returns<R: Payload>(mut self) -> Self {
        self.declared.declare_output(TypeInfo::of::<R>());
        self
    }

    /// Declares the output type `R` (as [`returns`](Task::returns)) and keeps only what `select`
    /// builds from it: `select` gets the typed paths into the result (`RPaths`, starting inside
    /// the service's wrapper, `$.Payload` for `lambda:invoke`) and returns a template of
    /// another [`Payload`] type. It becomes `ResultSelector` (JSONPath) or `Output` (JSONata,
    /// as `$states.result…`). A key that `R` does not have, or of another type, does not
    /// compile; setting [`result_selector`](Task::result_selector) (JSONPath) or
    /// [`output`](Task::output) (JSONata) as well is a [`BuildError`](crate::BuildError).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(serde::Deserialize, Payload)]
    /// struct ChargeResult {
    ///     charge_id: String,
    ///     status: String,
    /// }
    /// #[derive(serde::Serialize, Payload)]
    /// struct Receipt {
    ///     id: String,
    /// }
    ///
    /// let charge = task("Charge")
    ///     .resource(lambda_invoke("Charge"))
    ///     .select_result::<ChargeResult, _>(|result| ReceiptTemplate { id: result.charge_id.into() });
    /// let json = Workflow::builder(charge).build()?.to_json();
    /// assert!(json.contains(r#""ResultSelector":{"id.$":"$.Payload.charge_id"}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn select_result<R: Payload, S: PayloadTemplate>(
        mut self,
        select: impl FnOnce(R::Paths) -> S,
    ) -> Self {
        let output = TypeInfo::of::<R>();
        self.declared.declare_output(output);
        let template = select(crate::Path::<R>::result().fields()).into_template();
        self.declared.select = Some((TypeInfo::of::<S::Payload>(), template));
        self
    }

    /// The input type given to [`Task::input`], if any.
    ///
    /// ```
    /// assert!(sfn_dsl::task("T").input_type().is_none());
    /// ```
    pub fn input_type(&self) -> Option<TypeInfo> {
        self.declared.input.as_ref().map(|(t, _)| *t)
    }

    /// The output type given to [`Task::returns`] or [`Task::select_result`], if any.
    ///
    /// ```
    /// assert!(sfn_dsl::task("T").output_type().is_none());
    /// ```
    pub fn output_type(&self) -> Option<TypeInfo> {
        self.declared.output
    }

    /// The catch rules added so far (for [`TypedTask`](crate::TypedTask)).
    pub(crate) fn push_catch(&mut self, rule: Catch) {
        self.catch.push(rule);
    }

    fn into_chain(self) -> Chain {
        let Task {
            name,
            mut state,
            resource,
            next,
            catch,
            mut problems,
            declared,
        } = self;
        let (t, open) = transition(next);
        state.transition = t;
        let mut resource_params = None;
        let mut placement = Placement::default();
        match resource {
            Some(resource) => {
                state.resource = resource.to_arn();
                placement = resource.placement();
                for message in &resource.problems {
                    problems.push(Problem::InvalidPayload {
                        state: name.clone(),
                        field: "Resource",
                        message: message.clone(),
                    });
                }
                if !resource.params.is_empty() {
                    resource_params = Some(resource.params);
                }
            }
            None => problems.push(Problem::MissingField {
                state: name.clone(),
                field: "Resource",
            }),
        }
        let mut node = Node::new(name, state);
        node.resource_params = resource_params;
        for conflict in &declared.conflicts {
            problems.push(Problem::InvalidTemplate {
                state: node.name.clone(),
                message: conflict.clone(),
            });
        }
        if !declared.is_empty() {
            node.declared = Some(Box::new((declared, placement)));
        }
        let mut chain = Chain::single(node, open, problems);
        crate::chain::add_catches(&mut chain, catch);
        chain
    }
}

impl From<Resource> for Value {
    fn from(resource: Resource) -> Self {
        Value::String(resource.to_arn())
    }
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;

    #[test]
    fn task_without_resource_is_a_build_error() {
        let error = Workflow::builder(task("T")).build().unwrap_err();
        assert_eq!(error.to_string(), "state `T` has no `Resource`");
    }

    #[test]
    fn resource_parameters_merge_under_user_parameters() {
        let t = task("T")
            .resource(lambda_invoke("F").payload_path("$"))
            .parameters(serde_json::json!({"FunctionName": "G", "Extra": 1}));
        let wf = Workflow::builder(t).build().unwrap();
        let params = &wf.definition().states["T"];
        let sfn_asl::State::Task(task) = params else {
            panic!("not a task")
        };
        assert_eq!(
            task.parameters,
            Some(serde_json::json!({"FunctionName": "G", "Payload.$": "$", "Extra": 1}))
        );
    }
}
