//! Transition targets, reachability and terminal states, per scope; loops without an exit.

use std::collections::VecDeque;

use crate::model::{Catcher, States};
use crate::pointer::Loc;
use crate::{Code, Diagnostic, Pointer, State, StateMachine, StateName, Transition};

/// Checks the machine and every nested scope.
pub(super) fn check(machine: &StateMachine, out: &mut Vec<Diagnostic>) {
    let root = Pointer::root();
    scope(
        &machine.start_at,
        &machine.states,
        &Loc::At(&root),
        "workflow",
        out,
        &mut Scratch::default(),
    );
}

/// The field of a state that names a target.
#[derive(Clone, Copy)]
enum Via {
    Next,
    Default,
    Choice(usize),
    Catch(usize),
}

impl Via {
    /// The pointer to the field, below the state's pointer.
    fn pointer(self, state_at: &Pointer) -> Pointer {
        match self {
            Via::Next => state_at.field("Next"),
            Via::Default => state_at.field("Default"),
            Via::Choice(i) => state_at.field("Choices").index(i).field("Next"),
            Via::Catch(i) => state_at.field("Catch").index(i).field("Next"),
        }
    }

    fn field(self) -> &'static str {
        match self {
            Via::Default => "Default",
            _ => "Next",
        }
    }
}

/// A directed graph over a scope's states, by index: the successors of `i` are
/// `targets[start[i]..start[i + 1]]` (two allocations, however many states).
#[derive(Default)]
struct Graph {
    start: Vec<usize>,
    targets: Vec<usize>,
}

impl Graph {
    fn next(&self, i: usize) -> &[usize] {
        &self.targets[self.start[i]..self.start[i + 1]]
    }

    /// Writes into `reverse` the same graph with every edge turned around (`fill` is a
    /// buffer).
    fn reverse_into(&self, reverse: &mut Graph, fill: &mut Vec<usize>) {
        let n = self.start.len() - 1;
        let Graph { start, targets } = reverse;
        start.clear();
        start.resize(n + 1, 0);
        for &j in &self.targets {
            start[j + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        fill.clear();
        fill.extend_from_slice(start);
        targets.clear();
        targets.resize(self.targets.len(), 0);
        for i in 0..n {
            for &j in self.next(i) {
                targets[fill[j]] = i;
                fill[j] += 1;
            }
        }
    }
}

/// The buffers one scope's analysis uses, handed from scope to scope: a definition with many
/// small Parallel branches allocates them once, not once per branch.
#[derive(Default)]
struct Scratch {
    edges: Graph,
    reverse: Graph,
    fill: Vec<usize>,
    reached: Vec<bool>,
    exits: Vec<bool>,
    queue: VecDeque<usize>,
}

/// Calls `f` for every state `state` can go to, in the order written, without allocating.
fn each_target<'a>(state: &'a State, mut f: impl FnMut(Via, &'a StateName)) {
    if let Some(Transition::Next(next)) = state.transition() {
        f(Via::Next, next);
    }
    match state {
        State::Choice(c) => {
            for (i, rule) in c.choices.iter().enumerate() {
                f(Via::Choice(i), &rule.next);
            }
            if let Some(default) = &c.default {
                f(Via::Default, default);
            }
        }
        _ => {
            let catch: &[Catcher] = state.catch();
            for (i, catcher) in catch.iter().enumerate() {
                f(Via::Catch(i), &catcher.next);
            }
        }
    }
}

// AWS: every `StartAt`, `Next`, `Default` and Catcher `Next` names a state of the same `States`
// object (`MISSING_TRANSITION_TARGET: Missing 'Next' target: Y`), and every state is reachable
// from `StartAt` (`MISSING_TRANSITION_TARGET: State "X" is not reachable.`). A Parallel branch
// or Map processor is its own scope: no transition enters or leaves it (ASL spec, "Parallel
// State", "Map State").
fn scope(
    start_at: &StateName,
    states: &States,
    at: &Loc<'_>,
    kind: &str,
    out: &mut Vec<Diagnostic>,
    scratch: &mut Scratch,
) {
    let states_at = at.field("States");
    // Nested scopes first, so that this scope's buffers are free for them.
    for (name, state) in states {
        let kind = if matches!(state, State::Map(_)) {
            "Map processor"
        } else {
            "Parallel branch"
        };
        let state_at = states_at.field(name.as_str());
        for (key, branch) in state.scopes() {
            key.with_loc(&state_at, |at| {
                scope(&branch.start_at, &branch.states, at, kind, out, scratch);
            });
        }
    }
    let start = states.get_index_of(start_at.as_str());
    if start.is_none() {
        let mut d = Diagnostic::error(
            Code::UnknownStartAt,
            at.field("StartAt").pointer(),
            format!("`StartAt` names unknown state `{start_at}`"),
        );
        if let Some(s) = super::suggest(start_at.as_str(), states.keys().map(StateName::as_str)) {
            d = d.with_help(format!("did you mean `{s}`?"));
        }
        out.push(d);
    }
    // The graph (unknown targets reported and left out).
    let edges = &mut scratch.edges;
    edges.start.clear();
    edges.targets.clear();
    for (name, state) in states {
        edges.start.push(edges.targets.len());
        each_target(state, |via, target| {
            match states.get_index_of(target.as_str()) {
                Some(j) => edges.targets.push(j),
                None => {
                    let state_at = states_at.field(name.as_str()).pointer();
                    let mut d = Diagnostic::error(
                        Code::UnknownNextState,
                        via.pointer(&state_at),
                        format!("Missing '{}' target: {target}", via.field()),
                    );
                    if let Some(s) =
                        super::suggest(target.as_str(), states.keys().map(StateName::as_str))
                    {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    }
                    out.push(d);
                }
            }
        });
    }
    edges.start.push(edges.targets.len());
    if !check_terminal_exists(states, &states_at, kind, out) {
        // AWS reports the missing end state alone: it does not walk for unreachable states.
        return;
    }
    let Some(start) = start else { return };
    check_reachable(states, &states_at, start, scratch, out);
    check_loops_exit(states, &states_at, scratch, out);
}

// AWS: a workflow needs a terminal state: `MISSING_END_STATE: Workflow has no terminal state`
// (`ValidateStateMachineDefinition`'s error codes; observed without a location). Each Parallel
// branch and Map processor is a workflow of its own and needs one too. Returns whether one
// exists.
fn check_terminal_exists(
    states: &States,
    states_at: &Loc<'_>,
    kind: &str,
    out: &mut Vec<Diagnostic>,
) -> bool {
    if states.values().any(State::is_terminal) {
        return true;
    }
    out.push(
        Diagnostic::error(
            Code::NoTerminalState,
            states_at.pointer(),
            format!("the {kind} has no terminal state"),
        )
        .with_help("end a path with `\"End\": true`, a Succeed state or a Fail state"),
    );
    false
}

/// Breadth-first from `start`; reports the states never reached and leaves which were in
/// `scratch.reached`.
fn check_reachable(
    states: &States,
    states_at: &Loc<'_>,
    start: usize,
    scratch: &mut Scratch,
    out: &mut Vec<Diagnostic>,
) {
    let Scratch {
        edges,
        reached: seen,
        queue,
        ..
    } = scratch;
    seen.clear();
    seen.resize(states.len(), false);
    queue.clear();
    seen[start] = true;
    queue.push_back(start);
    while let Some(i) = queue.pop_front() {
        for &j in edges.next(i) {
            if !seen[j] {
                seen[j] = true;
                queue.push_back(j);
            }
        }
    }
    for (name, reached) in states.keys().zip(seen.iter()) {
        if !reached {
            out.push(Diagnostic::error(
                Code::UnreachableState,
                states_at.field(name.as_str()).pointer(),
                format!("State \"{name}\" is not reachable."),
            ));
        }
    }
}

// Warning: states from which no path leads to a terminal state loop forever once entered (or
// until an error or `States.NoChoiceMatched` ends the execution). AWS accepts them as long as the
// scope has some terminal state. One warning per group of connected trapped states, at the first
// of them in document order.
fn check_loops_exit(
    states: &States,
    states_at: &Loc<'_>,
    scratch: &mut Scratch,
    out: &mut Vec<Diagnostic>,
) {
    let Scratch {
        edges,
        reverse,
        fill,
        reached,
        exits,
        queue,
    } = scratch;
    let n = states.len();
    edges.reverse_into(reverse, fill);
    exits.clear();
    exits.resize(n, false);
    queue.clear();
    for (i, state) in states.values().enumerate() {
        if state.is_terminal() {
            exits[i] = true;
            queue.push_back(i);
        }
    }
    while let Some(j) = queue.pop_front() {
        for &i in reverse.next(j) {
            if !exits[i] {
                exits[i] = true;
                queue.push_back(i);
            }
        }
    }
    // Almost always every reached state has a way out: nothing more to find.
    if (0..n).all(|i| !reached[i] || exits[i]) {
        return;
    }
    // The trapped states (reached, without exit) that lead into a cycle: peel off, repeatedly,
    // the trapped states with no trapped successor (dead ends, such as a `Next` to an unknown
    // state, which is reported on its own). What remains loops.
    let mut trapped: Vec<bool> = (0..n).map(|i| reached[i] && !exits[i]).collect();
    let mut out_degree: Vec<usize> = (0..n)
        .map(|i| edges.next(i).iter().filter(|&&j| trapped[j]).count())
        .collect();
    let mut dead_ends: Vec<usize> = (0..n)
        .filter(|&i| trapped[i] && out_degree[i] == 0)
        .collect();
    while let Some(j) = dead_ends.pop() {
        trapped[j] = false;
        for &i in reverse.next(j) {
            if trapped[i] {
                out_degree[i] -= 1;
                if out_degree[i] == 0 {
                    dead_ends.push(i);
                }
            }
        }
    }
    let trapped = |i: usize| trapped[i];
    let mut group = vec![usize::MAX; n];
    for first in 0..n {
        if !trapped(first) || group[first] != usize::MAX {
            continue;
        }
        let mut members = vec![first];
        group[first] = first;
        let mut k = 0;
        while k < members.len() {
            let i = members[k];
            k += 1;
            for &j in edges.next(i).iter().chain(reverse.next(i)) {
                if trapped(j) && group[j] == usize::MAX {
                    group[j] = first;
                    members.push(j);
                }
            }
        }
        members.sort_unstable();
        let names: Vec<String> = members
            .iter()
            .filter_map(|&i| states.get_index(i))
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        let Some((first_name, _)) = states.get_index(first) else {
            continue;
        };
        out.push(
            Diagnostic::warning(
                Code::LoopWithoutExit,
                states_at.field(first_name.as_str()).pointer(),
                format!(
                    "no path from {} reaches a terminal state: once entered, the loop never ends",
                    names.join(", ")
                ),
            )
            .with_help("add a Choice rule or a Catch that leads to an `\"End\": true`, Succeed or Fail state"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, errors, warnings};
    use crate::Code;

    #[test]
    fn scopes_of_different_sizes_are_each_checked_on_their_own() {
        // A big scope around two small ones, each with its own problem: the buffers one scope
        // leaves behind must not leak into the next.
        let text = r#"{"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Next": "L1", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true},
                    "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Succeed"}}},
                {"StartAt": "D", "States": {"D": {"Type": "Succeed"}}}]},
            "L1": {"Type": "Pass", "Next": "L2"},
            "L2": {"Type": "Pass", "Next": "L1"},
            "E": {"Type": "Succeed"}}}"#;
        assert_eq!(
            errors(text),
            [
                (
                    Code::UnreachableState,
                    "/States/P/Branches/0/States/B".into()
                ),
                (
                    Code::UnreachableState,
                    "/States/P/Branches/0/States/C".into()
                ),
                (Code::UnreachableState, "/States/E".into()),
            ]
        );
        assert_eq!(
            warnings(text),
            [(Code::LoopWithoutExit, "/States/P".into())]
        );
    }

    #[test]
    fn unknown_next_is_reported_at_the_field() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Chrage"},
            "Charge": {"Type": "Succeed"}}}"#;
        let d = check(text);
        assert_eq!(
            errors(text),
            [
                (Code::UnknownNextState, "/States/A/Next".into()),
                (Code::UnreachableState, "/States/Charge".into()),
            ]
        );
        assert_eq!(d.0[0].help.as_deref(), Some("did you mean `Charge`?"));
    }

    #[test]
    fn unknown_catch_and_default_targets_are_reported() {
        let text = r#"{"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 1,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Nope"}], "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "X"}],
                  "Default": "Y"},
            "X": {"Type": "Succeed"}}}"#;
        assert_eq!(
            errors(text),
            [
                (Code::UnknownNextState, "/States/T/Catch/0/Next".into()),
                (Code::UnknownNextState, "/States/C/Default".into()),
            ]
        );
    }

    #[test]
    fn transition_into_a_branch_is_an_unknown_target() {
        let text = r#"{"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Next": "Inner", "Branches": [
                {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Next": "Out"}}}]},
            "Out": {"Type": "Succeed"}}}"#;
        let found = errors(text);
        assert!(found.contains(&(Code::UnknownNextState, "/States/P/Next".into())));
        assert!(found.contains(&(
            Code::UnknownNextState,
            "/States/P/Branches/0/States/Inner/Next".into()
        )));
    }

    #[test]
    fn workflow_without_terminal_state_is_missing_end_state() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Pass", "Next": "A"}, "C": {"Type": "Pass", "Next": "A"}}}"#;
        let d = check(text);
        // AWS reports the missing end state alone, not the unreachable `C`.
        assert_eq!(errors(text), [(Code::NoTerminalState, "/States".into())]);
        assert_eq!(d.0[0].code.aws_code(), "MISSING_END_STATE");
    }

    #[test]
    fn map_processor_without_terminal_state_is_rejected() {
        let text = r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}}}}"#;
        assert_eq!(
            errors(text),
            [(
                Code::NoTerminalState,
                "/States/M/ItemProcessor/States".into()
            )]
        );
    }

    #[test]
    fn loop_without_exit_warns_once_per_loop() {
        let text = r#"{"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Default": "Done",
                  "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "L1"}]},
            "L1": {"Type": "Pass", "Next": "L2"},
            "L2": {"Type": "Pass", "Next": "L1"},
            "Done": {"Type": "Succeed"}}}"#;
        assert_eq!(errors(text), []);
        assert_eq!(
            warnings(text),
            [(Code::LoopWithoutExit, "/States/L1".into())]
        );
    }

    #[test]
    fn dead_end_at_unknown_target_is_not_a_loop() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nope"},
            "B": {"Type": "Succeed"}}}"#;
        assert_eq!(warnings(text), []);
    }

    #[test]
    fn loop_with_exit_does_not_warn() {
        let text = r#"{"StartAt": "Poll", "States": {
            "Poll": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
            "Check": {"Type": "Choice", "Default": "Poll",
                      "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}]},
            "Done": {"Type": "Succeed"}}}"#;
        assert_eq!(check(text).0, []);
    }
}
