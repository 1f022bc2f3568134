//! What `workflow!`, `asl!` and `include_asl!` expand to: a definition checked at compile time.

use std::fmt;

use sfn_asl::{StateMachine, StateName};

/// A workflow whose ASL JSON was built and validated by the compiler.
///
/// `workflow!{..}`, `asl!(..)` and `include_asl!(..)` produce one. The JSON is a `&'static str`
/// computed by the macro, so nothing is left for run time; [`definition`](Self::definition)
/// gives the typed model on demand. `S` is the struct of state-name constants the macro
/// generated (`wf.states.ValidateOrder`), so code that refers to a state does so by a name the
/// compiler checks.
///
/// ```
/// let wf = sfn_dsl::workflow! {
///     Hello: pass { result: "world", next: Done },
///     Done: succeed,
/// };
/// assert_eq!(
///     wf.json(),
///     r#"{"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":"world","Next":"Done"},"Done":{"Type":"Succeed"}}}"#
/// );
/// assert_eq!(wf.states.Done, "Done");
/// assert_eq!(wf.definition().states.len(), 2);
/// ```
#[derive(Clone, Copy)]
pub struct CompiledWorkflow<S = ()> {
    json: &'static str,
    /// One [`StateId`] field per state of the machine (nested branches and Map processors
    /// included), named after the state.
    pub states: S,
}

impl<S> CompiledWorkflow<S> {
    /// Only the macros build this (through `__private`), after `sfn_asl` accepted `json`.
    pub(crate) const fn new(json: &'static str, states: S) -> Self {
        CompiledWorkflow { json, states }
    }

    /// The definition as compact ASL JSON, exactly as [`StateMachine::to_json`] writes it.
    ///
    /// ```
    /// let wf = sfn_dsl::workflow! { Done: succeed };
    /// assert_eq!(wf.json(), r#"{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}"#);
    /// ```
    pub const fn json(&self) -> &'static str {
        self.json
    }

    /// The definition as the typed model.
    ///
    /// This parses [`json`](Self::json) again; it cannot fail (see the invariant below), so it
    /// returns the machine directly.
    ///
    /// ```
    /// let wf = sfn_dsl::workflow! { Start: pass { next: Done }, Done: succeed };
    /// assert_eq!(wf.definition().states.len(), 2);
    /// ```
    pub fn definition(&self) -> StateMachine {
        // Invariant: the macro that built `self` serialized this text with
        // `StateMachine::to_json` after `sfn_asl::parse` and `sfn_asl::validate` accepted it, and
        // it emitted a `compile_error!` instead of a value when they did not. `sfn-dsl`,
        // `sfn-macros` and `sfn-asl` pin each other's exact versions (`=x.y.z`), so the parser
        // running here is the one that accepted the text at compile time.
        sfn_asl::parse(self.json)
            .expect("workflow! validated this definition at compile time with the same sfn-asl")
    }

    /// The definition as pretty-printed JSON (two-space indents), for files a person reads.
    ///
    /// ```
    /// let wf = sfn_dsl::workflow! { Done: succeed };
    /// assert!(wf.to_json_pretty().contains("\n  \"StartAt\": \"Done\""));
    /// ```
    pub fn to_json_pretty(&self) -> String {
        self.definition().to_json_pretty()
    }

    /// The same workflow without its state-name constants, for a type that can be named in a
    /// signature (`fn order() -> CompiledWorkflow`).
    ///
    /// ```
    /// fn order() -> sfn_dsl::CompiledWorkflow {
    ///     sfn_dsl::workflow! { Done: succeed }.erase()
    /// }
    /// assert_eq!(order().definition().start_at, "Done");
    /// ```
    pub fn erase(self) -> CompiledWorkflow {
        CompiledWorkflow::new(self.json, ())
    }
}

impl<S> fmt::Display for CompiledWorkflow<S> {
    /// Writes the compact JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json)
    }
}

impl<S: fmt::Debug> fmt::Debug for CompiledWorkflow<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CompiledWorkflow")
            .field("json", &self.json)
            .field("states", &self.states)
            .finish()
    }
}

/// The name of one state of a [`CompiledWorkflow`], as a constant the macro generated.
///
/// Tests, mocks and the executor take these instead of strings, so a renamed or misspelt state
/// is a compile error. It converts to a [`StateName`] and compares with strings.
///
/// ```
/// let wf = sfn_dsl::workflow! { "주문 검증": succeed };
/// let id = wf.states.주문_검증;
/// assert_eq!(id.as_str(), "주문 검증");
/// assert_eq!(sfn_asl::StateName::from(id), "주문 검증");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StateId(&'static str);

impl StateId {
    /// Only the macros build this (through `__private`), for a state of the machine they built.
    pub(crate) const fn new(name: &'static str) -> Self {
        StateId(name)
    }

    /// The state's name as written in the definition.
    ///
    /// ```
    /// let wf = sfn_dsl::workflow! { Done: succeed };
    /// assert_eq!(wf.states.Done.as_str(), "Done");
    /// ```
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Debug for StateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for StateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl AsRef<str> for StateId {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl From<StateId> for StateName {
    fn from(id: StateId) -> Self {
        StateName::from(id.0)
    }
}

impl From<StateId> for &'static str {
    fn from(id: StateId) -> Self {
        id.0
    }
}

impl PartialEq<str> for StateId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for StateId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<StateName> for StateId {
    fn eq(&self, other: &StateName) -> bool {
        other == self.0
    }
}

impl PartialEq<StateId> for StateName {
    fn eq(&self, other: &StateId) -> bool {
        self == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#;

    #[test]
    fn definition_parses_the_compiled_json() {
        let wf = CompiledWorkflow::new(JSON, ());
        assert_eq!(wf.definition().start_at, "A");
        assert_eq!(wf.definition().to_json(), JSON);
    }

    #[test]
    fn display_writes_the_compact_json() {
        assert_eq!(CompiledWorkflow::new(JSON, ()).to_string(), JSON);
    }

    #[test]
    fn state_id_compares_with_names_and_strings() {
        let id = StateId::new("A");
        assert_eq!(id, "A");
        assert_eq!(id, StateName::from("A"));
        assert_eq!(StateName::from(id), "A");
        assert_eq!(format!("{id} {id:?}"), "A \"A\"");
    }
}
