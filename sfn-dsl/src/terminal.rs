//! `Succeed` and `Fail` states, which end their scope.

use sfn_asl::{FailState, StateName, SucceedState};

use crate::builder::{builder, fields};
use crate::chain::{Chain, Node};
use crate::error::Problem;

/// Starts a `Succeed` state called `name`: ends the execution (or branch) successfully.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let workflow = Workflow::builder(succeed("Done").output_path("$.result")).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"Done","States":{"Done":{"Type":"Succeed","OutputPath":"$.result"}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn succeed(name: impl Into<StateName>) -> Succeed {
    Succeed {
        name: name.into(),
        state: SucceedState::default(),
        problems: Vec::new(),
    }
}

/// A `Succeed` state being built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let done: sfn_dsl::Succeed = succeed("Done");
/// assert_eq!(done.name().as_str(), "Done");
/// ```
#[derive(Clone, Debug)]
pub struct Succeed {
    pub(crate) name: StateName,
    pub(crate) state: SucceedState,
    pub(crate) problems: Vec<Problem>,
}

builder!(Succeed, "succeed(\"S\")");
fields!(Succeed, "succeed(\"S\")" { comment, query_language, input_path, output_path, output });

impl Succeed {
    fn into_chain(self) -> Chain {
        Chain::single(Node::new(self.name, self.state), false, self.problems)
    }
}

/// Starts a `Fail` state called `name`: ends the execution (or fails the branch) with an error.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let failed = fail("Failed").error("OrderFailed").cause("a stage failed");
/// let workflow = Workflow::builder(failed).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"Failed","States":{"Failed":{"Type":"Fail","Error":"OrderFailed","Cause":"a stage failed"}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn fail(name: impl Into<StateName>) -> Fail {
    Fail {
        name: name.into(),
        state: FailState::default(),
        problems: Vec::new(),
    }
}

/// A `Fail` state being built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let failed: sfn_dsl::Fail = fail("Failed").error("Boom");
/// assert_eq!(failed.name().as_str(), "Failed");
/// ```
#[derive(Clone, Debug)]
pub struct Fail {
    pub(crate) name: StateName,
    pub(crate) state: FailState,
    pub(crate) problems: Vec<Problem>,
}

builder!(Fail, "fail(\"F\")");
fields!(Fail, "fail(\"F\")" { comment, query_language });

impl Fail {
    /// `Error`: the error name (a [`jsonata`](crate::jsonata) expression in JSONata states).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(fail("Failed").error("OrderRejected").cause("no stock")).build()?.to_json();
    /// assert!(json.contains(r#""Error":"OrderRejected","Cause":"no stock""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn error(mut self, error: impl Into<String>) -> Self {
        self.state.error = Some(error.into());
        self
    }

    /// `ErrorPath` (JSONPath): a path or intrinsic yielding the error name.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(fail("Failed").error_path("$.error.Error")).build()?.to_json();
    /// assert!(json.contains(r#""ErrorPath":"$.error.Error""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn error_path(mut self, path: impl Into<String>) -> Self {
        self.state.error_path = Some(path.into());
        self
    }

    /// `Cause`: a human-readable cause (a JSONata expression in JSONata states).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(fail("Failed").cause("payment declined")).build()?.to_json();
    /// assert!(json.contains(r#""Cause":"payment declined""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn cause(mut self, cause: impl Into<String>) -> Self {
        self.state.cause = Some(cause.into());
        self
    }

    /// `CausePath` (JSONPath): a path or intrinsic yielding the cause.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(fail("Failed").cause_path("$.error.Cause")).build()?.to_json();
    /// assert!(json.contains(r#""CausePath":"$.error.Cause""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn cause_path(mut self, path: impl Into<String>) -> Self {
        self.state.cause_path = Some(path.into());
        self
    }

    fn into_chain(self) -> Chain {
        Chain::single(Node::new(self.name, self.state), false, self.problems)
    }
}
