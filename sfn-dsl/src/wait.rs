//! `Wait` states.

use sfn_asl::{Expr, StateName, WaitDuration, WaitState};

use crate::builder::{Link, builder, fields, transition};
use crate::chain::{Chain, Node};
use crate::error::Problem;

/// Starts a `Wait` state called `name`; say how long with [`Wait::seconds`],
/// [`Wait::timestamp`] or their path forms.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let pause = wait("Pause").seconds_path("$.delay");
/// let workflow = Workflow::builder(pause).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","SecondsPath":"$.delay","End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn wait(name: impl Into<StateName>) -> Wait {
    Wait {
        name: name.into(),
        duration: None,
        state: WaitState::new(
            WaitDuration::Seconds(Expr::Literal(0)),
            sfn_asl::Transition::End,
        ),
        next: None,
        problems: Vec::new(),
    }
}

/// A `Wait` state being built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let pause: sfn_dsl::Wait = wait("Pause").seconds(5);
/// assert_eq!(pause.name().as_str(), "Pause");
/// ```
#[derive(Clone, Debug)]
pub struct Wait {
    pub(crate) name: StateName,
    duration: Option<WaitDuration>,
    pub(crate) state: WaitState,
    pub(crate) next: Option<Link>,
    pub(crate) problems: Vec<Problem>,
}

builder!(Wait, "wait(\"W\").seconds(1)");
fields!(Wait, "wait(\"W\").seconds(5)" {
    comment, query_language, input_path, output_path, output, assign, next,
});

impl Wait {
    /// `Seconds`: a number, or a [`jsonata`](crate::jsonata) expression in JSONata states.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(wait("Pause").seconds(30)).build()?.to_json();
    /// assert!(json.contains(r#""Seconds":30"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn seconds(mut self, seconds: impl Into<Expr<u64>>) -> Self {
        self.duration = Some(WaitDuration::Seconds(seconds.into()));
        self
    }

    /// `SecondsPath` (JSONPath): a reference path to the number of seconds.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(wait("Pause").seconds_path("$.delay")).build()?.to_json();
    /// assert!(json.contains(r#""SecondsPath":"$.delay""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn seconds_path(mut self, path: impl Into<String>) -> Self {
        self.duration = Some(WaitDuration::SecondsPath(path.into()));
        self
    }

    /// `Timestamp`: an RFC 3339 time (`2026-01-01T00:00:00Z`), or a JSONata expression.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(wait("Until").timestamp("2026-01-01T00:00:00Z")).build()?.to_json();
    /// assert!(json.contains(r#""Timestamp":"2026-01-01T00:00:00Z""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.duration = Some(WaitDuration::Timestamp(timestamp.into()));
        self
    }

    /// `TimestampPath` (JSONPath): a reference path to the timestamp.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(wait("Until").timestamp_path("$.shipAt")).build()?.to_json();
    /// assert!(json.contains(r#""TimestampPath":"$.shipAt""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_path(mut self, path: impl Into<String>) -> Self {
        self.duration = Some(WaitDuration::TimestampPath(path.into()));
        self
    }

    fn into_chain(self) -> Chain {
        let Wait {
            name,
            duration,
            mut state,
            next,
            mut problems,
        } = self;
        match duration {
            Some(d) => state.duration = d,
            None => problems.push(Problem::MissingField {
                state: name.clone(),
                field: "Seconds",
            }),
        }
        let (t, open) = transition(next);
        state.transition = t;
        Chain::single(Node::new(name, state), open, problems)
    }
}
