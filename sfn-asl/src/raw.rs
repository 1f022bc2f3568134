//! The definition as JSON gives it, before it is checked into the model: every field of every
//! state type in one permissive struct, so parsing is one fast serde pass and [`crate::parse`]
//! can report every misplaced field at once, each with its pointer.

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Number, Value};

use crate::model::{
    Catcher, ItemBatcher, ItemReader, ProcessorConfig, QueryLanguage, ResultWriter, Retrier,
};

/// The top-level object.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub(crate) struct RawMachine {
    #[serde(default)]
    pub(crate) query_language: Option<QueryLanguage>,
    #[serde(default)]
    pub(crate) comment: Option<String>,
    #[serde(default)]
    pub(crate) start_at: Option<String>,
    #[serde(default)]
    pub(crate) states: Option<RawStates>,
    #[serde(default)]
    pub(crate) timeout_seconds: Option<Number>,
    #[serde(default)]
    pub(crate) version: Option<String>,
}

/// A `States` object with its entries in order, duplicates kept so they can be reported.
///
/// Each state is boxed as it is read: a `RawState` is large, and serde's layers between a map
/// entry and the state would otherwise each hold a copy of it on the stack, at every level of
/// Parallel or Map nesting.
pub(crate) struct RawStates(pub(crate) Vec<(RawName, Box<RawState>)>);

/// A state's name, with the address of its text inside the input when serde_json could borrow
/// it (a name without escapes): the source map then finds the state without a walk from the top.
pub(crate) struct RawName {
    pub(crate) name: String,
    pub(crate) addr: Option<usize>,
}

impl<'de> Deserialize<'de> for RawName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = RawName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a state name")
            }
            fn visit_borrowed_str<E>(self, name: &'de str) -> Result<RawName, E> {
                Ok(RawName {
                    name: name.to_owned(),
                    addr: Some(name.as_ptr().addr()),
                })
            }
            fn visit_str<E>(self, name: &str) -> Result<RawName, E> {
                Ok(RawName {
                    name: name.to_owned(),
                    addr: None,
                })
            }
            fn visit_string<E>(self, name: String) -> Result<RawName, E> {
                Ok(RawName { name, addr: None })
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

impl<'de> Deserialize<'de> for RawStates {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StatesVisitor;
        impl<'de> Visitor<'de> for StatesVisitor {
            type Value = RawStates;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of states")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawStates, A::Error> {
                let mut states = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some((name, BoxedState(state))) =
                    map.next_entry::<RawName, BoxedState>()?
                {
                    states.push((name, state));
                }
                Ok(RawStates(states))
            }
        }
        deserializer.deserialize_map(StatesVisitor)
    }
}

/// A nested scope: a Parallel branch, an `ItemProcessor` or an `Iterator`.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub(crate) struct RawBranch {
    #[serde(default)]
    pub(crate) comment: Option<String>,
    #[serde(default)]
    pub(crate) query_language: Option<QueryLanguage>,
    #[serde(default)]
    pub(crate) processor_config: Option<ProcessorConfig>,
    #[serde(default)]
    pub(crate) start_at: Option<String>,
    #[serde(default)]
    pub(crate) states: Option<RawStates>,
}

/// Declares [`RawState`] with its fields and their JSON names, and a stack-light deserializer:
/// the state is filled in place inside a `Box`, each member's value is read in its own small
/// frame, unknown and duplicate members are errors (as `deny_unknown_fields` would make them).
macro_rules! raw_state {
    ($(#[$meta:meta])* $( $field:ident : $ty:ty = $json:ident, )*) => {
        $(#[$meta])*
        #[derive(Default)]
        pub(crate) struct RawState {
            $( pub(crate) $field: $ty, )*
            /// Which fields the JSON gave (even as `null`), one bit per [`STATE_FIELDS`] entry.
            pub(crate) present: u64,
        }

        /// One member of a state object, resolved from its key without allocating.
        #[derive(Clone, Copy)]
        #[allow(non_camel_case_types, reason = "variants are spelled as the JSON keys they match")]
        enum StateField {
            $( $json, )*
        }

        /// The JSON names of the state fields, in declaration order.
        pub(crate) const STATE_FIELDS: &[&str] = &[$( stringify!($json) ),*];
        // Duplicates are tracked in a `u64`, one bit per field.
        const _: () = assert!(STATE_FIELDS.len() <= 64);

        impl<'de> Deserialize<'de> for StateField {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct KeyVisitor;
                impl Visitor<'_> for KeyVisitor {
                    type Value = StateField;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a state field name")
                    }
                    fn visit_str<E: de::Error>(self, key: &str) -> Result<StateField, E> {
                        match key {
                            $( stringify!($json) => Ok(StateField::$json), )*
                            other => Err(E::unknown_field(other, STATE_FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(KeyVisitor)
            }
        }

        impl RawState {
            /// Reads the value of `field` from `map` into its place.
            fn read<'de, A: MapAccess<'de>>(
                &mut self,
                field: StateField,
                map: &mut A,
            ) -> Result<(), A::Error> {
                match field {
                    $( StateField::$json => read_into(&mut self.$field, map), )*
                }
            }
        }
    };
}

/// The bits in [`RawState::present`] of the state fields named (JSON names). Meant for const
/// context, so that a name that is not a state field does not compile.
pub(crate) const fn field_mask(names: &[&str]) -> u64 {
    let mut mask = 0;
    let mut i = 0;
    while i < names.len() {
        mask |= 1 << field_index(names[i]);
        i += 1;
    }
    mask
}

/// The index of `name` in [`STATE_FIELDS`]; panics (at compile time) for any other name.
const fn field_index(name: &str) -> usize {
    let mut i = 0;
    while i < STATE_FIELDS.len() {
        if str_eq(STATE_FIELDS[i], name) {
            return i;
        }
        i += 1;
    }
    panic!("not a state field")
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Reads the next map value into `slot`, in a frame of its own.
fn read_into<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut T,
    map: &mut A,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// A state read straight into a `Box` (see [`RawState`]).
struct BoxedState(Box<RawState>);

impl<'de> Deserialize<'de> for BoxedState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StateVisitor;
        impl<'de> Visitor<'de> for StateVisitor {
            type Value = BoxedState;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a state object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BoxedState, A::Error> {
                let mut state = Box::<RawState>::default();
                let mut seen = 0_u64;
                while let Some(field) = map.next_key::<StateField>()? {
                    let bit = 1_u64 << (field as u32);
                    if seen & bit != 0 {
                        return Err(de::Error::duplicate_field(STATE_FIELDS[field as usize]));
                    }
                    seen |= bit;
                    state.read(field, &mut map)?;
                }
                state.present = seen;
                Ok(BoxedState(state))
            }
        }
        deserializer.deserialize_map(StateVisitor)
    }
}

raw_state! {
    /// Every field any state may have. `Present<T>` keeps an explicit `null` apart from absence.
    /// The large fields only Map states (or few Tasks) have are boxed: every state is read into
    /// one of these, so its size is memory touched per state.
    ///
    /// Deserialized by hand (the macro below) rather than derived, straight into a `Box`: the
    /// derived visitor and serde_json's `deserialize_struct` each keep ~25 KiB of stack for a
    /// struct this size in a debug build, at every level of Parallel or Map nesting, which
    /// overflowed a 2 MiB thread stack well inside serde_json's 128-level limit.
    r#type: Option<RawType> = Type,
    comment: Option<String> = Comment,
    query_language: Option<QueryLanguage> = QueryLanguage,
    resource: Option<String> = Resource,
    next: Option<String> = Next,
    end: Option<bool> = End,
    input_path: Present<Option<String>> = InputPath,
    output_path: Present<Option<String>> = OutputPath,
    result_path: Present<Option<String>> = ResultPath,
    parameters: Present<Template> = Parameters,
    result_selector: Present<Template> = ResultSelector,
    result: Present<Template> = Result,
    arguments: Present<Template> = Arguments,
    output: Present<Template> = Output,
    assign: Present<Template> = Assign,
    credentials: Present<Box<Template>> = Credentials,
    timeout_seconds: Option<RawScalar> = TimeoutSeconds,
    timeout_seconds_path: Option<String> = TimeoutSecondsPath,
    heartbeat_seconds: Option<RawScalar> = HeartbeatSeconds,
    heartbeat_seconds_path: Option<String> = HeartbeatSecondsPath,
    retry: Option<Vec<Retrier>> = Retry,
    catch: Option<Vec<Catcher>> = Catch,
    // Choice
    choices: Option<Vec<RawChoiceRule>> = Choices,
    default: Option<String> = Default,
    // Wait
    seconds: Option<RawScalar> = Seconds,
    seconds_path: Option<String> = SecondsPath,
    timestamp: Option<String> = Timestamp,
    timestamp_path: Option<String> = TimestampPath,
    // Fail
    error: Option<String> = Error,
    error_path: Option<String> = ErrorPath,
    cause: Option<String> = Cause,
    cause_path: Option<String> = CausePath,
    // Parallel
    branches: Option<Vec<RawBranch>> = Branches,
    // Map
    item_processor: Option<Box<RawBranch>> = ItemProcessor,
    iterator: Option<Box<RawBranch>> = Iterator,
    items_path: Option<String> = ItemsPath,
    items: Present<Box<Template>> = Items,
    item_selector: Present<Box<Template>> = ItemSelector,
    item_reader: Option<Box<ItemReader>> = ItemReader,
    item_batcher: Option<Box<ItemBatcher>> = ItemBatcher,
    result_writer: Option<Box<ResultWriter>> = ResultWriter,
    max_concurrency: Option<RawScalar> = MaxConcurrency,
    max_concurrency_path: Option<String> = MaxConcurrencyPath,
    tolerated_failure_percentage: Option<RawScalar> = ToleratedFailurePercentage,
    tolerated_failure_percentage_path: Option<String> = ToleratedFailurePercentagePath,
    tolerated_failure_count: Option<RawScalar> = ToleratedFailureCount,
    tolerated_failure_count_path: Option<String> = ToleratedFailureCountPath,
    label: Option<String> = Label,
}

/// A state's `Type`, read without allocating when it is one of the eight state types.
pub(crate) enum RawType {
    Task,
    Pass,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
    /// Anything else, reported with what was given.
    Other(String),
}

impl<'de> Deserialize<'de> for RawType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TypeVisitor;
        impl Visitor<'_> for TypeVisitor {
            type Value = RawType;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, name: &str) -> Result<RawType, E> {
                Ok(match name {
                    "Task" => RawType::Task,
                    "Pass" => RawType::Pass,
                    "Choice" => RawType::Choice,
                    "Wait" => RawType::Wait,
                    "Succeed" => RawType::Succeed,
                    "Fail" => RawType::Fail,
                    "Parallel" => RawType::Parallel,
                    "Map" => RawType::Map,
                    other => RawType::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_str(TypeVisitor)
    }
}

/// A number-or-expression field (`TimeoutSeconds`, `MaxConcurrency`, …) as given: a number,
/// a string, or the kind of anything else (for the message). A third of the size of a `Value`.
pub(crate) enum RawScalar {
    Number(Number),
    String(String),
    Other(&'static str),
}

impl<'de> Deserialize<'de> for RawScalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = RawScalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<RawScalar, E> {
                Ok(RawScalar::Other("a boolean"))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawScalar, E> {
                Ok(RawScalar::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawScalar, E> {
                Ok(RawScalar::Number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawScalar, E> {
                Ok(Number::from_f64(v).map_or(RawScalar::Other("null"), RawScalar::Number))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawScalar, E> {
                Ok(RawScalar::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<RawScalar, E> {
                Ok(RawScalar::String(v))
            }
            fn visit_unit<E>(self) -> Result<RawScalar, E> {
                Ok(RawScalar::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawScalar, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(RawScalar::Other("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawScalar, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(RawScalar::Other("an object"))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// A field that may be absent, `null`, or a value.
#[derive(Default)]
pub(crate) enum Present<T> {
    #[default]
    Absent,
    Value(T),
}

impl<T> Present<T> {
    pub(crate) fn is_present(&self) -> bool {
        matches!(self, Present::Value(_))
    }

    pub(crate) fn into_option(self) -> Option<T> {
        match self {
            Present::Absent => None,
            Present::Value(v) => Some(v),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Present<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Present::Value)
    }
}

/// A JSON value in which every object is checked for duplicate keys (serde_json's `Value` would
/// keep the last silently, and AWS rejects duplicates).
pub(crate) struct Template(pub(crate) Value);

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TemplateVisitor).map(Template)
    }
}

struct TemplateVisitor;

impl<'de> Visitor<'de> for TemplateVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(TemplateVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Template(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Template(value) = map.next_value()?;
            match object.entry(key) {
                serde_json::map::Entry::Occupied(entry) => {
                    return Err(de::Error::custom(format_args!(
                        "duplicate key `{}`",
                        entry.key()
                    )));
                }
                serde_json::map::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
            }
        }
        Ok(Value::Object(object))
    }
}

/// One Choice rule, top-level or nested, with its comparison operators collected by name.
pub(crate) struct RawChoiceRule {
    pub(crate) variable: Option<String>,
    pub(crate) operators: Vec<(&'static str, Value)>,
    pub(crate) and: Option<Vec<RawChoiceRule>>,
    pub(crate) or: Option<Vec<RawChoiceRule>>,
    pub(crate) not: Option<Box<RawChoiceRule>>,
    pub(crate) condition: Option<Value>,
    pub(crate) next: Option<String>,
    pub(crate) assign: Option<Value>,
    pub(crate) output: Option<Value>,
    pub(crate) comment: Option<String>,
}

const RULE_FIELDS: &[&str] = &[
    "Variable",
    "And",
    "Or",
    "Not",
    "Condition",
    "Next",
    "Assign",
    "Output",
    "Comment",
];

impl<'de> Deserialize<'de> for RawChoiceRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RuleVisitor;
        impl<'de> Visitor<'de> for RuleVisitor {
            type Value = RawChoiceRule;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Choice rule object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawChoiceRule, A::Error> {
                let mut rule = RawChoiceRule {
                    variable: None,
                    operators: Vec::new(),
                    and: None,
                    or: None,
                    not: None,
                    condition: None,
                    next: None,
                    assign: None,
                    output: None,
                    comment: None,
                };
                let mut seen = 0_u16;
                while let Some(key) = map.next_key::<RuleKey>()? {
                    let bit = match key {
                        RuleKey::Field(i) => 1_u16 << i,
                        RuleKey::Operator(_) => 0,
                    };
                    let duplicate = match key {
                        RuleKey::Field(_) => seen & bit != 0,
                        RuleKey::Operator(op) => rule.operators.iter().any(|(n, _)| *n == op),
                    };
                    if duplicate {
                        let name = match key {
                            RuleKey::Field(i) => RULE_FIELDS[usize::from(i)],
                            RuleKey::Operator(op) => op,
                        };
                        return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
                    }
                    seen |= bit;
                    match key {
                        RuleKey::Field(0) => rule.variable = Some(map.next_value()?),
                        RuleKey::Field(1) => rule.and = Some(map.next_value()?),
                        RuleKey::Field(2) => rule.or = Some(map.next_value()?),
                        RuleKey::Field(3) => rule.not = Some(Box::new(map.next_value()?)),
                        RuleKey::Field(4) => rule.condition = Some(map.next_value::<Template>()?.0),
                        RuleKey::Field(5) => rule.next = Some(map.next_value()?),
                        RuleKey::Field(6) => rule.assign = Some(map.next_value::<Template>()?.0),
                        RuleKey::Field(7) => rule.output = Some(map.next_value::<Template>()?.0),
                        RuleKey::Field(_) => rule.comment = Some(map.next_value()?),
                        RuleKey::Operator(op) => {
                            let value = map.next_value::<Template>()?.0;
                            rule.operators.push((op, value));
                        }
                    }
                }
                Ok(rule)
            }
        }
        deserializer.deserialize_map(RuleVisitor)
    }
}

static STATIC_RULE_FIELDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// A Choice rule member's key, resolved without allocating: an index into [`RULE_FIELDS`], or
/// a comparison operator's name.
#[derive(Clone, Copy)]
enum RuleKey {
    Field(u8),
    Operator(&'static str),
}

impl<'de> Deserialize<'de> for RuleKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = RuleKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Choice rule field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<RuleKey, E> {
                if let Some(i) = RULE_FIELDS.iter().position(|f| *f == key) {
                    // RULE_FIELDS has 9 entries.
                    return Ok(RuleKey::Field(u8::try_from(i).unwrap_or(u8::MAX)));
                }
                if let Some(op) = crate::model::ComparisonOperator::NAMES
                    .iter()
                    .find(|op| **op == key)
                {
                    return Ok(RuleKey::Operator(op));
                }
                let expected = STATIC_RULE_FIELDS.get_or_init(|| {
                    let mut all = RULE_FIELDS.to_vec();
                    all.extend_from_slice(crate::model::ComparisonOperator::NAMES);
                    all
                });
                Err(E::unknown_field(key, expected.as_slice()))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    fn first_error(text: &str) -> (String, String) {
        let error = crate::parse(text).expect_err("the definition is rejected");
        let d = &error.diagnostics.0[0];
        (d.code.id().to_owned(), d.message.clone())
    }

    #[test]
    fn a_state_field_given_twice_is_a_duplicate_key() {
        let (code, message) =
            first_error(r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"End":true}}}"#);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("duplicate_key", "duplicate field `End`")
        );
    }

    #[test]
    fn an_unknown_state_field_lists_the_known_ones() {
        let (code, message) =
            first_error(r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Nxt":"B"}}}"#);
        assert_eq!(code, "unknown_field");
        assert!(
            message.starts_with("unknown field `Nxt`, expected one of `Type`, `Comment`"),
            "{message}"
        );
    }

    #[test]
    fn a_state_that_is_not_an_object_says_what_was_expected() {
        let (code, message) = first_error(r#"{"StartAt":"A","States":{"A":[]}}"#);
        assert_eq!(code, "invalid_type");
        assert_eq!(message, "invalid type: sequence, expected a state object");
    }

    #[test]
    fn escaped_field_names_are_recognised() {
        let machine =
            crate::parse(r#"{"StartAt":"A","States":{"A":{"\u0054ype":"Succeed"}}}"#).unwrap();
        assert_eq!(
            machine.to_json(),
            r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#
        );
    }
}
