//! `Pass` states.

use sfn_asl::{PassState, StateName};

use crate::builder::{Link, builder, fields, transition};
use crate::chain::{Chain, Node};
use crate::error::Problem;

/// Starts a `Pass` state called `name`: passes its input on, optionally reshaped or replaced.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let tag = pass("Tag").result(serde_json::json!({"kind": "small"})).result_path("$.tag");
/// let workflow = Workflow::builder(tag).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"Tag","States":{"Tag":{"Type":"Pass","Result":{"kind":"small"},"ResultPath":"$.tag","End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn pass(name: impl Into<StateName>) -> Pass {
    Pass {
        name: name.into(),
        state: PassState::new(sfn_asl::Transition::End),
        next: None,
        problems: Vec::new(),
    }
}

/// A `Pass` state being built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let p: sfn_dsl::Pass = pass("Defaults").result(serde_json::json!({"retries": 3}));
/// assert_eq!(p.name().as_str(), "Defaults");
/// ```
#[derive(Clone, Debug)]
pub struct Pass {
    pub(crate) name: StateName,
    pub(crate) state: PassState,
    pub(crate) next: Option<Link>,
    pub(crate) problems: Vec<Problem>,
}

builder!(Pass, "pass(\"P\")");
fields!(Pass, "pass(\"P\")" {
    comment, query_language, input_path, parameters, result_path, output_path, output, assign, next,
});

impl Pass {
    /// `Result` (JSONPath): a fixed result, any `Serialize` value.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(pass("Defaults").result(serde_json::json!({"retries": 3}))).build()?.to_json();
    /// assert!(json.contains(r#""Result":{"retries":3}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn result(mut self, result: impl serde::Serialize) -> Self {
        self.state.result = self.payload("Result", result);
        self
    }

    fn into_chain(self) -> Chain {
        let Pass {
            name,
            mut state,
            next,
            problems,
        } = self;
        let (t, open) = transition(next);
        state.transition = t;
        Chain::single(Node::new(name, state), open, problems)
    }
}
