//! Task handlers: Rust closures (sync or async) that answer Task states, and AWS Step Functions
//! Local's mock configuration file format.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::rc::Rc;

use serde::Deserialize;
use serde_json::Value;

/// A failed task: an error name and a cause, as a Lambda's `errorType` and `errorMessage`.
///
/// ```
/// use sfn_local::TaskError;
/// let e = TaskError::new("PaymentDeclined", "card expired");
/// assert_eq!(e.to_string(), "PaymentDeclined: card expired");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskError {
    /// The error name that `Retry` and `Catch` match, e.g. `PaymentDeclined`.
    pub error: String,
    /// The cause, free text.
    pub cause: String,
}

impl TaskError {
    /// An error with this name and cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        TaskError {
            error: error.into(),
            cause: cause.into(),
        }
    }
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.cause)
    }
}

impl std::error::Error for TaskError {}

/// Virtual time spent inside one task call: what the handler reported with
/// [`TaskCall::advance`] and [`TaskCall::heartbeat`].
#[derive(Debug, Default)]
pub(crate) struct TaskClock {
    pub(crate) elapsed_ms: Cell<i64>,
    pub(crate) heartbeats_ms: RefCell<Vec<i64>>,
}

/// One invocation of a Task, as its handler sees it.
#[derive(Debug)]
pub struct TaskCall<'a> {
    /// The Task state's name.
    pub state: &'a str,
    /// The state's `Resource`.
    pub resource: &'a str,
    /// The effective input: after `InputPath` and `Parameters` (or JSONata `Arguments`).
    pub input: &'a Value,
    /// How many times a handler was called for this state before in this execution
    /// (retries and loops included), starting at 0: the index of AWS mock files.
    pub invocation: u32,
    /// `$$.State.RetryCount`: 0 on the first attempt, then 1, 2, … on retries.
    pub retry_count: u32,
    /// `$$.Task.Token` for `.waitForTaskToken` resources and activities; the handler answers
    /// as `SendTaskSuccess`/`SendTaskFailure` would.
    pub task_token: Option<&'a str>,
    /// The role AWS would assume to run this task: the state's `Credentials.RoleArn`, evaluated
    /// (`RoleArn.$` path, intrinsic or JSONata), or `None` when the state has no `Credentials`
    /// and the task runs as the execution's role.
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "Copy", "States": {"Copy": {
    ///   "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///   "Credentials": {"RoleArn.$": "$.role"}, "End": true}}}"#)?
    /// .handle("Copy", |call| Ok(json!(call.role_arn)));
    ///
    /// let run = executor.run(json!({"role": "arn:aws:iam::111122223333:role/Target"}));
    /// assert_eq!(run.output, Some(json!("arn:aws:iam::111122223333:role/Target")));
    /// # Ok::<(), sfn_local::CompileError>(())
    /// ```
    pub role_arn: Option<&'a str>,
    pub(crate) clock: &'a TaskClock,
}

impl TaskCall<'_> {
    /// Reports that the task ran for `seconds` of virtual time (past `TimeoutSeconds`, the
    /// state fails with `States.Timeout`).
    pub fn advance(&self, seconds: f64) {
        let ms = crate::clock::seconds_to_millis(seconds);
        self.clock
            .elapsed_ms
            .set(self.clock.elapsed_ms.get().saturating_add(ms));
    }

    /// Sends a heartbeat at the current virtual time (see `HeartbeatSeconds`).
    pub fn heartbeat(&self) {
        self.clock
            .heartbeats_ms
            .borrow_mut()
            .push(self.clock.elapsed_ms.get());
    }

    /// An owned copy, for async handlers.
    fn to_request(&self) -> TaskRequest {
        TaskRequest {
            state: self.state.to_owned(),
            resource: self.resource.to_owned(),
            input: self.input.clone(),
            invocation: self.invocation,
            retry_count: self.retry_count,
            task_token: self.task_token.map(str::to_owned),
            role_arn: self.role_arn.map(str::to_owned),
            clock: Rc::new(TaskClock::default()),
        }
    }
}

/// An owned [`TaskCall`], given to async handlers.
#[derive(Debug, Clone)]
pub struct TaskRequest {
    /// The Task state's name.
    pub state: String,
    /// The state's `Resource`.
    pub resource: String,
    /// The effective input.
    pub input: Value,
    /// See [`TaskCall::invocation`].
    pub invocation: u32,
    /// See [`TaskCall::retry_count`].
    pub retry_count: u32,
    /// See [`TaskCall::task_token`].
    pub task_token: Option<String>,
    /// See [`TaskCall::role_arn`].
    pub role_arn: Option<String>,
    clock: Rc<TaskClock>,
}

impl TaskRequest {
    /// See [`TaskCall::advance`].
    pub fn advance(&self, seconds: f64) {
        let ms = crate::clock::seconds_to_millis(seconds);
        self.clock
            .elapsed_ms
            .set(self.clock.elapsed_ms.get().saturating_add(ms));
    }

    /// See [`TaskCall::heartbeat`].
    pub fn heartbeat(&self) {
        self.clock
            .heartbeats_ms
            .borrow_mut()
            .push(self.clock.elapsed_ms.get());
    }
}

/// What a handler returns.
pub type TaskResult = Result<Value, TaskError>;

type SyncFn = dyn Fn(&TaskCall<'_>) -> TaskResult + Send + Sync;
type AsyncFn = dyn Fn(TaskRequest) -> Pin<Box<dyn Future<Output = TaskResult>>> + Send + Sync;

/// A task handler: a sync closure, an async closure, or a list of canned responses.
pub struct Handler(HandlerKind);

enum HandlerKind {
    Sync(Box<SyncFn>),
    Async(Box<AsyncFn>),
    Responses(Responses),
}

impl fmt::Debug for Handler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            HandlerKind::Sync(_) => f.write_str("Handler::Sync"),
            HandlerKind::Async(_) => f.write_str("Handler::Async"),
            HandlerKind::Responses(r) => f.debug_tuple("Handler::Responses").field(r).finish(),
        }
    }
}

impl Handler {
    /// A synchronous closure.
    pub fn sync(f: impl Fn(&TaskCall<'_>) -> TaskResult + Send + Sync + 'static) -> Self {
        Handler(HandlerKind::Sync(Box::new(f)))
    }

    /// An async closure, driven to completion on the calling thread (no runtime needed).
    pub fn from_async<F, Fut>(f: F) -> Self
    where
        F: Fn(TaskRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = TaskResult> + 'static,
    {
        Handler(HandlerKind::Async(Box::new(move |req| Box::pin(f(req)))))
    }

    /// Canned responses by invocation: the first call gets the first, and so on; past the
    /// end, the last one repeats.
    ///
    /// ```
    /// use sfn_local::{Handler, TaskError};
    /// use serde_json::json;
    /// let flaky = Handler::responses([
    ///     Err(TaskError::new("Busy", "try again")),
    ///     Ok(json!({"ok": true})),
    /// ]);
    /// # let _ = flaky;
    /// ```
    pub fn responses(responses: impl IntoIterator<Item = TaskResult>) -> Self {
        let list: Vec<(u32, u32, TaskResult)> = responses
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                (i, i, r)
            })
            .collect();
        Handler(HandlerKind::Responses(Responses {
            list,
            repeat_last: true,
        }))
    }

    pub(crate) fn call(&self, call: &TaskCall<'_>) -> TaskResult {
        match &self.0 {
            HandlerKind::Sync(f) => f(call),
            HandlerKind::Async(f) => {
                let request = call.to_request();
                let clock = Rc::clone(&request.clock);
                let result = pollster::block_on(f(request));
                call.clock
                    .elapsed_ms
                    .set(call.clock.elapsed_ms.get() + clock.elapsed_ms.get());
                let offset = call.clock.elapsed_ms.get() - clock.elapsed_ms.get();
                call.clock
                    .heartbeats_ms
                    .borrow_mut()
                    .extend(clock.heartbeats_ms.borrow().iter().map(|h| h + offset));
                result
            }
            HandlerKind::Responses(r) => r.answer(call),
        }
    }
}

/// Responses by invocation ranges (AWS mock files' `"0"`, `"1-2"` keys).
#[derive(Debug, Clone)]
struct Responses {
    list: Vec<(u32, u32, TaskResult)>,
    repeat_last: bool,
}

impl Responses {
    fn answer(&self, call: &TaskCall<'_>) -> TaskResult {
        let n = call.invocation;
        if let Some((_, _, r)) = self
            .list
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&n))
        {
            return r.clone();
        }
        match self.list.iter().max_by_key(|(_, hi, _)| *hi) {
            Some((_, _, r)) if self.repeat_last => r.clone(),
            _ => Err(TaskError::new(
                "States.Runtime",
                format!(
                    "no mocked response for invocation {n} of state `{}`",
                    call.state
                ),
            )),
        }
    }
}

/// An error reading a mock configuration file.
#[derive(Debug, thiserror::Error)]
pub enum MockConfigError {
    /// The file could not be read.
    #[error("cannot read mock file `{path}`: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a mock configuration.
    #[error("invalid mock configuration: {0}")]
    Json(#[from] serde_json::Error),
    /// A key of a mocked response is not `N` or `N-M`.
    #[error("mocked response `{response}`: invocation key `{key}` is not `N` or `N-M`")]
    BadKey {
        /// The response's name.
        response: String,
        /// The key.
        key: String,
    },
    /// A mocked response has neither or both of `Return` and `Throw`.
    #[error(
        "mocked response `{response}` invocation `{key}` must have exactly one of `Return` and `Throw`"
    )]
    BadResponse {
        /// The response's name.
        response: String,
        /// The key.
        key: String,
    },
    /// A test case names a response that is not defined.
    #[error("test case `{test_case}` names mocked response `{response}`, which is not defined")]
    UnknownResponse {
        /// The test case.
        test_case: String,
        /// The missing response.
        response: String,
    },
    /// No state machine has the test case.
    #[error("no state machine in the mock file has test case `{0}`")]
    UnknownTestCase(String),
    /// Several state machines have the test case and none was chosen.
    #[error("several state machines have test case `{0}`: name the state machine")]
    AmbiguousTestCase(String),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawConfig {
    #[serde(default)]
    state_machines: HashMap<String, RawMachine>,
    #[serde(default)]
    mocked_responses: HashMap<String, serde_json::Map<String, Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawMachine {
    #[serde(default)]
    test_cases: HashMap<String, HashMap<String, String>>,
}

/// An AWS Step Functions Local mock configuration (`StateMachines` → `TestCases` → state name →
/// mocked response; `MockedResponses` → invocation key → `Return` or `Throw`), accepted as is.
///
/// ```
/// use sfn_local::MockConfig;
/// let config = MockConfig::from_json(r#"{
///   "StateMachines": {"Orders": {"TestCases": {"HappyPath": {"Charge": "ChargeOk"}}}},
///   "MockedResponses": {"ChargeOk": {"0": {"Return": {"ok": true}}}}
/// }"#)?;
/// let handlers = config.test_case(None, "HappyPath")?;
/// assert_eq!(handlers.len(), 1);
/// # Ok::<(), sfn_local::MockConfigError>(())
/// ```
#[derive(Debug)]
pub struct MockConfig {
    raw: RawConfig,
}

impl MockConfig {
    /// Parses a mock configuration from JSON text.
    pub fn from_json(text: &str) -> Result<Self, MockConfigError> {
        Ok(MockConfig {
            raw: serde_json::from_str(text)?,
        })
    }

    /// Reads a mock configuration file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, MockConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| MockConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_json(&text)
    }

    /// The handlers of one test case, by state name. `state_machine` picks the machine when
    /// several define a test case of that name.
    pub fn test_case(
        &self,
        state_machine: Option<&str>,
        test_case: &str,
    ) -> Result<Vec<(String, Handler)>, MockConfigError> {
        let mut machines: Vec<(&String, &RawMachine)> = self
            .raw
            .state_machines
            .iter()
            .filter(|(_, m)| m.test_cases.contains_key(test_case))
            .collect();
        if machines.len() > 1
            && let Some(wanted) = state_machine
        {
            machines.retain(|(name, _)| name.as_str() == wanted);
        }
        let machine = match machines.as_slice() {
            [] => return Err(MockConfigError::UnknownTestCase(test_case.to_owned())),
            [(_, m)] => m,
            _ => return Err(MockConfigError::AmbiguousTestCase(test_case.to_owned())),
        };
        let mut out = Vec::new();
        let mut cases: Vec<_> = machine.test_cases[test_case].iter().collect();
        cases.sort();
        for (state, response) in cases {
            let raw = self.raw.mocked_responses.get(response).ok_or_else(|| {
                MockConfigError::UnknownResponse {
                    test_case: test_case.to_owned(),
                    response: response.clone(),
                }
            })?;
            out.push((
                state.clone(),
                Handler(HandlerKind::Responses(responses(response, raw)?)),
            ));
        }
        Ok(out)
    }
}

fn responses(
    name: &str,
    raw: &serde_json::Map<String, Value>,
) -> Result<Responses, MockConfigError> {
    let mut list = Vec::new();
    for (key, value) in raw {
        let bad_key = || MockConfigError::BadKey {
            response: name.to_owned(),
            key: key.clone(),
        };
        let (lo, hi) = match key.split_once('-') {
            Some((lo, hi)) => (
                lo.trim().parse::<u32>().map_err(|_| bad_key())?,
                hi.trim().parse::<u32>().map_err(|_| bad_key())?,
            ),
            None => {
                let n = key.trim().parse::<u32>().map_err(|_| bad_key())?;
                (n, n)
            }
        };
        if lo > hi {
            return Err(bad_key());
        }
        let bad_response = || MockConfigError::BadResponse {
            response: name.to_owned(),
            key: key.clone(),
        };
        let result = match (value.get("Return"), value.get("Throw")) {
            (Some(ret), None) => Ok(ret.clone()),
            (None, Some(throw)) => Err(TaskError::new(
                throw.get("Error").and_then(Value::as_str).unwrap_or(""),
                throw.get("Cause").and_then(Value::as_str).unwrap_or(""),
            )),
            _ => return Err(bad_response()),
        };
        list.push((lo, hi, result));
    }
    list.sort_by_key(|(lo, _, _)| *lo);
    // AWS Step Functions Local answers an invocation past the last key with an error, not a
    // repeat of the last response.
    Ok(Responses {
        list,
        repeat_last: false,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn call(invocation: u32, clock: &TaskClock) -> TaskCall<'_> {
        TaskCall {
            state: "S",
            resource: "r",
            input: &Value::Null,
            invocation,
            retry_count: 0,
            task_token: None,
            role_arn: None,
            clock,
        }
    }

    const FILE: &str = r#"{
      "StateMachines": {"M": {"TestCases": {"Retry": {"S": "Flaky"}}}},
      "MockedResponses": {"Flaky": {
        "0": {"Throw": {"Error": "Busy", "Cause": "try again"}},
        "1-2": {"Throw": {"Error": "Slow", "Cause": "timeout"}},
        "3": {"Return": {"ok": true}}
      }}
    }"#;

    #[test]
    fn mock_file_answers_by_invocation_range() {
        let config = MockConfig::from_json(FILE).unwrap();
        let handlers = config.test_case(None, "Retry").unwrap();
        let handler = &handlers[0].1;
        let clock = TaskClock::default();
        assert_eq!(handler.call(&call(0, &clock)).unwrap_err().error, "Busy");
        assert_eq!(handler.call(&call(2, &clock)).unwrap_err().error, "Slow");
        assert_eq!(handler.call(&call(3, &clock)).unwrap(), json!({"ok": true}));
        assert_eq!(
            handler.call(&call(4, &clock)).unwrap_err().error,
            "States.Runtime"
        );
    }

    #[test]
    fn unknown_test_case_is_reported() {
        let config = MockConfig::from_json(FILE).unwrap();
        let err = config.test_case(None, "Nope").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no state machine in the mock file has test case `Nope`"
        );
    }

    #[test]
    fn response_lists_repeat_their_last_answer() {
        let handler = Handler::responses([Err(TaskError::new("A", "")), Ok(json!(1))]);
        let clock = TaskClock::default();
        assert_eq!(handler.call(&call(0, &clock)).unwrap_err().error, "A");
        assert_eq!(handler.call(&call(5, &clock)).unwrap(), json!(1));
    }

    #[test]
    fn async_handlers_run_without_a_runtime() {
        let handler = Handler::from_async(|req: TaskRequest| async move {
            req.advance(2.0);
            Ok(json!({"state": req.state}))
        });
        let clock = TaskClock::default();
        assert_eq!(
            handler.call(&call(0, &clock)).unwrap(),
            json!({"state": "S"})
        );
        assert_eq!(clock.elapsed_ms.get(), 2000);
    }
}
