//! One run of a machine: the interpreter and what it returns ([`Execution`]).
//!
//! The core is synchronous and deterministic. Parallel branches run one after another in branch
//! order, and Map iterations in item order; virtual time still models their concurrency: every
//! branch starts when the Parallel starts, an iteration starts when one of `MaxConcurrency`
//! slots frees up, and the state ends when its last branch or iteration ends. On the first
//! failure the remaining branches or iterations are not run (AWS aborts them).

use std::borrow::Cow;
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::rc::Rc;

use serde_json::{Map, Value, json};
use sfn_asl::{Expr, FailState, MapState, PassState, State, TaskState, WaitDuration, WaitState};

use self::map_items::MapItems;
use self::result_writer::{ChildRun, ResultWriter};
use crate::clock::Instant;
pub(crate) use crate::eval::EvalError as Failure;
use crate::eval::{Rng, Scope};
use crate::executor::{ExecutionKind, Executor, RunOptions};
use crate::history::{EventDetails, EventType, History, Recorder};
use crate::io::ResultSpec;
use crate::jsonpath::{self, PathExpr};
use crate::limits;
use crate::mock::{TaskCall, TaskClock};
use crate::program::{Compiled, Family, PathSpec};
use crate::retry;
use crate::template::{self, Fields, Template};

/// How an execution ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// `SUCCEEDED`.
    Succeeded,
    /// `FAILED`.
    Failed,
    /// `TIMED_OUT`: the machine's `TimeoutSeconds` or the Express/Standard maximum duration.
    TimedOut,
    /// `ABORTED`.
    Aborted,
}

impl Status {
    /// The status as AWS spells it, e.g. `SUCCEEDED`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
            Status::Aborted => "ABORTED",
        }
    }
}

/// The outcome of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Execution {
    /// How it ended.
    pub status: Status,
    /// The output, when it succeeded.
    pub output: Option<Value>,
    /// The error name, when it did not.
    pub error: Option<String>,
    /// The cause, when it did not.
    pub cause: Option<String>,
    /// The events, when [`RunOptions::history`] kept them (the default).
    pub history: History,
    /// How many history events the run produced (kept or not).
    pub event_count: u64,
    /// State transitions, as AWS bills them: one per state entered and one per retry.
    pub transitions: u64,
    /// When it started, in virtual time.
    pub start: Instant,
    /// When it stopped, in virtual time.
    pub stop: Instant,
    /// Standard or Express.
    pub kind: ExecutionKind,
}

impl Execution {
    /// Whether the run succeeded.
    pub fn succeeded(&self) -> bool {
        self.status == Status::Succeeded
    }

    /// Virtual duration in seconds.
    pub fn duration_seconds(&self) -> f64 {
        (self.stop.millis() - self.start.millis()) as f64 / 1000.0
    }

    /// What the run would cost on AWS, under both pricing models.
    pub fn cost(&self) -> crate::Cost {
        crate::Cost::of(self.transitions, self.duration_seconds())
    }

    /// `{"status": …, "output": …}` or `{"status": …, "error": …, "cause": …}`, as `sfn run`
    /// prints it.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("status".into(), self.status.as_str().into());
        match &self.output {
            Some(output) => {
                out.insert("output".into(), output.clone());
            }
            None => {
                out.insert("error".into(), self.error.clone().into());
                out.insert("cause".into(), self.cause.clone().into());
            }
        }
        Value::Object(out)
    }
}

/// Why a scope stopped early. The failure is boxed: every state returns a `Result<_, Halt>`
/// through several layers, and a small error type keeps those returns cheap when nothing fails.
#[derive(Debug)]
pub(crate) enum Halt {
    /// Evaluating a field failed; the state adds AWS's "An error occurred while executing the
    /// state …" prefix and turns it into an [`Halt::Error`].
    Eval(Box<Failure>),
    /// A state failed; an enclosing Parallel or Map may retry or catch it.
    Error(Box<Failure>),
    /// The whole execution stops (timeout, history or step limit); nothing catches it.
    Stop(Status, Box<Failure>),
}

impl Halt {
    /// [`Halt::Error`] with `failure`.
    pub(crate) fn error(failure: Failure) -> Halt {
        Halt::Error(Box::new(failure))
    }

    /// [`Halt::Stop`] with `status` and `failure`.
    pub(crate) fn stop(status: Status, failure: Failure) -> Halt {
        Halt::Stop(status, Box::new(failure))
    }
}

impl From<Failure> for Halt {
    fn from(failure: Failure) -> Self {
        Halt::Eval(Box::new(failure))
    }
}

/// What the work of a Task, Parallel or Map produced, before output processing.
struct Work {
    result: Value,
    ctx: Value,
    /// An upper bound of the result's size estimate ([`limits::estimate`]), when the work
    /// already knows one (a Task's result was measured for the payload limit; a Parallel's
    /// branches carry bounds of their outputs).
    size: Option<usize>,
}

/// One thread of control: the top level, a branch or an iteration.
struct Frame {
    /// The variables in scope, shared with the enclosing frame until one is assigned
    /// (a Parallel branch or Map iteration starts with its parent's, copied on first write).
    vars: Rc<Map<String, Value>>,
    clock: Instant,
    prev: u64,
    /// When the current state was entered, and at which event.
    entered_at: Instant,
    entered_id: u64,
}

pub(crate) struct Runner<'e> {
    executor: &'e Executor,
    opts: &'e RunOptions,
    rec: Recorder,
    rng: RefCell<Rng>,
    transitions: u64,
    invocations: Vec<u32>,
    execution_input: Value,
    deadline: Instant,
    start: Instant,
    tokens: u64,
    /// An upper bound of the size estimate ([`limits::estimate`]) of the raw input of the state
    /// being run, when known; set by `run_scope` just before it runs the state, so a state reads
    /// it first thing (a Parallel's branches overwrite it).
    input_size: Option<usize>,
    /// Set by a state that knows an upper bound of its output's size estimate, taken by
    /// `run_scope` right after the state: the payload check then needs no walk of the output.
    output_size: Option<usize>,
}

impl<'e> Runner<'e> {
    pub(crate) fn run(executor: &'e Executor, input: Value, opts: &'e RunOptions) -> Execution {
        let program = executor.program();
        let start = opts.start_time;
        let max_seconds = match opts.kind {
            ExecutionKind::Standard => limits::STANDARD_MAX_SECONDS,
            ExecutionKind::Express => limits::EXPRESS_MAX_SECONDS,
        };
        let timeout = program
            .machine
            .timeout_seconds
            .map_or(max_seconds, |t| t.min(max_seconds));
        let mut runner = Runner {
            executor,
            opts,
            rec: Recorder::new(opts.history),
            rng: RefCell::new(Rng::seeded(opts.seed)),
            transitions: 0,
            invocations: vec![0; program.states.len()],
            execution_input: input,
            deadline: start.plus_millis(i64::try_from(timeout).unwrap_or(i64::MAX / 2_000) * 1000),
            start,
            tokens: 0,
            input_size: None,
            output_size: None,
        };
        let started = runner.rec.push(0, start, EventType::ExecutionStarted, || {
            EventDetails::ExecutionStarted {
                input: runner.execution_input.clone(),
                role_arn: opts.role_arn.clone(),
            }
        });
        let mut frame = Frame {
            vars: Rc::default(),
            clock: start,
            prev: started,
            entered_at: start,
            entered_id: started,
        };
        let result = match executor.express_violation(opts.kind) {
            Some(failure) => Err(Halt::stop(Status::Failed, failure)),
            None => limits::check_payload(&runner.execution_input, || "the execution input".into())
                .map_err(|f| Halt::stop(Status::Failed, f))
                .and_then(|()| {
                    let input = runner.execution_input.clone();
                    runner.run_scope(0, input, &mut frame)
                }),
        };
        let (status, output, failure) = match result {
            Ok(output) => (Status::Succeeded, Some(output), None),
            Err(Halt::Error(f) | Halt::Eval(f)) => (Status::Failed, None, Some(*f)),
            Err(Halt::Stop(status, f)) => (status, None, Some(*f)),
        };
        let stop = if status == Status::TimedOut {
            runner.deadline
        } else {
            frame.clock
        };
        let event_type = match (&output, status) {
            (Some(_), _) => EventType::ExecutionSucceeded,
            (None, Status::TimedOut) => EventType::ExecutionTimedOut,
            (None, Status::Aborted) => EventType::ExecutionAborted,
            (None, _) => EventType::ExecutionFailed,
        };
        // The details copy the output: built only when the history is kept.
        runner
            .rec
            .push(frame.prev, stop, event_type, || match (&output, &failure) {
                (Some(output), _) => EventDetails::ExecutionSucceeded {
                    output: output.clone(),
                },
                (None, Some(f)) => EventDetails::Failure {
                    error: f.error.clone(),
                    cause: f.cause.clone(),
                    resource: None,
                },
                (None, None) => EventDetails::None,
            });
        let event_count = runner.rec.count();
        Execution {
            status,
            output,
            error: failure.as_ref().map(|f| f.error.clone()),
            cause: failure.map(|f| f.cause),
            history: runner.rec.finish(),
            event_count,
            transitions: runner.transitions,
            start,
            stop,
            kind: opts.kind,
        }
    }

    fn program(&self) -> &'e crate::program::Program {
        self.executor.program()
    }

    /// Counts a state transition and enforces the step, history and duration limits.
    fn step(&mut self, frame: &mut Frame) -> Result<(), Halt> {
        self.transitions += 1;
        if self.transitions > self.opts.max_transitions {
            return Err(Halt::stop(
                Status::Failed,
                Failure::runtime(format!(
                    "The execution exceeded the step limit of {} state transitions \
                     (RunOptions::max_transitions); is there an endless loop?",
                    self.opts.max_transitions
                )),
            ));
        }
        if self.opts.kind == ExecutionKind::Standard
            // Room for this state's entered and exited events and the execution's last event.
            && self.rec.count() + 3 > limits::MAX_HISTORY_EVENTS
        {
            return Err(Halt::stop(
                Status::Failed,
                Failure::runtime(format!(
                    "The execution reached the maximum number of history events ({}).",
                    limits::MAX_HISTORY_EVENTS
                )),
            ));
        }
        self.check_deadline(frame)
    }

    fn check_deadline(&self, frame: &mut Frame) -> Result<(), Halt> {
        if frame.clock > self.deadline {
            frame.clock = self.deadline;
            return Err(Halt::stop(
                Status::TimedOut,
                Failure::new("States.Timeout", "The execution timed out."),
            ));
        }
        Ok(())
    }

    fn run_scope(&mut self, scope: usize, input: Value, frame: &mut Frame) -> Result<Value, Halt> {
        self.run_scope_sized(scope, input, frame)
            .map(|(output, _)| output)
    }

    /// [`run_scope`](Self::run_scope), also returning an upper bound of the output's size
    /// estimate when one is known.
    fn run_scope_sized(
        &mut self,
        scope: usize,
        // The scope's input, then each state's, which the state turns into its output in place
        // (a JSON value is large enough, with an order-preserving map inside, that every move
        // of it counts).
        mut value: Value,
        frame: &mut Frame,
    ) -> Result<(Value, Option<usize>), Halt> {
        let program = self.program();
        let mut idx = program.scopes[scope].start;
        // An upper bound of `value`'s size estimate, when known.
        let mut size = None;
        loop {
            self.step(frame)?;
            let st = &program.states[idx];
            let (entered, exited) = st.events;
            let id = self.rec.push(frame.prev, frame.clock, entered, || {
                EventDetails::StateEntered {
                    name: st.name.clone(),
                    input: value.clone(),
                }
            });
            frame.prev = id;
            frame.entered_at = frame.clock;
            frame.entered_id = id;
            self.input_size = size;
            self.output_size = None;
            let next = self.state(idx, &mut value, frame)?;
            let known = self.output_size.take();
            size = if st.can_grow {
                limits::check_payload_sized(&value, known, || {
                    format!("the output of state '{}'", st.name)
                })
                .map_err(Halt::error)?
            } else if st.jsonata {
                None
            } else {
                // Choice, Wait, Succeed, Fail: the output is the input through the two paths.
                st.output_path.size_after(st.input_path.size_after(size))
            };
            if let Some(exited) = exited {
                frame.prev = self.rec.push(frame.prev, frame.clock, exited, || {
                    EventDetails::StateExited {
                        name: st.name.clone(),
                        output: value.clone(),
                    }
                });
            }
            match next {
                Some(n) => idx = n,
                None => return Ok((value, size)),
            }
        }
    }

    /// Runs one state: turns `io`, its input, into its output and returns the next state
    /// (`None`: the scope ends). On failure `io` is left in no particular state: the scope
    /// stops.
    fn state(
        &mut self,
        idx: usize,
        io: &mut Value,
        frame: &mut Frame,
    ) -> Result<Option<usize>, Halt> {
        let st = &self.program().states[idx];
        if st.jsonata && !matches!(st.def, State::Task(_) | State::Parallel(_) | State::Map(_)) {
            let (output, next) = self
                .jsonata_state(st, std::mem::take(io), frame)
                .map_err(|e| self.located(st, frame, e))?;
            *io = output;
            return Ok(next);
        }
        let result = match &st.def {
            State::Pass(p) => self.pass(st, p, io, frame).map(|()| st.next),
            State::Choice(_) => self.choice(st, io, frame).map(Some),
            State::Wait(w) => self.wait(st, w, io, frame).map(|()| st.next),
            State::Succeed(_) => self.succeed(st, io, frame).map(|()| None),
            State::Fail(f) => {
                let failure = self.fail(st, f, io, frame)?;
                return Err(Halt::error(failure));
            }
            State::Task(_) | State::Parallel(_) | State::Map(_) => {
                return self.with_retry(idx, io, frame);
            }
        };
        result.map_err(|e| self.located(st, frame, e))
    }

    /// AWS's prefix on evaluation errors: which state, entered at which event.
    fn located(&self, st: &Compiled, frame: &Frame, halt: Halt) -> Halt {
        match halt {
            Halt::Eval(f) => Halt::error(Failure::new(
                &f.error,
                format!(
                    "An error occurred while executing the state '{}' (entered at the event id #{}). {}",
                    st.name, frame.entered_id, f.cause
                ),
            )),
            other => other,
        }
    }

    /// The Context Object for the current state, built only when the state reads it.
    #[inline]
    fn context(
        &self,
        st: &Compiled,
        frame: &Frame,
        retry_count: u32,
        token: Option<&str>,
    ) -> Value {
        if !st.needs_context {
            return Value::Null;
        }
        self.build_context(st, frame, retry_count, token)
    }

    // Kept out of line so that `context`, on every state, inlines to a flag test.
    #[inline(never)]
    fn build_context(
        &self,
        st: &Compiled,
        frame: &Frame,
        retry_count: u32,
        token: Option<&str>,
    ) -> Value {
        let mut ctx = json!({
            "Execution": {
                "Id": self.opts.execution_arn(),
                "Input": self.execution_input,
                "Name": self.opts.name,
                "RoleArn": self.opts.role_arn,
                "StartTime": self.start.to_string(),
                "RedriveCount": 0,
            },
            "State": {
                "EnteredTime": frame.entered_at.to_string(),
                "Name": st.name,
                "RetryCount": retry_count,
            },
            "StateMachine": {
                "Id": self.opts.state_machine_arn(),
                "Name": self.opts.state_machine_name,
            },
        });
        if let Some(token) = token {
            ctx["Task"] = json!({"Token": token});
        }
        ctx
    }

    fn scope<'a>(&'a self, input: &'a Value, context: &'a Value, frame: &'a Frame) -> Scope<'a> {
        Scope {
            input,
            context,
            variables: &frame.vars,
            rng: &self.rng,
        }
    }

    /// InputPath/OutputPath; `$` (most states) is inlined at the call site.
    #[inline]
    fn apply_path<'v>(
        &self,
        spec: &PathSpec,
        value: Cow<'v, Value>,
        context: &Value,
        frame: &Frame,
    ) -> Result<Cow<'v, Value>, Failure> {
        match spec {
            PathSpec::Identity => Ok(value),
            _ => self
                .select_path(spec, &value, context, frame)
                .map(Cow::Owned),
        }
    }

    fn select_path(
        &self,
        spec: &PathSpec,
        value: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Value, Failure> {
        match spec {
            PathSpec::Identity => Ok(value.clone()),
            PathSpec::Empty => Ok(Value::Object(Map::new())),
            PathSpec::Select(path) => path.select(&self.scope(value, context, frame)),
        }
    }

    /// Evaluates a JSONPath `Assign` with `$` bound to `dollar`; the caller applies the result.
    fn assign_jsonpath(
        &self,
        assign: Option<&Template>,
        dollar: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Option<Map<String, Value>>, Failure> {
        let Some(assign) = assign else {
            return Ok(None);
        };
        match assign.evaluate(&self.scope(dollar, context, frame))? {
            Value::Object(vars) => Ok(Some(vars)),
            _ => Ok(None),
        }
    }

    /// InputPath/OutputPath applied to `value` in place; nothing to do for `$`.
    #[inline]
    fn apply_path_in_place(
        &self,
        spec: &PathSpec,
        value: &mut Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<(), Failure> {
        if !matches!(spec, PathSpec::Identity) {
            *value = self.select_path(spec, value, context, frame)?;
        }
        Ok(())
    }

    /// `OutputPath(InputPath(raw))`, in place: copies nothing when both are `$`.
    fn io_output(
        &self,
        st: &Compiled,
        raw: &mut Value,
        ctx: &Value,
        frame: &Frame,
    ) -> Result<(), Failure> {
        self.apply_path_in_place(&st.input_path, raw, ctx, frame)?;
        self.apply_path_in_place(&st.output_path, raw, ctx, frame)
    }

    /// A Pass state, turning `raw` into its output in place.
    fn pass(
        &mut self,
        st: &Compiled,
        p: &PassState,
        raw: &mut Value,
        frame: &mut Frame,
    ) -> Result<(), Halt> {
        let raw_size = self.input_size;
        let ctx = self.context(st, frame, 0, None);
        if p.result.is_none()
            && st.templates.parameters.is_none()
            && matches!(st.result_path, ResultSpec::Replace)
        {
            // The result is the effective input and replaces the raw one: select it in place.
            self.apply_path_in_place(&st.input_path, raw, &ctx, frame)?;
            let vars = self.assign_jsonpath(st.templates.assign.as_ref(), raw, &ctx, frame)?;
            self.apply_path_in_place(&st.output_path, raw, &ctx, frame)?;
            apply_vars(frame, vars);
            self.output_size = st
                .output_path
                .size_after(st.input_path.size_after(raw_size));
            return Ok(());
        }
        if p.result.is_none()
            && st.templates.assign.is_none()
            && matches!(st.input_path, PathSpec::Identity)
            && st.result_path.has_slot(raw)
            && let Some(params) = &st.templates.parameters
            && let mut fields = Fields::default()
            && let Some(evaluated) =
                params.evaluate_fields(&self.scope(raw, &ctx, frame), &mut fields)
        {
            // `Parameters` into `$.name`: evaluated against the intact input, then stored in
            // place, reusing the object an earlier run of this state left there.
            evaluated?;
            let Some(slot) = st.result_path.slot(raw) else {
                unreachable!("`has_slot` said the result has a place in the input")
            };
            params.store(&mut fields, slot);
            let result_size = limits::estimate(slot);
            let size = st.result_path.size_after(raw_size, || result_size);
            self.apply_path_in_place(&st.output_path, raw, &ctx, frame)?;
            self.output_size = st.output_path.size_after(size);
            return Ok(());
        }
        let result = match (&p.result, &st.templates.parameters) {
            (Some(result), _) => result.clone(),
            (None, Some(params)) => {
                let eff = self.apply_path(&st.input_path, Cow::Borrowed(raw), &ctx, frame)?;
                params.evaluate(&self.scope(&eff, &ctx, frame))?
            }
            (None, None) => self
                .apply_path(&st.input_path, Cow::Borrowed(raw), &ctx, frame)?
                .into_owned(),
        };
        let vars = self.assign_jsonpath(st.templates.assign.as_ref(), &result, &ctx, frame)?;
        let size = st
            .result_path
            .size_after(raw_size, || match (&p.result, &p.parameters) {
                (None, None) => st.input_path.size_after(raw_size),
                (Some(_), _) => st.result_estimate,
                (None, Some(_)) => limits::estimate(&result),
            });
        st.result_path.apply_in_place(raw, result)?;
        self.apply_path_in_place(&st.output_path, raw, &ctx, frame)?;
        apply_vars(frame, vars);
        self.output_size = st.output_path.size_after(size);
        Ok(())
    }

    /// A Choice state: returns the next state, `raw` turned into the output in place.
    fn choice(&mut self, st: &Compiled, raw: &mut Value, frame: &mut Frame) -> Result<usize, Halt> {
        let ctx = self.context(st, frame, 0, None);
        let eff = self.apply_path(&st.input_path, Cow::Borrowed(raw), &ctx, frame)?;
        let mut chosen = None;
        let scope = self.scope(&eff, &ctx, frame);
        let mut lookup = |path: &PathExpr| path.select_optional(&scope);
        for (i, rule) in st.rules.iter().enumerate() {
            let Some(rule) = rule else {
                continue;
            };
            if rule.evaluate(&mut lookup)? {
                chosen = Some(i);
                break;
            }
        }
        let assign = match chosen {
            Some(i) => st.templates.choice_assign[i].as_ref(),
            None => st.templates.assign.as_ref(),
        };
        let vars = self.assign_jsonpath(assign, &eff, &ctx, frame)?;
        drop(eff);
        let next = match chosen {
            Some(i) => st.choice_next[i],
            None => st
                .default
                .ok_or_else(|| Failure::new("States.NoChoiceMatched", "No Matches!"))?,
        };
        self.io_output(st, raw, &ctx, frame)?;
        apply_vars(frame, vars);
        Ok(next)
    }

    fn wait(
        &mut self,
        st: &Compiled,
        w: &WaitState,
        raw: &mut Value,
        frame: &mut Frame,
    ) -> Result<(), Halt> {
        let ctx = self.context(st, frame, 0, None);
        let eff = self.apply_path(&st.input_path, Cow::Borrowed(raw), &ctx, frame)?;
        let until = match &w.duration {
            WaitDuration::Seconds(Expr::Literal(s)) => frame.clock.plus_millis(seconds_ms(*s)?),
            WaitDuration::Seconds(Expr::Jsonata(text)) => {
                return Err(Failure::runtime(format!(
                    "`Seconds` is a string (`{text}`) in a JSONPath state"
                ))
                .into());
            }
            WaitDuration::SecondsPath(path) => {
                let value = jsonpath::select(path, &self.scope(&eff, &ctx, frame))?;
                let seconds = match value.as_i64() {
                    Some(n) if n < 0 => {
                        return Err(Failure::runtime(format!(
                            "The SecondsPath parameter references a negative value: {path} == {n}"
                        ))
                        .into());
                    }
                    Some(n) => n as u64,
                    None => {
                        return Err(Failure::runtime(format!(
                            "The SecondsPath parameter does not reference a valid integer value: {path} == {value}, which cannot be parsed as a long value"
                        ))
                        .into());
                    }
                };
                frame.clock.plus_millis(seconds_ms(seconds)?)
            }
            WaitDuration::Timestamp(text) => Instant::parse_rfc3339(text).ok_or_else(|| {
                Failure::runtime(format!(
                    "The Timestamp '{text}' is not a valid RFC 3339 timestamp"
                ))
            })?,
            WaitDuration::TimestampPath(path) => {
                let value = jsonpath::select(path, &self.scope(&eff, &ctx, frame))?;
                value.as_str().and_then(Instant::parse_rfc3339).ok_or_else(|| {
                    Failure::runtime(format!(
                        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {value}"
                    ))
                })?
            }
        };
        let vars = self.assign_jsonpath(st.templates.assign.as_ref(), &eff, &ctx, frame)?;
        drop(eff);
        self.io_output(st, raw, &ctx, frame)?;
        self.sleep_until(frame, until)?;
        apply_vars(frame, vars);
        Ok(())
    }

    fn sleep_until(&self, frame: &mut Frame, until: Instant) -> Result<(), Halt> {
        if until.millis() - frame.clock.millis() > limits::MAX_WAIT_SECONDS * 1000 {
            return Err(Failure::runtime("Wait state delay is too long").into());
        }
        if until > frame.clock {
            frame.clock = until;
        }
        self.check_deadline(frame)
    }

    fn succeed(&mut self, st: &Compiled, raw: &mut Value, frame: &mut Frame) -> Result<(), Halt> {
        let ctx = self.context(st, frame, 0, None);
        Ok(self.io_output(st, raw, &ctx, frame)?)
    }

    fn fail(
        &mut self,
        st: &Compiled,
        f: &FailState,
        raw: &Value,
        frame: &mut Frame,
    ) -> Result<Failure, Halt> {
        let ctx = self.context(st, frame, 0, None);
        let scope = self.scope(raw, &ctx, frame);
        let field = |literal: &Option<String>,
                     path: &Option<String>,
                     name: &str|
         -> Result<String, Failure> {
            if let Some(text) = literal {
                return Ok(text.clone());
            }
            let Some(path) = path else {
                return Ok(String::new());
            };
            match template::evaluate_expression(name, path, &scope)? {
                Value::String(s) => Ok(s),
                other => Err(Failure::runtime(format!(
                    "The {name} field '{path}' must resolve to a string, but it resolved to {other}"
                ))),
            }
        };
        let located = |e: Failure| self.located(st, frame, Halt::Eval(Box::new(e)));
        let error = field(&f.error, &f.error_path, "ErrorPath").map_err(located)?;
        let cause = field(&f.cause, &f.cause_path, "CausePath").map_err(located)?;
        Ok(Failure { error, cause })
    }

    /// Task, Parallel and Map: attempts with Retry, then Catch.
    fn with_retry(
        &mut self,
        idx: usize,
        raw: &mut Value,
        frame: &mut Frame,
    ) -> Result<Option<usize>, Halt> {
        let st = &self.program().states[idx];
        let raw_size = self.input_size;
        let retriers = st.def.retry();
        let catchers = st.def.catch();
        let from_task = matches!(st.def, State::Task(_));
        // Attempts per retrier, allocated on the first retry only.
        let mut counts: Vec<u32> = Vec::new();
        let mut retry_count = 0u32;
        loop {
            let outcome = self
                .attempt(st, idx, raw, frame, retry_count)
                .and_then(|work| {
                    if st.jsonata {
                        *raw = self.jsonata_finish(st, work, frame)?;
                        Ok(())
                    } else {
                        self.finish(st, raw, raw_size, work, frame)
                    }
                })
                .map_err(|e| self.located(st, frame, e));
            let failure = match outcome {
                Ok(()) => return Ok(st.next),
                Err(Halt::Error(failure) | Halt::Eval(failure)) => *failure,
                Err(stop) => return Err(stop),
            };
            if let Some(i) = retriers
                .iter()
                .position(|r| retry::any_matches(&r.error_equals, &failure.error, from_task))
                && u64::from(counts.get(i).copied().unwrap_or(0))
                    < retry::max_attempts(&retriers[i])
            {
                counts.resize(retriers.len(), 0);
                let delay = retry::delay_seconds(&retriers[i], counts[i], || {
                    self.rng.borrow_mut().next_f64()
                });
                counts[i] += 1;
                retry_count += 1;
                frame.clock = frame.clock.plus_seconds(delay);
                self.step(frame)?;
                continue;
            }
            if let Some(i) = catchers
                .iter()
                .position(|c| retry::any_matches(&c.error_equals, &failure.error, from_task))
            {
                self.catch(st, i, raw, failure, frame)
                    .map_err(|e| self.located(st, frame, e))?;
                return Ok(Some(st.catch_next[i]));
            }
            return Err(Halt::error(failure));
        }
    }

    /// Catcher `index` caught `failure`: turns `raw` into the state's output in place.
    fn catch(
        &mut self,
        st: &Compiled,
        index: usize,
        raw: &mut Value,
        failure: Failure,
        frame: &mut Frame,
    ) -> Result<(), Halt> {
        if st.jsonata {
            *raw = self.jsonata_catch(st, index, raw, failure, frame)?;
            return Ok(());
        }
        let error_output = json!({"Error": failure.error, "Cause": failure.cause});
        let ctx = self.context(st, frame, 0, None);
        let vars = self.assign_jsonpath(
            st.templates.catch_assign[index].as_ref(),
            &error_output,
            &ctx,
            frame,
        )?;
        st.catch_result[index].apply_in_place(raw, error_output)?;
        apply_vars(frame, vars);
        Ok(())
    }

    fn attempt(
        &mut self,
        st: &Compiled,
        idx: usize,
        raw: &Value,
        frame: &mut Frame,
        retry_count: u32,
    ) -> Result<Work, Halt> {
        let result = match &st.def {
            _ if st.jsonata => self.jsonata_work(st, idx, raw, frame, retry_count),
            State::Task(t) => self.task(st, idx, t, raw, frame, retry_count),
            State::Parallel(_) => self.parallel(st, raw, frame, retry_count),
            State::Map(m) => self.map(st, idx, m, raw, frame, retry_count),
            _ => unreachable!("only Task, Parallel and Map states are retried"),
        };
        result.map_err(|e| self.located(st, frame, e))
    }

    /// Assign, ResultSelector, ResultPath and OutputPath after the work of a Task, Parallel or
    /// Map, turning `raw` into the output in place. When this fails with an error a Catch can
    /// handle, `raw` is unchanged (only `OutputPath` comes after the merge, and its errors are
    /// `States.Runtime`).
    fn finish(
        &mut self,
        st: &Compiled,
        raw: &mut Value,
        raw_size: Option<usize>,
        work: Work,
        frame: &mut Frame,
    ) -> Result<(), Halt> {
        let Work { result, ctx, size } = work;
        let vars = self.assign_jsonpath(st.templates.assign.as_ref(), &result, &ctx, frame)?;
        let (result, result_size) = match &st.templates.result_selector {
            Some(selector) => (selector.evaluate(&self.scope(&result, &ctx, frame))?, None),
            None => (result, size),
        };
        let size = st.result_path.size_after(raw_size, || {
            result_size.or_else(|| limits::estimate(&result))
        });
        st.result_path.apply_in_place(raw, result)?;
        self.apply_path_in_place(&st.output_path, raw, &ctx, frame)?;
        apply_vars(frame, vars);
        self.output_size = st.output_path.size_after(size);
        Ok(())
    }

    fn task(
        &mut self,
        st: &Compiled,
        idx: usize,
        t: &TaskState,
        raw: &Value,
        frame: &mut Frame,
        retry_count: u32,
    ) -> Result<Work, Halt> {
        let info = st.task_resource();
        let token = info.token.then(|| {
            self.tokens += 1;
            format!("{}-token-{}", self.opts.name, self.tokens)
        });
        let ctx = self.context(st, frame, retry_count, token.as_deref());
        let eff = self.apply_path(&st.input_path, Cow::Borrowed(raw), &ctx, frame)?;
        let timeout = self.seconds_field(
            t.timeout_seconds.as_ref(),
            t.timeout_seconds_path.as_deref(),
            "TimeoutSecondsPath",
            &eff,
            &ctx,
            frame,
        )?;
        let heartbeat = self.seconds_field(
            t.heartbeat_seconds.as_ref(),
            t.heartbeat_seconds_path.as_deref(),
            "HeartbeatSecondsPath",
            &eff,
            &ctx,
            frame,
        )?;
        let role_arn = match &t.credentials {
            Some(credentials) => Some(credentials::jsonpath_role_arn(
                credentials,
                &self.scope(&eff, &ctx, frame),
            )?),
            None => None,
        };
        let params = match &st.templates.parameters {
            Some(p) => {
                let params = p.evaluate(&self.scope(&eff, &ctx, frame))?;
                // A built input may be larger than the state's input, which was checked.
                limits::check_payload(&params, || format!("the input of state '{}'", st.name))?;
                Cow::Owned(params)
            }
            None => eff,
        };
        let (result, size) = self.invoke(
            st,
            idx,
            &params,
            token.as_deref(),
            retry_count,
            timeout,
            heartbeat,
            role_arn.as_deref(),
            frame,
        )?;
        Ok(Work { result, ctx, size })
    }

    /// `TimeoutSeconds`/`TimeoutSecondsPath` (or the heartbeat pair) as a number of seconds.
    fn seconds_field(
        &self,
        literal: Option<&Expr<u64>>,
        path: Option<&str>,
        field: &str,
        input: &Value,
        ctx: &Value,
        frame: &Frame,
    ) -> Result<Option<u64>, Failure> {
        if let Some(Expr::Literal(n)) = literal {
            return Ok(Some(*n));
        }
        let Some(path) = path else {
            return Ok(None);
        };
        let value = jsonpath::select(path, &self.scope(input, ctx, frame))?;
        match value.as_u64() {
            Some(n) if n > 0 => Ok(Some(n)),
            _ => Err(Failure::runtime(format!(
                "The {field} field refers to value \"{value}\" which is not a valid positive integer"
            ))),
        }
    }

    /// Calls the handler for a Task and records the task events; returns the result and, when
    /// it is small, its size estimate.
    #[allow(clippy::too_many_arguments, reason = "the call's inputs, all needed")]
    fn invoke(
        &mut self,
        st: &Compiled,
        idx: usize,
        params: &Value,
        token: Option<&str>,
        retry_count: u32,
        timeout: Option<u64>,
        heartbeat: Option<u64>,
        role_arn: Option<&str>,
        frame: &mut Frame,
    ) -> Result<(Value, Option<usize>), Halt> {
        let info = st.task_resource();
        let State::Task(t) = &st.def else {
            unreachable!("invoke is only called for Task states")
        };
        let [scheduled, started, succeeded, failed, timed_out] = match info.family {
            Family::Task => [
                EventType::TaskScheduled,
                EventType::TaskStarted,
                EventType::TaskSucceeded,
                EventType::TaskFailed,
                EventType::TaskTimedOut,
            ],
            Family::Lambda => [
                EventType::LambdaFunctionScheduled,
                EventType::LambdaFunctionStarted,
                EventType::LambdaFunctionSucceeded,
                EventType::LambdaFunctionFailed,
                EventType::LambdaFunctionTimedOut,
            ],
            Family::Activity => [
                EventType::ActivityScheduled,
                EventType::ActivityStarted,
                EventType::ActivitySucceeded,
                EventType::ActivityFailed,
                EventType::ActivityTimedOut,
            ],
        };
        let resource = || (info.resource_type.clone(), info.resource.clone());
        frame.prev = self.rec.push(frame.prev, frame.clock, scheduled, || {
            EventDetails::TaskScheduled {
                resource_type: info.resource_type.clone(),
                resource: info.resource.clone(),
                parameters: params.clone(),
                timeout_seconds: timeout,
                heartbeat_seconds: heartbeat,
                role_arn: role_arn.map(str::to_owned),
            }
        });
        frame.prev = self.rec.push(frame.prev, frame.clock, started, || {
            EventDetails::TaskStarted {
                resource_type: info.resource_type.clone(),
                resource: info.resource.clone(),
            }
        });
        let handler = self.executor.handler_for(idx);
        let invocation = self.invocations[idx];
        self.invocations[idx] += 1;
        let clock = TaskClock::default();
        let outcome = match handler {
            Some(handler) => handler.call(&TaskCall {
                state: &st.name,
                resource: &t.resource,
                input: params,
                invocation,
                retry_count,
                task_token: token,
                role_arn,
                clock: &clock,
            }),
            None => Err(crate::TaskError::new(
                "States.Runtime",
                format!(
                    "no handler for Task state `{}` (resource `{}`): give it one with Executor::handle, a mock file, or a fallback",
                    st.name, t.resource
                ),
            )),
        };
        // Virtual time: the task ran as long as its handler said, bounded by the timeout and by
        // the heartbeat interval.
        let elapsed = clock.elapsed_ms.get().max(0);
        let timeout_ms = i64::try_from(timeout.unwrap_or(limits::DEFAULT_TASK_TIMEOUT_SECONDS))
            .unwrap_or(i64::MAX / 1000)
            * 1000;
        let mut expiry: Option<(i64, &str)> = None;
        if let Some(hb) = heartbeat {
            let hb_ms = i64::try_from(hb).unwrap_or(i64::MAX / 1000) * 1000;
            let mut last = 0;
            for beat in clock
                .heartbeats_ms
                .borrow()
                .iter()
                .copied()
                .chain([elapsed])
            {
                if beat - last > hb_ms {
                    expiry = Some((last + hb_ms, "States.HeartbeatTimeout"));
                    break;
                }
                last = beat;
            }
        }
        if elapsed > timeout_ms && expiry.is_none_or(|(at, _)| at > timeout_ms) {
            expiry = Some((timeout_ms, "States.Timeout"));
        }
        if let Some((at, error)) = expiry {
            frame.clock = frame.clock.plus_millis(at);
            frame.prev = self.rec.push(frame.prev, frame.clock, timed_out, || {
                EventDetails::Failure {
                    error: error.to_owned(),
                    cause: String::new(),
                    resource: Some(resource()),
                }
            });
            return Err(Halt::error(Failure::new(error, "")));
        }
        frame.clock = frame.clock.plus_millis(elapsed);
        match outcome {
            Ok(result) => {
                let size = limits::check_payload_sized(&result, None, || format!("the result of state '{}'", st.name)).map_err(|_| {
                    Failure::new("States.DataLimitExceeded", format!("The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.", st.name))
                })?;
                frame.prev = self.rec.push(frame.prev, frame.clock, succeeded, || {
                    EventDetails::TaskSucceeded {
                        resource_type: info.resource_type.clone(),
                        resource: info.resource.clone(),
                        output: result.clone(),
                    }
                });
                Ok((result, size))
            }
            Err(e) => {
                frame.prev =
                    self.rec
                        .push(frame.prev, frame.clock, failed, || EventDetails::Failure {
                            error: e.error.clone(),
                            cause: e.cause.clone(),
                            resource: Some(resource()),
                        });
                Err(Halt::error(Failure::new(&e.error, e.cause)))
            }
        }
    }

    fn parallel(
        &mut self,
        st: &Compiled,
        raw: &Value,
        frame: &mut Frame,
        retry_count: u32,
    ) -> Result<Work, Halt> {
        let ctx = self.context(st, frame, retry_count, None);
        let eff = self.apply_path(&st.input_path, Cow::Borrowed(raw), &ctx, frame)?;
        let branch_input = match &st.templates.parameters {
            Some(params) => Cow::Owned(params.evaluate(&self.scope(&eff, &ctx, frame))?),
            None => eff,
        };
        let (results, size) = self.branches(st, branch_input, frame)?;
        Ok(Work {
            result: Value::Array(results),
            ctx,
            size,
        })
    }

    /// Runs every branch of a Parallel on `branch_input` and returns their outputs in order,
    /// with an upper bound of the size estimate of their array when every branch knows one.
    fn branches(
        &mut self,
        st: &Compiled,
        mut branch_input: Cow<'_, Value>,
        frame: &mut Frame,
    ) -> Result<(Vec<Value>, Option<usize>), Halt> {
        let program = self.program();
        let started = self.rec.push(
            frame.prev,
            frame.clock,
            EventType::ParallelStateStarted,
            || EventDetails::None,
        );
        frame.prev = started;
        let start = frame.clock;
        let mut end = start;
        let mut results = Vec::with_capacity(st.scopes.len());
        // The array's estimate: its brackets, and a comma and the estimate of every item.
        let mut size = Some(2usize);
        for (i, &scope) in st.scopes.iter().enumerate() {
            let first = &program.states[program.scopes[scope].start];
            let input = if first.ignores_input && !self.opts.history {
                // Nothing reads it and no history records it: skip the copy.
                Value::Null
            } else if i + 1 == st.scopes.len() {
                std::mem::replace(&mut branch_input, Cow::Owned(Value::Null)).into_owned()
            } else {
                branch_input.as_ref().clone()
            };
            let mut branch = Frame {
                vars: frame.vars.clone(),
                clock: start,
                prev: frame.prev,
                entered_at: start,
                entered_id: frame.entered_id,
            };
            match self.run_scope_sized(scope, input, &mut branch) {
                Ok((output, bound)) => {
                    size = size
                        .zip(bound)
                        .and_then(|(a, b)| a.checked_add(b)?.checked_add(1));
                    results.push(output);
                    end = end.max(branch.clock);
                    frame.prev = branch.prev;
                }
                Err(Halt::Error(failure) | Halt::Eval(failure)) => {
                    frame.clock = branch.clock;
                    frame.prev = self.rec.push(
                        branch.prev,
                        frame.clock,
                        EventType::ParallelStateFailed,
                        || EventDetails::Failure {
                            error: failure.error.clone(),
                            cause: failure.cause.clone(),
                            resource: None,
                        },
                    );
                    return Err(Halt::Error(failure));
                }
                Err(stop) => return Err(stop),
            }
        }
        frame.clock = end;
        frame.prev = self.rec.push(
            frame.prev,
            frame.clock,
            EventType::ParallelStateSucceeded,
            || EventDetails::None,
        );
        self.check_deadline(frame)?;
        Ok((results, size))
    }

    fn map(
        &mut self,
        st: &Compiled,
        idx: usize,
        m: &MapState,
        raw: &Value,
        frame: &mut Frame,
        retry_count: u32,
    ) -> Result<Work, Halt> {
        let ctx = self.context(st, frame, retry_count, None);
        let eff = self.apply_path(&st.input_path, Cow::Borrowed(raw), &ctx, frame)?;
        let items = match (&m.item_reader, &m.items_path) {
            (Some(reader), _) => {
                let params = match &reader.parameters {
                    Some(p) => template::evaluate_template(p, &self.scope(&eff, &ctx, frame))?,
                    None => Value::Object(Map::new()),
                };
                let max_items = self.reader_max_items(reader, &eff, &ctx, frame)?;
                self.read_items(st, idx, reader, &params, max_items, frame)?
            }
            (None, None) => eff.as_ref().clone(),
            (None, Some(path)) if path == "$" => eff.as_ref().clone(),
            (None, Some(path)) => jsonpath::select(path, &self.scope(&eff, &ctx, frame))?,
        };
        // An array, or (as AWS now allows) an object whose key-value pairs are the items; AWS's
        // recorded cause for anything else predates objects and still names only arrays.
        let items = MapItems::from_value(items).map_err(|_| {
            Failure::runtime(format!(
                "Reference path \"{}\" must point to array.",
                m.items_path.as_deref().unwrap_or("$")
            ))
        })?;
        let concurrency = self.map_concurrency(m, &eff, &ctx, frame)?;
        let tolerance = self.tolerance(m, &eff, &ctx, frame)?;
        let selector = m.item_selector.as_ref().or(m.parameters.as_ref());
        // Per-item input: ItemSelector sees $$.Map.Item.Index/Value (and Key for an object);
        // without one, the item (or the `{"Key", "Value"}` pair).
        let mut inputs = Vec::with_capacity(items.len());
        for (index, (key, item)) in items.into_entries().enumerate() {
            match selector {
                Some(selector) => {
                    let mut item_ctx = if ctx.is_null() {
                        self.context_always(st, frame, retry_count)
                    } else {
                        ctx.clone()
                    };
                    item_ctx["Map"] = map_items::item_context(index, key.as_deref(), item);
                    inputs.push(template::evaluate_template(
                        selector,
                        &self.scope(&eff, &item_ctx, frame),
                    )?);
                }
                None => inputs.push(map_items::default_input(key, item)),
            }
        }
        let inputs = self.batch(m, inputs, &eff, &ctx, frame)?;
        let writer = match &m.result_writer {
            Some(rw) => {
                let params = rw
                    .parameters
                    .as_ref()
                    .map(|p| template::evaluate_template(p, &self.scope(&eff, &ctx, frame)))
                    .transpose()?;
                Some(ResultWriter::new(rw, params)?)
            }
            None => None,
        };
        let result = self.run_map(st, m, inputs, concurrency, tolerance, writer, frame)?;
        Ok(Work {
            result,
            ctx,
            size: None,
        })
    }

    /// Runs the Map's processor on each input (`concurrency` slots in virtual time) and returns
    /// the outputs in item order; `runs`, when given, gets when each iteration ran and how it
    /// ended (for `ResultWriter`).
    #[allow(clippy::too_many_arguments, reason = "the Map's settings, all needed")]
    fn iterations(
        &mut self,
        st: &Compiled,
        m: &MapState,
        inputs: Vec<Value>,
        concurrency: usize,
        tolerance: Option<(Option<u64>, Option<f64>)>,
        mut runs: Option<&mut Vec<ChildRun>>,
        frame: &mut Frame,
    ) -> Result<Vec<Value>, Halt> {
        let length = inputs.len();
        frame.prev = self
            .rec
            .push(frame.prev, frame.clock, EventType::MapStateStarted, || {
                EventDetails::MapStateStarted { length }
            });
        let processor = st.scopes[0];
        let start = frame.clock;
        let mut slots: BinaryHeap<Reverse<Instant>> = BinaryHeap::new();
        let width = if concurrency == 0 {
            limits::INLINE_MAP_CONCURRENCY
        } else {
            concurrency
        };
        let width = if m.is_distributed() && concurrency == 0 {
            limits::DISTRIBUTED_MAP_CONCURRENCY
        } else {
            width
        };
        for _ in 0..width.min(length.max(1)) {
            slots.push(Reverse(start));
        }
        let mut end = start;
        let mut results = Vec::with_capacity(length);
        let mut failures = 0usize;
        for (index, input) in inputs.into_iter().enumerate() {
            let Reverse(slot) = slots.pop().unwrap_or(Reverse(start));
            let iteration_started =
                self.rec
                    .push(frame.prev, slot, EventType::MapIterationStarted, || {
                        EventDetails::MapIteration {
                            name: st.name.clone(),
                            index,
                        }
                    });
            let mut it = Frame {
                // Child executions of a distributed Map cannot read the parent's variables (the
                // validator rejects such reads; this keeps a run faithful regardless).
                vars: if m.is_distributed() {
                    Rc::default()
                } else {
                    frame.vars.clone()
                },
                clock: slot,
                prev: iteration_started,
                entered_at: slot,
                entered_id: frame.entered_id,
            };
            let outcome = self.run_scope(processor, input, &mut it);
            slots.push(Reverse(it.clock));
            end = end.max(it.clock);
            match outcome {
                Ok(output) => {
                    frame.prev =
                        self.rec
                            .push(it.prev, it.clock, EventType::MapIterationSucceeded, || {
                                EventDetails::MapIteration {
                                    name: st.name.clone(),
                                    index,
                                }
                            });
                    if let Some(runs) = runs.as_deref_mut() {
                        runs.push(ChildRun {
                            start: slot,
                            stop: it.clock,
                            failure: None,
                        });
                    }
                    results.push(output);
                }
                Err(Halt::Error(failure) | Halt::Eval(failure)) => {
                    frame.prev =
                        self.rec
                            .push(it.prev, it.clock, EventType::MapIterationFailed, || {
                                EventDetails::MapIteration {
                                    name: st.name.clone(),
                                    index,
                                }
                            });
                    failures += 1;
                    let failure = match tolerance {
                        Some((count, percentage)) => {
                            let over_count = count.is_some_and(|c| failures as u64 > c);
                            let over_pct = percentage
                                .is_some_and(|p| failures as f64 * 100.0 / length as f64 > p);
                            let none_set = count.is_none() && percentage.is_none();
                            if !(over_count || over_pct || none_set) {
                                results
                                    .push(json!({"Error": failure.error, "Cause": failure.cause}));
                                if let Some(runs) = runs.as_deref_mut() {
                                    runs.push(ChildRun {
                                        start: slot,
                                        stop: it.clock,
                                        failure: Some(*failure),
                                    });
                                }
                                continue;
                            }
                            Failure::new(
                                "States.ExceedToleratedFailureThreshold",
                                "The specified tolerated failure threshold was exceeded",
                            )
                        }
                        None => *failure,
                    };
                    frame.clock = end;
                    frame.prev =
                        self.rec
                            .push(frame.prev, frame.clock, EventType::MapStateFailed, || {
                                EventDetails::None
                            });
                    return Err(Halt::error(failure));
                }
                Err(stop) => return Err(stop),
            }
        }
        frame.clock = end;
        frame.prev = self.rec.push(
            frame.prev,
            frame.clock,
            EventType::MapStateSucceeded,
            || EventDetails::None,
        );
        self.check_deadline(frame)?;
        Ok(results)
    }

    /// A distributed Map's `ItemReader`: the handler registered for the reader's `Resource`
    /// (e.g. `arn:aws:states:::s3:getObject`) gets the reader's parameters and returns the
    /// items, an array (or an object, iterated by key-value pair); without a handler, an
    /// `s3:getObject` reader reads its object from the executor's in-memory S3. `MaxItems` caps
    /// how many are used (`max_items`, evaluated by the caller).
    fn read_items(
        &mut self,
        st: &Compiled,
        idx: usize,
        reader: &sfn_asl::ItemReader,
        params: &Value,
        max_items: Option<u64>,
        frame: &mut Frame,
    ) -> Result<Value, Halt> {
        let Some(handler) = self.executor.handler_by_key(&reader.resource) else {
            let items = map_items::read_object(self.executor.s3(), &st.name, reader, params)?;
            return cap_items(reader, items, max_items);
        };
        let invocation = self.invocations[idx];
        self.invocations[idx] += 1;
        let clock = TaskClock::default();
        let items = handler
            .call(&TaskCall {
                state: &st.name,
                resource: &reader.resource,
                input: params,
                invocation,
                retry_count: 0,
                task_token: None,
                role_arn: None,
                clock: &clock,
            })
            .map_err(|e| Halt::error(Failure::new(&e.error, e.cause)))?;
        frame.clock = frame.clock.plus_millis(clock.elapsed_ms.get().max(0));
        cap_items(reader, items, max_items)
    }

    /// `ReaderConfig.MaxItems` (a literal) or `MaxItemsPath` (a JSONPath on the effective
    /// input) in a JSONPath state.
    fn reader_max_items(
        &self,
        reader: &sfn_asl::ItemReader,
        eff: &Value,
        ctx: &Value,
        frame: &Frame,
    ) -> Result<Option<u64>, Failure> {
        let Some(config) = &reader.reader_config else {
            return Ok(None);
        };
        if let Some(Expr::Literal(n)) = &config.max_items {
            return Ok(Some(*n));
        }
        let Some(path) = &config.max_items_path else {
            return Ok(None);
        };
        let value = jsonpath::select(path, &self.scope(eff, ctx, frame))?;
        match value.as_i64() {
            Some(n) if n <= 0 => Err(Failure::new(
                "States.ItemReaderFailed",
                "field MaxItems must be positive",
            )),
            Some(n) => Ok(Some(n as u64)),
            None => Err(Failure::runtime(format!(
                "The MaxItemsPath field refers to value \"{value}\" which is not a valid integer"
            ))),
        }
    }

    fn context_always(&self, st: &Compiled, frame: &Frame, retry_count: u32) -> Value {
        let mut ctx = json!({});
        if let Value::Object(map) = &mut ctx {
            map.insert("Execution".into(), json!({
                "Id": self.opts.execution_arn(), "Input": self.execution_input, "Name": self.opts.name,
                "RoleArn": self.opts.role_arn, "StartTime": self.start.to_string(), "RedriveCount": 0,
            }));
            map.insert("State".into(), json!({"EnteredTime": frame.entered_at.to_string(), "Name": st.name, "RetryCount": retry_count}));
            map.insert(
                "StateMachine".into(),
                json!({"Id": self.opts.state_machine_arn(), "Name": self.opts.state_machine_name}),
            );
        }
        ctx
    }

    fn map_concurrency(
        &self,
        m: &MapState,
        eff: &Value,
        ctx: &Value,
        frame: &Frame,
    ) -> Result<usize, Failure> {
        if let Some(Expr::Literal(n)) = &m.max_concurrency {
            return Ok(usize::try_from(*n).unwrap_or(usize::MAX));
        }
        let Some(path) = &m.max_concurrency_path else {
            return Ok(0);
        };
        let value = jsonpath::select(path, &self.scope(eff, ctx, frame))?;
        value.as_u64().map(|n| usize::try_from(n).unwrap_or(usize::MAX)).ok_or_else(|| {
            Failure::runtime(format!("The MaxConcurrencyPath field refers to value \"{value}\" which is not a valid integer"))
        })
    }

    /// `(ToleratedFailureCount, ToleratedFailurePercentage)` when either is set.
    #[allow(
        clippy::type_complexity,
        reason = "a private pair of optional thresholds"
    )]
    fn tolerance(
        &self,
        m: &MapState,
        eff: &Value,
        ctx: &Value,
        frame: &Frame,
    ) -> Result<Option<(Option<u64>, Option<f64>)>, Failure> {
        let count = match (&m.tolerated_failure_count, &m.tolerated_failure_count_path) {
            (Some(Expr::Literal(n)), _) => Some(*n),
            (_, Some(path)) => {
                let value = jsonpath::select(path, &self.scope(eff, ctx, frame))?;
                match value.as_i64() {
                    Some(n) if n < 0 => {
                        return Err(Failure::runtime(
                            "ToleratedFailureCount cannot be negative.",
                        ));
                    }
                    Some(n) => Some(n as u64),
                    None => {
                        return Err(Failure::runtime(format!(
                            "The ToleratedFailureCountPath field refers to value \"{value}\" which is not a valid integer"
                        )));
                    }
                }
            }
            _ => None,
        };
        let percentage = match (
            &m.tolerated_failure_percentage,
            &m.tolerated_failure_percentage_path,
        ) {
            (Some(Expr::Literal(p)), _) => Some(*p),
            (_, Some(path)) => {
                let value = jsonpath::select(path, &self.scope(eff, ctx, frame))?;
                match value.as_f64() {
                    Some(p) if (0.0..=100.0).contains(&p) => Some(p),
                    _ => {
                        return Err(Failure::runtime(format!(
                            "The ToleratedFailurePercentagePath field refers to value \"{value}\" which is not a valid percentage"
                        )));
                    }
                }
            }
            _ => None,
        };
        Ok((count.is_some() || percentage.is_some()).then_some((count, percentage)))
    }

    /// `ItemBatcher`: groups items into `{"Items": [...], "BatchInput": ...}`.
    fn batch(
        &self,
        m: &MapState,
        inputs: Vec<Value>,
        eff: &Value,
        ctx: &Value,
        frame: &Frame,
    ) -> Result<Vec<Value>, Failure> {
        let Some(batcher) = &m.item_batcher else {
            return Ok(inputs);
        };
        let max_items = match (
            &batcher.max_items_per_batch,
            &batcher.max_items_per_batch_path,
        ) {
            (Some(Expr::Literal(n)), _) => Some(*n),
            (_, Some(path)) => Some(
                jsonpath::select(path, &self.scope(eff, ctx, frame))?
                    .as_u64()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        Failure::runtime("MaxItemsPerBatchPath must refer to a positive integer")
                    })?,
            ),
            _ => None,
        };
        let max_bytes = match (
            &batcher.max_input_bytes_per_batch,
            &batcher.max_input_bytes_per_batch_path,
        ) {
            (Some(Expr::Literal(n)), _) => Some(*n),
            (_, Some(path)) => Some(
                jsonpath::select(path, &self.scope(eff, ctx, frame))?
                    .as_u64()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        Failure::runtime(
                            "MaxInputBytesPerBatchPath must refer to a positive integer",
                        )
                    })?,
            ),
            _ => None,
        };
        let batch_input = match &batcher.batch_input {
            Some(t) => Some(template::evaluate_template(
                t,
                &self.scope(eff, ctx, frame),
            )?),
            None => None,
        };
        Ok(group_batches(
            inputs,
            max_items,
            max_bytes,
            batch_input.as_ref(),
        ))
    }
}

/// Checks what an ItemReader read (an array, or an object iterated by key-value pair, as AWS
/// reads a JSON file whose top level is an object) and keeps `max_items` of it.
fn cap_items(
    reader: &sfn_asl::ItemReader,
    items: Value,
    max_items: Option<u64>,
) -> Result<Value, Halt> {
    let mut items = MapItems::from_value(items).map_err(|other| {
        Halt::error(Failure::new(
            "States.ItemReaderFailed",
            format!(
                "the items read by the ItemReader `{}` must be an array (or an object), not {}",
                reader.resource,
                crate::eval::compact(&other)
            ),
        ))
    })?;
    if let Some(max) = max_items {
        items.truncate(usize::try_from(max).unwrap_or(usize::MAX));
    }
    Ok(items.into_value())
}

/// Groups the items into `{"Items": [...], "BatchInput": ...}` batches of at most `max_items`
/// items and `max_bytes` bytes (a single larger item still gets its own batch).
pub(super) fn group_batches(
    inputs: Vec<Value>,
    max_items: Option<u64>,
    max_bytes: Option<u64>,
    batch_input: Option<&Value>,
) -> Vec<Value> {
    let mut batches = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut bytes = 0u64;
    for item in inputs {
        let size = item.to_string().len() as u64;
        let full_items = max_items.is_some_and(|n| current.len() as u64 >= n);
        let full_bytes = max_bytes.is_some_and(|n| !current.is_empty() && bytes + size > n);
        if full_items || full_bytes {
            batches.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += size;
        current.push(item);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
        .into_iter()
        .map(|items| {
            let mut batch = Map::new();
            batch.insert("Items".into(), Value::Array(items));
            if let Some(input) = batch_input {
                batch.insert("BatchInput".into(), input.clone());
            }
            Value::Object(batch)
        })
        .collect()
}

/// Assigns `vars` (from `Assign`) in `frame`; inlined to a test when the state assigns none.
#[inline]
fn apply_vars(frame: &mut Frame, vars: Option<Map<String, Value>>) {
    if let Some(vars) = vars {
        assign_vars(frame, vars);
    }
}

fn assign_vars(frame: &mut Frame, vars: Map<String, Value>) {
    if !vars.is_empty() {
        let own = Rc::make_mut(&mut frame.vars);
        for (k, v) in vars {
            own.insert(k, v);
        }
    }
}

fn seconds_ms(seconds: u64) -> Result<i64, Failure> {
    if seconds > limits::MAX_WAIT_SECONDS as u64 {
        return Err(Failure::runtime("Wait state delay is too long"));
    }
    Ok(seconds as i64 * 1000)
}

mod credentials;
mod jsonata_pipeline;
mod map_items;
mod result_writer;

#[cfg(test)]
mod credentials_tests;
#[cfg(test)]
mod map_tests;
#[cfg(test)]
mod tests;
