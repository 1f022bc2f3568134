//! Handles: how one state names another without holding it.

use sfn_asl::StateName;

/// A handle to a state: what a transition, a Choice rule or a Catch names when the target is
/// defined elsewhere (a shared Fail state, a join point, a loop back to an earlier state).
///
/// Get one from any state builder with `&state` (or [`Task::handle`](crate::Task::handle) and its
/// siblings), or for a state defined later with [`StateRef::named`]. A handle to a state that is
/// never added to the same scope is a [`BuildError`](crate::BuildError) naming it.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// // A loop: "Check" is defined first and jumped back to by handle.
/// let check = task("Check").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Check"));
/// let again = check.handle();
/// let flow = check.then(
///     choice("Ready?")
///         .when(path("$.ready").eq(true), succeed("Done"))
///         .otherwise(wait("Pause").seconds(60).next(&again)),
/// );
/// let workflow = Workflow::builder(flow).build()?;
/// assert!(workflow.to_json().contains(r#""Pause":{"Type":"Wait","Seconds":60,"Next":"Check"}"#));
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StateRef {
    name: StateName,
}

impl StateRef {
    /// A handle to the state called `name`, which must be defined in the same scope by the time
    /// the workflow is built (the escape hatch for states built later or elsewhere).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let retry_later = StateRef::named("RetryLater");
    /// let flow = pass("Start").next(&retry_later);
    /// let workflow = Workflow::builder(flow).state(succeed("RetryLater")).build()?;
    /// assert!(workflow.to_json().contains(r#""Next":"RetryLater""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn named(name: impl Into<StateName>) -> Self {
        StateRef { name: name.into() }
    }

    /// The state's name.
    ///
    /// ```
    /// assert_eq!(sfn_dsl::StateRef::named("Done").name().as_str(), "Done");
    /// ```
    pub fn name(&self) -> &StateName {
        &self.name
    }
}

impl From<&StateRef> for StateRef {
    fn from(handle: &StateRef) -> Self {
        handle.clone()
    }
}
