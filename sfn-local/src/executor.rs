//! The public entry point: [`Executor`] compiles a machine once, holds the task handlers, and
//! runs executions.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

use serde_json::Value;
use sfn_asl::{State, StateMachine};

use crate::clock::{DEFAULT_START, Instant};
use crate::execution::{Execution, Failure, Runner};
use crate::limits;
use crate::mock::{Handler, MockConfig, MockConfigError, TaskCall, TaskRequest, TaskResult};
use crate::program::{CompileError, Program};
use crate::s3::ObjectStore;

/// Standard or Express: which limits and prices apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ExecutionKind {
    /// Up to a year, 25,000 history events, every integration pattern.
    #[default]
    Standard,
    /// Up to five minutes; no `.sync`, no `.waitForTaskToken`, no activities.
    Express,
}

/// The settings of one run. Every default is fixed, so runs are reproducible; a test sets what
/// it asserts on.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// `$$.Execution.Name` (default `test-execution`).
    pub name: String,
    /// `$$.StateMachine.Name` (default `StateMachine`).
    pub state_machine_name: String,
    /// `$$.Execution.RoleArn`.
    pub role_arn: String,
    /// The region and account in ARNs.
    pub region: String,
    /// The account in ARNs.
    pub account: String,
    /// When the execution starts, in virtual time (default 2024-01-01T00:00:00Z).
    pub start_time: Instant,
    /// The seed of every random draw (jitter, `States.UUID`, `$random()`).
    pub seed: u64,
    /// Standard (default) or Express.
    pub kind: ExecutionKind,
    /// Whether to keep the history events (default true); they are counted either way.
    pub history: bool,
    /// The step limit: a run that makes more state transitions fails with `States.Runtime`,
    /// so an endless loop ends instead of hanging.
    pub max_transitions: u64,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            name: "test-execution".into(),
            state_machine_name: "StateMachine".into(),
            role_arn: "arn:aws:iam::123456789012:role/StepFunctionsRole".into(),
            region: "us-east-1".into(),
            account: "123456789012".into(),
            start_time: DEFAULT_START,
            seed: 0,
            kind: ExecutionKind::Standard,
            history: true,
            max_transitions: limits::DEFAULT_MAX_TRANSITIONS,
        }
    }
}

impl RunOptions {
    /// `$$.Execution.Id`.
    pub fn execution_arn(&self) -> String {
        format!(
            "arn:aws:states:{}:{}:execution:{}:{}",
            self.region, self.account, self.state_machine_name, self.name
        )
    }

    /// `$$.StateMachine.Id`.
    pub fn state_machine_arn(&self) -> String {
        format!(
            "arn:aws:states:{}:{}:stateMachine:{}",
            self.region, self.account, self.state_machine_name
        )
    }
}

/// Runs one state machine in-process, as AWS would, with Task states answered by Rust closures.
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Executor, Status};
///
/// let executor = Executor::from_json(r#"{
///   "StartAt": "Charge",
///   "States": {
///     "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///                "ResultPath": "$.receipt", "Next": "Big?"},
///     "Big?": {"Type": "Choice", "Default": "Done",
///              "Choices": [{"Variable": "$.amount", "NumericGreaterThan": 100, "Next": "Review"}]},
///     "Review": {"Type": "Fail", "Error": "NeedsReview", "Cause": "amount over 100"},
///     "Done": {"Type": "Succeed"}
///   }
/// }"#)?
/// .handle("Charge", |call| Ok(json!({"charged": call.input["amount"]})));
///
/// let run = executor.run(json!({"amount": 42}));
/// assert_eq!(run.status, Status::Succeeded);
/// assert_eq!(run.output.unwrap(), json!({"amount": 42, "receipt": {"charged": 42}}));
///
/// let run = executor.run(json!({"amount": 420}));
/// assert_eq!(run.error.as_deref(), Some("NeedsReview"));
/// # Ok::<(), sfn_local::CompileError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Executor {
    program: Arc<Program>,
    handlers: HashMap<String, Arc<Handler>>,
    fallback: Option<Arc<Handler>>,
    /// The handler of each compiled state (by index), resolved whenever handlers change.
    resolved: Vec<Option<Arc<Handler>>>,
    options: RunOptions,
    s3: ObjectStore,
}

impl Executor {
    /// Compiles `machine`. Fails when the validator finds errors or a path does not parse.
    pub fn new(machine: &StateMachine) -> Result<Self, CompileError> {
        let program = Program::compile(machine)?;
        Ok(Executor {
            resolved: vec![None; program.states.len()],
            program: Arc::new(program),
            handlers: HashMap::new(),
            fallback: None,
            options: RunOptions::default(),
            s3: ObjectStore::new(),
        })
    }

    /// Parses and compiles an ASL definition.
    pub fn from_json(definition: &str) -> Result<Self, CompileError> {
        Self::new(&sfn_asl::parse(definition)?)
    }

    /// Answers Task states named `key`, or whose `Resource` is `key`, with a sync closure.
    /// A handler for the state's name wins over one for its resource.
    pub fn handle(
        self,
        key: impl Into<String>,
        f: impl Fn(&TaskCall<'_>) -> TaskResult + Send + Sync + 'static,
    ) -> Self {
        self.handler(key, Handler::sync(f))
    }

    /// Like [`handle`](Self::handle) with an async closure, driven on the calling thread.
    pub fn handle_async<F, Fut>(self, key: impl Into<String>, f: F) -> Self
    where
        F: Fn(TaskRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = TaskResult> + 'static,
    {
        self.handler(key, Handler::from_async(f))
    }

    /// Answers every Task state that has no handler of its own (by name or resource).
    pub fn fallback(
        mut self,
        f: impl Fn(&TaskCall<'_>) -> TaskResult + Send + Sync + 'static,
    ) -> Self {
        self.fallback = Some(Arc::new(Handler::sync(f)));
        self.resolve();
        self
    }

    /// Registers any [`Handler`] (for instance [`Handler::responses`]) for a state or resource.
    pub fn handler(mut self, key: impl Into<String>, handler: Handler) -> Self {
        self.handlers.insert(key.into(), Arc::new(handler));
        self.resolve();
        self
    }

    /// Resolves each Task state's handler: its name's, else its resource's, else the fallback.
    fn resolve(&mut self) {
        for (slot, st) in self.resolved.iter_mut().zip(&self.program.states) {
            if let State::Task(t) = &st.def {
                *slot = self
                    .handlers
                    .get(&st.name)
                    .or_else(|| self.handlers.get(&t.resource))
                    .or(self.fallback.as_ref())
                    .cloned();
            }
        }
    }

    /// Registers the mocked responses of one test case of an AWS Step Functions Local mock
    /// file. `state_machine` picks the machine when several have a test case of that name.
    pub fn mocks(
        mut self,
        config: &MockConfig,
        state_machine: Option<&str>,
        test_case: &str,
    ) -> Result<Self, MockConfigError> {
        for (state, handler) in config.test_case(state_machine, test_case)? {
            self = self.handler(state, handler);
        }
        Ok(self)
    }

    /// Sets the options of every run started with [`run`](Self::run).
    pub fn options(mut self, options: RunOptions) -> Self {
        self.options = options;
        self
    }

    /// The options [`run`](Self::run) uses.
    pub fn run_options(&self) -> &RunOptions {
        &self.options
    }

    /// The in-memory S3 of this executor's runs: a distributed Map's `ResultWriter` writes its
    /// result files (`manifest.json`, `SUCCEEDED_0.json`, `FAILED_0.json`) here, and an
    /// `ItemReader` with no handler for its resource reads its object from here. Clones of the
    /// executor share it.
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "Each", "States": {"Each": {
    ///   "Type": "Map", "End": true,
    ///   "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
    ///     "StartAt": "Double", "States": {"Double": {"Type": "Pass",
    ///       "Parameters": {"n.$": "States.MathAdd($, $)"}, "End": true}}},
    ///   "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
    ///     "Parameters": {"Bucket": "results", "Prefix": "runs"},
    ///     "WriterConfig": {"Transformation": "COMPACT", "OutputType": "JSON"}}}}}"#)?;
    ///
    /// let run = executor.run(json!([1, 2]));
    /// let details = &run.output.unwrap()["ResultWriterDetails"];
    /// let manifest = executor.s3().get_json("results", details["Key"].as_str().unwrap()).unwrap();
    /// let file = manifest["ResultFiles"]["SUCCEEDED"][0]["Key"].as_str().unwrap();
    /// assert_eq!(executor.s3().get_json("results", file), Some(json!([{"n": 2}, {"n": 4}])));
    /// # Ok::<(), sfn_local::CompileError>(())
    /// ```
    pub fn s3(&self) -> &ObjectStore {
        &self.s3
    }

    /// Uses `store` as the in-memory S3 (for instance one a test filled with ItemReader input
    /// beforehand, or one shared by several executors).
    pub fn with_s3(mut self, store: ObjectStore) -> Self {
        self.s3 = store;
        self
    }

    /// Runs one execution on `input` with this executor's options.
    pub fn run(&self, input: Value) -> Execution {
        Runner::run(self, input, &self.options)
    }

    /// Runs one execution with other options.
    pub fn run_with(&self, input: Value, options: &RunOptions) -> Execution {
        Runner::run(self, input, options)
    }

    pub(crate) fn program(&self) -> &Program {
        &self.program
    }

    /// The handler registered under exactly `key` (no fallback).
    pub(crate) fn handler_by_key(&self, key: &str) -> Option<&Handler> {
        self.handlers.get(key).map(Arc::as_ref)
    }

    pub(crate) fn handler_for(&self, state: usize) -> Option<&Handler> {
        self.resolved.get(state).and_then(Option::as_deref)
    }

    /// What AWS would reject when creating this machine as Express: `.sync`,
    /// `.waitForTaskToken` and activities.
    pub(crate) fn express_violation(&self, kind: ExecutionKind) -> Option<Failure> {
        if kind != ExecutionKind::Express {
            return None;
        }
        for st in &self.program.states {
            let (Some(info), State::Task(_)) = (&st.resource, &st.def) else {
                continue;
            };
            let what = if info.sync {
                "'.sync' service integration"
            } else if info.family == crate::program::Family::Activity {
                "Activity ARN"
            } else if info.token {
                "'.waitForTaskToken' service integration"
            } else {
                continue;
            };
            return Some(Failure::new(
                "InvalidDefinition",
                format!(
                    "Express state machine does not support {what} at /States/{}/Resource",
                    st.name
                ),
            ));
        }
        None
    }
}
