//! `Task` states.

use std::marker::PhantomData;

use serde_json::Value;
use sfn_asl::{Expr, StateName, TaskState};

use crate::builder::{Link, builder, fields, transition};
use crate::chain::{Chain, Node};
use crate::error::Problem;
use crate::resource::Resource;
use crate::retry::Catch;

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
    }
}

/// A `Task` state being built: one unit of work done by a [`Resource`].
#[derive(Clone, Debug)]
pub struct Task {
    pub(crate) name: StateName,
    pub(crate) state: TaskState,
    resource: Option<Resource>,
    pub(crate) next: Option<Link>,
    pub(crate) catch: Vec<Catch>,
    pub(crate) problems: Vec<Problem>,
}

builder!(Task);
fields!(Task, "task(\"T\")" {
    comment, query_language, input_path, parameters, arguments, result_selector, result_path,
    output_path, output, assign, retry, catch, next,
});

impl Task {
    /// `Resource`: what runs ([`lambda`](crate::lambda), [`sqs_send_message`](crate::sqs_send_message),
    /// [`Resource::placeholder`], …), with its integration pattern and parameters.
    pub fn resource(mut self, resource: Resource) -> Self {
        self.resource = Some(resource);
        self
    }

    /// `TimeoutSeconds`: a number, or a [`jsonata`](crate::jsonata) expression in JSONata states.
    pub fn timeout_seconds(mut self, seconds: impl Into<Expr<u64>>) -> Self {
        self.state.timeout_seconds = Some(seconds.into());
        self
    }

    /// `TimeoutSecondsPath` (JSONPath): a reference path to the timeout.
    pub fn timeout_seconds_path(mut self, path: impl Into<String>) -> Self {
        self.state.timeout_seconds_path = Some(path.into());
        self
    }

    /// `HeartbeatSeconds`: a number, or a [`jsonata`](crate::jsonata) expression in JSONata
    /// states; must be less than the timeout.
    pub fn heartbeat_seconds(mut self, seconds: impl Into<Expr<u64>>) -> Self {
        self.state.heartbeat_seconds = Some(seconds.into());
        self
    }

    /// `HeartbeatSecondsPath` (JSONPath): a reference path to the heartbeat interval.
    pub fn heartbeat_seconds_path(mut self, path: impl Into<String>) -> Self {
        self.state.heartbeat_seconds_path = Some(path.into());
        self
    }

    /// `Credentials` with `RoleArn`: the role the Task's work runs as.
    pub fn credentials_role_arn(mut self, role_arn: impl Into<String>) -> Self {
        self.state.credentials = Some(serde_json::json!({ "RoleArn": role_arn.into() }));
        self
    }

    /// `Credentials` with `RoleArn.$` (JSONPath): the role taken from a path or intrinsic.
    pub fn credentials_role_arn_path(mut self, path: impl Into<String>) -> Self {
        self.state.credentials = Some(serde_json::json!({ "RoleArn.$": path.into() }));
        self
    }

    /// Declares the errors this Task reports as a [`TaskError`](crate::TaskError) enum, so
    /// they can be retried and caught by variant and handled with one exhaustive `match`.
    pub fn errors<E: crate::TaskError>(self) -> crate::TypedTask<E> {
        crate::TypedTask {
            task: self,
            errors: PhantomData,
        }
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
        } = self;
        let (t, open) = transition(next);
        state.transition = t;
        let mut resource_params = None;
        match resource {
            Some(resource) => {
                state.resource = resource.to_arn();
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
