//! Retry policies and Catch rules.

use std::time::Duration;

use serde_json::{Map, Value};
use sfn_asl::{Catcher, ErrorName, JitterStrategy, PathOrNull, Retrier};

use crate::chain::Target;

/// A `Retry` rule, as a value: build it once and share it between states.
///
/// ```
/// use std::time::Duration;
/// use sfn_dsl::prelude::*;
///
/// let policy = Retry::on([ErrorName::TaskFailed])
///     .interval(Duration::from_secs(2))
///     .max_attempts(3)
///     .backoff(2.0)
///     .max_delay(Duration::from_secs(30))
///     .jitter(JitterStrategy::Full);
/// let rule: sfn_asl::Retrier = policy.clone().into();
/// assert_eq!(
///     serde_json::to_string(&rule).unwrap(),
///     r#"{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":2.0,"MaxDelaySeconds":30,"JitterStrategy":"FULL"}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Retry(Retrier);

impl Retry {
    /// Retries the errors named (`ErrorName`s, `&str`s or variants of a
    /// [`TaskError`](crate::TaskError) enum) with AWS's defaults.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::on(["Busy", "Throttled"]));
    /// assert_eq!(rule.error_equals.len(), 2);
    /// ```
    pub fn on<E: Into<ErrorName>>(errors: impl IntoIterator<Item = E>) -> Self {
        Retry(Retrier::new(errors.into_iter().map(Into::into)))
    }

    /// Retries every error (`States.ALL`); it must be the last rule.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all());
    /// assert_eq!(rule.error_equals, [ErrorName::All]);
    /// ```
    pub fn all() -> Self {
        Retry::on([ErrorName::All])
    }

    /// Timing only, no errors yet: a shared policy that
    /// [`TypedTask::retry_on`](crate::TypedTask::retry_on) applies to the errors it names.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::policy().max_attempts(5));
    /// assert_eq!(rule.error_equals.len(), 0);
    /// ```
    pub fn policy() -> Self {
        Retry(Retrier::new([]))
    }

    /// `IntervalSeconds`: the first delay, in seconds (AWS's default is 1).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().interval_seconds(5));
    /// assert_eq!(rule.interval_seconds, Some(5));
    /// ```
    pub fn interval_seconds(mut self, seconds: u64) -> Self {
        self.0.interval_seconds = Some(seconds);
        self
    }

    /// `IntervalSeconds` from a duration, rounded up to whole seconds.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().interval(std::time::Duration::from_millis(1500)));
    /// assert_eq!(rule.interval_seconds, Some(2));
    /// ```
    pub fn interval(self, interval: Duration) -> Self {
        self.interval_seconds(whole_seconds(interval))
    }

    /// `MaxAttempts`: how many retries (AWS's default is 3; 0 never retries).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().max_attempts(0));
    /// assert_eq!(rule.max_attempts, Some(0));
    /// ```
    pub fn max_attempts(mut self, attempts: u64) -> Self {
        self.0.max_attempts = Some(attempts);
        self
    }

    /// `BackoffRate`: the delay's multiplier per attempt (AWS's default is 2.0).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().backoff_rate(1.5));
    /// assert_eq!(rule.backoff_rate, Some(1.5));
    /// ```
    pub fn backoff_rate(mut self, rate: f64) -> Self {
        self.0.backoff_rate = Some(rate);
        self
    }

    /// Same as [`Retry::backoff_rate`].
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().backoff(3.0));
    /// assert_eq!(rule.backoff_rate, Some(3.0));
    /// ```
    pub fn backoff(self, rate: f64) -> Self {
        self.backoff_rate(rate)
    }

    /// `MaxDelaySeconds`: the cap on one delay, in seconds.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().max_delay_seconds(60));
    /// assert_eq!(rule.max_delay_seconds, Some(60));
    /// ```
    pub fn max_delay_seconds(mut self, seconds: u64) -> Self {
        self.0.max_delay_seconds = Some(seconds);
        self
    }

    /// `MaxDelaySeconds` from a duration, rounded up to whole seconds.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().max_delay(std::time::Duration::from_secs(90)));
    /// assert_eq!(rule.max_delay_seconds, Some(90));
    /// ```
    pub fn max_delay(self, delay: Duration) -> Self {
        self.max_delay_seconds(whole_seconds(delay))
    }

    /// `JitterStrategy`: `FULL` randomizes each delay between 0 and its computed value.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().jitter_strategy(JitterStrategy::Full));
    /// assert_eq!(rule.jitter_strategy, Some(JitterStrategy::Full));
    /// ```
    pub fn jitter_strategy(mut self, jitter: JitterStrategy) -> Self {
        self.0.jitter_strategy = Some(jitter);
        self
    }

    /// Same as [`Retry::jitter_strategy`].
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().jitter(JitterStrategy::Full));
    /// assert_eq!(rule.jitter_strategy, Some(JitterStrategy::Full));
    /// ```
    pub fn jitter(self, jitter: JitterStrategy) -> Self {
        self.jitter_strategy(jitter)
    }

    /// `Comment`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = sfn_asl::Retrier::from(Retry::all().comment("transient"));
    /// assert_eq!(rule.comment.as_deref(), Some("transient"));
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.0.comment = Some(comment.into());
        self
    }
}

fn whole_seconds(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

impl From<Retry> for Retrier {
    fn from(retry: Retry) -> Self {
        retry.0
    }
}

impl From<&Retry> for Retrier {
    fn from(retry: &Retry) -> Self {
        retry.0.clone()
    }
}

/// Marks a [`Catch`] that has no `Next` yet; [`Catch::next`] gives it one.
///
/// ```
/// use sfn_dsl::prelude::*;
/// // A Catch without `next` cannot be added to a state: `Catch<NoTarget>` is not a `Catch`.
/// let unfinished: Catch<sfn_dsl::NoTarget> = Catch::all();
/// let finished: Catch = unfinished.next(&pass("Handle"));
/// # let _ = finished;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoTarget;

/// A `Catch` rule: which errors, where to go, and how the error output is kept.
///
/// `Catch::on(..)` starts the rule; only a rule with a target ([`Catch::next`]) can be given to
/// a state, so a Catch without `Next` cannot be written.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let cancel = task("Cancel").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Cancel"));
/// let pay = task("Pay")
///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Pay"))
///     .catch(Catch::on(["PaymentDeclined"]).result_path("$.error").next(&cancel));
/// let workflow = Workflow::builder(pay.then(succeed("Done")).state(cancel)).build()?;
/// assert!(workflow.to_json().contains(
///     r#""Catch":[{"ErrorEquals":["PaymentDeclined"],"Next":"Cancel","ResultPath":"$.error"}]"#
/// ));
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Catch<T = Target> {
    pub(crate) errors: Vec<ErrorName>,
    pub(crate) fields: CatchFields,
    pub(crate) target: T,
}

/// The optional fields of a Catch rule.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct CatchFields {
    pub(crate) result_path: Option<PathOrNull>,
    pub(crate) output: Option<Value>,
    pub(crate) assign: Option<Map<String, Value>>,
    pub(crate) comment: Option<String>,
    pub(crate) problem: Option<String>,
}

impl Catch<NoTarget> {
    /// Catches the errors named (`ErrorName`s, `&str`s or variants of a
    /// [`TaskError`](crate::TaskError) enum).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let failed = fail("Failed");
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .catch(Catch::on(["PaymentDeclined"]).next(&failed));
    /// let json = Workflow::builder(work).state(failed).build()?.to_json();
    /// assert!(json.contains(r#""Catch":[{"ErrorEquals":["PaymentDeclined"],"Next":"Failed"}]"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn on<E: Into<ErrorName>>(errors: impl IntoIterator<Item = E>) -> Self {
        Catch {
            errors: errors.into_iter().map(Into::into).collect(),
            fields: CatchFields::default(),
            target: NoTarget,
        }
    }

    /// Catches every error (`States.ALL`); it must be the last rule.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let failed = fail("Failed");
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .catch(Catch::all().next(&failed));
    /// let json = Workflow::builder(work).state(failed).build()?.to_json();
    /// assert!(json.contains(r#""Catch":[{"ErrorEquals":["States.ALL"],"Next":"Failed"}]"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn all() -> Self {
        Catch::on([ErrorName::All])
    }

    /// `Next`: where a caught error goes (a handle, `&state`, or a state or chain given by value,
    /// which is laid out in the same scope and ends it unless it says otherwise).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let failed = fail("Failed");
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .catch(Catch::all().next(&failed));
    /// let json = Workflow::builder(work).state(failed).build()?.to_json();
    /// assert!(json.contains(r#""Next":"Failed"}]"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn next(self, target: impl Into<Target>) -> Catch<Target> {
        Catch {
            errors: self.errors,
            fields: self.fields,
            target: target.into(),
        }
    }
}

impl<T> Catch<T> {
    /// `ResultPath` (JSONPath): where the error output (`{Error, Cause}`) goes in the input.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let failed = fail("Failed");
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .catch(Catch::all().result_path("$.error").next(&failed));
    /// let json = Workflow::builder(work).state(failed).build()?.to_json();
    /// assert!(json.contains(r#""ResultPath":"$.error""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn result_path(mut self, path: impl Into<PathOrNull>) -> Self {
        self.fields.result_path = Some(path.into());
        self
    }

    /// `Output` (JSONata): the next state's input, any `Serialize` value.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let failed = fail("Failed");
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .catch(Catch::all().output(jsonata("$states.errorOutput")).next(&failed));
    /// let json = Workflow::builder(work).query_language(QueryLanguage::Jsonata).state(failed).build()?.to_json();
    /// assert!(json.contains(r#""Output":"{% $states.errorOutput %}""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn output(mut self, output: impl serde::Serialize) -> Self {
        self.fields.set_output(output);
        self
    }

    /// `Assign`: sets variable `name` when this rule catches.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let failed = fail("Failed");
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .catch(Catch::all().assign("failedAt", "Work").next(&failed));
    /// let json = Workflow::builder(work).state(failed).build()?.to_json();
    /// assert!(json.contains(r#""Assign":{"failedAt":"Work"}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn assign(mut self, name: impl Into<String>, value: impl serde::Serialize) -> Self {
        self.fields.set_assign(name.into(), value);
        self
    }

    /// `"Assign": {}`: an `Assign` that sets no variable. AWS accepts it and it changes nothing
    /// when this rule catches; it exists for a faithful round trip, so a definition that has one
    /// (say, from `sfn import`) is rebuilt as it was. Variables set with [`Catch::assign`] are
    /// kept.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let failed = fail("Failed");
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .catch(Catch::all().assign_empty().next(&failed));
    /// let json = Workflow::builder(work).state(failed).build()?.to_json();
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
    /// let failed = fail("Failed");
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .catch(Catch::all().comment("anything else").next(&failed));
    /// let json = Workflow::builder(work).state(failed).build()?.to_json();
    /// assert!(json.contains(r#""Comment":"anything else""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.fields.comment = Some(comment.into());
        self
    }
}

impl CatchFields {
    /// Sets `Output`, or records why the value is not JSON (reported by `build()`).
    pub(crate) fn set_output(&mut self, output: impl serde::Serialize) {
        match crate::payload::to_value(output) {
            Ok(v) => self.output = Some(v),
            Err(e) => self.problem = Some(e),
        }
    }

    /// Adds variable `name` to `Assign`, or records why the value is not JSON.
    pub(crate) fn set_assign(&mut self, name: String, value: impl serde::Serialize) {
        match crate::payload::to_value(value) {
            Ok(v) => {
                self.assign
                    .get_or_insert_with(Default::default)
                    .insert(name, v);
            }
            Err(e) => self.problem = Some(e),
        }
    }

    /// The model Catcher for these fields, going to `next`.
    pub(crate) fn catcher(self, errors: Vec<ErrorName>, next: sfn_asl::StateName) -> Catcher {
        Catcher {
            error_equals: errors,
            next,
            result_path: self.result_path,
            output: self.output,
            assign: self.assign,
            comment: self.comment,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::prelude::*;

    #[test]
    fn a_catch_assign_empty_writes_an_empty_object() {
        let failed = fail("Failed");
        let work = task("Work")
            .resource(lambda(
                "arn:aws:lambda:us-east-1:123456789012:function:Work",
            ))
            .catch(Catch::all().assign_empty().next(&failed));
        let machine = Workflow::builder(work)
            .state(failed)
            .build()
            .expect("valid");
        let value: serde_json::Value = serde_json::from_str(&machine.to_json()).expect("JSON");
        assert_eq!(
            value["States"]["Work"]["Catch"][0],
            json!({"ErrorEquals": ["States.ALL"], "Assign": {}, "Next": "Failed"})
        );
    }
}
