//! The Amazon States Language as Rust types.
//!
//! One type per ASL concept, named after it. Where ASL forbids a combination and the type system
//! can say so, it does: a state's transition is [`Transition::Next`] or [`Transition::End`], never
//! both; a Map has one [`Processor`]. What depends on values (ranges, paths, references) is the
//! validator's job, so a parsed definition always keeps what the user wrote.

mod branch;
mod choice;
mod fail;
mod io;
mod map;
mod parallel;
mod pass;
mod query_language;
mod retry;
mod succeed;
mod task;
mod transition;
mod wait;

use indexmap::IndexMap;

pub use branch::Branch;
pub use choice::{BoolExpr, ChoiceRule, ChoiceState, Comparison, ComparisonOperator, Condition};
pub use fail::FailState;
pub use io::{Expr, PathOrNull};
pub use map::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, ItemBatcher, ItemProcessor,
    ItemReader, ManifestType, MapState, Processor, ProcessorConfig, ProcessorMode, ReaderConfig,
    ResultWriter, WriterConfig,
};
pub use parallel::ParallelState;
pub use pass::PassState;
pub use query_language::QueryLanguage;
pub use retry::{Catcher, ErrorName, JitterStrategy, Retrier};
pub use succeed::SucceedState;
pub use task::TaskState;
pub use transition::Transition;
pub use wait::{WaitDuration, WaitState};

use crate::StateName;

/// The states of one scope (the machine, a Parallel branch or a Map processor), in the order they
/// were written.
pub type States = IndexMap<StateName, State>;

/// A whole state machine definition.
///
/// ```
/// use sfn_asl::StateMachine;
/// let machine: StateMachine = r#"{
///     "StartAt": "Hello",
///     "States": { "Hello": { "Type": "Pass", "End": true } }
/// }"#.parse()?;
/// assert_eq!(machine.start_at, "Hello");
/// assert_eq!(machine.to_json(), r#"{"StartAt":"Hello","States":{"Hello":{"Type":"Pass","End":true}}}"#);
/// # Ok::<(), sfn_asl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct StateMachine {
    /// `QueryLanguage`: the default for every state (JSONPath when absent).
    pub query_language: Option<QueryLanguage>,
    /// `Comment`.
    pub comment: Option<String>,
    /// `StartAt`: the first state.
    pub start_at: StateName,
    /// `States`.
    pub states: States,
    /// `TimeoutSeconds`: the execution's time limit.
    pub timeout_seconds: Option<u64>,
    /// `Version`: `"1.0"` when present.
    pub version: Option<String>,
}

impl StateMachine {
    /// A machine with these states, starting at `start_at`, and nothing else set.
    pub fn new(start_at: impl Into<StateName>, states: States) -> Self {
        StateMachine {
            query_language: None,
            comment: None,
            start_at: start_at.into(),
            states,
            timeout_seconds: None,
            version: None,
        }
    }

    /// The machine's query language (JSONPath unless `QueryLanguage` says otherwise).
    pub fn effective_query_language(&self) -> QueryLanguage {
        self.query_language.unwrap_or_default()
    }
}

/// One state. The variant is the state's `Type`.
///
/// Each variant is boxed: the state types range from a few dozen bytes to over a kilobyte, and a
/// `State` is moved through maps and builders, so a two-word handle keeps those moves and the
/// map of a large machine small. Build one with `From` (`TaskState { .. }.into()`); match
/// through the box as usual (`State::Task(task) => task.resource.as_str()`).
#[derive(Clone, Debug, PartialEq)]
pub enum State {
    /// `"Type": "Task"`.
    Task(Box<TaskState>),
    /// `"Type": "Pass"`.
    Pass(Box<PassState>),
    /// `"Type": "Choice"`.
    Choice(Box<ChoiceState>),
    /// `"Type": "Wait"`.
    Wait(Box<WaitState>),
    /// `"Type": "Succeed"`.
    Succeed(Box<SucceedState>),
    /// `"Type": "Fail"`.
    Fail(Box<FailState>),
    /// `"Type": "Parallel"`.
    Parallel(Box<ParallelState>),
    /// `"Type": "Map"`.
    Map(Box<MapState>),
}

impl State {
    /// The `Type` as ASL spells it.
    pub fn type_name(&self) -> &'static str {
        match self {
            State::Task(_) => "Task",
            State::Pass(_) => "Pass",
            State::Choice(_) => "Choice",
            State::Wait(_) => "Wait",
            State::Succeed(_) => "Succeed",
            State::Fail(_) => "Fail",
            State::Parallel(_) => "Parallel",
            State::Map(_) => "Map",
        }
    }

    /// The state's own `QueryLanguage`, if it sets one.
    pub fn query_language(&self) -> Option<QueryLanguage> {
        match self {
            State::Task(s) => s.query_language,
            State::Pass(s) => s.query_language,
            State::Choice(s) => s.query_language,
            State::Wait(s) => s.query_language,
            State::Succeed(s) => s.query_language,
            State::Fail(s) => s.query_language,
            State::Parallel(s) => s.query_language,
            State::Map(s) => s.query_language,
        }
    }

    /// The state's `Comment`.
    pub fn comment(&self) -> Option<&str> {
        match self {
            State::Task(s) => s.comment.as_deref(),
            State::Pass(s) => s.comment.as_deref(),
            State::Choice(s) => s.comment.as_deref(),
            State::Wait(s) => s.comment.as_deref(),
            State::Succeed(s) => s.comment.as_deref(),
            State::Fail(s) => s.comment.as_deref(),
            State::Parallel(s) => s.comment.as_deref(),
            State::Map(s) => s.comment.as_deref(),
        }
    }

    /// The `Next`/`End` of the states that have one (all but Choice, Succeed and Fail).
    pub fn transition(&self) -> Option<&Transition> {
        match self {
            State::Task(s) => Some(&s.transition),
            State::Pass(s) => Some(&s.transition),
            State::Wait(s) => Some(&s.transition),
            State::Parallel(s) => Some(&s.transition),
            State::Map(s) => Some(&s.transition),
            State::Choice(_) | State::Succeed(_) | State::Fail(_) => None,
        }
    }

    /// Every state this one can go to, in the order written, with the field that names it
    /// (`Next`, `Default`, `Choices/0/Next`, `Catch/1/Next`) as pointer tokens relative to the state.
    pub fn targets(&self) -> Vec<(Vec<String>, &StateName)> {
        let mut out = Vec::new();
        if let Some(Transition::Next(next)) = self.transition() {
            out.push((vec!["Next".to_owned()], next));
        }
        match self {
            State::Choice(c) => {
                for (i, rule) in c.choices.iter().enumerate() {
                    out.push((
                        vec!["Choices".into(), i.to_string(), "Next".into()],
                        &rule.next,
                    ));
                }
                if let Some(default) = &c.default {
                    out.push((vec!["Default".into()], default));
                }
            }
            State::Task(_) | State::Parallel(_) | State::Map(_) => {
                for (i, catcher) in self.catch().iter().enumerate() {
                    out.push((
                        vec!["Catch".into(), i.to_string(), "Next".into()],
                        &catcher.next,
                    ));
                }
            }
            _ => {}
        }
        out
    }

    /// Whether the execution (or branch) can end in this state: `End: true`, Succeed or Fail.
    pub fn is_terminal(&self) -> bool {
        match self {
            State::Succeed(_) | State::Fail(_) => true,
            State::Choice(_) => false,
            _ => self.transition() == Some(&Transition::End),
        }
    }

    /// The `Retry` list of a Task, Parallel or Map.
    pub fn retry(&self) -> &[Retrier] {
        match self {
            State::Task(s) => &s.retry,
            State::Parallel(s) => &s.retry,
            State::Map(s) => &s.retry,
            _ => &[],
        }
    }

    /// The `Catch` list of a Task, Parallel or Map.
    pub fn catch(&self) -> &[Catcher] {
        match self {
            State::Task(s) => &s.catch,
            State::Parallel(s) => &s.catch,
            State::Map(s) => &s.catch,
            _ => &[],
        }
    }

    /// The nested scopes of a Parallel (its branches) or Map (its processor), each with where
    /// it sits in the state.
    ///
    /// ```
    /// use sfn_asl::{Pointer, ScopeKey, State};
    /// let machine = sfn_asl::parse(r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
    ///     "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}]}}}"#)?;
    /// let (key, branch) = machine.states["P"].scopes().next().unwrap();
    /// assert_eq!(key, ScopeKey::Branch(0));
    /// assert_eq!(key.pointer(&Pointer::parse("/States/P").unwrap()).as_str(), "/States/P/Branches/0");
    /// assert_eq!(branch.start_at.as_str(), "A");
    /// # Ok::<(), sfn_asl::ParseError>(())
    /// ```
    pub fn scopes(&self) -> impl Iterator<Item = (ScopeKey, &Branch)> {
        let (branches, processor): (&[Branch], _) = match self {
            State::Parallel(p) => (&p.branches, None),
            State::Map(m) => (
                &[],
                Some(match &m.processor {
                    Processor::ItemProcessor(p) => (ScopeKey::ItemProcessor, &p.branch),
                    Processor::Iterator(b) => (ScopeKey::Iterator, b),
                }),
            ),
            _ => (&[], None),
        };
        branches
            .iter()
            .enumerate()
            .map(|(i, b)| (ScopeKey::Branch(i), b))
            .chain(processor)
    }
}

/// Where a nested scope sits in its Parallel or Map state: the JSON Pointer tokens
/// `Branches/<i>`, `ItemProcessor` or `Iterator` below the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKey {
    /// A Parallel state's branch, by index.
    Branch(usize),
    /// A Map state's `ItemProcessor`.
    ItemProcessor,
    /// A Map state's legacy `Iterator`.
    Iterator,
}

impl ScopeKey {
    /// The pointer of the scope, given the pointer of its state.
    pub fn pointer(self, state: &crate::Pointer) -> crate::Pointer {
        match self {
            ScopeKey::Branch(i) => state.field("Branches").index(i),
            ScopeKey::ItemProcessor => state.field("ItemProcessor"),
            ScopeKey::Iterator => state.field("Iterator"),
        }
    }

    /// Calls `f` with the scope's location below `state`'s, held on this stack frame.
    pub(crate) fn with_loc<R>(
        self,
        state: &crate::pointer::Loc<'_>,
        f: impl FnOnce(&crate::pointer::Loc<'_>) -> R,
    ) -> R {
        match self {
            ScopeKey::Branch(i) => {
                let branches = state.field("Branches");
                f(&branches.index(i))
            }
            ScopeKey::ItemProcessor => f(&state.field("ItemProcessor")),
            ScopeKey::Iterator => f(&state.field("Iterator")),
        }
    }
}

macro_rules! from_state {
    ($($ty:ident => $variant:ident),*) => {$(
        impl From<$ty> for State {
            fn from(state: $ty) -> Self {
                State::$variant(Box::new(state))
            }
        }
    )*};
}

from_state!(TaskState => Task, PassState => Pass, ChoiceState => Choice, WaitState => Wait,
    SucceedState => Succeed, FailState => Fail, ParallelState => Parallel, MapState => Map);
