//! Transition targets and reachability, per scope.

use std::collections::{HashMap, VecDeque};

use crate::model::States;
use crate::{Code, Diagnostic, Pointer, StateMachine, StateName};

/// Checks the machine and every nested scope.
pub(super) fn check(machine: &StateMachine, out: &mut Vec<Diagnostic>) {
    scope(&machine.start_at, &machine.states, &Pointer::root(), out);
}

// AWS: every `StartAt`, `Next`, `Default` and Catcher `Next` names a state of the same `States`
// object (`MISSING_TRANSITION_TARGET: Missing 'Next' target: Y`), and every state is reachable
// from `StartAt` (`MISSING_TRANSITION_TARGET: State "X" is not reachable.`). A Parallel branch
// or Map processor is its own scope: no transition enters or leaves it.
fn scope(start_at: &StateName, states: &States, at: &Pointer, out: &mut Vec<Diagnostic>) {
    let states_at = at.field("States");
    if !states.contains_key(start_at) {
        let mut d = Diagnostic::error(
            Code::UnknownStartAt,
            at.field("StartAt"),
            format!("`StartAt` names unknown state `{start_at}`"),
        );
        if let Some(s) =
            crate::validate::suggest(start_at.as_str(), states.keys().map(StateName::as_str))
        {
            d = d.with_help(format!("did you mean `{s}`?"));
        }
        out.push(d);
    }
    let index: HashMap<&str, usize> = states
        .keys()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    for (name, state) in states {
        let state_at = states_at.field(name.as_str());
        for (tokens, target) in state.targets() {
            if !index.contains_key(target.as_str()) {
                let mut pointer = state_at.clone();
                for t in &tokens {
                    pointer = pointer.field(t);
                }
                let field = tokens.last().map_or("Next", String::as_str);
                let mut d = Diagnostic::error(
                    Code::UnknownNextState,
                    pointer,
                    format!("Missing '{field}' target: {target}"),
                );
                if let Some(s) =
                    crate::validate::suggest(target.as_str(), states.keys().map(StateName::as_str))
                {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                out.push(d);
            }
        }
        for (tokens, branch) in state.scopes() {
            let mut pointer = state_at.clone();
            for t in &tokens {
                pointer = pointer.field(t);
            }
            scope(&branch.start_at, &branch.states, &pointer, out);
        }
    }
    // Reachability: breadth-first from StartAt.
    let mut seen = vec![false; states.len()];
    let mut queue = VecDeque::new();
    if let Some(&i) = index.get(start_at.as_str()) {
        seen[i] = true;
        queue.push_back(i);
    }
    while let Some(i) = queue.pop_front() {
        let Some((_, state)) = states.get_index(i) else {
            continue;
        };
        for (_, target) in state.targets() {
            if let Some(&j) = index.get(target.as_str())
                && !seen[j]
            {
                seen[j] = true;
                queue.push_back(j);
            }
        }
    }
    if index.contains_key(start_at.as_str()) {
        for ((name, _), reached) in states.iter().zip(seen) {
            if !reached {
                out.push(Diagnostic::error(
                    Code::UnreachableState,
                    states_at.field(name.as_str()),
                    format!("State \"{name}\" is not reachable."),
                ));
            }
        }
    }
}
