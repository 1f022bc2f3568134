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
pub(crate) struct RawStates(pub(crate) Vec<(String, RawState)>);

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
                while let Some((name, state)) = map.next_entry::<String, RawState>()? {
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

/// Every field any state may have. `Present<T>` keeps an explicit `null` apart from absence.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub(crate) struct RawState {
    #[serde(default)]
    pub(crate) r#type: Option<String>,
    #[serde(default)]
    pub(crate) comment: Option<String>,
    #[serde(default)]
    pub(crate) query_language: Option<QueryLanguage>,
    #[serde(default)]
    pub(crate) resource: Option<String>,
    #[serde(default)]
    pub(crate) next: Option<String>,
    #[serde(default)]
    pub(crate) end: Option<bool>,
    #[serde(default)]
    pub(crate) input_path: Present<Option<String>>,
    #[serde(default)]
    pub(crate) output_path: Present<Option<String>>,
    #[serde(default)]
    pub(crate) result_path: Present<Option<String>>,
    #[serde(default)]
    pub(crate) parameters: Present<Template>,
    #[serde(default)]
    pub(crate) result_selector: Present<Template>,
    #[serde(default)]
    pub(crate) result: Present<Template>,
    #[serde(default)]
    pub(crate) arguments: Present<Template>,
    #[serde(default)]
    pub(crate) output: Present<Template>,
    #[serde(default)]
    pub(crate) assign: Present<Template>,
    #[serde(default)]
    pub(crate) credentials: Present<Template>,
    #[serde(default)]
    pub(crate) timeout_seconds: Option<Value>,
    #[serde(default)]
    pub(crate) timeout_seconds_path: Option<String>,
    #[serde(default)]
    pub(crate) heartbeat_seconds: Option<Value>,
    #[serde(default)]
    pub(crate) heartbeat_seconds_path: Option<String>,
    #[serde(default)]
    pub(crate) retry: Option<Vec<Retrier>>,
    #[serde(default)]
    pub(crate) catch: Option<Vec<Catcher>>,
    // Choice
    #[serde(default)]
    pub(crate) choices: Option<Vec<RawChoiceRule>>,
    #[serde(default)]
    pub(crate) default: Option<String>,
    // Wait
    #[serde(default)]
    pub(crate) seconds: Option<Value>,
    #[serde(default)]
    pub(crate) seconds_path: Option<String>,
    #[serde(default)]
    pub(crate) timestamp: Option<String>,
    #[serde(default)]
    pub(crate) timestamp_path: Option<String>,
    // Fail
    #[serde(default)]
    pub(crate) error: Option<String>,
    #[serde(default)]
    pub(crate) error_path: Option<String>,
    #[serde(default)]
    pub(crate) cause: Option<String>,
    #[serde(default)]
    pub(crate) cause_path: Option<String>,
    // Parallel
    #[serde(default)]
    pub(crate) branches: Option<Vec<RawBranch>>,
    // Map
    #[serde(default)]
    pub(crate) item_processor: Option<RawBranch>,
    #[serde(default)]
    pub(crate) iterator: Option<RawBranch>,
    #[serde(default)]
    pub(crate) items_path: Option<String>,
    #[serde(default)]
    pub(crate) items: Present<Template>,
    #[serde(default)]
    pub(crate) item_selector: Present<Template>,
    #[serde(default)]
    pub(crate) item_reader: Option<ItemReader>,
    #[serde(default)]
    pub(crate) item_batcher: Option<ItemBatcher>,
    #[serde(default)]
    pub(crate) result_writer: Option<ResultWriter>,
    #[serde(default)]
    pub(crate) max_concurrency: Option<Value>,
    #[serde(default)]
    pub(crate) max_concurrency_path: Option<String>,
    #[serde(default)]
    pub(crate) tolerated_failure_percentage: Option<Value>,
    #[serde(default)]
    pub(crate) tolerated_failure_percentage_path: Option<String>,
    #[serde(default)]
    pub(crate) tolerated_failure_count: Option<Value>,
    #[serde(default)]
    pub(crate) tolerated_failure_count_path: Option<String>,
    #[serde(default)]
    pub(crate) label: Option<String>,
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
            if object.contains_key(&key) {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// One Choice rule, top-level or nested, with its comparison operators collected by name.
pub(crate) struct RawChoiceRule {
    pub(crate) variable: Option<String>,
    pub(crate) operators: Vec<(String, Value)>,
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
                let mut seen: Vec<String> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if seen.contains(&key) {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                    match key.as_str() {
                        "Variable" => rule.variable = Some(map.next_value()?),
                        "And" => rule.and = Some(map.next_value()?),
                        "Or" => rule.or = Some(map.next_value()?),
                        "Not" => rule.not = Some(Box::new(map.next_value()?)),
                        "Condition" => rule.condition = Some(map.next_value::<Template>()?.0),
                        "Next" => rule.next = Some(map.next_value()?),
                        "Assign" => rule.assign = Some(map.next_value::<Template>()?.0),
                        "Output" => rule.output = Some(map.next_value::<Template>()?.0),
                        "Comment" => rule.comment = Some(map.next_value()?),
                        op if crate::model::ComparisonOperator::NAMES.contains(&op) => {
                            let value = map.next_value::<Template>()?.0;
                            rule.operators.push((key.clone(), value));
                        }
                        other => {
                            let mut expected = RULE_FIELDS.to_vec();
                            expected.extend_from_slice(crate::model::ComparisonOperator::NAMES);
                            return Err(de::Error::unknown_field(
                                other,
                                // serde wants a 'static list; leak-free: the names are static.
                                STATIC_RULE_FIELDS.get_or_init(|| expected).as_slice(),
                            ));
                        }
                    }
                    seen.push(key);
                }
                Ok(rule)
            }
        }
        deserializer.deserialize_map(RuleVisitor)
    }
}

static STATIC_RULE_FIELDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
