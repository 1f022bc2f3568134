//! Diagnostics: what is wrong with a definition, where, and how AWS would say it.

use std::fmt;

use serde::Serialize;

use crate::Pointer;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS accepts the definition, but it is almost always a bug.
    Warning,
    /// AWS rejects the definition.
    Error,
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $id:literal, $aws:ident; )*) => {
        /// A stable identifier for each rule; tests and tools match on [`Code::id`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable snake_case id, e.g. `unknown_next_state`.
            pub fn id(self) -> &'static str {
                match self { $( Code::$variant => $id, )* }
            }

            /// The category AWS reports for this problem, e.g. `SCHEMA_VALIDATION_FAILED`.
            pub fn aws_code(self) -> &'static str {
                match self { $( Code::$variant => AwsCode::$aws.as_str(), )* }
            }
        }
    };
}

/// The error categories of AWS's `ValidateStateMachineDefinition`.
#[derive(Clone, Copy)]
enum AwsCode {
    InvalidJsonDescription,
    SchemaValidationFailed,
    MissingTransitionTarget,
    MissingEndState,
    InvalidResource,
    DuplicateStateName,
    InvalidStateName,
    /// Not an AWS error: a warning of ours.
    Warning,
}

impl AwsCode {
    fn as_str(self) -> &'static str {
        match self {
            AwsCode::InvalidJsonDescription => "INVALID_JSON_DESCRIPTION",
            AwsCode::SchemaValidationFailed => "SCHEMA_VALIDATION_FAILED",
            AwsCode::MissingTransitionTarget => "MISSING_TRANSITION_TARGET",
            AwsCode::MissingEndState => "MISSING_END_STATE",
            AwsCode::InvalidResource => "INVALID_RESOURCE",
            AwsCode::DuplicateStateName => "DUPLICATE_STATE_NAME",
            AwsCode::InvalidStateName => "INVALID_STATE_NAME",
            AwsCode::Warning => "WARNING",
        }
    }
}

codes! {
    /// The text is not JSON, or nests deeper than the parser allows.
    InvalidJson = "invalid_json", InvalidJsonDescription;
    /// An object has the same key twice.
    DuplicateKey = "duplicate_key", InvalidJsonDescription;
    /// A field that does not exist in ASL, or not in this kind of object.
    UnknownField = "unknown_field", SchemaValidationFailed;
    /// A required field is absent.
    MissingField = "missing_field", SchemaValidationFailed;
    /// A field holds the wrong kind of JSON value.
    InvalidType = "invalid_type", SchemaValidationFailed;
    /// A field holds a value outside what AWS allows.
    InvalidValue = "invalid_value", SchemaValidationFailed;
    /// `Type` is missing or not one of the eight state types.
    InvalidStateType = "invalid_state_type", SchemaValidationFailed;
    /// A field that this state type (or this query language) does not allow.
    FieldNotAllowed = "field_not_allowed", SchemaValidationFailed;
    /// Two fields that exclude each other, such as `Next` and `End`.
    ConflictingFields = "conflicting_fields", SchemaValidationFailed;
    /// A state with neither `Next` nor `End: true`.
    MissingTransition = "missing_transition", SchemaValidationFailed;
    /// Two states with one name, anywhere in the machine.
    DuplicateStateName = "duplicate_state_name", DuplicateStateName;
    /// A state name that is empty or longer than 80 characters.
    InvalidStateName = "invalid_state_name", InvalidStateName;
    /// `StartAt` names no state of its `States`.
    UnknownStartAt = "unknown_start_at", MissingTransitionTarget;
    /// `Next`, `Default` or a Catcher's `Next` names no state of its scope.
    UnknownNextState = "unknown_next_state", MissingTransitionTarget;
    /// A state that no path from `StartAt` reaches.
    UnreachableState = "unreachable_state", MissingTransitionTarget;
    /// A workflow, Parallel branch or Map processor without any terminal state (AWS's
    /// `MISSING_END_STATE`).
    NoTerminalState = "no_terminal_state", MissingEndState;
    /// A Choice rule with no comparison, several, or a malformed one.
    InvalidChoiceRule = "invalid_choice_rule", SchemaValidationFailed;
    /// An error name that is empty or an unknown `States.` name.
    InvalidErrorName = "invalid_error_name", SchemaValidationFailed;
    /// `States.ALL` not alone in its `ErrorEquals`, or not in the last Retrier/Catcher.
    StatesAllNotLast = "states_all_not_last", SchemaValidationFailed;
    /// A malformed JSONPath or Reference Path.
    InvalidPath = "invalid_path", SchemaValidationFailed;
    /// A malformed or unknown intrinsic function call.
    InvalidIntrinsic = "invalid_intrinsic", SchemaValidationFailed;
    /// A `{% %}` JSONata expression that does not parse.
    InvalidJsonata = "invalid_jsonata", SchemaValidationFailed;
    /// A payload template whose keys collide once `.$` is removed, or a bad `.$` value.
    InvalidPayloadTemplate = "invalid_payload_template", SchemaValidationFailed;
    /// A variable read before any `Assign` on a path to it sets it.
    UndefinedVariable = "undefined_variable", SchemaValidationFailed;
    /// An `Assign` key that is not a valid variable name, or assigns a reserved or outer name.
    InvalidVariableName = "invalid_variable_name", SchemaValidationFailed;
    /// A JSONPath state in a JSONata machine.
    InvalidQueryLanguage = "invalid_query_language", SchemaValidationFailed;
    /// A timestamp that is not RFC 3339.
    InvalidTimestamp = "invalid_timestamp", SchemaValidationFailed;
    /// A Task `Resource` that is not a valid ARN for Step Functions.
    InvalidResource = "invalid_resource", InvalidResource;
    /// A Choice state without `Default`: an unmatched input fails with `States.NoChoiceMatched`.
    ChoiceWithoutDefault = "choice_without_default", Warning;
    /// States that loop forever: no path from them reaches a terminal state.
    LoopWithoutExit = "loop_without_exit", Warning;
    /// A Task without `TimeoutSeconds`: AWS's default is 99,999,999 seconds (over three years).
    TaskWithoutTimeout = "task_without_timeout", Warning;
    /// A definition larger than AWS's 1 MiB limit.
    DefinitionTooLarge = "definition_too_large", SchemaValidationFailed;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// A line and column (both 1-based, columns counted in characters) in the definition's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem found in a definition.
///
/// ```
/// use sfn_asl::{Code, Diagnostic, Pointer};
/// let d = Diagnostic::error(
///     Code::UnknownNextState,
///     Pointer::root().field("States").field("Pay").field("Next"),
///     "`Next` names unknown state `Chrage`",
/// )
/// .with_help("did you mean `Charge`?");
/// assert_eq!(d.code.aws_code(), "MISSING_TRANSITION_TARGET");
/// assert_eq!(
///     d.to_string(),
///     "error[unknown_next_state]: `Next` names unknown state `Chrage` at /States/Pay/Next\n  help: did you mean `Charge`?"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Which rule this is.
    pub code: Code,
    /// Error (AWS rejects) or warning.
    pub severity: Severity,
    /// What is wrong, in rustc's voice: lowercase, no trailing period, names in backticks.
    pub message: String,
    /// Where, as a JSON Pointer into the definition.
    pub pointer: Pointer,
    /// Where, as line and column, when the diagnostic came from text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// A hint on how to fix it, such as "did you mean `Charge`?".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `pointer`.
    pub fn error(code: Code, pointer: Pointer, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            pointer,
            location: None,
            help: None,
        }
    }

    /// A warning at `pointer`.
    pub fn warning(code: Code, pointer: Pointer, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, pointer, message)
        }
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the line and column.
    #[must_use]
    pub fn with_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Whether AWS rejects the definition because of this.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as AWS words it: `SCHEMA_VALIDATION_FAILED: <message> at /States/X`.
    pub fn aws_message(&self) -> String {
        format!(
            "{}: {} at {}",
            self.code.aws_code(),
            self.message,
            self.pointer
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{severity}[{}]: {} at {}",
            self.code, self.message, self.pointer
        )?;
        if let Some(location) = self.location {
            write!(f, " ({location})")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every diagnostic found in one definition; an [`Error`](std::error::Error) when any is an error.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Whether a diagnostic with `code` is present.
    pub fn contains(&self, code: Code) -> bool {
        self.0.iter().any(|d| d.code == code)
    }

    /// The number of diagnostics.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Iterates over all diagnostics.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Diagnostics(diagnostics)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_ids_are_unique_snake_case() {
        let mut ids: Vec<_> = Code::ALL.iter().map(|c| c.id()).collect();
        assert!(
            ids.iter()
                .all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        );
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
    }

    #[test]
    fn aws_message_matches_aws_wording() {
        let d = Diagnostic::error(
            Code::UnreachableState,
            Pointer::root().field("States").field("X"),
            "State \"X\" is not reachable.",
        );
        assert_eq!(
            d.aws_message(),
            "MISSING_TRANSITION_TARGET: State \"X\" is not reachable. at /States/X"
        );
    }
}
