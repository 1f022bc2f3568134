//! What can go wrong when a workflow is built.

use std::fmt;

use sfn_asl::{Diagnostic, StateName};

/// One reason a workflow could not be built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let error = Workflow::builder(pass("A").then(pass("A"))).build().unwrap_err();
/// assert!(matches!(&error.problems()[0], sfn_dsl::Problem::DuplicateState { name } if name == "A"));
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// Two states of one scope have the same name.
    #[error("state `{name}` is defined twice")]
    DuplicateState {
        /// The name used twice.
        name: StateName,
    },
    /// A transition goes through a handle to a state that was never added to the workflow.
    #[error("`{from}` goes to `{name}`, which is never defined in its scope")]
    UndefinedState {
        /// The missing state.
        name: StateName,
        /// The state whose transition names it.
        from: StateName,
    },
    /// A state misses a field the builder needs (a Task without a resource, a Wait without a
    /// duration, a Catch without a target).
    #[error("state `{state}` has no `{field}`")]
    MissingField {
        /// The state.
        state: StateName,
        /// The ASL field.
        field: &'static str,
    },
    /// A payload (a `Serialize` value or a number) could not become JSON.
    #[error("state `{state}`: `{field}` is not valid JSON: {message}")]
    InvalidPayload {
        /// The state.
        state: StateName,
        /// The ASL field.
        field: &'static str,
        /// Why serialization failed.
        message: String,
    },
    /// A typed payload ([`Task::input`](crate::Task::input),
    /// [`Task::select_result`](crate::Task::select_result)) could not be rendered or placed:
    /// a reference the state's query language cannot express, a key also set by hand, two
    /// output types.
    #[error("state `{state}`: {message}")]
    InvalidTemplate {
        /// The state.
        state: StateName,
        /// What is wrong, starting with the ASL field and the key.
        message: String,
    },
    /// A chain with no state where one was needed (a start, a branch, a target).
    #[error("{context} is an empty chain")]
    EmptyChain {
        /// Where the empty chain was used.
        context: String,
    },
    /// The sfn-asl validator rejected the machine (AWS would reject it too).
    #[error("{0}")]
    Invalid(Diagnostic),
}

impl Problem {
    /// The state this problem is about, when there is one. For validator diagnostics it is the
    /// innermost state named by the diagnostic's pointer.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let error = Workflow::builder(task("Charge")).build().unwrap_err();
    /// assert_eq!(error.problems()[0].state(), Some("Charge"));
    /// ```
    pub fn state(&self) -> Option<&str> {
        match self {
            Problem::DuplicateState { name } => Some(name.as_str()),
            Problem::UndefinedState { name, .. } => Some(name.as_str()),
            Problem::MissingField { state, .. }
            | Problem::InvalidPayload { state, .. }
            | Problem::InvalidTemplate { state, .. } => Some(state.as_str()),
            Problem::EmptyChain { .. } => None,
            Problem::Invalid(d) => state_of_pointer(d.pointer.as_str()),
        }
    }
}

/// The innermost `/States/<name>` of a JSON Pointer (unescaped only for `~1` and `~0`-free names,
/// which is every name the builder writes).
fn state_of_pointer(pointer: &str) -> Option<&str> {
    let mut last = None;
    let mut parts = pointer.split('/');
    while let Some(part) = parts.next() {
        if part == "States"
            && let Some(name) = parts.next()
        {
            last = Some(name);
        }
    }
    last
}

/// Why [`WorkflowBuilder::build`](crate::WorkflowBuilder::build) failed: every problem found, each
/// naming its state.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let retry_later = StateRef::named("RetryLater"); // never defined
/// let error = Workflow::builder(pass("Start").next(&retry_later)).build().unwrap_err();
/// assert_eq!(error.to_string(), "`Start` goes to `RetryLater`, which is never defined in its scope");
/// assert_eq!(error.states(), ["RetryLater"]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct BuildError {
    problems: Vec<Problem>,
}

impl BuildError {
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        BuildError { problems }
    }

    /// Every problem, in the order found.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let error = Workflow::builder(task("T")).build().unwrap_err();
    /// assert!(matches!(error.problems(), [sfn_dsl::Problem::MissingField { field: "Resource", .. }]));
    /// ```
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The names of the states the problems are about, in order, without repeats.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let error = Workflow::builder(task("A").then(task("B"))).build().unwrap_err();
    /// assert_eq!(error.states(), ["A", "B"]);
    /// ```
    pub fn states(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for name in self.problems.iter().filter_map(Problem::state) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_names_its_innermost_state() {
        assert_eq!(
            state_of_pointer("/States/P/Branches/0/States/Inner/Next"),
            Some("Inner")
        );
        assert_eq!(state_of_pointer("/StartAt"), None);
    }
}
