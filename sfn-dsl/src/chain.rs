//! Chains: states laid out in order, each going to the next unless it says otherwise.

use serde_json::{Map, Value};
use sfn_asl::{Branch, Processor, QueryLanguage, State, StateName, States, Transition};

use crate::error::Problem;
use crate::handle::StateRef;
use crate::typed::{Declared, Placement, Slot, TaskTypes};

/// One state of a chain, with what is only settled when the scope is finished.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub(crate) name: StateName,
    pub(crate) state: State,
    /// The nested scopes: a Parallel's branches or a Map's processor, finished with the scope so
    /// they inherit its query language.
    pub(crate) scopes: Vec<crate::Branch>,
    /// Parameters a typed resource brings; they go into `Parameters` (JSONPath) or `Arguments`
    /// (JSONata) once the state's query language is known.
    pub(crate) resource_params: Option<Map<String, Value>>,
    /// A Task's typed input and output, rendered once the state's query language is known.
    pub(crate) declared: Option<Box<(Declared, Placement)>>,
}

impl Node {
    pub(crate) fn new(name: StateName, state: impl Into<State>) -> Self {
        Node {
            name,
            state: state.into(),
            scopes: Vec::new(),
            resource_params: None,
            declared: None,
        }
    }
}

/// States in order: each state that does not say where it goes continues with the next one.
///
/// A chain starts from any state builder's `.then(..)`, or from [`Chain::new`] in a loop. A
/// Choice's branches that do not end continue with whatever follows the Choice in the chain, so a
/// diamond needs no handles. A state with nothing after it ends its scope (`"End": true`).
///
/// The chain is flat (a list, never a tree of nested values), so a chain of 10,000 states is
/// built, moved and dropped without deep recursion.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let mut flow = Chain::new();
/// for i in 0..3 {
///     flow = flow.then(pass(format!("Step{i}")));
/// }
/// let workflow = Workflow::builder(flow).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"Step0","States":{"Step0":{"Type":"Pass","Next":"Step1"},"Step1":{"Type":"Pass","Next":"Step2"},"Step2":{"Type":"Pass","End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Chain {
    pub(crate) nodes: Vec<Node>,
    /// The states whose transition is still open: they go to whatever comes next.
    pub(crate) open: Vec<usize>,
    pub(crate) problems: Vec<Problem>,
}

/// Where a transition, a Choice rule or a Catch goes: a handle to a state defined elsewhere, or
/// a state (or chain) given by value, which is then laid out in the same scope.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let done = succeed("Done");
/// // A handle, a state by value, or a chain: each is a `Target`.
/// let by_handle: sfn_dsl::Target = (&done).into();
/// let by_value: sfn_dsl::Target = pass("Next").into();
/// # let _ = (by_handle, by_value);
/// ```
#[derive(Clone, Debug)]
pub struct Target(pub(crate) TargetKind);

#[derive(Clone, Debug)]
pub(crate) enum TargetKind {
    Ref(StateName),
    Chain(Chain),
}

impl From<StateRef> for Target {
    fn from(handle: StateRef) -> Self {
        Target(TargetKind::Ref(handle.name().clone()))
    }
}

impl From<&StateRef> for Target {
    fn from(handle: &StateRef) -> Self {
        Target(TargetKind::Ref(handle.name().clone()))
    }
}

impl From<Chain> for Target {
    fn from(chain: Chain) -> Self {
        Target(TargetKind::Chain(chain))
    }
}

impl Chain {
    /// An empty chain, to be extended with [`Chain::then`].
    ///
    /// ```
    /// let chain = sfn_dsl::Chain::new();
    /// assert!(chain.is_empty());
    /// ```
    pub fn new() -> Self {
        Chain::default()
    }

    /// The first state's name, unless the chain is empty.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let chain = pass("A").then(pass("B"));
    /// assert_eq!(chain.entry().map(|n| n.as_str()), Some("A"));
    /// ```
    pub fn entry(&self) -> Option<&StateName> {
        self.nodes.first().map(|n| &n.name)
    }

    /// The number of states laid out by this chain (nested scopes not counted).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// assert_eq!(pass("A").then(pass("B")).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the chain has no state.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// assert!(!Chain::new().then(pass("A")).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Continues with `next`: every open end of the chain goes to it. `next` is a state or chain
    /// (laid out after this one) or a handle (a jump, which closes the chain).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let flow = pass("A").then(pass("B")).then(succeed("C"));
    /// let workflow = Workflow::builder(flow).build()?;
    /// assert!(workflow.to_json().contains(r#""A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    #[must_use]
    pub fn then(mut self, next: impl Into<Target>) -> Chain {
        match next.into().0 {
            TargetKind::Ref(name) => {
                if self.nodes.is_empty() {
                    self.problems.push(Problem::EmptyChain {
                        context: format!("the chain before the jump to `{name}`"),
                    });
                }
                for i in std::mem::take(&mut self.open) {
                    set_next(&mut self.nodes[i].state, &name);
                }
            }
            TargetKind::Chain(next) => {
                let Some(entry) = next.entry().cloned() else {
                    self.problems.extend(next.problems);
                    return self;
                };
                for i in std::mem::take(&mut self.open) {
                    set_next(&mut self.nodes[i].state, &entry);
                }
                self.open = self.append(next);
            }
        }
        self
    }

    /// Adds `state` (and what it chains to) to this chain's scope without a transition into it:
    /// it is reached through its handle, like a shared Fail state that many Catches go to. The
    /// chain's open ends are unchanged; the added states' open ends end the scope.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let alert = pass("Alert");
    /// let flow = Chain::new().then(pass("Start").next(&alert)).state(alert);
    /// assert_eq!(flow.len(), 2);
    /// ```
    #[must_use]
    pub fn state(mut self, state: impl Into<Chain>) -> Chain {
        let _ended = self.append(state.into());
        self
    }

    /// Appends `other`'s states; returns its open ends, re-indexed.
    pub(crate) fn append(&mut self, other: Chain) -> Vec<usize> {
        let base = self.nodes.len();
        self.nodes.extend(other.nodes);
        self.problems.extend(other.problems);
        other.open.into_iter().map(|i| base + i).collect()
    }

    /// Lays out `target` in this chain's scope (when given by value) and returns the name it
    /// starts at, plus its open ends. `context` names the field for an empty chain.
    pub(crate) fn link(
        &mut self,
        target: Target,
        context: impl FnOnce() -> String,
    ) -> (StateName, Vec<usize>) {
        match target.0 {
            TargetKind::Ref(name) => (name, Vec::new()),
            TargetKind::Chain(chain) => match chain.entry().cloned() {
                Some(entry) => {
                    let open = self.append(chain);
                    (entry, open)
                }
                None => {
                    self.problems.extend(chain.problems);
                    self.problems
                        .push(Problem::EmptyChain { context: context() });
                    (StateName::from(""), Vec::new())
                }
            },
        }
    }

    /// A chain of one state.
    pub(crate) fn single(node: Node, open: bool, problems: Vec<Problem>) -> Chain {
        Chain {
            nodes: vec![node],
            open: if open { vec![0] } else { Vec::new() },
            problems,
        }
    }

    /// Settles the scope: nested scopes, resource parameters, and the `States` map; every open
    /// end is `End`. Builder-only checks (duplicate names, undefined handles) are recorded in
    /// `problems`; everything else is the validator's.
    pub(crate) fn finish(
        self,
        language: QueryLanguage,
        problems: &mut Vec<Problem>,
        types: &mut Vec<TaskTypes>,
    ) -> Option<(StateName, States)> {
        problems.extend(self.problems);
        let start = self.nodes.first()?.name.clone();
        let mut states = States::with_capacity(self.nodes.len());
        for node in self.nodes {
            let Node {
                name,
                mut state,
                scopes,
                resource_params,
                declared,
            } = node;
            let language = state.query_language().unwrap_or(language);
            if let Some(declared) = declared {
                let (declared, placement) = *declared;
                if let Some(t) =
                    place_declared(&name, &mut state, declared, &placement, language, problems)
                {
                    types.push(t);
                }
            }
            if let Some(params) = resource_params {
                merge_resource_params(&name, &mut state, params, language, problems);
            }
            if !scopes.is_empty() {
                let mut branches = Vec::with_capacity(scopes.len());
                for (i, scope) in scopes.into_iter().enumerate() {
                    let context = format!("branch {i} of `{name}`");
                    let crate::Branch {
                        chain,
                        comment,
                        query_language,
                    } = scope;
                    match chain.finish(language, problems, types) {
                        Some((start, states)) => branches.push(Branch {
                            comment,
                            query_language,
                            ..Branch::new(start, states)
                        }),
                        None => problems.push(Problem::EmptyChain { context }),
                    }
                }
                fill_scopes(&mut state, branches);
            }
            if states.contains_key(&name) {
                problems.push(Problem::DuplicateState { name });
            } else {
                states.insert(name, state);
            }
        }
        for (from, state) in &states {
            for (_, target) in state.targets() {
                if !states.contains_key(target) && !target.as_str().is_empty() {
                    problems.push(Problem::UndefinedState {
                        name: target.clone(),
                        from: from.clone(),
                    });
                }
            }
        }
        Some((start, states))
    }
}

/// Points an open state at `next`.
pub(crate) fn set_next(state: &mut State, next: &StateName) {
    let transition = match state {
        State::Task(s) => &mut s.transition,
        State::Pass(s) => &mut s.transition,
        State::Wait(s) => &mut s.transition,
        State::Parallel(s) => &mut s.transition,
        State::Map(s) => &mut s.transition,
        // Choice, Succeed and Fail are never open: they have no transition of their own.
        State::Choice(_) | State::Succeed(_) | State::Fail(_) => return,
    };
    *transition = Transition::Next(next.clone());
}

fn fill_scopes(state: &mut State, mut branches: Vec<Branch>) {
    match state {
        State::Parallel(p) => p.branches = branches,
        State::Map(m) => {
            if let Some(branch) = branches.pop() {
                match &mut m.processor {
                    Processor::ItemProcessor(p) => p.branch = branch,
                    Processor::Iterator(b) => *b = branch,
                }
            }
        }
        _ => {}
    }
}

fn merge_resource_params(
    name: &StateName,
    state: &mut State,
    params: Map<String, Value>,
    language: QueryLanguage,
    problems: &mut Vec<Problem>,
) {
    let State::Task(task) = state else { return };
    let (slot, field) = match language {
        QueryLanguage::JsonPath => (&mut task.parameters, "Parameters"),
        QueryLanguage::Jsonata => (&mut task.arguments, "Arguments"),
    };
    match slot {
        None => *slot = Some(Value::Object(params)),
        Some(Value::Object(user)) => {
            // The resource's parameters first, then the user's: a key the user sets wins, in
            // either form (`Payload` over the resource's `Payload.$` and the other way round).
            let mut merged = params;
            for k in user.keys() {
                let twin = match k.strip_suffix(".$") {
                    Some(plain) => plain.to_owned(),
                    None => format!("{k}.$"),
                };
                merged.shift_remove(&twin);
            }
            for (k, v) in std::mem::take(user) {
                merged.insert(k, v);
            }
            *user = merged;
        }
        Some(_) => problems.push(Problem::InvalidPayload {
            state: name.clone(),
            field,
            message: "the resource's parameters need an object here, not an expression".into(),
        }),
    }
}

/// Renders a Task's typed input into `Parameters`/`Arguments` and its result selection into
/// `ResultSelector`/`Output`, and a Map's typed item selection into `ItemSelector`, for
/// `language`; returns the types a Task declared.
fn place_declared(
    name: &StateName,
    state: &mut State,
    declared: Declared,
    placement: &Placement,
    language: QueryLanguage,
    problems: &mut Vec<Problem>,
) -> Option<TaskTypes> {
    let mut fail = |message: String| {
        problems.push(Problem::InvalidTemplate {
            state: name.clone(),
            message,
        });
    };
    if let (State::Map(map), Some(template)) = (&mut *state, &declared.item) {
        let mut messages = Vec::new();
        let value = crate::typed::render(template, language, Slot::Input, &[], &mut messages);
        for m in messages {
            fail(format!("`ItemSelector`: {m}"));
        }
        if map.item_selector.is_some() {
            fail("`ItemSelector` is set by hand and by `select_item`; keep one".to_owned());
        } else {
            map.item_selector = Some(value);
        }
    }
    let State::Task(task) = state else {
        return None;
    };
    let input_type = declared.input.as_ref().map(|(t, _)| *t);
    let types = TaskTypes::new(
        name.clone(),
        input_type,
        declared.output,
        placement.result_key,
    );
    if let Some((_, template)) = declared.input {
        let (slot, field) = match language {
            QueryLanguage::JsonPath => (&mut task.parameters, "Parameters"),
            QueryLanguage::Jsonata => (&mut task.arguments, "Arguments"),
        };
        let mut messages = Vec::new();
        let value = crate::typed::render(&template, language, Slot::Input, &[], &mut messages);
        let at = match placement.payload_key {
            Some(key) => format!("`{field}.{key}`"),
            None => format!("`{field}`"),
        };
        for m in messages {
            fail(format!("{at}: {m}"));
        }
        match placement.payload_key {
            None if slot.is_none() => *slot = Some(value),
            None => fail(format!(
                "{at} is set by hand and by the typed input; keep one"
            )),
            Some(key) => match slot.get_or_insert_with(|| Value::Object(Map::new())) {
                Value::Object(map) => {
                    if map.contains_key(key) || map.contains_key(&format!("{key}.$")) {
                        fail(format!(
                            "{at} is set by hand and by the typed input; keep one"
                        ));
                    } else {
                        map.insert(key.to_owned(), value);
                    }
                }
                _ => fail(format!(
                    "`{field}` is an expression, so the typed input cannot go under `{key}`"
                )),
            },
        }
    }
    if let Some((_, template)) = declared.select {
        let (slot, field) = match language {
            QueryLanguage::JsonPath => (&mut task.result_selector, "ResultSelector"),
            QueryLanguage::Jsonata => (&mut task.output, "Output"),
        };
        let prefix: Vec<&str> = placement.result_key.into_iter().collect();
        let mut messages = Vec::new();
        let value = crate::typed::render(&template, language, Slot::Result, &prefix, &mut messages);
        for m in messages {
            fail(format!("`{field}`: {m}"));
        }
        if slot.is_some() {
            fail(format!(
                "`{field}` is set by hand and by `select_result`; keep one"
            ));
        } else {
            *slot = Some(value);
        }
    }
    Some(types)
}

/// Lays out the Catch targets given by value and adds the rules to the chain's first state (a
/// Task, Parallel or Map). A handler chain's open ends end the scope.
pub(crate) fn add_catches(chain: &mut Chain, catches: Vec<crate::retry::Catch>) {
    let Some(first) = chain.nodes.first() else {
        return;
    };
    let name = first.name.clone();
    for rule in catches {
        let crate::retry::Catch {
            errors,
            mut fields,
            target,
        } = rule;
        if let Some(message) = fields.problem.take() {
            chain.problems.push(Problem::InvalidPayload {
                state: name.clone(),
                field: "Catch",
                message,
            });
        }
        let (next, _ended) = chain.link(target, || format!("the Catch target of `{name}`"));
        let catcher = fields.catcher(errors, next);
        match &mut chain.nodes[0].state {
            State::Task(s) => s.catch.push(catcher),
            State::Parallel(s) => s.catch.push(catcher),
            State::Map(s) => s.catch.push(catcher),
            _ => {}
        }
    }
}
