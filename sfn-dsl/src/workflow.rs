//! Workflows: the builder's entry point and its checked result.

use sfn_asl::{Diagnostics, QueryLanguage, StateMachine};

use crate::chain::Chain;
use crate::error::{BuildError, Problem};

/// A built, validated state machine: its ASL JSON, its model and the validator's warnings.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let hello = pass("Hello").result("world");
/// let workflow = Workflow::builder(hello).comment("hello world").build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"Comment":"hello world","StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":"world","End":true}}}"#
/// );
/// assert_eq!(workflow.definition().start_at, "Hello");
/// assert!(workflow.warnings().is_empty());
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Workflow {
    machine: StateMachine,
    warnings: Diagnostics,
}

/// Builds a [`Workflow`]: the start chain, the machine's top-level fields and the states
/// reached only through handles.
#[derive(Clone, Debug)]
#[must_use = "a workflow builder does nothing until `build` is called"]
pub struct WorkflowBuilder {
    chain: Chain,
    comment: Option<String>,
    timeout_seconds: Option<u64>,
    query_language: Option<QueryLanguage>,
    version: Option<String>,
}

impl Workflow {
    /// Starts a workflow whose execution begins with `start` (a state or a chain).
    pub fn builder(start: impl Into<Chain>) -> WorkflowBuilder {
        WorkflowBuilder {
            chain: start.into(),
            comment: None,
            timeout_seconds: None,
            query_language: None,
            version: None,
        }
    }

    /// Checks an existing model with the sfn-asl validator and wraps it.
    pub fn from_definition(machine: StateMachine) -> Result<Workflow, BuildError> {
        let diagnostics = sfn_asl::validate(&machine);
        if diagnostics.has_errors() {
            return Err(BuildError::new(
                diagnostics
                    .into_iter()
                    .filter(|d| d.is_error())
                    .map(Problem::Invalid)
                    .collect(),
            ));
        }
        Ok(Workflow {
            machine,
            warnings: diagnostics,
        })
    }

    /// The ASL JSON, compact. Byte-stable: the same workflow always gives the same bytes, with
    /// fields in the order AWS documents them.
    pub fn to_json(&self) -> String {
        self.machine.to_json()
    }

    /// The ASL JSON, pretty-printed (two-space indent), byte-stable too.
    pub fn to_json_pretty(&self) -> String {
        self.machine.to_json_pretty()
    }

    /// The ASL as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        self.machine.to_value()
    }

    /// The sfn-asl model.
    pub fn definition(&self) -> &StateMachine {
        &self.machine
    }

    /// The sfn-asl model, by value.
    pub fn into_definition(self) -> StateMachine {
        self.machine
    }

    /// The validator's warnings: AWS accepts the machine, but something looks wrong.
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    /// The deploy-time placeholders (`${Name}`) used anywhere in the definition, by name, in
    /// order of first use.
    pub fn placeholders(&self) -> Vec<String> {
        crate::emit::placeholders(&self.machine)
    }
}

impl WorkflowBuilder {
    /// `Comment`: what the machine does.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// `TimeoutSeconds`: the execution's time limit.
    pub fn timeout_seconds(mut self, seconds: u64) -> Self {
        self.timeout_seconds = Some(seconds);
        self
    }

    /// `QueryLanguage`: the default for every state (JSONPath unless set).
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.query_language = Some(language);
        self
    }

    /// `Version`: the ASL version, `"1.0"`.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Adds `state` (and what it chains to) to the top level without a transition into it: it
    /// is reached through its handle (a shared Fail state, an error handler).
    pub fn state(mut self, state: impl Into<Chain>) -> Self {
        self.chain = self.chain.state(state);
        self
    }

    /// Settles every transition and checks the machine: first what only the builder can get
    /// wrong (a handle to a state never added, a name used twice in one scope, a missing
    /// required field), then [`sfn_asl::validate`], so the builder never hands out ASL that
    /// AWS rejects. Warnings are kept on the [`Workflow`].
    pub fn build(self) -> Result<Workflow, BuildError> {
        let WorkflowBuilder {
            chain,
            comment,
            timeout_seconds,
            query_language,
            version,
        } = self;
        let mut problems = Vec::new();
        let finished = chain.finish(query_language.unwrap_or_default(), &mut problems);
        let Some((start_at, states)) = finished else {
            problems.push(Problem::EmptyChain {
                context: "the workflow's start".to_owned(),
            });
            return Err(BuildError::new(problems));
        };
        if !problems.is_empty() {
            return Err(BuildError::new(problems));
        }
        let machine = StateMachine {
            query_language,
            comment,
            start_at,
            states,
            timeout_seconds,
            version,
        };
        Workflow::from_definition(machine)
    }
}
