use super::{QueryLanguage, States};
use crate::StateName;

/// A nested state machine: a Parallel branch, a Map's `ItemProcessor` (without its
/// `ProcessorConfig`) or a legacy `Iterator`. It is its own scope: no transition enters or leaves.
#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`, which some tools write on a nested scope.
    pub query_language: Option<QueryLanguage>,
    /// `StartAt`.
    pub start_at: StateName,
    /// `States`.
    pub states: States,
}

impl Branch {
    /// A branch of these states, starting at `start_at`.
    pub fn new(start_at: impl Into<StateName>, states: States) -> Self {
        Branch {
            comment: None,
            query_language: None,
            start_at: start_at.into(),
            states,
        }
    }
}
