//! The machine compiled once per [`Executor`](crate::Executor): states indexed, transitions
//! resolved to indices, paths parsed, resources classified. Per-execution work then touches no
//! name lookups and parses nothing.

use indexmap::IndexMap;
use serde_json::{Map, Value};
use sfn_asl::{Branch, Condition, PathOrNull, QueryLanguage, State, StateMachine, Transition};

use crate::choice::Rule;
use crate::history::EventType;
use crate::io::ResultSpec;
use crate::jsonpath::{CompiledPath, PathExpr};
use crate::template::Template;

/// Why a machine cannot be run.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// The definition is not valid ASL JSON.
    #[error(transparent)]
    Parse(#[from] sfn_asl::ParseError),
    /// The definition breaks a rule AWS checks at creation.
    #[error("the state machine is invalid:\n{0}")]
    Invalid(sfn_asl::Diagnostics),
    /// A path in the definition does not parse.
    #[error("state `{state}`: `{field}` is not a valid path: {message}")]
    Path {
        /// The state.
        state: String,
        /// The field, e.g. `InputPath`.
        field: &'static str,
        /// Why.
        message: String,
    },
    /// A transition names a state that is not in its scope.
    #[error("state `{state}`: `{target}` is not a state of its scope")]
    UnknownTarget {
        /// The state holding the transition.
        state: String,
        /// The missing target.
        target: String,
    },
}

/// InputPath / OutputPath, ready to apply.
#[derive(Debug, Clone)]
pub(crate) enum PathSpec {
    /// Absent or `$`: the value itself.
    Identity,
    /// `null`: `{}`.
    Empty,
    /// A path to select.
    /// (Boxed: most states have no such path, and a small `Compiled` keeps a long machine's
    /// hot fields in fewer cache lines.)
    Select(Box<CompiledPath>),
}

impl PathSpec {
    /// An upper bound of the size estimate ([`crate::limits::estimate`]) of the selection,
    /// from a bound of the value's; `None` when unknown (a path may select more than it reads,
    /// e.g. `$..x` or `.length()`).
    pub(crate) fn size_after(&self, value: Option<usize>) -> Option<usize> {
        match self {
            PathSpec::Identity => value,
            PathSpec::Empty => Some(2),
            PathSpec::Select(_) => None,
        }
    }
}

/// How a Task's `Resource` is reported in the history and which patterns it uses.
#[derive(Debug, Clone)]
pub(crate) struct ResourceInfo {
    /// `Lambda…`, `Activity…` or `Task…` events.
    pub(crate) family: Family,
    /// `resourceType` (e.g. `lambda`, `aws-sdk:s3`).
    pub(crate) resource_type: String,
    /// `resource` (e.g. `invoke`, `invoke.waitForTaskToken`).
    pub(crate) resource: String,
    /// `.sync` or `.sync:2`.
    pub(crate) sync: bool,
    /// `.waitForTaskToken` or an activity: the handler gets a task token.
    pub(crate) token: bool,
}

/// The event family of a Task's resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Task,
    Lambda,
    Activity,
}

impl ResourceInfo {
    pub(crate) fn classify(arn: &str) -> ResourceInfo {
        let parts: Vec<&str> = arn.splitn(7, ':').collect();
        let service = parts.get(2).copied().unwrap_or("");
        if service == "lambda" && parts.get(5) == Some(&"function") {
            return ResourceInfo {
                family: Family::Lambda,
                resource_type: "lambda".into(),
                resource: arn.into(),
                sync: false,
                token: false,
            };
        }
        if service == "states" && parts.get(5).is_some_and(|p| p.starts_with("activity")) {
            return ResourceInfo {
                family: Family::Activity,
                resource_type: "activity".into(),
                resource: arn.into(),
                sync: false,
                token: true,
            };
        }
        // arn:aws:states:::SERVICE:ACTION[.suffix] or arn:aws:states:::aws-sdk:SERVICE:ACTION
        let tail = if parts.len() == 7 { parts[6] } else { "" };
        let (resource_type, resource) = match parts.get(5).copied() {
            Some("aws-sdk") => match tail.split_once(':') {
                Some((svc, action)) => (format!("aws-sdk:{svc}"), action.to_owned()),
                None => ("aws-sdk".to_owned(), tail.to_owned()),
            },
            Some(svc) => (svc.to_owned(), tail.to_owned()),
            None => (service.to_owned(), arn.to_owned()),
        };
        let suffix = resource.split_once('.').map(|(_, s)| s).unwrap_or("");
        ResourceInfo {
            family: Family::Task,
            sync: suffix == "sync" || suffix.starts_with("sync:"),
            token: suffix == "waitForTaskToken",
            resource_type,
            resource,
        }
    }
}

/// One state, compiled.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub(crate) name: String,
    pub(crate) def: State,
    pub(crate) jsonata: bool,
    /// Whether any field mentions the Context Object (`$$` or `$states`), so it must be built.
    pub(crate) needs_context: bool,
    /// Whether the state's output never depends on its input (a Pass with a `Result` replacing
    /// it and nothing else reading it), so a branch can start without a copy of its input when
    /// no history is kept.
    pub(crate) ignores_input: bool,
    /// Whether the output can be larger than the input (Task, Pass, Parallel, Map), so its size
    /// is checked against the payload limit.
    pub(crate) can_grow: bool,
    /// The state's entered and exited event types (Fail has no exit event).
    pub(crate) events: (EventType, Option<EventType>),
    /// A Pass's `Result`: its size estimate ([`crate::limits::estimate`]), computed once.
    pub(crate) result_estimate: Option<usize>,
    pub(crate) next: Option<usize>,
    pub(crate) choice_next: Vec<usize>,
    pub(crate) default: Option<usize>,
    pub(crate) catch_next: Vec<usize>,
    /// Parallel branches, or the Map processor (one scope).
    pub(crate) scopes: Vec<usize>,
    pub(crate) input_path: PathSpec,
    pub(crate) output_path: PathSpec,
    /// `ResultPath` (Task, Pass, Parallel, Map).
    pub(crate) result_path: ResultSpec,
    /// Each Catcher's `ResultPath`.
    pub(crate) catch_result: Vec<ResultSpec>,
    /// (Boxed, like the paths and templates: a `Compiled` is read on every transition, and a
    /// smaller one keeps a long machine's hot fields in fewer cache lines.)
    pub(crate) resource: Option<Box<ResourceInfo>>,
    /// The JSONPath payload templates, compiled (absent in JSONata states).
    pub(crate) templates: Templates,
    /// A Choice's JSONPath rules, compiled (`None` for a JSONata `Condition`).
    pub(crate) rules: Vec<Option<Rule<PathExpr>>>,
}

impl Compiled {
    /// A Task's classified resource. Only for Task states: `Program::compile` classifies
    /// every Task's resource, and only Tasks'.
    pub(crate) fn task_resource(&self) -> &ResourceInfo {
        self.resource
            .as_deref()
            .expect("every compiled Task has its resource classified")
    }
}

/// A JSONPath state's payload templates, compiled once so a run parses no path or call.
#[derive(Debug, Default)]
pub(crate) struct Templates {
    /// `Parameters` of a Task, Pass or Parallel.
    pub(crate) parameters: Option<Template>,
    /// `ResultSelector` of a Task, Parallel or Map.
    pub(crate) result_selector: Option<Template>,
    /// The state's `Assign` (a Choice's `Default` one).
    pub(crate) assign: Option<Template>,
    /// Each Choice rule's `Assign`.
    pub(crate) choice_assign: Vec<Option<Template>>,
    /// Each Catcher's `Assign`.
    pub(crate) catch_assign: Vec<Option<Template>>,
}

impl Templates {
    fn compile(state: &State) -> Templates {
        let template = |value: Option<&Value>| value.map(Template::compile);
        let assign = |map: Option<&Map<String, Value>>| {
            map.map(|m| Template::compile(&Value::Object(m.clone())))
        };
        let (parameters, result_selector, own_assign) = match state {
            State::Task(t) => (
                t.parameters.as_ref(),
                t.result_selector.as_ref(),
                t.assign.as_ref(),
            ),
            State::Pass(p) => (p.parameters.as_ref(), None, p.assign.as_ref()),
            State::Parallel(p) => (
                p.parameters.as_ref(),
                p.result_selector.as_ref(),
                p.assign.as_ref(),
            ),
            State::Map(m) => (None, m.result_selector.as_ref(), m.assign.as_ref()),
            State::Choice(c) => (None, None, c.assign.as_ref()),
            State::Wait(w) => (None, None, w.assign.as_ref()),
            State::Succeed(_) | State::Fail(_) => (None, None, None),
        };
        Templates {
            parameters: template(parameters),
            result_selector: template(result_selector),
            assign: assign(own_assign),
            choice_assign: match state {
                State::Choice(c) => c
                    .choices
                    .iter()
                    .map(|r| assign(r.assign.as_ref()))
                    .collect(),
                _ => Vec::new(),
            },
            catch_assign: state
                .catch()
                .iter()
                .map(|c| assign(c.assign.as_ref()))
                .collect(),
        }
    }
}

/// The entered and exited event types of a state (Fail has no exit event).
fn event_types(state: &State) -> (EventType, Option<EventType>) {
    match state {
        State::Task(_) => (
            EventType::TaskStateEntered,
            Some(EventType::TaskStateExited),
        ),
        State::Pass(_) => (
            EventType::PassStateEntered,
            Some(EventType::PassStateExited),
        ),
        State::Choice(_) => (
            EventType::ChoiceStateEntered,
            Some(EventType::ChoiceStateExited),
        ),
        State::Wait(_) => (
            EventType::WaitStateEntered,
            Some(EventType::WaitStateExited),
        ),
        State::Succeed(_) => (
            EventType::SucceedStateEntered,
            Some(EventType::SucceedStateExited),
        ),
        State::Fail(_) => (EventType::FailStateEntered, None),
        State::Parallel(_) => (
            EventType::ParallelStateEntered,
            Some(EventType::ParallelStateExited),
        ),
        State::Map(_) => (EventType::MapStateEntered, Some(EventType::MapStateExited)),
    }
}

/// A scope: the states of the machine, a branch or a processor.
#[derive(Debug)]
pub(crate) struct ScopeInfo {
    pub(crate) start: usize,
}

/// The compiled machine.
#[derive(Debug)]
pub(crate) struct Program {
    pub(crate) machine: StateMachine,
    pub(crate) states: Vec<Compiled>,
    pub(crate) scopes: Vec<ScopeInfo>,
}

impl Program {
    pub(crate) fn compile(machine: &StateMachine) -> Result<Program, CompileError> {
        let diagnostics = sfn_asl::validate(machine);
        if diagnostics.errors().next().is_some() {
            return Err(CompileError::Invalid(diagnostics));
        }
        let mut program = Program {
            machine: machine.clone(),
            states: Vec::new(),
            scopes: Vec::new(),
        };
        let language = machine.effective_query_language();
        program.scope(machine.start_at.as_str(), &machine.states, language)?;
        Ok(program)
    }

    /// Compiles one scope and returns its id.
    fn scope(
        &mut self,
        start_at: &str,
        states: &sfn_asl::States,
        language: QueryLanguage,
    ) -> Result<usize, CompileError> {
        let id = self.scopes.len();
        self.scopes.push(ScopeInfo { start: 0 });
        let base = self.states.len();
        let index: IndexMap<&str, usize> = states
            .keys()
            .enumerate()
            .map(|(i, name)| (name.as_str(), base + i))
            .collect();
        let resolve = |state: &str, target: &str| {
            index
                .get(target)
                .copied()
                .ok_or_else(|| CompileError::UnknownTarget {
                    state: state.to_owned(),
                    target: target.to_owned(),
                })
        };
        self.scopes[id].start = resolve(start_at, start_at)?;
        // Reserve the slots first so nested scopes go after this one's states.
        let mut pending = Vec::new();
        for (name, state) in states {
            let name = name.as_str();
            let jsonata = state.query_language().unwrap_or(language) == QueryLanguage::Jsonata;
            let next = match state.transition() {
                Some(Transition::Next(n)) => Some(resolve(name, n.as_str())?),
                _ => None,
            };
            let (choice_next, default) = match state {
                State::Choice(c) => (
                    c.choices
                        .iter()
                        .map(|r| resolve(name, r.next.as_str()))
                        .collect::<Result<Vec<_>, _>>()?,
                    c.default
                        .as_ref()
                        .map(|d| resolve(name, d.as_str()))
                        .transpose()?,
                ),
                _ => (Vec::new(), None),
            };
            let catch_next = state
                .catch()
                .iter()
                .map(|c| resolve(name, c.next.as_str()))
                .collect::<Result<Vec<_>, _>>()?;
            let (input_path, output_path) = io_paths(state);
            let needs_context = mentions_context(state);
            let ignores_input = matches!(state, State::Pass(p) if p.result.is_some()
                && p.assign.is_none()
                && !jsonata
                && p.result_path.is_none()
                && p.output_path.is_none());
            let can_grow = matches!(
                state,
                State::Task(_) | State::Pass(_) | State::Parallel(_) | State::Map(_)
            );
            let compiled = Compiled {
                name: name.to_owned(),
                def: state.clone(),
                jsonata,
                needs_context,
                ignores_input,
                can_grow,
                events: event_types(state),
                result_estimate: match state {
                    State::Pass(p) => p.result.as_ref().and_then(crate::limits::estimate),
                    _ => None,
                },
                next,
                choice_next,
                default,
                catch_next,
                scopes: Vec::new(),
                input_path: path_spec(name, "InputPath", input_path)?,
                result_path: result_spec(name, "ResultPath", result_path(state))?,
                catch_result: state
                    .catch()
                    .iter()
                    .map(|c| result_spec(name, "Catch/ResultPath", c.result_path.as_ref()))
                    .collect::<Result<Vec<_>, _>>()?,
                output_path: path_spec(name, "OutputPath", output_path)?,
                resource: match state {
                    State::Task(t) => Some(Box::new(ResourceInfo::classify(&t.resource))),
                    _ => None,
                },
                templates: if jsonata {
                    Templates::default()
                } else {
                    Templates::compile(state)
                },
                rules: match state {
                    State::Choice(c) => c
                        .choices
                        .iter()
                        .map(|rule| match &rule.condition {
                            Condition::JsonPath(expr) => {
                                Some(Rule::compile(expr, &mut PathExpr::new))
                            }
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                },
            };
            self.states.push(compiled);
            pending.push(state);
        }
        for (i, state) in pending.into_iter().enumerate() {
            let nested: Vec<&Branch> = state.scopes().map(|(_, b)| b).collect();
            let mut ids = Vec::new();
            for branch in nested {
                // Nested states default to the machine's language, not the parent state's.
                let lang = branch
                    .query_language
                    .unwrap_or(self.machine.effective_query_language());
                ids.push(self.scope(branch.start_at.as_str(), &branch.states, lang)?);
            }
            self.states[base + i].scopes = ids;
        }
        Ok(id)
    }
}

fn io_paths(state: &State) -> (Option<&PathOrNull>, Option<&PathOrNull>) {
    match state {
        State::Task(s) => (s.input_path.as_ref(), s.output_path.as_ref()),
        State::Pass(s) => (s.input_path.as_ref(), s.output_path.as_ref()),
        State::Choice(s) => (s.input_path.as_ref(), s.output_path.as_ref()),
        State::Wait(s) => (s.input_path.as_ref(), s.output_path.as_ref()),
        State::Succeed(s) => (s.input_path.as_ref(), s.output_path.as_ref()),
        State::Parallel(s) => (s.input_path.as_ref(), s.output_path.as_ref()),
        State::Map(s) => (s.input_path.as_ref(), s.output_path.as_ref()),
        State::Fail(_) => (None, None),
    }
}

fn result_path(state: &State) -> Option<&PathOrNull> {
    match state {
        State::Task(s) => s.result_path.as_ref(),
        State::Pass(s) => s.result_path.as_ref(),
        State::Parallel(s) => s.result_path.as_ref(),
        State::Map(s) => s.result_path.as_ref(),
        _ => None,
    }
}

fn result_spec(
    state: &str,
    field: &'static str,
    path: Option<&PathOrNull>,
) -> Result<ResultSpec, CompileError> {
    ResultSpec::compile(path).map_err(|message| CompileError::Path {
        state: state.to_owned(),
        field,
        message,
    })
}

fn path_spec(
    state: &str,
    field: &'static str,
    path: Option<&PathOrNull>,
) -> Result<PathSpec, CompileError> {
    Ok(match path {
        None => PathSpec::Identity,
        Some(PathOrNull::Null) => PathSpec::Empty,
        Some(PathOrNull::Path(p)) if p == "$" => PathSpec::Identity,
        Some(PathOrNull::Path(p)) => {
            PathSpec::Select(Box::new(CompiledPath::parse(p).map_err(|e| {
                CompileError::Path {
                    state: state.to_owned(),
                    field,
                    message: e.cause,
                }
            })?))
        }
    })
}

/// Whether the state's own fields (not its nested scopes) mention `$$` or `$states`.
fn mentions_context(state: &State) -> bool {
    fn walk(value: &Value) -> bool {
        match value {
            Value::String(s) => s.contains("$$") || s.contains("$states"),
            Value::Array(items) => items.iter().any(walk),
            Value::Object(map) => map.iter().any(|(k, v)| {
                k != "Branches" && k != "ItemProcessor" && k != "Iterator" && walk(v)
            }),
            _ => false,
        }
    }
    let mut one = sfn_asl::States::default();
    one.insert("S".into(), state.clone());
    let machine = StateMachine::new("S", one);
    walk(&machine.to_value()["States"]["S"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optimized_integrations_split_service_and_action() {
        let r = ResourceInfo::classify("arn:aws:states:::lambda:invoke.waitForTaskToken");
        assert_eq!(r.resource_type, "lambda");
        assert_eq!(r.resource, "invoke.waitForTaskToken");
        assert!(r.token && !r.sync);
        let r = ResourceInfo::classify("arn:aws:states:::aws-sdk:s3:listBuckets");
        assert_eq!(
            (r.resource_type.as_str(), r.resource.as_str()),
            ("aws-sdk:s3", "listBuckets")
        );
        let r = ResourceInfo::classify("arn:aws:states:::states:startExecution.sync:2");
        assert!(r.sync);
    }

    #[test]
    fn lambda_function_arns_use_lambda_events() {
        let r = ResourceInfo::classify("arn:aws:lambda:us-east-1:123456789012:function:Step");
        assert_eq!(r.family, Family::Lambda);
    }
}
