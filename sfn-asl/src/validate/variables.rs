//! Variables: `Assign` names are valid, inner scopes do not reassign outer names, and every
//! variable read has been assigned on some path before the reading state.
//!
//! This module also drives the walk over every scope that checks the languages inside strings
//! (`languages.rs`), since that walk yields the reads the dataflow needs.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use serde_json::{Map, Value};

use super::languages::{self, Read};
use crate::path::{is_id_continue, is_id_start};
use crate::pointer::Loc;
use crate::{
    Catcher, ChoiceRule, Code, Diagnostic, Pointer, QueryLanguage, State, StateMachine, StateName,
    States,
};

/// The longest variable name AWS accepts, in characters.
const MAX_NAME_CHARS: usize = 80;

/// Checks the whole machine.
pub(super) fn check(machine: &StateMachine, out: &mut Vec<Diagnostic>) {
    let default = machine.effective_query_language();
    let mut interner = Interner::default();
    intern_scope(&machine.states, default, &mut interner);
    let mut analysis = Analysis { interner, out };
    let entry = analysis.empty();
    let root = Pointer::root();
    analysis.scope(
        &machine.start_at,
        &machine.states,
        &Loc::At(&root),
        default,
        &Scope {
            entry: &entry,
            outer: &HashSet::new(),
            report_reads: true,
        },
    );
}

#[derive(Default)]
struct Interner {
    index: HashMap<String, usize>,
    names: Vec<String>,
}

impl Interner {
    fn intern(&mut self, name: &str) {
        if !self.index.contains_key(name) {
            self.index.insert(name.to_owned(), self.names.len());
            self.names.push(name.to_owned());
        }
    }
}

fn intern_scope(states: &States, default: QueryLanguage, interner: &mut Interner) {
    for state in states.values() {
        let ql = state.query_language().unwrap_or(default);
        for assign in assigns(state).blocks() {
            for (name, _) in names(assign, ql) {
                interner.intern(name);
            }
        }
        match state {
            State::Parallel(p) => {
                for branch in &p.branches {
                    intern_scope(&branch.states, default, interner);
                }
            }
            State::Map(m) => intern_scope(&m.branch().states, default, interner),
            _ => {}
        }
    }
}

/// The `Assign` blocks of one state: its own, each Choice rule's, each Catcher's.
struct Assigns<'a> {
    state: Option<&'a Map<String, Value>>,
    rules: &'a [ChoiceRule],
    catchers: &'a [Catcher],
}

impl<'a> Assigns<'a> {
    /// The Assign that runs when leaving through the transition named by `tokens`
    /// (`Next`, `Default`, `Choices/i/Next`, `Catch/i/Next`).
    fn on_edge(&self, tokens: &[String]) -> Option<&'a Map<String, Value>> {
        let index = || tokens.get(1).and_then(|i| i.parse::<usize>().ok());
        match tokens.first().map(String::as_str) {
            Some("Choices") => index().and_then(|i| self.rules.get(i)?.assign.as_ref()),
            Some("Catch") => index().and_then(|i| self.catchers.get(i)?.assign.as_ref()),
            _ => self.state,
        }
    }
}

impl<'a> Assigns<'a> {
    /// Every block there is: the state's, then each Choice rule's, then each Catcher's.
    fn blocks(&self) -> impl Iterator<Item = &'a Map<String, Value>> {
        self.state
            .into_iter()
            .chain(self.rules.iter().filter_map(|r| r.assign.as_ref()))
            .chain(self.catchers.iter().filter_map(|c| c.assign.as_ref()))
    }
}

fn assigns(state: &State) -> Assigns<'_> {
    let state_assign = match state {
        State::Task(s) => s.assign.as_ref(),
        State::Pass(s) => s.assign.as_ref(),
        State::Choice(s) => s.assign.as_ref(),
        State::Wait(s) => s.assign.as_ref(),
        State::Parallel(s) => s.assign.as_ref(),
        State::Map(s) => s.assign.as_ref(),
        State::Succeed(_) | State::Fail(_) => None,
    };
    let rules = match state {
        State::Choice(s) => &s.choices[..],
        _ => &[],
    };
    let catchers = state.catch();
    Assigns {
        state: state_assign,
        rules,
        catchers,
    }
}

/// The variable names an Assign block sets, with their keys (JSONPath keys may end in `.$`).
fn names(assign: &Map<String, Value>, ql: QueryLanguage) -> impl Iterator<Item = (&str, &str)> {
    assign.keys().map(move |key| {
        let name = match ql {
            QueryLanguage::JsonPath => key.strip_suffix(".$").unwrap_or(key),
            QueryLanguage::Jsonata => key.as_str(),
        };
        (name, key.as_str())
    })
}

/// What a scope inherits from the state that contains it.
struct Scope<'a> {
    /// Variables that may have a value on entry.
    entry: &'a [u64],
    /// Names assigned in any enclosing scope.
    outer: &'a HashSet<String>,
    /// Whether reads are checked (false inside states no path reaches).
    report_reads: bool,
}

struct Analysis<'o> {
    interner: Interner,
    out: &'o mut Vec<Diagnostic>,
}

struct StateFacts {
    reads: Vec<Read>,
    /// (target state index, variables assigned on the way).
    edges: Vec<(usize, Vec<u64>)>,
}

impl Analysis<'_> {
    fn empty(&self) -> Vec<u64> {
        vec![0; self.interner.names.len().div_ceil(64)]
    }

    fn set(&self, bits: &mut [u64], name: &str) {
        if let Some(&i) = self.interner.index.get(name) {
            bits[i / 64] |= 1 << (i % 64);
        }
    }

    fn scope(
        &mut self,
        start_at: &StateName,
        states: &States,
        at: &Loc<'_>,
        default: QueryLanguage,
        scope: &Scope<'_>,
    ) {
        let states_at = at.field("States");
        // Without any `Assign` in the machine, every read is "never assigned" wherever it is:
        // the dataflow (and the state index it needs) is skipped, and every state counts as
        // reached.
        let flow = !self.interner.names.is_empty();
        let index: HashMap<&str, usize> = if flow {
            states
                .keys()
                .enumerate()
                .map(|(i, n)| (n.as_str(), i))
                .collect()
        } else {
            HashMap::new()
        };
        let mut assigned_here: HashSet<String> = HashSet::new();
        let mut facts = Vec::with_capacity(states.len());
        for (name, state) in states {
            let state_at = states_at.field(name.as_str());
            let ql = state.query_language().unwrap_or(default);
            let reads = languages::check_state(state, ql, &state_at, self.out);
            let state_assigns = assigns(state);
            self.check_names(
                &state_assigns,
                &state_at,
                ql,
                scope.outer,
                &mut assigned_here,
            );
            let mut edges = Vec::new();
            if flow {
                for (tokens, target) in state.targets() {
                    let Some(&j) = index.get(target.as_str()) else {
                        continue;
                    };
                    let mut bits = self.empty();
                    if let Some(assign) = state_assigns.on_edge(&tokens) {
                        for (name, _) in names(assign, ql) {
                            self.set(&mut bits, name);
                        }
                    }
                    edges.push((j, bits));
                }
            }
            facts.push(StateFacts { reads, edges });
        }

        // Forward dataflow: a variable may have a value on entry to a state when some path from
        // `StartAt` assigns it first. Sets only grow, so the worklist reaches a fixpoint.
        let n = states.len();
        let mut entry: Vec<Vec<u64>> = vec![self.empty(); n];
        let mut reached = vec![!flow; n];
        let mut work = Vec::new();
        if let Some(&s) = index.get(start_at.as_str()) {
            entry[s].copy_from_slice(scope.entry);
            reached[s] = true;
            work.push(s);
        }
        while let Some(i) = work.pop() {
            for (j, assigned) in &facts[i].edges {
                let mut changed = !reached[*j];
                reached[*j] = true;
                for w in 0..assigned.len() {
                    let bits = entry[i][w] | assigned[w];
                    if entry[*j][w] | bits != entry[*j][w] {
                        entry[*j][w] |= bits;
                        changed = true;
                    }
                }
                if changed {
                    work.push(*j);
                }
            }
        }

        for (i, (name, state)) in states.iter().enumerate() {
            let report = scope.report_reads && reached[i];
            if report {
                for (var, pointer) in &facts[i].reads {
                    self.check_read(var, pointer, &entry[i]);
                }
            }
            if !matches!(state, State::Parallel(_) | State::Map(_)) {
                continue;
            }
            let state_at = states_at.field(name.as_str());
            let distributed = matches!(state, State::Map(m) if m.is_distributed());
            let mut outer: HashSet<String> = HashSet::new();
            let child_entry;
            let (child_entry, child_outer) = if distributed {
                child_entry = self.empty();
                (&child_entry[..], &outer)
            } else {
                outer.extend(scope.outer.iter().cloned());
                outer.extend(assigned_here.iter().cloned());
                (&entry[i][..], &outer)
            };
            for (key, branch) in state.scopes() {
                key.with_loc(&state_at, |branch_at| {
                    self.scope(
                        &branch.start_at,
                        &branch.states,
                        branch_at,
                        default,
                        &Scope {
                            entry: child_entry,
                            outer: child_outer,
                            report_reads: report,
                        },
                    );
                });
            }
        }
    }

    // AWS (SPEC "State Machine Variables", "Variable Scope"; TK): a variable name is an
    // identifier (Unicode ID_Start then ID_Continue) of at most 80 characters, `states` is
    // reserved, and a name assigned in an outer scope cannot be assigned again in a nested one.
    fn check_names(
        &mut self,
        assigns: &Assigns<'_>,
        state_at: &Loc<'_>,
        ql: QueryLanguage,
        outer: &HashSet<String>,
        assigned_here: &mut HashSet<String>,
    ) {
        if assigns.blocks().next().is_none() {
            return;
        }
        let state_at = state_at.pointer();
        let mut blocks: Vec<(&Map<String, Value>, Pointer)> = Vec::new();
        if let Some(a) = assigns.state {
            blocks.push((a, state_at.field("Assign")));
        }
        for (i, rule) in assigns.rules.iter().enumerate() {
            if let Some(a) = &rule.assign {
                blocks.push((a, state_at.field("Choices").index(i).field("Assign")));
            }
        }
        for (i, catcher) in assigns.catchers.iter().enumerate() {
            if let Some(a) = &catcher.assign {
                blocks.push((a, state_at.field("Catch").index(i).field("Assign")));
            }
        }
        for (block, block_at) in blocks {
            for (name, key) in names(block, ql) {
                let key_at = block_at.field(key);
                if let Some(problem) = name_problem(name) {
                    self.out.push(Diagnostic::error(
                        Code::InvalidVariableName,
                        key_at,
                        format!("`{name}` is not a valid variable name: {problem}"),
                    ));
                    continue;
                }
                if outer.contains(name) {
                    self.out.push(
                        Diagnostic::error(
                            Code::InvalidVariableName,
                            key_at,
                            format!("variable `{name}` is already assigned in an outer scope; a nested scope cannot assign it again"),
                        )
                        .with_help("give the inner variable another name, or return the value through the branch's output"),
                    );
                }
                assigned_here.insert(name.to_owned());
            }
        }
    }

    // Our rule, stricter than AWS's run-time failure: a variable read (`$name` in a Path,
    // intrinsic argument or JSONata expression) must be assigned by an `Assign` on some path
    // from `StartAt` before the reading state; inner scopes see what was assigned before their
    // Parallel or Map state, except the child executions of a distributed Map.
    fn check_read(&mut self, name: &str, at: &Pointer, available: &[u64]) {
        match self.interner.index.get(name) {
            Some(&i) if available[i / 64] & (1 << (i % 64)) != 0 => {}
            Some(_) => self.out.push(
                Diagnostic::error(
                    Code::UndefinedVariable,
                    at.clone(),
                    format!("variable `${name}` is not assigned on any path to this state"),
                )
                .with_help("a state's `Assign` takes effect from the next state on; inner scopes see only what was assigned before their Parallel or Map state, and distributed Map children see no outer variables"),
            ),
            None => {
                let mut d = Diagnostic::error(
                    Code::UndefinedVariable,
                    at.clone(),
                    format!("variable `${name}` is never assigned"),
                );
                if let Some(s) = super::suggest(name, self.interner.names.iter().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `${s}`?"));
                }
                self.out.push(d);
            }
        }
    }
}

/// Why `name` cannot be a variable name, if it cannot.
fn name_problem(name: &str) -> Option<&'static str> {
    let mut chars = name.chars();
    match chars.next() {
        None => return Some("it is empty"),
        Some(c) if !is_id_start(c) => return Some("it must start with a letter or `_`"),
        _ => {}
    }
    if !chars.all(is_id_continue) {
        return Some("it may contain only letters, digits and `_`");
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Some("it is longer than 80 characters");
    }
    if name == crate::jsonata::STATES_VARIABLE {
        return Some("`states` is reserved");
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::{Code, validate_str};

    fn errors(text: &str) -> Vec<(Code, String)> {
        validate_str(text)
            .errors()
            .map(|d| (d.code, d.pointer.to_string()))
            .collect()
    }

    #[test]
    fn reads_after_assignment_are_fine() {
        let text = r#"{"StartAt":"A","States":{
            "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
            "B":{"Type":"Pass","Parameters":{"v.$":"$x","w.$":"States.Format('{}', $x)"},"InputPath":"$x","End":true}}}"#;
        assert!(errors(text).is_empty());
    }

    #[test]
    fn a_state_does_not_see_its_own_assign() {
        let text = r#"{"StartAt":"A","States":{
            "A":{"Type":"Pass","Assign":{"x":1,"y.$":"$x"},"End":true}}}"#;
        assert_eq!(
            errors(text),
            [(Code::UndefinedVariable, "/States/A/Assign/y.$".to_owned())]
        );
    }

    #[test]
    fn unknown_variables_suggest_a_name() {
        let text = r#"{"StartAt":"A","States":{
            "A":{"Type":"Pass","Assign":{"customer":1},"Next":"B"},
            "B":{"Type":"Pass","Parameters":{"v.$":"$custmer"},"End":true}}}"#;
        let d = validate_str(text);
        let e = d.errors().next().unwrap();
        assert_eq!(e.code, Code::UndefinedVariable);
        assert_eq!(e.help.as_deref(), Some("did you mean `$customer`?"));
    }

    #[test]
    fn some_path_is_enough() {
        let text = r#"{"StartAt":"C","States":{
            "C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Assign":{"x":1},"Next":"D"}],"Default":"D"},
            "D":{"Type":"Pass","Parameters":{"v.$":"$x"},"End":true}}}"#;
        assert!(errors(text).is_empty());
    }

    #[test]
    fn catcher_assign_applies_on_the_catch_edge() {
        let text = r#"{"StartAt":"T","States":{
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Assign":{"ok":1},
                 "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"err.$":"$.Error"},"Next":"H"}],"Next":"N"},
            "N":{"Type":"Pass","Parameters":{"v.$":"$err"},"End":true},
            "H":{"Type":"Pass","Parameters":{"v.$":"$err","w.$":"$ok"},"End":true}}}"#;
        assert_eq!(
            errors(text),
            [
                (
                    Code::UndefinedVariable,
                    "/States/N/Parameters/v.$".to_owned()
                ),
                (
                    Code::UndefinedVariable,
                    "/States/H/Parameters/w.$".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn loops_carry_assignments_around() {
        let text = r#"{"StartAt":"A","States":{
            "A":{"Type":"Choice","Choices":[{"Variable":"$.done","IsPresent":true,"Next":"Z"}],"Default":"B"},
            "B":{"Type":"Pass","Assign":{"n":1},"Next":"A"},
            "Z":{"Type":"Pass","Parameters":{"n.$":"$n"},"End":true}}}"#;
        assert!(errors(text).is_empty());
    }

    #[test]
    fn jsonata_free_variables_are_reads() {
        let text = r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{
            "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
            "B":{"Type":"Pass","Output":"{% ($y := 2; $x + $y + $z) %}","End":true}}}"#;
        assert_eq!(
            errors(text),
            [(Code::UndefinedVariable, "/States/B/Output".to_owned())]
        );
    }

    #[test]
    fn inner_scopes_read_outer_variables_assigned_before() {
        let text = r#"{"StartAt":"A","States":{
            "A":{"Type":"Pass","Assign":{"x":1},"Next":"P"},
            "P":{"Type":"Parallel","Branches":[{"StartAt":"I","States":{
                "I":{"Type":"Pass","Parameters":{"v.$":"$x","w.$":"$later"},"End":true}}}],"Next":"L"},
            "L":{"Type":"Pass","Assign":{"later":2},"End":true}}}"#;
        assert_eq!(
            errors(text),
            [(
                Code::UndefinedVariable,
                "/States/P/Branches/0/States/I/Parameters/w.$".to_owned()
            )]
        );
    }

    #[test]
    fn distributed_children_cannot_read_outer_variables() {
        let text = r#"{"StartAt":"A","States":{
            "A":{"Type":"Pass","Assign":{"x":1},"Next":"M"},
            "M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"I","States":{"I":{"Type":"Pass","Parameters":{"v.$":"$x"},"End":true}}},"End":true}}}"#;
        assert_eq!(
            errors(text),
            [(
                Code::UndefinedVariable,
                "/States/M/ItemProcessor/States/I/Parameters/v.$".to_owned()
            )]
        );
    }

    #[test]
    fn inner_scopes_cannot_reassign_outer_names() {
        let text = r#"{"StartAt":"A","States":{
            "A":{"Type":"Pass","Assign":{"x":1},"Next":"P"},
            "P":{"Type":"Parallel","Branches":[{"StartAt":"I","States":{
                "I":{"Type":"Pass","Assign":{"x":2,"y":3},"End":true}}}],"End":true}}}"#;
        assert_eq!(
            errors(text),
            [(
                Code::InvalidVariableName,
                "/States/P/Branches/0/States/I/Assign/x".to_owned()
            )]
        );
    }

    #[test]
    fn assign_names_must_be_identifiers() {
        let long = "a".repeat(81);
        let text = format!(
            r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Assign":{{"states":1,"1x":2,"a-b":3,"{long}":4,"ok_Ж1":5,"fine.$":"$.a"}},"End":true}}}}}}"#
        );
        let found: Vec<String> = errors(&text)
            .into_iter()
            .map(|(c, p)| {
                assert_eq!(c, Code::InvalidVariableName);
                p
            })
            .collect();
        assert_eq!(
            found,
            [
                "/States/A/Assign/states",
                "/States/A/Assign/1x",
                "/States/A/Assign/a-b",
                &format!("/States/A/Assign/{long}")
            ]
        );
    }

    #[test]
    fn unreachable_states_do_not_report_reads() {
        let text = r#"{"StartAt":"A","States":{
            "A":{"Type":"Pass","Assign":{"y":1},"End":true},
            "B":{"Type":"Pass","Parameters":{"v.$":"$x"},"End":true}}}"#;
        assert_eq!(
            errors(text),
            [(Code::UnreachableState, "/States/B".to_owned())]
        );
    }
}
