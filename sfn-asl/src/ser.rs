//! The model → JSON. Fields come out in one fixed order (the order AWS documents them), so the
//! same machine always gives the same bytes.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::{
    BoolExpr, Branch, ChoiceRule, ChoiceState, Condition, FailState, MapState, ParallelState,
    PassState, Processor, State, StateMachine, States, SucceedState, TaskState, Transition,
    WaitDuration, WaitState,
};

/// Writes `key: value` when the value is present.
fn opt<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    key: &str,
    value: Option<&T>,
) -> Result<(), M::Error> {
    match value {
        Some(v) => map.serialize_entry(key, v),
        None => Ok(()),
    }
}

/// Writes `key: [..]` when the list is not empty.
fn list<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &str,
    value: &[T],
) -> Result<(), M::Error> {
    if value.is_empty() {
        Ok(())
    } else {
        map.serialize_entry(key, value)
    }
}

fn transition<M: SerializeMap>(map: &mut M, t: &Transition) -> Result<(), M::Error> {
    match t {
        Transition::Next(next) => map.serialize_entry("Next", next),
        Transition::End => map.serialize_entry("End", &true),
    }
}

struct StatesRef<'a>(&'a States);

impl Serialize for StatesRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, state) in self.0 {
            map.serialize_entry(name, state)?;
        }
        map.end()
    }
}

impl Serialize for StateMachine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        opt(&mut map, "Comment", self.comment.as_ref())?;
        map.serialize_entry("StartAt", &self.start_at)?;
        map.serialize_entry("States", &StatesRef(&self.states))?;
        opt(&mut map, "TimeoutSeconds", self.timeout_seconds.as_ref())?;
        opt(&mut map, "Version", self.version.as_ref())?;
        map.end()
    }
}

impl Serialize for Branch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.entries(&mut map)?;
        map.end()
    }
}

impl Branch {
    fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        opt(map, "QueryLanguage", self.query_language.as_ref())?;
        opt(map, "Comment", self.comment.as_ref())?;
        map.serialize_entry("StartAt", &self.start_at)?;
        map.serialize_entry("States", &StatesRef(&self.states))
    }
}

struct ProcessorRef<'a>(&'a MapState);

impl Serialize for ProcessorRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match &self.0.processor {
            Processor::ItemProcessor(p) => {
                opt(&mut map, "ProcessorConfig", p.processor_config.as_ref())?;
                p.branch.entries(&mut map)?;
            }
            Processor::Iterator(b) => b.entries(&mut map)?,
        }
        map.end()
    }
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", self.type_name())?;
        opt(&mut map, "QueryLanguage", self.query_language().as_ref())?;
        opt(&mut map, "Comment", self.comment())?;
        // One non-inlined function per type: the recursion through nested Parallel and Map
        // states then does not carry every type's temporaries (several kilobytes a level in a
        // debug build, which overflowed a 2 MiB stack at about 300 levels).
        match self {
            State::Task(s) => task_entries(&mut map, s)?,
            State::Pass(s) => pass_entries(&mut map, s)?,
            State::Choice(s) => choice_entries(&mut map, s)?,
            State::Wait(s) => wait_entries(&mut map, s)?,
            State::Succeed(s) => succeed_entries(&mut map, s)?,
            State::Fail(s) => fail_entries(&mut map, s)?,
            State::Parallel(s) => parallel_entries(&mut map, s)?,
            State::Map(s) => map_entries(&mut map, s)?,
        }
        map.end()
    }
}

impl Serialize for ChoiceRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        opt(&mut map, "Comment", self.comment.as_ref())?;
        match &self.condition {
            Condition::JsonPath(expr) => expr.entries(&mut map)?,
            Condition::Jsonata(c) => map.serialize_entry("Condition", c)?,
        }
        opt(&mut map, "Output", self.output.as_ref())?;
        opt(&mut map, "Assign", self.assign.as_ref())?;
        map.serialize_entry("Next", &self.next)?;
        map.end()
    }
}

impl BoolExpr {
    fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        match self {
            BoolExpr::Compare(c) => {
                map.serialize_entry("Variable", &c.variable)?;
                map.serialize_entry(c.operator.name(), &c.operator.operand())
            }
            BoolExpr::And(rules) => map.serialize_entry("And", rules),
            BoolExpr::Or(rules) => map.serialize_entry("Or", rules),
            BoolExpr::Not(rule) => map.serialize_entry("Not", rule),
        }
    }
}

impl Serialize for BoolExpr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.entries(&mut map)?;
        map.end()
    }
}

impl StateMachine {
    /// The definition as compact JSON (byte-stable: same machine, same bytes).
    pub fn to_json(&self) -> String {
        // Serializing to a String cannot fail: every map key is a string and every number is
        // finite (the model holds no NaN: f64 fields come from JSON, which has none, or from the
        // builder, which rejects them).
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The definition as pretty-printed JSON (two-space indent).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The definition as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

impl<'de> serde::Deserialize<'de> for StateMachine {
    /// Deserializes through [`crate::parse`], so every check it makes applies; from a
    /// non-text deserializer the value is first collected as JSON.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let text = serde_json::to_vec(&value).map_err(serde::de::Error::custom)?;
        crate::parse_slice(&text).map_err(serde::de::Error::custom)
    }
}

/// The fields of a `Task` state after `Type`, `QueryLanguage` and `Comment`.
#[inline(never)]
fn task_entries<M: SerializeMap>(map: &mut M, s: &TaskState) -> Result<(), M::Error> {
    map.serialize_entry("Resource", &s.resource)?;
    opt(map, "InputPath", s.input_path.as_ref())?;
    opt(map, "Parameters", s.parameters.as_ref())?;
    opt(map, "Arguments", s.arguments.as_ref())?;
    opt(map, "ResultSelector", s.result_selector.as_ref())?;
    opt(map, "ResultPath", s.result_path.as_ref())?;
    opt(map, "OutputPath", s.output_path.as_ref())?;
    opt(map, "Output", s.output.as_ref())?;
    opt(map, "Assign", s.assign.as_ref())?;
    opt(map, "TimeoutSeconds", s.timeout_seconds.as_ref())?;
    opt(map, "TimeoutSecondsPath", s.timeout_seconds_path.as_ref())?;
    opt(map, "HeartbeatSeconds", s.heartbeat_seconds.as_ref())?;
    opt(
        map,
        "HeartbeatSecondsPath",
        s.heartbeat_seconds_path.as_ref(),
    )?;
    opt(map, "Credentials", s.credentials.as_ref())?;
    list(map, "Retry", &s.retry)?;
    list(map, "Catch", &s.catch)?;
    transition(map, &s.transition)?;
    Ok(())
}

/// The fields of a `Pass` state after `Type`, `QueryLanguage` and `Comment`.
#[inline(never)]
fn pass_entries<M: SerializeMap>(map: &mut M, s: &PassState) -> Result<(), M::Error> {
    opt(map, "InputPath", s.input_path.as_ref())?;
    opt(map, "Parameters", s.parameters.as_ref())?;
    opt(map, "Result", s.result.as_ref())?;
    opt(map, "ResultPath", s.result_path.as_ref())?;
    opt(map, "OutputPath", s.output_path.as_ref())?;
    opt(map, "Output", s.output.as_ref())?;
    opt(map, "Assign", s.assign.as_ref())?;
    transition(map, &s.transition)?;
    Ok(())
}

/// The fields of a `Choice` state after `Type`, `QueryLanguage` and `Comment`.
#[inline(never)]
fn choice_entries<M: SerializeMap>(map: &mut M, s: &ChoiceState) -> Result<(), M::Error> {
    opt(map, "InputPath", s.input_path.as_ref())?;
    map.serialize_entry("Choices", &s.choices)?;
    opt(map, "Default", s.default.as_ref())?;
    opt(map, "OutputPath", s.output_path.as_ref())?;
    opt(map, "Output", s.output.as_ref())?;
    opt(map, "Assign", s.assign.as_ref())?;
    Ok(())
}

/// The fields of a `Wait` state after `Type`, `QueryLanguage` and `Comment`.
#[inline(never)]
fn wait_entries<M: SerializeMap>(map: &mut M, s: &WaitState) -> Result<(), M::Error> {
    opt(map, "InputPath", s.input_path.as_ref())?;
    match &s.duration {
        WaitDuration::Seconds(v) => map.serialize_entry("Seconds", v)?,
        WaitDuration::SecondsPath(v) => map.serialize_entry("SecondsPath", v)?,
        WaitDuration::Timestamp(v) => map.serialize_entry("Timestamp", v)?,
        WaitDuration::TimestampPath(v) => map.serialize_entry("TimestampPath", v)?,
    }
    opt(map, "OutputPath", s.output_path.as_ref())?;
    opt(map, "Output", s.output.as_ref())?;
    opt(map, "Assign", s.assign.as_ref())?;
    transition(map, &s.transition)?;
    Ok(())
}

/// The fields of a `Succeed` state after `Type`, `QueryLanguage` and `Comment`.
#[inline(never)]
fn succeed_entries<M: SerializeMap>(map: &mut M, s: &SucceedState) -> Result<(), M::Error> {
    opt(map, "InputPath", s.input_path.as_ref())?;
    opt(map, "OutputPath", s.output_path.as_ref())?;
    opt(map, "Output", s.output.as_ref())?;
    Ok(())
}

/// The fields of a `Fail` state after `Type`, `QueryLanguage` and `Comment`.
#[inline(never)]
fn fail_entries<M: SerializeMap>(map: &mut M, s: &FailState) -> Result<(), M::Error> {
    opt(map, "Error", s.error.as_ref())?;
    opt(map, "ErrorPath", s.error_path.as_ref())?;
    opt(map, "Cause", s.cause.as_ref())?;
    opt(map, "CausePath", s.cause_path.as_ref())?;
    Ok(())
}

/// The fields of a `Parallel` state after `Type`, `QueryLanguage` and `Comment`.
#[inline(never)]
fn parallel_entries<M: SerializeMap>(map: &mut M, s: &ParallelState) -> Result<(), M::Error> {
    opt(map, "InputPath", s.input_path.as_ref())?;
    opt(map, "Parameters", s.parameters.as_ref())?;
    opt(map, "Arguments", s.arguments.as_ref())?;
    map.serialize_entry("Branches", &s.branches)?;
    opt(map, "ResultSelector", s.result_selector.as_ref())?;
    opt(map, "ResultPath", s.result_path.as_ref())?;
    opt(map, "OutputPath", s.output_path.as_ref())?;
    opt(map, "Output", s.output.as_ref())?;
    opt(map, "Assign", s.assign.as_ref())?;
    list(map, "Retry", &s.retry)?;
    list(map, "Catch", &s.catch)?;
    transition(map, &s.transition)?;
    Ok(())
}

/// The fields of a `Map` state after `Type`, `QueryLanguage` and `Comment`.
#[inline(never)]
fn map_entries<M: SerializeMap>(map: &mut M, s: &MapState) -> Result<(), M::Error> {
    opt(map, "InputPath", s.input_path.as_ref())?;
    opt(map, "ItemReader", s.item_reader.as_ref())?;
    opt(map, "ItemsPath", s.items_path.as_ref())?;
    opt(map, "Items", s.items.as_ref())?;
    opt(map, "ItemSelector", s.item_selector.as_ref())?;
    opt(map, "Parameters", s.parameters.as_ref())?;
    opt(map, "ItemBatcher", s.item_batcher.as_ref())?;
    match &s.processor {
        Processor::ItemProcessor(_) => map.serialize_entry("ItemProcessor", &ProcessorRef(s))?,
        Processor::Iterator(_) => map.serialize_entry("Iterator", &ProcessorRef(s))?,
    }
    opt(map, "ResultWriter", s.result_writer.as_ref())?;
    opt(map, "MaxConcurrency", s.max_concurrency.as_ref())?;
    opt(map, "MaxConcurrencyPath", s.max_concurrency_path.as_ref())?;
    opt(
        map,
        "ToleratedFailurePercentage",
        s.tolerated_failure_percentage.as_ref(),
    )?;
    opt(
        map,
        "ToleratedFailurePercentagePath",
        s.tolerated_failure_percentage_path.as_ref(),
    )?;
    opt(
        map,
        "ToleratedFailureCount",
        s.tolerated_failure_count.as_ref(),
    )?;
    opt(
        map,
        "ToleratedFailureCountPath",
        s.tolerated_failure_count_path.as_ref(),
    )?;
    opt(map, "Label", s.label.as_ref())?;
    opt(map, "ResultSelector", s.result_selector.as_ref())?;
    opt(map, "ResultPath", s.result_path.as_ref())?;
    opt(map, "OutputPath", s.output_path.as_ref())?;
    opt(map, "Output", s.output.as_ref())?;
    opt(map, "Assign", s.assign.as_ref())?;
    list(map, "Retry", &s.retry)?;
    list(map, "Catch", &s.catch)?;
    transition(map, &s.transition)?;
    Ok(())
}
