use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use super::{Expr, PathOrNull, QueryLanguage};
use crate::StateName;

/// A `Choice` state: goes to the `Next` of the first rule that matches, else to `Default`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `Choices`: the rules, tried in order.
    pub choices: Vec<ChoiceRule>,
    /// `Default`: where to go when no rule matches (else `States.NoChoiceMatched`).
    pub default: Option<StateName>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<PathOrNull>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<PathOrNull>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Assign`: variables set when no rule matches.
    pub assign: Option<Map<String, Value>>,
}

impl ChoiceState {
    /// A Choice state with these rules and no `Default`.
    pub fn new(choices: Vec<ChoiceRule>) -> Self {
        ChoiceState {
            comment: None,
            query_language: None,
            choices,
            default: None,
            input_path: None,
            output_path: None,
            output: None,
            assign: None,
        }
    }
}

/// One top-level rule of `Choices`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceRule {
    /// What must hold for this rule to match.
    pub condition: Condition,
    /// `Next`: where to go when it matches.
    pub next: StateName,
    /// `Assign`: variables set when this rule matches.
    pub assign: Option<Map<String, Value>>,
    /// `Output` (JSONata): the state's output when this rule matches.
    pub output: Option<Value>,
    /// `Comment`.
    pub comment: Option<String>,
}

impl ChoiceRule {
    /// A rule going to `next` when `condition` holds.
    pub fn new(condition: impl Into<Condition>, next: impl Into<StateName>) -> Self {
        ChoiceRule {
            condition: condition.into(),
            next: next.into(),
            assign: None,
            output: None,
            comment: None,
        }
    }
}

/// The test of a Choice rule, in the state's query language.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// A JSONPath rule: a comparison or `And`/`Or`/`Not`.
    JsonPath(BoolExpr),
    /// A JSONata rule's `Condition`: `true`, `false` or a `{% %}` expression.
    Jsonata(Expr<bool>),
}

impl From<BoolExpr> for Condition {
    fn from(expr: BoolExpr) -> Self {
        Condition::JsonPath(expr)
    }
}

impl From<Comparison> for Condition {
    fn from(comparison: Comparison) -> Self {
        Condition::JsonPath(BoolExpr::Compare(comparison))
    }
}

/// A JSONPath Choice rule's boolean expression.
#[derive(Clone, Debug, PartialEq)]
pub enum BoolExpr {
    /// `Variable` plus one comparison operator.
    Compare(Comparison),
    /// `And`: every rule matches (non-empty).
    And(Vec<BoolExpr>),
    /// `Or`: some rule matches (non-empty).
    Or(Vec<BoolExpr>),
    /// `Not`: the rule does not match.
    Not(Box<BoolExpr>),
}

/// A data-test: `Variable` compared by one operator.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// `Variable`: a Path to the value tested (`$.x`, `$$.Execution.Id`, `$var`).
    pub variable: String,
    /// The operator and its operand.
    pub operator: ComparisonOperator,
}

impl Comparison {
    /// `Variable` tested by `operator`.
    pub fn new(variable: impl Into<String>, operator: ComparisonOperator) -> Self {
        Comparison {
            variable: variable.into(),
            operator,
        }
    }
}

macro_rules! operators {
    ($($variant:ident($ty:ty) = $doc:literal;)*) => {
        /// A comparison operator with its operand, serialized as `{"<Operator>": <operand>}`.
        ///
        /// `…Path` operators take a Path to the value to compare against.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub enum ComparisonOperator {
            $(#[doc = $doc] $variant($ty),)*
        }

        impl ComparisonOperator {
            /// Every operator's name, as ASL spells it.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($variant)),*];

            /// The operator's name, e.g. `NumericGreaterThan`.
            pub fn name(&self) -> &'static str {
                match self {
                    $(ComparisonOperator::$variant(_) => stringify!($variant),)*
                }
            }

            /// The operand as JSON.
            pub fn operand(&self) -> Value {
                match self {
                    $(ComparisonOperator::$variant(v) => Value::from(v.clone()),)*
                }
            }
        }
    };
}

operators! {
    StringEquals(String) = "`StringEquals`: equal strings.";
    StringEqualsPath(String) = "`StringEqualsPath`.";
    StringLessThan(String) = "`StringLessThan` (UTF-16 code unit order).";
    StringLessThanPath(String) = "`StringLessThanPath`.";
    StringGreaterThan(String) = "`StringGreaterThan`.";
    StringGreaterThanPath(String) = "`StringGreaterThanPath`.";
    StringLessThanEquals(String) = "`StringLessThanEquals`.";
    StringLessThanEqualsPath(String) = "`StringLessThanEqualsPath`.";
    StringGreaterThanEquals(String) = "`StringGreaterThanEquals`.";
    StringGreaterThanEqualsPath(String) = "`StringGreaterThanEqualsPath`.";
    StringMatches(String) = "`StringMatches`: a pattern where `*` matches any run of characters.";
    NumericEquals(Number) = "`NumericEquals`.";
    NumericEqualsPath(String) = "`NumericEqualsPath`.";
    NumericLessThan(Number) = "`NumericLessThan`.";
    NumericLessThanPath(String) = "`NumericLessThanPath`.";
    NumericGreaterThan(Number) = "`NumericGreaterThan`.";
    NumericGreaterThanPath(String) = "`NumericGreaterThanPath`.";
    NumericLessThanEquals(Number) = "`NumericLessThanEquals`.";
    NumericLessThanEqualsPath(String) = "`NumericLessThanEqualsPath`.";
    NumericGreaterThanEquals(Number) = "`NumericGreaterThanEquals`.";
    NumericGreaterThanEqualsPath(String) = "`NumericGreaterThanEqualsPath`.";
    BooleanEquals(bool) = "`BooleanEquals`.";
    BooleanEqualsPath(String) = "`BooleanEqualsPath`.";
    TimestampEquals(String) = "`TimestampEquals`: equal instants (RFC 3339).";
    TimestampEqualsPath(String) = "`TimestampEqualsPath`.";
    TimestampLessThan(String) = "`TimestampLessThan`.";
    TimestampLessThanPath(String) = "`TimestampLessThanPath`.";
    TimestampGreaterThan(String) = "`TimestampGreaterThan`.";
    TimestampGreaterThanPath(String) = "`TimestampGreaterThanPath`.";
    TimestampLessThanEquals(String) = "`TimestampLessThanEquals`.";
    TimestampLessThanEqualsPath(String) = "`TimestampLessThanEqualsPath`.";
    TimestampGreaterThanEquals(String) = "`TimestampGreaterThanEquals`.";
    TimestampGreaterThanEqualsPath(String) = "`TimestampGreaterThanEqualsPath`.";
    IsNull(bool) = "`IsNull`: the value is `null` (or, with `false`, is not).";
    IsPresent(bool) = "`IsPresent`: the path selects something.";
    IsNumeric(bool) = "`IsNumeric`: the value is a number.";
    IsString(bool) = "`IsString`: the value is a string.";
    IsBoolean(bool) = "`IsBoolean`: the value is a boolean.";
    IsTimestamp(bool) = "`IsTimestamp`: the value is an RFC 3339 timestamp string.";
}

impl ComparisonOperator {
    /// Whether the operand is a Path to compare against (the `…Path` operators).
    pub fn is_path(&self) -> bool {
        self.name().ends_with("Path")
    }

    /// The operand of a `…Path` operator.
    pub fn operand_path(&self) -> Option<String> {
        match self.operand() {
            Value::String(path) if self.is_path() => Some(path),
            _ => None,
        }
    }

    /// The timestamp literal of a `Timestamp…` operator (not the `…Path` forms).
    pub fn timestamp_literal(&self) -> Option<&str> {
        match self {
            ComparisonOperator::TimestampEquals(t)
            | ComparisonOperator::TimestampLessThan(t)
            | ComparisonOperator::TimestampGreaterThan(t)
            | ComparisonOperator::TimestampLessThanEquals(t)
            | ComparisonOperator::TimestampGreaterThanEquals(t) => Some(t),
            _ => None,
        }
    }
}

impl BoolExpr {
    /// `Variable` tested by `operator`.
    pub fn compare(variable: impl Into<String>, operator: ComparisonOperator) -> Self {
        BoolExpr::Compare(Comparison::new(variable, operator))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_serialize_as_one_key_objects() {
        let op = ComparisonOperator::NumericGreaterThan(10_000.into());
        assert_eq!(
            serde_json::to_string(&op).unwrap(),
            r#"{"NumericGreaterThan":10000}"#
        );
        let back: ComparisonOperator = serde_json::from_str(r#"{"IsPresent":true}"#).unwrap();
        assert_eq!(back, ComparisonOperator::IsPresent(true));
        assert!(ComparisonOperator::StringEqualsPath("$.a".into()).is_path());
        assert!(!ComparisonOperator::StringMatches("a*".into()).is_path());
        assert_eq!(ComparisonOperator::NAMES.len(), 39);
    }
}
