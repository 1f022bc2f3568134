use crate::StateName;

/// Where a Task, Pass, Wait, Parallel or Map state goes next: exactly one of `Next` and
/// `"End": true`, so "both" and "neither" cannot be written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Transition {
    /// `"Next": "<state>"`.
    Next(StateName),
    /// `"End": true`.
    End,
}

impl Transition {
    /// The next state's name, unless this is the end.
    pub fn next(&self) -> Option<&StateName> {
        match self {
            Transition::Next(name) => Some(name),
            Transition::End => None,
        }
    }
}
