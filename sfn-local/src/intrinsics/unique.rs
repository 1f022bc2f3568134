//! `States.UUID`.

use serde_json::Value;

use crate::eval::Scope;

/// `States.UUID()`: a version 4 UUID drawn from the execution's seeded generator, so a run is
/// repeatable.
pub(super) fn uuid(scope: &Scope) -> Value {
    Value::String(scope.rng.borrow_mut().uuid_v4())
}
