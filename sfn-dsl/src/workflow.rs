//! Workflows: the builder's entry point and its checked result.

use sfn_asl::{Diagnostics, Processor, QueryLanguage, State, StateMachine, States};

use crate::chain::Chain;
use crate::error::{BuildError, Problem};
use crate::typed::TaskTypes;

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
    types: Vec<TaskTypes>,
}

/// Builds a [`Workflow`]: the start chain, the machine's top-level fields and the states
/// reached only through handles.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let builder: sfn_dsl::WorkflowBuilder = Workflow::builder(succeed("Done")).comment("no-op");
/// assert_eq!(builder.build()?.definition().comment.as_deref(), Some("no-op"));
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
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
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(pass("Start").then(succeed("Done"))).build()?;
    /// assert_eq!(workflow.definition().start_at, "Start");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
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
    ///
    /// A Task `Resource` holding a deploy-time placeholder (`${ValidateOrderArn}`) is checked
    /// as the deploy tool will see it once substituted: the validator is given a copy where each
    /// placeholder stands in for a well-formed ARN (a whole-`Resource` placeholder for a Lambda
    /// function ARN). The workflow keeps the placeholders.
    ///
    /// ```
    /// let machine = sfn_asl::parse(r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#).expect("parses");
    /// let workflow = sfn_dsl::Workflow::from_definition(machine)?;
    /// assert_eq!(workflow.to_json(), r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#);
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn from_definition(machine: StateMachine) -> Result<Workflow, BuildError> {
        let diagnostics = match with_stand_ins(&machine) {
            Some(substituted) => sfn_asl::validate(&substituted),
            None => sfn_asl::validate(&machine),
        };
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
            types: Vec::new(),
        })
    }

    /// The ASL JSON, compact. Byte-stable: the same workflow always gives the same bytes, with
    /// fields in the order AWS documents them.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(succeed("Done")).build()?;
    /// assert_eq!(workflow.to_json(), r#"{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}"#);
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn to_json(&self) -> String {
        self.machine.to_json()
    }

    /// The ASL JSON, pretty-printed (two-space indent), byte-stable too.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(succeed("Done")).build()?;
    /// assert!(workflow.to_json_pretty().starts_with("{\n  \"StartAt\": \"Done\","));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn to_json_pretty(&self) -> String {
        self.machine.to_json_pretty()
    }

    /// The ASL as a JSON value.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(succeed("Done")).build()?;
    /// assert_eq!(workflow.to_value()["States"]["Done"]["Type"], "Succeed");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn to_value(&self) -> serde_json::Value {
        self.machine.to_value()
    }

    /// The sfn-asl model.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(pass("A").then(succeed("B"))).build()?;
    /// assert_eq!(workflow.definition().states.len(), 2);
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn definition(&self) -> &StateMachine {
        &self.machine
    }

    /// The sfn-asl model, by value.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let machine = Workflow::builder(succeed("Done")).build()?.into_definition();
    /// assert_eq!(machine.start_at, "Done");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn into_definition(self) -> StateMachine {
        self.machine
    }

    /// The validator's warnings: AWS accepts the machine, but something looks wrong.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// // A Task without `TimeoutSeconds` is accepted, with a warning.
    /// let workflow = Workflow::builder(task("T").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:F"))).build()?;
    /// assert!(!workflow.warnings().is_empty());
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    /// The types Task `state` declared ([`Task::input`](crate::Task::input),
    /// [`Task::returns`](crate::Task::returns), [`Task::select_result`](crate::Task::select_result)),
    /// if it declared any.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(serde::Deserialize, Payload)]
    /// struct Stock {
    ///     available: u32,
    /// }
    /// let check = task("CheckStock").resource(lambda_invoke("Stock")).returns::<Stock>();
    /// let workflow = Workflow::builder(check).build()?;
    /// let output = workflow.task_types("CheckStock").and_then(|t| t.output());
    /// assert!(output.is_some_and(|o| o.is::<Stock>()));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn task_types(&self, state: &str) -> Option<&TaskTypes> {
        self.types.iter().find(|t| t.state().as_str() == state)
    }

    /// Every Task that declared types, in the order the states were laid out (depth first).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(pass("P")).build()?;
    /// assert!(workflow.typed_tasks().is_empty());
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn typed_tasks(&self) -> &[TaskTypes] {
        &self.types
    }

    /// The deploy-time placeholders (`${Name}`) used anywhere in the definition, by name, in
    /// order of first use.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let flow = task("A").resource(lambda(arn!("${AArn}"))).then(task("B").resource(lambda(arn!("${BArn}"))));
    /// assert_eq!(Workflow::builder(flow).build()?.placeholders(), ["AArn", "BArn"]);
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn placeholders(&self) -> Vec<String> {
        crate::emit::placeholders(&self.machine)
    }
}

impl WorkflowBuilder {
    /// `Comment`: what the machine does.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(succeed("Done")).comment("does nothing").build()?;
    /// assert_eq!(workflow.definition().comment.as_deref(), Some("does nothing"));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// `TimeoutSeconds`: the execution's time limit.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(succeed("Done")).timeout_seconds(3600).build()?;
    /// assert!(workflow.to_json().ends_with(r#""TimeoutSeconds":3600}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timeout_seconds(mut self, seconds: u64) -> Self {
        self.timeout_seconds = Some(seconds);
        self
    }

    /// `QueryLanguage`: the default for every state (JSONPath unless set).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let flow = pass("Total").output(jsonata("$sum($states.input.prices)"));
    /// let workflow = Workflow::builder(flow).query_language(QueryLanguage::Jsonata).build()?;
    /// assert!(workflow.to_json().starts_with(r#"{"QueryLanguage":"JSONata","#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.query_language = Some(language);
        self
    }

    /// `Version`: the ASL version, `"1.0"`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(succeed("Done")).version("1.0").build()?;
    /// assert!(workflow.to_json().contains(r#""Version":"1.0""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Adds `state` (and what it chains to) to the top level without a transition into it: it
    /// is reached through its handle (a shared Fail state, an error handler).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let failed = fail("Failed").error("Boom");
    /// let work = task("Work")
    ///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))
    ///     .catch(Catch::all().next(&failed));
    /// // `Failed` is only reached through the Catch: it is added on its own.
    /// let workflow = Workflow::builder(work).state(failed).build()?;
    /// assert!(workflow.definition().states.contains_key("Failed"));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn state(mut self, state: impl Into<Chain>) -> Self {
        self.chain = self.chain.state(state);
        self
    }

    /// Settles every transition and checks the machine: first what only the builder can get
    /// wrong (a handle to a state never added, a name used twice in one scope, a missing
    /// required field), then [`sfn_asl::validate()`], so the builder never hands out ASL that
    /// AWS rejects. Warnings are kept on the [`Workflow`].
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let error = Workflow::builder(pass("A").then(pass("A"))).build().unwrap_err();
    /// assert_eq!(error.to_string(), "state `A` is defined twice");
    /// ```
    pub fn build(self) -> Result<Workflow, BuildError> {
        let WorkflowBuilder {
            chain,
            comment,
            timeout_seconds,
            query_language,
            version,
        } = self;
        let mut problems = Vec::new();
        let mut types = Vec::new();
        let finished = chain.finish(
            query_language.unwrap_or_default(),
            &mut problems,
            &mut types,
        );
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
        let mut workflow = Workflow::from_definition(machine)?;
        workflow.types = types;
        Ok(workflow)
    }
}

/// A copy of `machine` whose Task resources have their `${Name}` placeholders replaced by
/// well-formed stand-ins, or `None` when no resource has one.
fn with_stand_ins(machine: &StateMachine) -> Option<StateMachine> {
    let uses_placeholders = crate::emit::states(machine)
        .into_iter()
        .any(|s| matches!(s, State::Task(t) if t.resource.contains("${")));
    if !uses_placeholders {
        return None;
    }
    let mut copy = machine.clone();
    let mut scopes: Vec<&mut States> = vec![&mut copy.states];
    while let Some(states) = scopes.pop() {
        for state in states.values_mut() {
            match state {
                State::Task(task) if task.resource.contains("${") => {
                    task.resource = stand_in(&task.resource);
                }
                State::Parallel(p) => scopes.extend(p.branches.iter_mut().map(|b| &mut b.states)),
                State::Map(m) => match &mut m.processor {
                    Processor::ItemProcessor(p) => scopes.push(&mut p.branch.states),
                    Processor::Iterator(b) => scopes.push(&mut b.states),
                },
                _ => {}
            }
        }
    }
    Some(copy)
}

/// `${Name}` as a whole → a Lambda function ARN named after it; inside a longer ARN, each
/// placeholder → its name's letters and digits (a region, an account or a name segment).
fn stand_in(resource: &str) -> String {
    let word = |name: &str| -> String {
        let w: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        if w.is_empty() {
            "placeholder".to_owned()
        } else {
            w
        }
    };
    if let Some(name) = resource
        .strip_prefix("${")
        .and_then(|r| r.strip_suffix('}'))
        && !name.contains("${")
    {
        return format!(
            "arn:aws:lambda:us-east-1:123456789012:function:{}",
            word(name)
        );
    }
    let mut out = String::with_capacity(resource.len());
    let mut rest = resource;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find('}') {
            Some(end) => {
                out.push_str(&word(&rest[start + 2..start + 2 + end]));
                rest = &rest[start + 2 + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_placeholders_stand_in_for_lambda_arns() {
        assert_eq!(
            stand_in("${ValidateOrderArn}"),
            "arn:aws:lambda:us-east-1:123456789012:function:ValidateOrderArn"
        );
    }

    #[test]
    fn inner_placeholders_stand_in_for_segments() {
        assert_eq!(
            stand_in("arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:F"),
            "arn:aws:lambda:AWSRegion:AWSAccountId:function:F"
        );
    }
}
