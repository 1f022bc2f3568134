//! Result-style task errors: an enum declares the error names a Task reports, and a `match`
//! over it becomes the Task's Catch rules, so the compiler proves every error is handled.
//!
//! # The names must be the ones the task reports
//!
//! Step Functions matches `ErrorEquals` against the error name the task reports. For a Lambda
//! function that is the runtime's `errorType`. A Rust function built on `lambda_runtime` reports
//! [`std::any::type_name`] of its error type by default (something like
//! `my_crate::PaymentError`), which matches none of our names. Report the variant's name
//! instead, from the same enum, by converting it into `lambda_runtime::Diagnostic`:
//!
//! ```ignore
//! // In the Lambda function's crate (lambda_runtime 0.13 or newer):
//! impl From<PaymentError> for lambda_runtime::Diagnostic {
//!     fn from(error: PaymentError) -> Self {
//!         lambda_runtime::Diagnostic {
//!             error_type: sfn_dsl::TaskError::error_name(&error).to_owned(),
//!             error_message: error.to_string(),
//!         }
//!     }
//! }
//! async fn handler(event: LambdaEvent<Payment>) -> Result<Receipt, PaymentError> { /* … */ }
//! ```
//!
//! The workflow and the function then share one enum, so a renamed variant changes both.

use std::marker::PhantomData;

use sfn_asl::{ErrorName, PathOrNull, Retrier};

use crate::chain::{Chain, Target};
use crate::handle::StateRef;
use crate::retry::{Catch, CatchFields};
use crate::task::Task;

/// An enum of the error names a Task reports; derive it with `#[derive(TaskError)]`.
///
/// Each unit variant is an error named after the variant, or after `#[sfn(name = "…")]`
/// (which may name a predefined `States.*` error such as `States.Timeout`).
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// #[derive(Debug, TaskError)]
/// enum PaymentError {
///     Declined,
///     #[sfn(name = "Payment.InsufficientFunds")]
///     InsufficientFunds,
///     #[sfn(name = "States.Timeout")]
///     Timeout,
/// }
///
/// assert_eq!(PaymentError::InsufficientFunds.error_name(), "Payment.InsufficientFunds");
/// assert_eq!(ErrorName::from(PaymentError::Timeout), ErrorName::Timeout);
/// assert_eq!(PaymentError::ALL.len(), 3);
/// ```
pub trait TaskError: Sized + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];

    /// The error name as the task reports it (`errorType` for a Lambda function).
    fn error_name(&self) -> &'static str;

    /// Every error name, in declaration order.
    fn error_names() -> Vec<ErrorName> {
        Self::ALL
            .iter()
            .map(|e| ErrorName::from(e.error_name()))
            .collect()
    }
}

/// A Task whose errors are declared by `E` ([`Task::errors`]): retry by variant, and catch with
/// one exhaustive `match`.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// #[derive(Debug, TaskError)]
/// enum PaymentError {
///     Declined,
///     Fraud,
///     #[sfn(name = "States.Timeout")]
///     Timeout,
/// }
///
/// let cancel = pass("CancelOrder");
/// let review = pass("ManualReview");
/// let pay = task("ProcessPayment")
///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay"))
///     .errors::<PaymentError>()
///     .retry_on([PaymentError::Timeout], Retry::policy().interval_seconds(2).max_attempts(3))
///     .catch_errors(|error| match error {
///         PaymentError::Declined | PaymentError::Timeout => Some(Handler::next(&cancel).result_path("$.error")),
///         PaymentError::Fraud => Some(Handler::next(&review)),
///     });
/// let workflow = Workflow::builder(pay.then(succeed("Done")))
///     .state(cancel)
///     .state(review)
///     .build()?;
/// assert!(workflow.to_json().contains(
///     r#""Retry":[{"ErrorEquals":["States.Timeout"],"IntervalSeconds":2,"MaxAttempts":3}],"Catch":[{"ErrorEquals":["Declined","States.Timeout"],"Next":"CancelOrder","ResultPath":"$.error"},{"ErrorEquals":["Fraud"],"Next":"ManualReview"}]"#
/// ));
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug)]
pub struct TypedTask<E> {
    pub(crate) task: Task,
    pub(crate) errors: PhantomData<fn() -> E>,
}

/// Where a caught error goes, from a [`TypedTask::catch_errors`] handler.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let cancel = pass("Cancel");
/// let handler = Handler::next(&cancel).result_path("$.error");
/// # let _ = handler;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    target: StateRef,
    fields: CatchFields,
}

impl Handler {
    /// Goes to the state behind `target`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .catch_on([PaymentError::Declined], Handler::next(&cancel));
    /// let json = Workflow::builder(pay).state(cancel).build()?.to_json();
    /// assert!(json.contains(r#""Next":"Cancel""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn next(target: impl Into<StateRef>) -> Self {
        Handler {
            target: target.into(),
            fields: CatchFields::default(),
        }
    }

    /// `ResultPath` (JSONPath): where the error output goes in the input.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .catch_on([PaymentError::Declined], Handler::next(&cancel).result_path("$.error"));
    /// let json = Workflow::builder(pay).state(cancel).build()?.to_json();
    /// assert!(json.contains(r#""ResultPath":"$.error""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn result_path(mut self, path: impl Into<PathOrNull>) -> Self {
        self.fields.result_path = Some(path.into());
        self
    }

    /// `Output` (JSONata): the next state's input.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .catch_on([PaymentError::Declined], Handler::next(&cancel).output(jsonata("$states.errorOutput")));
    /// let json = Workflow::builder(pay).state(cancel).query_language(QueryLanguage::Jsonata).build()?.to_json();
    /// assert!(json.contains(r#""Output":"{% $states.errorOutput %}""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn output(mut self, output: impl serde::Serialize) -> Self {
        self.fields.set_output(output);
        self
    }

    /// `Assign`: sets variable `name` when the error is caught.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .catch_on([PaymentError::Declined], Handler::next(&cancel).assign("reason", "declined"));
    /// let json = Workflow::builder(pay).state(cancel).build()?.to_json();
    /// assert!(json.contains(r#""Assign":{"reason":"declined"}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn assign(mut self, name: impl Into<String>, value: impl serde::Serialize) -> Self {
        self.fields.set_assign(name.into(), value);
        self
    }

    /// `"Assign": {}`: an `Assign` that sets no variable. AWS accepts it and it changes nothing
    /// when the error is caught; it exists for a faithful round trip, so a definition that has
    /// one is rebuilt as it was. Variables set with [`Handler::assign`] are kept.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .catch_on([PaymentError::Declined], Handler::next(&cancel).assign_empty());
    /// let json = Workflow::builder(pay).state(cancel).build()?.to_json();
    /// assert!(json.contains(r#""Assign":{}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn assign_empty(mut self) -> Self {
        self.fields.assign.get_or_insert_with(Default::default);
        self
    }

    /// `Comment`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .catch_on([PaymentError::Declined], Handler::next(&cancel).comment("card declined"));
    /// let json = Workflow::builder(pay).state(cancel).build()?.to_json();
    /// assert!(json.contains(r#""Comment":"card declined""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.fields.comment = Some(comment.into());
        self
    }
}

impl<E: TaskError> TypedTask<E> {
    /// Adds a `Retry` rule for `errors` with `policy`'s timing (its own error list is
    /// replaced), so one policy value serves many tasks.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .retry_on([PaymentError::Timeout], Retry::policy().interval_seconds(1));
    /// let json = Workflow::builder(pay).build()?.to_json();
    /// assert!(json.contains(r#""Retry":[{"ErrorEquals":["States.Timeout"],"IntervalSeconds":1}]"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn retry_on(
        mut self,
        errors: impl IntoIterator<Item = E>,
        policy: impl Into<Retrier>,
    ) -> Self {
        let mut rule = policy.into();
        rule.error_equals = errors
            .into_iter()
            .map(|e| ErrorName::from(e.error_name()))
            .collect();
        self.task = self.task.retry(rule);
        self
    }

    /// Adds a `Catch` rule for `errors`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .catch_on([PaymentError::Declined], Handler::next(&cancel));
    /// let json = Workflow::builder(pay).state(cancel).build()?.to_json();
    /// assert!(json.contains(r#""Catch":[{"ErrorEquals":["Declined"],"Next":"Cancel"}]"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn catch_on(mut self, errors: impl IntoIterator<Item = E>, handler: Handler) -> Self {
        let names = errors
            .into_iter()
            .map(|e| ErrorName::from(e.error_name()))
            .collect();
        self.task.push_catch(catch_rule(names, handler));
        self
    }

    /// Catches every declared error through `handler`, usually a `match` over the enum: the
    /// compiler checks it is exhaustive. Variants handled the same way share one Catch rule
    /// (one per arm); `None` lets the error fail the state. A `States.ALL` variant gets its own
    /// rule, last, as AWS requires.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .catch_errors(|e| match e { PaymentError::Declined => Some(Handler::next(&cancel)), PaymentError::Timeout => None });
    /// let json = Workflow::builder(pay).state(cancel).build()?.to_json();
    /// assert!(json.contains(r#""Catch":[{"ErrorEquals":["Declined"],"Next":"Cancel"}]"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn catch_errors(mut self, handler: impl Fn(&E) -> Option<Handler>) -> Self {
        let mut groups: Vec<(Handler, Vec<ErrorName>)> = Vec::new();
        let mut catch_all: Option<Handler> = None;
        for error in E::ALL {
            let Some(h) = handler(error) else { continue };
            let name = ErrorName::from(error.error_name());
            if name == ErrorName::All {
                catch_all = Some(h);
                continue;
            }
            match groups.iter_mut().find(|(g, _)| *g == h) {
                Some((_, names)) => names.push(name),
                None => groups.push((h, vec![name])),
            }
        }
        for (h, names) in groups {
            self.task.push_catch(catch_rule(names, h));
        }
        if let Some(h) = catch_all {
            self.task.push_catch(catch_rule(vec![ErrorName::All], h));
        }
        self
    }

    /// [`Task::input`] on the underlying Task: its input as a typed [`Payload`](crate::Payload).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum ChargeError {
    ///     Declined,
    /// }
    /// #[derive(serde::Serialize, Payload)]
    /// struct Charge {
    ///     cents: u64,
    /// }
    /// let charge = task("Charge")
    ///     .resource(lambda_invoke("Charge"))
    ///     .errors::<ChargeError>()
    ///     .input(ChargeTemplate { cents: 100.into() });
    /// let json = Workflow::builder(charge).build()?.to_json();
    /// assert!(json.contains(r#""Payload":{"cents":100}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn input<P: crate::Payload>(
        mut self,
        template: impl crate::PayloadTemplate<Payload = P>,
    ) -> Self {
        self.task = self.task.input(template);
        self
    }

    /// [`Task::returns`] on the underlying Task: declares its output type.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum ChargeError {
    ///     Declined,
    /// }
    /// #[derive(serde::Deserialize, Payload)]
    /// struct Receipt {
    ///     id: String,
    /// }
    /// let charge = task("Charge").resource(lambda_invoke("Charge")).errors::<ChargeError>().returns::<Receipt>();
    /// let workflow = Workflow::builder(charge).build()?;
    /// assert!(workflow.task_types("Charge").and_then(|t| t.output()).is_some_and(|o| o.is::<Receipt>()));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn returns<R: crate::Payload>(mut self) -> Self {
        self.task = self.task.returns::<R>();
        self
    }

    /// [`Task::select_result`] on the underlying Task: declares the output type and keeps a
    /// template built from its typed paths.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum ChargeError {
    ///     Declined,
    /// }
    /// #[derive(serde::Deserialize, Payload)]
    /// struct Receipt {
    ///     id: String,
    /// }
    /// #[derive(serde::Serialize, Payload)]
    /// struct Kept {
    ///     receipt: String,
    /// }
    /// let charge = task("Charge")
    ///     .resource(lambda_invoke("Charge"))
    ///     .errors::<ChargeError>()
    ///     .select_result::<Receipt, _>(|r| KeptTemplate { receipt: r.id.into() });
    /// let json = Workflow::builder(charge).build()?.to_json();
    /// assert!(json.contains(r#""ResultSelector":{"receipt.$":"$.Payload.id"}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn select_result<R: crate::Payload, S: crate::PayloadTemplate>(
        mut self,
        select: impl FnOnce(R::Paths) -> S,
    ) -> Self {
        self.task = self.task.select_result::<R, S>(select);
        self
    }

    /// The underlying Task builder.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>();
    /// let task: sfn_dsl::Task = pay.into_task();
    /// assert_eq!(task.name().as_str(), "Pay");
    /// ```
    pub fn into_task(self) -> Task {
        self.task
    }

    /// A handle to this state.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>();
    /// assert_eq!(pay.handle().name().as_str(), "Pay");
    /// ```
    pub fn handle(&self) -> StateRef {
        self.task.handle()
    }

    /// Starts a chain: this state, then `next`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .catch_on([PaymentError::Declined], Handler::next(&cancel)).then(succeed("Done"));
    /// let json = Workflow::builder(pay).state(cancel).build()?.to_json();
    /// assert!(json.contains(r#""Next":"Done""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn then(self, next: impl Into<Target>) -> Chain {
        self.task.then(next)
    }

    /// `Next`: goes to the state behind `target`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(Debug, TaskError)]
    /// enum PaymentError {
    ///     Declined,
    ///     #[sfn(name = "States.Timeout")]
    ///     Timeout,
    /// }
    /// let cancel = pass("Cancel");
    /// let pay = task("Pay").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay")).errors::<PaymentError>()
    ///     .next(&cancel);
    /// let json = Workflow::builder(pay).state(cancel).build()?.to_json();
    /// assert!(json.contains(r#""Next":"Cancel""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn next(mut self, target: impl Into<StateRef>) -> Self {
        self.task = self.task.next(target);
        self
    }
}

fn catch_rule(errors: Vec<ErrorName>, handler: Handler) -> Catch {
    Catch {
        errors,
        fields: handler.fields,
        target: Target::from(handler.target),
    }
}

impl<E: TaskError> From<TypedTask<E>> for Chain {
    fn from(task: TypedTask<E>) -> Self {
        Chain::from(task.task)
    }
}

impl<E: TaskError> From<TypedTask<E>> for Target {
    fn from(task: TypedTask<E>) -> Self {
        Target::from(Chain::from(task.task))
    }
}

impl<E: TaskError> From<&TypedTask<E>> for StateRef {
    fn from(task: &TypedTask<E>) -> Self {
        task.handle()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::prelude::*;

    #[derive(Debug, TaskError)]
    enum PaymentError {
        Declined,
    }

    #[test]
    fn a_handler_assign_empty_writes_an_empty_object() {
        let cancel = pass("Cancel");
        let pay = task("Pay")
            .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay"))
            .errors::<PaymentError>()
            .catch_on(
                [PaymentError::Declined],
                Handler::next(&cancel).assign_empty(),
            );
        let machine = Workflow::builder(pay).state(cancel).build().expect("valid");
        let value: serde_json::Value = serde_json::from_str(&machine.to_json()).expect("JSON");
        assert_eq!(
            value["States"]["Pay"]["Catch"][0],
            json!({"ErrorEquals": ["Declined"], "Assign": {}, "Next": "Cancel"})
        );
    }
}
