//! Not public API: only what the output of `workflow!`, `asl!` and `include_asl!` calls. These
//! items may change in any release.

use crate::compiled::{CompiledWorkflow, StateId};

/// The value a macro expands to: `json` was accepted by `sfn_asl::parse` and `sfn_asl::validate`
/// when the macro ran (on error the macro emits `compile_error!`s, and this value is never run).
pub const fn workflow<S>(json: &'static str, states: S) -> CompiledWorkflow<S> {
    CompiledWorkflow::new(json, states)
}

/// The constant for one state of a machine the macro built.
pub const fn state(name: &'static str) -> StateId {
    StateId::new(name)
}

/// The path one key below `at`, of the key's type (what `#[derive(Payload)]` output calls to
/// build its `NamePaths`).
pub fn path_key<T, U>(at: &crate::Path<T>, key: &str) -> crate::Path<U> {
    crate::typed::key_path(at, key)
}
